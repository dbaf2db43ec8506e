"""No silent drops: an article without incidents says why; an undated article is dated from its file name or
text with a warning; figures from the next sentence bring that sentence into the evidence (issue 15)."""

from __future__ import annotations

import logging
from datetime import date

import pytest

from geomap.incidents import extract_incidents
from geomap.incidents.silence import why_no_incidents
from geomap.models import Article
from geomap.pipeline import RunOptions, RunSummary, collect_incidents
from geomap.places import find_places
from geomap.read.articles import read_article


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("У Харкові пролунали вибухи, повідомив мер міста.", "not in English"),
        ("Since February 2022, more than 600 civilians have been killed in Kharkiv.", "running totals"),
        ("The mayor of Kharkiv opened a new school on Monday.", "no sentence reports"),
        ("A drone strike damaged a warehouse, the ministry said.", "no place"),
    ],
)
def test_an_article_without_incidents_says_why(gazetteer, body, reason):
    article = Article("a.md", body, date(2024, 8, 5))
    mentions = find_places(article, gazetteer)
    assert extract_incidents(article, mentions, gazetteer) == []
    assert reason in why_no_incidents(article, mentions)


def test_the_run_logs_each_article_without_incidents_and_counts_them(tmp_path, gazetteer, caplog):
    (tmp_path / "a.md").write_text("---\ndate: 2024-08-05\n---\nThe mayor of Kharkiv opened a school.\n",
                                   encoding="utf-8")
    (tmp_path / "b.md").write_text("---\ndate: 2024-08-05\n---\nShelling hit Sumy, killing one person.\n",
                                   encoding="utf-8")
    summary = RunSummary()
    with caplog.at_level(logging.INFO):
        incidents = collect_incidents([tmp_path], RunOptions(out_dir=tmp_path / "out", cache=False, progress=False),
                                      gazetteer, summary)
    assert [i.location for i in incidents] == ["Sumy"] and summary.without_incidents == 1
    assert any("a.md: no incidents: no sentence reports" in r.getMessage() for r in caplog.records)
    assert "1 articles without incidents" in summary.line()


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("2024-07-01-sumy.md", "Shelling hit Sumy, killing one.", date(2024, 7, 1)),
        ("20240701_report.txt", "Shelling hit Sumy.", date(2024, 7, 1)),
        ("report.md", "On 3 August 2024, shelling hit Kharkiv, killing two people.", date(2024, 8, 3)),
        ("report.md", "KYIV, August 3, 2024 - Drones hit the city.", date(2024, 8, 3)),
        ("report.md", "Shelling hit Kharkiv on Monday.", None),
    ],
)
def test_an_undated_article_is_dated_from_its_file_name_or_text(tmp_path, caplog, name, text, expected):
    path = tmp_path / name
    path.write_text(text + "\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        article = read_article(path)
    assert article.date == expected
    assert (expected is not None) == any("no date in the front matter" in r.getMessage() for r in caplog.records)


def test_front_matter_and_the_date_option_come_first(tmp_path):
    path = tmp_path / "2020-01-01-old.md"
    path.write_text("---\ndate: 2024-08-05\n---\nOn 3 August 2024, shelling hit Kharkiv.\n", encoding="utf-8")
    assert read_article(path).date == date(2024, 8, 5)
    bare = tmp_path / "bare.md"
    bare.write_text("On 3 August 2024, shelling hit Kharkiv.\n", encoding="utf-8")
    assert read_article(bare, default_date=date(2024, 9, 1)).date == date(2024, 9, 1)


def test_figures_from_the_next_sentence_bring_it_into_the_evidence(gazetteer):
    body = "Russian guided bombs hit Kupiansk on Monday. Two people were killed and five injured."
    article = Article("a.md", body, date(2024, 8, 5))
    (incident,) = extract_incidents(article, find_places(article, gazetteer), gazetteer)
    assert (incident.killed, incident.injured) == (2, 5)
    assert incident.evidence == body and "figures.next_sentence" in incident.reasons


def test_names_cued_as_places_that_the_gazetteer_does_not_know_are_counted(tmp_path, gazetteer):
    (tmp_path / "a.md").write_text("---\ndate: 2024-08-05\n---\nRussian forces shelled the village of Qxqxivka "
                                   "near Kupiansk on Monday, the governor said.\n", encoding="utf-8")
    summary = RunSummary()
    collect_incidents([tmp_path], RunOptions(out_dir=tmp_path / "out", cache=False, progress=False), gazetteer,
                      summary)
    assert summary.places_unresolved == 1 and "1 places unresolved" in summary.line()
    unresolved: list = []
    article = read_article(tmp_path / "a.md")
    assert [m.mention for m in find_places(article, gazetteer, unresolved=unresolved)] == ["Kupiansk"]
    assert [(m.mention, m.lat) for m in unresolved] == [("Qxqxivka", None)]
