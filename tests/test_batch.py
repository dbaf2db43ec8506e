"""Corpora: incremental re-runs through the article cache, cross-article merging in collect_incidents,
skipped files, progress logs and the batch command (extraction replaced by tests/fake_extract.py)."""

from __future__ import annotations

import logging
import shutil

import fake_extract
import pytest

from geomap import pipeline
from geomap.engine import ArticleCache, version_stamp
from geomap.engine.cache import CACHE_DIR
from geomap.pipeline import RunOptions, RunSummary, collect_incidents


@pytest.fixture(autouse=True)
def fake(monkeypatch):
    monkeypatch.setattr(pipeline, "extract_article", fake_extract.fake_extract)
    fake_extract.CALLS.clear()
    return fake_extract.CALLS


def collect(inputs, options, gazetteer):
    summary = RunSummary()
    return collect_incidents(inputs, options, gazetteer, summary), summary


def test_rerun_takes_every_article_from_the_cache(tmp_path, gazetteer, fake):
    corpus = tmp_path / "corpus"
    fake_extract.write_corpus(corpus, 8)
    options = RunOptions(out_dir=tmp_path / "out", progress=False)
    first, summary = collect([corpus], options, gazetteer)
    assert len(fake) == 8 and summary.cached == 0 and summary.documents == 8
    assert (tmp_path / "out" / CACHE_DIR / "articles.sqlite").exists()
    fake.clear()
    second, summary = collect([corpus], options, gazetteer)
    assert fake == [] and summary.cached == 8 and summary.documents == 8
    assert [i.to_dict() for i in second] == [i.to_dict() for i in first]
    assert summary.mentions == 24 and summary.places_unresolved > 0


def test_only_new_or_changed_articles_are_extracted_again(tmp_path, gazetteer, fake):
    corpus = tmp_path / "corpus"
    paths = fake_extract.write_corpus(corpus, 6)
    options = RunOptions(out_dir=tmp_path / "out", progress=False)
    collect([corpus], options, gazetteer)
    paths[2].write_text(paths[2].read_text() + "Battles | Vovchansk | 2024-11-13 |  | \n")
    extra = fake_extract.write_corpus(tmp_path / "more", 7)[6]
    shutil.copy(extra, corpus / "new.md")
    fake.clear()
    incidents, summary = collect([corpus], options, gazetteer)
    assert sorted(fake) == sorted([paths[2].name, "new.md"]) and summary.cached == 5
    assert any(i.mention == "Vovchansk" for i in incidents)


def test_same_bytes_under_another_name_reuse_the_cache_with_their_own_name(tmp_path, gazetteer, fake):
    corpus = tmp_path / "corpus"
    paths = fake_extract.write_corpus(corpus, 2)
    options = RunOptions(out_dir=tmp_path / "out", progress=False)
    collect([corpus], options, gazetteer)
    copy = corpus / "renamed.md"
    shutil.copy(paths[0], copy)
    fake.clear()
    incidents, summary = collect([copy], options, gazetteer)
    assert fake == [] and summary.cached == 1
    assert {i.source for i in incidents} == {"renamed.md"}
    assert all(i.sources == ["renamed.md"] for i in incidents)


def test_no_cache_and_a_new_stamp_extract_again(tmp_path, gazetteer, fake):
    corpus = tmp_path / "corpus"
    fake_extract.write_corpus(corpus, 3)
    out = tmp_path / "out"
    collect([corpus], RunOptions(out_dir=out, progress=False), gazetteer)
    fake.clear()
    collect([corpus], RunOptions(out_dir=out, progress=False, cache=False), gazetteer)
    assert len(fake) == 3
    fake.clear()
    from datetime import date

    collect([corpus], RunOptions(out_dir=out, progress=False, default_date=date(2024, 1, 1)), gazetteer)
    assert len(fake) == 3  # the fallback date is part of the version stamp
    stamp = version_stamp(gazetteer)
    assert stamp != version_stamp(gazetteer, date(2024, 1, 1))
    with ArticleCache(out / CACHE_DIR, stamp) as cache:
        assert cache.prune() == 3  # the entries made under the other stamp


def test_articles_are_merged_across_outlets(tmp_path, gazetteer):
    corpus = tmp_path / "corpus"
    fake_extract.write_corpus(corpus, 12)
    options = RunOptions(out_dir=tmp_path / "out", cache=False, progress=False)
    incidents, _ = collect([corpus], options, gazetteer)
    kharkiv = [i for i in incidents if i.mention == "Kharkiv"]
    assert len(kharkiv) == 1
    assert len(kharkiv[0].sources) == 6  # six articles report the Kharkiv strike
    assert kharkiv[0].killed == 5 and kharkiv[0].injured == 12  # the highest figures reported
    assert len({i.id for i in incidents}) == len(incidents)
    keys = [(i.date, i.event_type, i.geo_precision, i.location) for i in incidents]
    assert len(keys) == len(set(keys))


def test_unreadable_and_failing_articles_are_skipped(tmp_path, gazetteer, monkeypatch):
    corpus = tmp_path / "corpus"
    fake_extract.write_corpus(corpus, 3)
    (corpus / "empty.md").write_text("")

    def flaky(article, gazetteer):
        if article.source.endswith("001.md"):
            raise RuntimeError("boom")
        return fake_extract.fake_extract(article, gazetteer)

    monkeypatch.setattr(pipeline, "extract_article", flaky)
    incidents, summary = collect([corpus], RunOptions(out_dir=tmp_path / "out", progress=False), gazetteer)
    assert summary.documents == 2 and len(summary.skipped) == 2
    assert any("empty file" in s for s in summary.skipped)
    assert any("outlet1_001.md: extraction failed (RuntimeError: boom)" in s for s in summary.skipped)
    assert summary.exit_code == 3 and incidents


def test_progress_is_logged_without_a_terminal(tmp_path, gazetteer, caplog):
    corpus = tmp_path / "corpus"
    fake_extract.write_corpus(corpus, 120)
    with caplog.at_level(logging.INFO, logger="geomap"):
        collect([corpus], RunOptions(out_dir=tmp_path / "out", cache=False), gazetteer)
    lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith("articles: ")]
    assert 5 <= len(lines) <= 11 and lines[-1].startswith("articles: 120/120")


def test_batch_command_writes_gis_data_and_a_summary(tmp_path, capsys):
    from geomap.cli import main

    corpus = tmp_path / "corpus"
    fake_extract.write_corpus(corpus, 5)
    out = tmp_path / "out"
    assert main(["batch", str(corpus), "--out", str(out)]) == 0
    written = {p.name for p in out.iterdir()}
    assert written >= {"incidents.geojson", "regions.geojson", "incidents.csv", CACHE_DIR}
    done = next(line for line in capsys.readouterr().err.splitlines() if line.startswith("INFO: done: "))
    assert "5 documents" in done and "places unresolved" in done and "5 incidents" in done
    assert main(["batch", str(corpus), "--out", str(out)]) == 0
    done = next(line for line in capsys.readouterr().err.splitlines() if line.startswith("INFO: done: "))
    assert "5 documents (5 from the cache)" in done


def test_engine_options_are_checked(tmp_path, capsys):
    from geomap.cli import main

    corpus = tmp_path / "corpus"
    fake_extract.write_corpus(corpus, 1)
    assert main(["batch", str(corpus), "--engine", "spark"]) == 2
    assert main(["batch", str(corpus), "--workers", "2"]) == 2
    assert "--workers needs --engine dask" in capsys.readouterr().err
