"""A damaged incremental cache (OUT/.geomap-cache/articles.sqlite) never stops a run: a damaged database is
replaced with a warning, damaged entries are dropped and extracted again, and a cache that cannot be used at
all (a folder in its place, locked by another run) is passed over with a warning. Results stay the same."""

from __future__ import annotations

import logging
import sqlite3

import fake_extract
import pytest

from geomap import pipeline
from geomap.engine.cache import CACHE_DIR, CACHE_FILE, ArticleCache, load_result
from geomap.models import Incident
from geomap.pipeline import RunOptions, RunSummary, collect_incidents


@pytest.fixture(autouse=True)
def fake(monkeypatch):
    monkeypatch.setattr(pipeline, "extract_article", fake_extract.fake_extract)
    fake_extract.CALLS.clear()
    return fake_extract.CALLS


@pytest.fixture
def cached_run(tmp_path, gazetteer, fake):
    """A corpus of 6 articles run once (so every article is cached); returns (corpus, options, incidents)."""
    corpus = tmp_path / "corpus"
    fake_extract.write_corpus(corpus, 6)
    options = RunOptions(out_dir=tmp_path / "out", progress=False)
    incidents = collect_incidents([corpus], options, gazetteer, RunSummary())
    fake.clear()
    return corpus, options, [i.to_dict() for i in incidents]


def database(options: RunOptions):
    return options.out_dir / CACHE_DIR / CACHE_FILE


def rerun(corpus, options, gazetteer, caplog) -> tuple[list[dict], RunSummary, list[str]]:
    summary = RunSummary()
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        incidents = collect_incidents([corpus], options, gazetteer, summary)
    return [i.to_dict() for i in incidents], summary, [r.getMessage() for r in caplog.records]


def _truncate(path):
    path.write_bytes(path.read_bytes()[:3000])


def _overwrite(path):
    path.write_bytes(b"this is not SQLite " * 300)


def _empty(path):
    path.write_bytes(b"")


def _other_layout(path):
    path.unlink()
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE articles (x INTEGER)")


@pytest.mark.parametrize(("damage", "reason"), [
    (_truncate, "database disk image is malformed"),
    (_overwrite, "file is not a database"),
    (_other_layout, "a table 'articles' with the columns x"),
])
def test_a_damaged_database_is_replaced_with_one_warning(cached_run, gazetteer, fake, caplog, damage, reason):
    corpus, options, first = cached_run
    for suffix in ("-wal", "-shm"):
        database(options).with_name(CACHE_FILE + suffix).unlink(missing_ok=True)
    damage(database(options))
    incidents, summary, warnings = rerun(corpus, options, gazetteer, caplog)
    assert incidents == first and len(fake) == 6 and summary.cached == 0
    assert warnings == [f"{database(options)}: the article cache is damaged ({reason}); starting a new one, so "
                        "its articles are extracted again"]
    fake.clear()
    _, summary, warnings = rerun(corpus, options, gazetteer, caplog)  # the new cache works
    assert summary.cached == 6 and fake == [] and warnings == []


def test_an_empty_file_is_simply_a_new_cache(cached_run, gazetteer, fake, caplog):
    corpus, options, first = cached_run
    _empty(database(options))
    incidents, summary, warnings = rerun(corpus, options, gazetteer, caplog)
    assert incidents == first and len(fake) == 6 and warnings == []


@pytest.mark.parametrize("payload", ['{"mentions": [', '{"mentions": 5}', '{"mentions": [{"x": 1}], "incidents": []}',
                                     '{"mentions": [], "incidents": [{"date": "garbage"}]}', "null"])
def test_damaged_entries_are_dropped_and_extracted_again(cached_run, gazetteer, fake, caplog, payload):
    corpus, options, first = cached_run
    with sqlite3.connect(database(options)) as db:
        db.execute("UPDATE articles SET payload = ? WHERE rowid IN (2, 4)", (payload,))
    incidents, summary, warnings = rerun(corpus, options, gazetteer, caplog)
    assert incidents == first and len(fake) == 2 and summary.cached == 4
    assert warnings == [f"{database(options)}: 2 damaged cache entries were dropped and extracted again"]
    fake.clear()
    _, summary, _ = rerun(corpus, options, gazetteer, caplog)
    assert summary.cached == 6 and fake == []


def test_a_folder_in_place_of_the_database_is_passed_over(cached_run, gazetteer, fake, caplog):
    corpus, options, first = cached_run
    path = database(options)
    for suffix in ("", "-wal", "-shm"):
        path.with_name(CACHE_FILE + suffix).unlink(missing_ok=True)
    path.mkdir()
    incidents, summary, warnings = rerun(corpus, options, gazetteer, caplog)
    assert incidents == first and len(fake) == 6
    assert len(warnings) == 1 and warnings[0].startswith(f"{path}: the article cache cannot be used (")
    assert warnings[0].endswith("this run goes on without it (remove .geomap-cache/articles.sqlite if it is "
                                "not a file, or run with --no-cache)")
    assert path.is_dir()  # not ours to delete


def test_a_cache_locked_by_another_run_is_passed_over(cached_run, gazetteer, fake, caplog, monkeypatch):
    corpus, options, first = cached_run
    (corpus / "new.md").write_text("---\ndate: 2024-11-13\n---\nBattles | Vovchansk | 2024-11-13 |  | \n",
                                   encoding="utf-8")
    real_connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: real_connect(*a, **{**k, "timeout": 0.1}))
    other = real_connect(database(options), isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another geomap run in the middle of writing
    try:
        incidents, summary, warnings = rerun(corpus, options, gazetteer, caplog)
    finally:
        other.rollback()
        other.close()
    assert len(fake) == 1 and summary.documents == 7  # the six cached articles were still read
    assert warnings == [f"{database(options)}: the article cache cannot be used (database is locked); this run "
                        "goes on without it (another geomap run is writing to this --out folder)"]


def test_a_run_that_extracts_nothing_leaves_no_cache(tmp_path, gazetteer):
    (tmp_path / "empty.md").write_text("")
    options = RunOptions(out_dir=tmp_path / "out", progress=False)
    with pytest.raises(pipeline.NoInputError):
        collect_incidents([tmp_path / "empty.md"], options, gazetteer, RunSummary())
    assert not (tmp_path / "out").exists()


def test_entries_shared_by_two_files_give_each_its_own_objects(tmp_path):
    with ArticleCache(tmp_path, "stamp") as cache:
        incident = Incident(
            source="a.md", date=None, event_type="Battles", sub_event_type=None, location="Kupiansk",
            mention="Kupiansk", lat=49.7, lon=37.6, admin1=None, admin1_code=None, country_code="UA",
            geo_precision=1, killed=None, injured=None, evidence="", sources=["a.md"], id=None)
        cache.put("k", "a.md", [], [incident])
        cache.commit()
        hit = cache.get_many(["k"])["k"]
    _, first = load_result(hit[1], hit[0], "a.md")
    _, second = load_result(hit[1], hit[0], "b.md")
    first[0].id = "changed"
    assert second[0].id is None and second[0].sources == ["b.md"] and first[0].sources == ["a.md"]
