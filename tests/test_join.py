"""Joining incidents to admin-1 polygons: the data traps named in the walking-skeleton issue."""

from __future__ import annotations

import pytest

from geomap.aggregate import aggregate_regions
from geomap.frames import incidents_frame
from geomap.join import join_regions
from geomap.models import Incident


def incident(lat, lon, admin1_code=None, killed=None, injured=None, location="x"):
    return Incident(source="t.txt", date=None, event_type="Battles", sub_event_type=None, location=location,
                    mention=location, lat=lat, lon=lon, admin1=None, admin1_code=admin1_code, country_code=None,
                    geo_precision=1, killed=killed, injured=injured)


@pytest.mark.parametrize(("name", "lat", "lon", "code"), [
    ("Simferopol", 44.95719, 34.11079, "UA-43"),
    ("Kerch", 45.35, 36.47, "UA-43"),
    ("Sevastopol", 44.58883, 33.5224, "UA-40"),
    ("Odesa", 46.47747, 30.73262, "UA-51"),
    ("Kursk", 51.73733, 36.18735, "RU-KRS"),
    ("Moscow", 55.75222, 37.61556, "RU-MOW"),
])
def test_point_in_polygon(regions, name, lat, lon, code):
    joined = join_regions(incidents_frame([incident(lat, lon, location=name)]), regions)
    assert joined.loc[0, "admin1_code"] == code


def test_crimea_and_sevastopol_are_ukraine_by_iso(regions):
    joined = join_regions(incidents_frame([incident(44.95719, 34.11079), incident(44.58883, 33.5224)]), regions)
    assert list(joined["country_code"]) == ["UA", "UA"]
    assert joined.loc[0, "admin1"] == "Autonomous Republic of Crimea"


def test_kherson_on_the_river_joins_the_nearest_region(regions):
    point = incident(46.63695, 32.61458, location="Kherson")
    frame = incidents_frame([point])
    assert not regions.contains(frame.geometry.iloc[0]).any(), "the trap: Kherson lies outside every polygon"
    assert join_regions(frame, regions).loc[0, "admin1_code"] == "UA-65"


def test_far_offshore_point_stays_unjoined(regions):
    joined = join_regions(incidents_frame([incident(43.0, 34.0)]), regions)  # the middle of the Black Sea
    assert joined["admin1_code"].isna().all()


def test_gazetteer_region_wins_over_kyiv_city_polygon(regions):
    # Natural Earth's Kyiv City swallows Irpin; the gazetteer knows Irpin is in Kyiv Oblast.
    irpin_polygon = join_regions(incidents_frame([incident(50.52175, 30.25055)]), regions)
    assert irpin_polygon.loc[0, "admin1_code"] == "UA-30"
    irpin_named = join_regions(incidents_frame([incident(50.52175, 30.25055, admin1_code="UA-32")]), regions)
    assert irpin_named.loc[0, "admin1_code"] == "UA-32"
    assert irpin_named.loc[0, "admin1"] == "Kyiv Oblast"


def test_aggregate_counts_and_sums_with_zero_regions_kept(regions):
    frame = join_regions(incidents_frame([
        incident(46.97625, 31.99296, killed=5), incident(46.9, 32.0, injured=2),
        incident(47.91, 33.39, injured=7),
    ]), regions)
    totals = aggregate_regions(frame, regions).set_index("admin1_code")
    assert totals.loc["UA-48", ["incidents", "killed", "injured"]].tolist() == [2, 5, 2]
    assert totals.loc["UA-12", ["incidents", "killed", "injured"]].tolist() == [1, 0, 7]
    assert totals.loc["UA-07", "incidents"] == 0
    assert len(totals) == len(regions)
