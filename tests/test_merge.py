"""Cross-article merging: one event reported by several outlets becomes one incident listing them all."""

from __future__ import annotations

from datetime import date

from geomap.merge import merge_incidents, merge_key
from geomap.models import Incident


def incident(source, *, day=date(2024, 11, 11), event="Explosions/Remote violence", place="Kharkiv",
             lat=49.98081, lon=36.25272, precision=1, admin1_code="UA-63", killed=None, injured=None,
             sub=None):
    return Incident(source=source, date=day, event_type=event, sub_event_type=sub, location=place,
                    mention=place,
                    lat=lat, lon=lon, admin1="Kharkiv Oblast", admin1_code=admin1_code, country_code="UA",
                    geo_precision=precision, killed=killed, injured=injured, evidence=f"{source} says",
                    sources=[source])


def test_two_outlets_one_event_keeps_both_sources_and_the_best_figures():
    merged = merge_incidents([incident("a.md", killed=3, injured=None),
                              incident("b.md", killed=2, injured=12, sub="Air/drone strike")])
    assert len(merged) == 1
    event = merged[0]
    assert event.sources == ["a.md", "b.md"]
    assert (event.killed, event.injured) == (3, 12)
    assert event.source == "a.md" and event.evidence == "a.md says"  # the first report's wording stays
    assert event.sub_event_type == "Air/drone strike"


def test_incidents_of_one_article_stay_apart():
    assert len(merge_incidents([incident("a.md", killed=1), incident("a.md", killed=2)])) == 2


def test_same_article_pair_pairs_with_another_outlets_pair():
    merged = merge_incidents([incident("a.md"), incident("a.md"), incident("b.md"), incident("b.md")])
    assert [m.sources for m in merged] == [["a.md", "b.md"], ["a.md", "b.md"]]


def test_different_date_type_place_or_precision_are_different_events():
    base = incident("a.md")
    others = [incident("b.md", day=date(2024, 11, 12)), incident("c.md", event="Battles"),
              incident("d.md", place="Odesa", lat=46.48572, lon=30.74383, admin1_code="UA-51"),
              incident("e.md", precision=2)]
    assert len(merge_incidents([base, *others])) == 5


def test_region_precision_merges_on_the_region():
    one = incident("a.md", precision=3, place="Kharkiv Oblast", lat=49.5, lon=36.5)
    two = incident("b.md", precision=3, place="Kharkivska oblast", lat=49.4, lon=36.4, killed=4)
    merged = merge_incidents([one, two])
    assert len(merged) == 1 and merged[0].killed == 4


def test_undated_incidents_are_never_merged():
    assert merge_key(incident("a.md", day=None)) is None
    assert len(merge_incidents([incident("a.md", day=None), incident("b.md", day=None)])) == 2


def test_inputs_are_not_modified():
    first = incident("a.md", killed=1)
    merge_incidents([first, incident("b.md", killed=5)])
    assert first.killed == 1 and first.sources == ["a.md"]
