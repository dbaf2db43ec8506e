"""UCDP GED exports are read as GED: date_start (date_end kept), best deaths (low/high and civilian deaths
kept), where_prec as geo_precision, type_of_violence as an ACLED-like event type (code kept), the headline as
evidence, where_description/adm_1 as the place, and the world `region` never taken as a place or admin-1.

The rows are written for these tests in the layout of a GED export (not taken from UCDP data)."""

from __future__ import annotations

import csv
import json
from datetime import date

import pandas as pd
import pytest

from geomap.geocode import geocode_rows
from geomap.pipeline import RunOptions, run_batch
from geomap.read import ucdp
from geomap.read.tables import read_incident_table

HEADER = ["id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id",
          "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id",
          "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources",
          "source_article", "source_office", "source_date", "source_headline", "source_original", "where_prec",
          "where_coordinates", "where_description", "adm_1", "adm_2", "latitude", "longitude", "geom_wkt",
          "priogrid_gid", "country", "country_id", "region", "event_clarity", "date_prec", "date_start",
          "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low"]


def _row(ident, violence, side_a, side_b, headline, prec, where, adm_1, adm_2, lat, lon, start, end,
         deaths, best, high, low):
    deaths_a, deaths_b, civilians, unknown = deaths
    return [ident, f"UKR-2024-1-{ident}", "2024", "TRUE", "Clear", violence, "13243", "13243",
            "Russia - Ukraine", "15522", "15522", f"{side_a} - {side_b}", "57", "57", side_a, "0", "0", side_b,
            "2", "Wire report 2024-08-14", "Ukrinform;Reuters", "2024-08-14", headline, "Regional administration",
            prec, where, where, adm_1, adm_2, lat, lon, f"POINT ({lon} {lat})", "175434", "Ukraine", "369",
            "Europe", "1", "1", start, end, deaths_a, deaths_b, civilians, unknown, best, high, low]


ROWS = [
    _row("990001", "1", "Government of Russia (Soviet Union)", "Government of Ukraine",
         "Missile strike on Kharkiv kills three", "1", "Kharkiv city", "Kharkiv oblast", "Kharkivskyi raion",
         "49.9935", "36.2304", "2024-08-13", "2024-08-13", ("0", "0", "3", "0"), "3", "4", "3"),
    _row("990002", "3", "Government of Russia (Soviet Union)", "Civilians",
         "Villagers shot near Vovchansk", "2", "Vovchansk town", "Kharkiv oblast", "Chuhuivskyi raion",
         "50.2906", "36.9411", "2024-08-10", "2024-08-12", ("0", "0", "2", "0"), "2", "2", "2"),
    _row("990003", "2", "Wagner", "Akhmat", "Clash between armed groups in the Donetsk region",
         "4", "Donetsk oblast", "Donetsk oblast", "", "48.0159", "37.8029", "2024-08-01", "2024-08-31",
         ("5", "4", "0", "1"), "10", "14", "8"),
]


@pytest.fixture()
def ged_table(tmp_path):
    path = tmp_path / "ged_ukraine.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(ROWS)
    return path


@pytest.mark.parametrize(("where_prec", "precision"), [("1", "1"), ("2", "2"), ("3", "2"), ("4", "3"),
                                                       ("5", "3"), ("7", "3"), ("", None), ("x", None)])
def test_where_prec_to_geo_precision(where_prec, precision):
    assert ucdp.geo_precision(where_prec) == precision


def test_ged_is_recognised_and_read_under_geds_meaning(ged_table, gazetteer):
    frame = read_incident_table(ged_table)
    assert frame.attrs["format"] == "ucdp-ged"
    assert frame["admin1"].tolist() == ["Kharkiv oblast", "Kharkiv oblast", "Donetsk oblast"]  # not "Europe"
    incidents, unresolved = geocode_rows(frame, gazetteer)
    assert not unresolved
    first, second, third = incidents
    assert (first.date, first.killed, first.event_type, first.geo_precision) == (
        date(2024, 8, 13), 3, "Battles", 1)
    assert first.evidence == "Missile strike on Kharkiv kills three" and first.mention == "Kharkiv city"
    assert first.sources == ["Ukrinform", "Reuters"] and first.id == "990001"
    assert (second.event_type, second.geo_precision, second.date) == ("Violence against civilians", 2,
                                                                      date(2024, 8, 10))
    assert second.attributes["date_end"] == "2024-08-12" and second.attributes["type_of_violence"] == "3"
    assert (third.event_type, third.geo_precision, third.killed) == ("Battles", 3, 10)
    assert (third.attributes["low"], third.attributes["high"]) == ("8", "14")
    assert third.attributes["deaths_civilians"] == "0" and third.attributes["where_prec"] == "4"
    assert third.attributes["region"] == "Europe" and third.attributes["side_a"] == "Wagner"


def test_ged_columns_reach_the_outputs(ged_table, gazetteer, tmp_path):
    out = tmp_path / "out"
    run_batch([ged_table], RunOptions(out_dir=out, cache=False), gazetteer)
    table = pd.read_csv(out / "incidents.csv", dtype=str, keep_default_na=False).set_index("id")
    assert table.loc["990002", "event_date"] == "2024-08-10" and table.loc["990002", "date_end"] == "2024-08-12"
    assert table.loc["990001", "fatalities"] == "3" and table.loc["990001", "deaths_civilians"] == "3"
    assert table.loc["990003", ["low", "high", "type_of_violence"]].tolist() == ["8", "14", "2"]
    assert table.loc["990003", "admin1"] == "Donetsk Oblast" and table.loc["990003", "region"] == "Europe"
    features = json.loads((out / "incidents.geojson").read_text(encoding="utf-8"))["features"]
    props = {f["properties"]["id"]: f["properties"] for f in features}
    assert props["990002"]["conflict_name"] == "Russia - Ukraine" and props["990002"]["side_b"] == "Civilians"
    assert props["990002"]["evidence"] == "Villagers shot near Vovchansk"
