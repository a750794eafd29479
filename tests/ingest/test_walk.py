"""Files and folders: recursion, order, hidden files, skipped kinds, symlink loops."""
from __future__ import annotations

import os
from datetime import date

import pytest

from claimledger.ingest import read_paths, walk
from claimledger.model import Article, Failure

TODAY = date(2024, 6, 1)


def tree(root, files):
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")


@pytest.fixture
def corpus(tmp_path):
    tree(tmp_path, {
        "b.txt": "date 2020-01-02 two",
        "a.txt": "date 2020-01-01 one",
        "sub/c.text": "three",
        "sub/deeper/d.ndjson": '{"id": "d", "text": "four"}',
        "sub/e.HTM": "<html><body><article><p>" + "Five hundred marched. " * 5
                     + "</p></article></body></html>",
        "notes.md": "# not an article",
        "sub/image.png": "not really",
        ".hidden.txt": "date 2020-01-01 secret",
        ".git/config.txt": "date 2020-01-01 secret",
    })
    return tmp_path


def test_walk_sorted_recursive_skipping_hidden_and_counting_others(corpus):
    found = walk([corpus])
    assert [p.relative_to(corpus).as_posix() for p in found.files] == [
        "a.txt", "b.txt", "sub/c.text", "sub/deeper/d.ndjson", "sub/e.HTM"]
    assert sorted(p.name for p in found.skipped) == ["image.png", "notes.md"]
    assert found.failures == ()


def test_read_paths_reads_every_kind(corpus):
    items = list(read_paths([corpus], today=TODAY))
    assert all(isinstance(i, Article) for i in items)
    assert [i.id for i in items] == ["a", "b", "c", "d", "e"]


def test_named_file_of_unknown_kind_is_text(corpus):
    [article] = read_paths([corpus / "notes.md"], today=TODAY)
    assert article.id == "notes" and article.text == "# not an article"


def test_named_hidden_file_is_read(corpus):
    [article] = read_paths([corpus / ".hidden.txt"], today=TODAY)
    assert article.text == "secret"


def test_a_single_path_is_not_split_into_characters(corpus):
    assert [a.id for a in read_paths(str(corpus / "a.txt"), today=TODAY)] == ["a"]


def test_same_file_twice_is_read_once(corpus):
    assert len(walk([corpus / "a.txt", corpus, corpus / "a.txt"]).files) == 5


def test_missing_path_is_a_failure(tmp_path):
    [failure] = read_paths([tmp_path / "nope"], today=TODAY)
    assert isinstance(failure, Failure) and "no such file or folder" in failure.reason


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks here")
def test_symlink_loop_is_walked_once(corpus):
    (corpus / "sub" / "loop").symlink_to(corpus, target_is_directory=True)
    (corpus / "sub" / "again.txt").symlink_to(corpus / "a.txt")
    (corpus / "dangling.txt").symlink_to(corpus / "gone.txt")
    found = walk([corpus])
    assert len(found.files) == 5
    # an article file that links to nothing is named, not silently skipped
    assert [f.origin for f in found.failures] == [str(corpus / "dangling.txt")]
    assert "broken link" in found.failures[0].reason


def test_unreadable_file_is_a_failure(corpus):
    path = corpus / "a.txt"
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as a user who can read anything")
        [failure] = read_paths([path], today=TODAY)
        assert "cannot read the file" in failure.reason
    finally:
        path.chmod(0o644)


def test_public_names():
    import claimledger.ingest as module
    assert set(module.__all__) >= {"read_paths", "read_file", "walk", "Walked"}
