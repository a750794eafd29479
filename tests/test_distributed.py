"""Scale-out: a 2-worker Dask cluster stores what one process stores; Parquet in (out:
tests/export/test_parquet.py); JSON Lines streamed line by line."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from claimledger import pipeline
from claimledger.ingest import read_file
from claimledger.ingest.lines import numbered_lines
from claimledger.model import Article, Failure
from claimledger.store import open_store

pa = pytest.importorskip("pyarrow", reason="the scale extra is not installed: pip install '.[scale]'")
pq = pytest.importorskip("pyarrow.parquet")
pytest.importorskip("dask.distributed", reason="the scale extra is not installed: pip install '.[scale]'")

from claimledger.scale import Cluster, OnCluster, connect  # noqa: E402

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples" / "mm"


def _corpus(folder: Path) -> Path:
    """Eight sample articles as JSON Lines, with a broken line and a repeated id among them."""
    lines = []
    for i, path in enumerate(sorted(SAMPLES.glob("mm-*.txt"))[:8]):
        text = path.read_text("utf-8").split("\n", 1)[1]
        lines.append(json.dumps({"id": path.stem, "text": text}))
        if i == 3:
            lines.append("{not json")
    lines.append(json.dumps({"id": "mm-001", "text": "A repeated id: 5 people were killed."}))
    shared = ("Witnesses said security forces fired live rounds at thousands of marchers "
              "outside the provincial governor's office on Sunday.")
    lines.insert(1, json.dumps({"id": "wire-1", "published": "2020-01-05", "text": shared}))
    lines.append(json.dumps({"id": "wire-2", "published": "2020-01-06",
                             "text": f"Unrest spread across the region. {shared} The city was calm later."}))
    out = folder / "corpus.jsonl"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def _stored(store) -> tuple:
    return ([c.to_record() for c in store.claims()], [a.id for a in store.articles()],
            [f.message() for f in store.failures()], list(store.copies()), store.events())


@pytest.fixture(scope="module")
def client():
    with connect(Cluster(workers=2)) as c:
        yield c


def test_a_two_worker_cluster_stores_exactly_what_one_process_stores(tmp_path, extractor, client):
    corpus = _corpus(tmp_path)
    with open_store(tmp_path / "one.db") as store:
        one = pipeline.ingest_paths([corpus], store, extractor, batch_size=3)
        expected = _stored(store)
    with open_store(tmp_path / "dask.db") as store:
        report = pipeline.ingest_paths([corpus], store, OnCluster(client), batch_size=3)
        assert _stored(store) == expected
        assert (report.new, report.claims, report.failed, report.copies) == (one.new, one.claims,
                                                                             one.failed, one.copies)
        assert report.new == 10 and report.failed == 2 and report.claims > 0 and report.copies == 1
        again = pipeline.ingest_paths([corpus], store, OnCluster(client), batch_size=3)
        assert (again.new, again.unchanged, again.claims) == (0, 10, 0)
        assert _stored(store) == expected


def _told(run) -> list[tuple[str, int, int | None]]:
    told = []
    run(lambda stage, done, total: told.append((stage, done, total)))
    return told


def test_progress_is_told_with_and_without_workers(tmp_path, extractor, client):
    corpus = _corpus(tmp_path)
    with open_store(tmp_path / "one.db") as store:
        one = _told(lambda p: pipeline.ingest_paths([corpus], store, extractor, batch_size=3, progress=p))
    with open_store(tmp_path / "dask.db") as store:
        dask = _told(lambda p: pipeline.ingest_paths([corpus], store, OnCluster(client), batch_size=3,
                                                  progress=p))
    for told in (one, dask):  # batches land later on the cluster: the order of stages differs
        articles = [done for stage, done, _ in told if stage == "articles"]
        assert articles == sorted(articles) and articles[-1] == 10 and len(articles) >= 4
        assert [t for t in told if t[0] == "files"] == [("files", 1, 1)]
        assert told[-1] == ("events", 0, None)
        copies = [t for t in told if t[0] == "copies"]  # then how far, if any are left to index
        assert copies[0] == ("copies", 0, None) and told[-1 - len(copies):-1] == copies
        assert all(total == copies[-1][2] and done <= total for _, done, total in copies[1:])
    assert one[-2][1:] == (10, 10) and dask[-2] == ("copies", 0, None)  # found per batch there


def test_articles_in_memory_are_stored_alike_here_and_on_the_cluster(tmp_path, extractor, client):
    articles = [a for a in read_file(_corpus(tmp_path)) if isinstance(a, Article)]
    articles.append(Article("mm-001", "A later version: 5 people were killed."))  # out on the cluster
    stored, reports = [], []
    for name, extraction in (("one", extractor), ("dask", OnCluster(client))):
        with open_store(tmp_path / f"{name}.db") as store:
            report = pipeline.ingest_articles(articles, store, extraction, batch_size=3)
            stored.append(_stored(store))
            reports.append((report.new, report.changed, report.claims, report.copies))
    assert stored[0] == stored[1] and reports[0] == reports[1]
    assert reports[0][:2] == (10, 1) and any(c["article"] == "mm-001" and c["value"] == 5
                                              for c in stored[0][0])


def test_a_bare_client_is_not_an_extraction(tmp_path, client):
    with open_store(tmp_path / "c.db") as store, pytest.raises(TypeError, match=r"scale\.OnCluster\(client\)"):
        pipeline.ingest_paths([tmp_path], store, client)


class _Worker:
    """What ``extract_batch`` finds on a worker: the extractor its plugin loaded."""

    def __init__(self, extractor):
        from types import SimpleNamespace

        from claimledger.scale.cluster import PLUGIN
        self.plugins = {PLUGIN: SimpleNamespace(extractor=extractor)}


class _Pending:
    def __init__(self, run):
        self.result, self.release = run, lambda: None


class _HereClient:
    """A Dask client whose one worker is this process; the ``fail``-th batch sent is lost."""

    def __init__(self, fail: int | None = None):
        self.fail, self.sent, self.cancelled = fail, 0, []

    def scheduler_info(self) -> dict:
        return {"workers": {"here": {}}}

    def submit(self, task, articles, pure=True):
        self.sent += 1
        return _Pending(self._lost if self.sent == self.fail else lambda: task(articles))

    def cancel(self, pending) -> None:
        self.cancelled.extend(pending)

    @staticmethod
    def _lost():
        raise OSError("worker lost")


def test_a_batch_lost_on_the_cluster_stops_the_ingest_and_a_rerun_goes_on(tmp_path, extractor,
                                                                          monkeypatch):
    import dask.distributed

    from claimledger.errors import ClaimledgerError
    monkeypatch.setattr(dask.distributed, "get_worker", lambda: _Worker(extractor))
    corpus = _corpus(tmp_path)
    with open_store(tmp_path / "one.db") as store:
        pipeline.ingest_paths([corpus], store, extractor, batch_size=3)
        expected = _stored(store)
    with open_store(tmp_path / "dask.db") as store:
        lost = _HereClient(fail=2)  # of 4 batches, 3 out at once: the 1st is stored when the 4th goes
        with pytest.raises(ClaimledgerError, match=r"failed on the cluster \(OSError: worker lost\).*"
                                                   "run the same command again"):
            pipeline.ingest_paths([corpus], store, OnCluster(lost), batch_size=3)
        assert len(list(store.articles())) == 3 and len(lost.cancelled) == 2
        again = pipeline.ingest_paths([corpus], store, OnCluster(_HereClient()), batch_size=3)
        assert (again.new, again.unchanged, again.failed) == (7, 3, 2)
        assert _stored(store) == expected


def _worker_settings():
    import os

    import dask
    return os.environ.get("MALLOC_TRIM_THRESHOLD_"), dask.config.get("distributed.worker.profile.enabled")


def test_local_workers_run_without_dasks_trim_threshold_and_profiler(client):
    # the environment this process started with (a nanny writes its variables into
    # os.environ, so that cannot tell whether the user set one)
    start = Path("/proc/self/environ")
    if not start.exists() or b"MALLOC_TRIM_THRESHOLD_=" in start.read_bytes():
        pytest.skip("cannot tell whether MALLOC_TRIM_THRESHOLD_ was set before the cluster started")
    assert set(client.run(_worker_settings).values()) == {(None, False)}


def _worker_config(keys):
    import dask
    return tuple(dask.config.get(k) for k in keys)


def test_local_workers_poll_as_local_config_says(client):
    from claimledger.scale.cluster import LOCAL_CONFIG
    keys = sorted(k for k in LOCAL_CONFIG if "pre-spawn-environ" not in k)
    assert set(client.run(_worker_config, keys).values()) == {tuple(LOCAL_CONFIG[k] for k in keys)}


def test_the_docs_give_own_workers_the_local_clusters_settings():
    """docs/scale.md's YAML for your own workers is LOCAL_CONFIG, key for key."""
    import re

    import yaml

    from claimledger.scale.cluster import LOCAL_CONFIG
    doc = (Path(__file__).parents[1] / "docs" / "scale.md").read_text("utf-8")
    (block,) = re.findall(r"```yaml\n(distributed:.*?)```", doc, re.S)

    def flat(tree, prefix=""):
        for k, v in tree.items():
            if isinstance(v, dict):
                yield from flat(v, f"{prefix}{k}.")
            else:
                yield f"{prefix}{k}", v
    assert dict(flat(yaml.safe_load(block))) == LOCAL_CONFIG


def test_an_unreachable_scheduler_says_so():
    from claimledger.errors import ClaimledgerError
    with pytest.raises(ClaimledgerError, match="cannot reach the Dask scheduler"):
        with connect(Cluster(address="tcp://127.0.0.1:9")):
            pass


def test_parquet_input_is_read_row_group_by_row_group(tmp_path):
    rows = [{"id": "p1", "text": "Five people were killed.", "published": "2020-01-02"},
            {"id": "p2", "text": "", "published": None},
            {"id": "p1", "text": "Again.", "published": None},
            {"id": None, "text": "No id here.", "published": None}]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "news.parquet", row_group_size=2)
    got = list(read_file(tmp_path / "news.parquet"))
    assert [type(x).__name__ for x in got] == ["Article", "Failure", "Failure", "Article"]
    assert got[0].published == date(2020, 1, 2) and got[0].origin.endswith("news.parquet:1")
    assert got[2].line == 3 and "duplicate id 'p1'" in got[2].reason
    assert got[3].id == "news:4"


def test_parquet_without_a_text_column_is_one_failure(tmp_path):
    pq.write_table(pa.Table.from_pylist([{"body": "x"}]), tmp_path / "f.parquet")
    [failure] = read_file(tmp_path / "f.parquet")
    assert isinstance(failure, Failure) and "--map text=COLUMN" in failure.reason


@pytest.mark.parametrize("chunk", [1, 7, 1 << 20])
def test_jsonl_lines_stream_every_line_once(tmp_path, chunk):
    path = tmp_path / "a.jsonl"
    lines = [b'{"text": "one"}', b"", b'{"text": "tw\xc3\xb6"}', b"\xff bad", b'{"text": "last"}']
    path.write_bytes(b"\xef\xbb\xbf" + b"\n".join(lines))  # a BOM, no final newline
    got = list(numbered_lines(path, "a", chunk=chunk))
    assert [n for n, _ in got] == [1, 2, 3, 4, 5]
    assert [x for _, x in got if isinstance(x, str)] == ['{"text": "one"}', "", '{"text": "twö"}',
                                                          '{"text": "last"}']
    assert isinstance(got[3][1], Failure) and got[3][1].line == 4


@pytest.mark.parametrize("data, reason", [(b" \n\n ", "empty file"), (b'{"text": "a"}\n\x00', "offset 14")])
def test_jsonl_whole_file_checks_still_hold(tmp_path, data, reason):
    path = tmp_path / "a.jsonl"
    path.write_bytes(data)
    [(number, failure)] = numbered_lines(path, "a", chunk=4)
    assert number == 1 and reason in failure.reason


def test_jsonl_is_not_read_whole(tmp_path, monkeypatch):
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "Five people were killed."}\n', encoding="utf-8")
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read whole"))
    assert isinstance(next(read_file(path)), Article)


@pytest.mark.parametrize("workers", [None, "1"])
def test_the_article_size_limit_holds_with_and_without_workers(tmp_path, monkeypatch, workers):
    from click.testing import CliRunner

    from claimledger.cli import main
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CLAIMLEDGER_MAX_ARTICLE_MB", "0.0001")  # 100 bytes
    data = tmp_path / "in.jsonl"
    data.write_text(json.dumps({"id": "short", "text": "Police arrested 30 people."}) + "\n"
                    + json.dumps({"id": "long", "text": "Police arrested 30 people. " * 10}) + "\n")
    args = ["ingest", str(data), "--db", str(tmp_path / "c.db")] + (["--workers", workers] if workers else [])
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    with open_store(tmp_path / "c.db") as store:
        assert [a.id for a in store.articles()] == ["short"]
        assert [f.message() for f in store.failures()] and "MB" in store.failures()[0].message()
