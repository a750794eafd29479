"""Property tests of the readers: on any bytes they return Articles or Failures, never
raise; a failure is one line; a text article's body is the decoded file's own tail."""
from __future__ import annotations

import codecs
import json
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimledger.ingest import read_file
from claimledger.ingest.guard import read_limited
from claimledger.ingest.jsonl import parse_line
from claimledger.ingest.text import decode, parse_text
from claimledger.model import Article, Failure

TODAY = date(2024, 6, 1)
HEADERS = st.sampled_from(["", " date 2021-03-05 ", "date 2021-03-05\n", "date 2999-01-01\n",
                           "date 2021-02-30 ", " date 99 ", "DATE: 2020-01-01\r\n\r\n"])
BYTES = st.one_of(
    st.binary(max_size=200),
    st.tuples(HEADERS, st.text(max_size=200)).map(lambda p: (p[0] + p[1]).encode("utf-8")),
    st.text(max_size=100).map(lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le", "surrogatepass")),
)
JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)
RECORDS = st.fixed_dictionaries({}, optional={
    "id": JSON_VALUES, "text": st.text(max_size=80) | JSON_VALUES, "published": st.text(max_size=12)
    | JSON_VALUES | st.dates().map(str), "title": JSON_VALUES, "url": JSON_VALUES})
SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


def one_line(item: Article | Failure) -> None:
    assert isinstance(item, (Article, Failure))
    if isinstance(item, Failure):
        assert item.reason and "\n" not in item.message()


@SETTINGS
@given(BYTES)
def test_text_reader_takes_any_bytes(data):
    raw = decode(data, "x.txt")
    if isinstance(raw, Failure):
        return one_line(raw)
    item = parse_text(raw, "x", "x.txt", TODAY)
    one_line(item)
    if isinstance(item, Article):
        assert raw.endswith(item.text) and item.text.strip()  # stored exactly as read


@SETTINGS
@given(RECORDS | JSON_VALUES, st.integers(1, 10**6))
def test_jsonl_line_takes_any_json(record, number):
    item = parse_line(json.dumps(record), number, "feed", "feed.jsonl", TODAY)
    one_line(item)
    if isinstance(item, Article):
        assert item.text == record["text"]
        assert item.published is None or item.published <= TODAY.replace(day=2)


@SETTINGS
@given(st.text(max_size=60), st.integers(1, 10**6))
def test_jsonl_line_takes_any_text(line, number):
    one_line(parse_line(line, number, "feed", "feed.jsonl", TODAY))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(BYTES, st.sampled_from(["a.txt", "a.jsonl", "a.html", "a.csv", "a.xml", "a.bin"]))
def test_every_reader_takes_any_file(tmp_path_factory, data, name):
    path = Path(tmp_path_factory.mktemp("any")) / name
    path.write_bytes(data)
    for item in read_limited(path, 10_000):
        one_line(item)
        if isinstance(item, Article):  # what the guard lets through can be stored
            item.text.encode("utf-8")
            assert len(item.text) <= 10_000
    list(read_file(path))  # and the bare readers do not raise either
