"""Worker processes pinned to their tasks: the tasks sent to worker ``k`` run there in
order, so a worker still holds what an earlier task of its own prepared.

    workers = Workers(2, make)              # make() builds each worker's object, after the fork
    pending = workers.submit(k, "method", *args)
    pending.result()                        # the method's return value (or RuntimeError)
    workers.close()

``Here(obj)`` runs the same calls in this process, for small runs. Workers are forked
(before any thread of ours starts); they ignore Ctrl-C (the parent stops them), keep
no garbage collector (the work makes no reference cycles), and exit when their parent
is gone. concurrent.futures' pools give no worker affinity, which copy detection
needs: a batch is aligned where its texts were prepared.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import queue
import signal
import traceback
from collections import deque
from collections.abc import Callable


class Done:
    """The result of a task run in this process."""

    def __init__(self, value):
        self.value = value

    def result(self):
        return self.value


class Here:
    """Tasks run in this process, as they are sent."""

    def __init__(self, worker):
        self.worker = worker

    def submit(self, k: int, task: str, *args) -> Done:
        return Done(getattr(self.worker, task)(*args))

    def close(self, failed: bool = False) -> None:
        pass


class Workers:
    """``n`` worker processes, forked before any thread starts (a queue's feeder
    thread); the tasks sent to one run in order, so it still holds the texts of the
    batch it prepared when it aligns that batch."""

    def __init__(self, n: int, make: Callable[[], object], name: str = "claimledger-worker"):
        context = multiprocessing.get_context("fork")
        self._queues = [(context.Queue(), context.Queue()) for _ in range(n)]
        # the parent's pid, taken here: a child that asked after the fork could already
        # have been handed to init, if this process died first, and never notice
        parent = os.getpid()
        self._processes = [context.Process(target=_serve, args=(tasks, results, make, parent),
                                           daemon=True, name=f"{name}-{k}")
                           for k, (tasks, results) in enumerate(self._queues)]
        self._waiting: list[deque[Pending]] = [deque() for _ in range(n)]
        try:
            for process in self._processes:
                process.start()
        except BaseException:
            self.close(failed=True)
            raise

    def submit(self, k: int, task: str, *args) -> Pending:
        self._queues[k][0].put((task, args))
        pending = Pending(self, k)
        self._waiting[k].append(pending)
        return pending

    def _receive(self, k: int) -> None:
        """The next result of worker ``k``, to the task waiting first for it."""
        while True:
            try:
                ok, value = self._queues[k][1].get(timeout=1.0)
                break
            except queue.Empty:
                if not self._processes[k].is_alive():
                    raise RuntimeError(f"worker process {k} died "
                                       f"(exit code {self._processes[k].exitcode})") from None
        self._waiting[k].popleft().settle(ok, value)

    def close(self, failed: bool = False) -> None:
        """Stop the workers: when they are done (a failure: at once)."""
        for (tasks, _), process in zip(self._queues, self._processes):
            if process.pid is None:
                continue
            if failed:
                process.kill()
            else:
                tasks.put(None)
        for (tasks, results), process in zip(self._queues, self._processes):
            if process.pid is not None:
                process.join(None if not failed else 10)
            tasks.close()
            results.close()
            if failed:
                tasks.cancel_join_thread()  # what the dead worker did not read
            else:
                tasks.join_thread()  # no thread left behind


class Pending:
    def __init__(self, workers: Workers, k: int):
        self.workers, self.k, self.done = workers, k, False
        self.ok, self.value = False, None

    def settle(self, ok: bool, value) -> None:
        self.ok, self.value, self.done = ok, value, True

    def result(self):
        while not self.done:
            self.workers._receive(self.k)
        if not self.ok:
            raise RuntimeError(f"a worker process failed:\n{self.value}")
        return self.value


def _serve(tasks, results, make: Callable[[], object], parent: int) -> None:
    """A worker process: runs the tasks it is sent until it is sent None, or its parent
    is gone (killed: it cannot say so)."""
    # the work makes no reference cycles; collections would only walk the kept texts
    gc.disable()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C: the parent stops the workers
    worker = make()
    while True:
        try:
            item = tasks.get(timeout=2.0)
        except queue.Empty:
            if os.getppid() != parent:
                results.cancel_join_thread()  # nobody reads what is left
                return
            continue
        if item is None:
            return
        task, args = item
        try:
            results.put((True, getattr(worker, task)(*args)))
        except Exception:
            results.put((False, traceback.format_exc()))
