"""ACLED exports keep their own columns: the whole taxonomy as the table writes it, actors, admin2,
civilian_targeting, inter codes, and any column the reader does not know, through to CSV, GeoJSON and GPKG.

The rows are written for these tests in the layout of an ACLED export (not taken from ACLED data)."""

from __future__ import annotations

import csv
import json
import logging

import pandas as pd
import pyogrio
import pytest

from geomap import taxonomy
from geomap.export.table import CSV_COLUMNS
from geomap.frames import INCIDENT_COLUMNS, PROVENANCE_COLUMNS
from geomap.geocode import geocode_rows
from geomap.incidents import types
from geomap.pipeline import RunOptions, run_batch
from geomap.read.tables import ACLED_COLUMNS, ALIASES, GED_COLUMNS, kept_name, read_incident_table

HEADER = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
          "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
          "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
          "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities",
          "tags", "timestamp", "analyst_note"]


def _row(ident, day, event, sub, actor1, inter1, actor2, inter2, interaction, targeting, admin1, admin2,
         location, lat, lon, source, notes, fatalities, note=""):
    return [ident, day, "2024", "1", "Political violence", event, sub, actor1, "", inter1, actor2, "", inter2,
            interaction, targeting, "804", "Europe", "Ukraine", admin1, admin2, "", location, lat, lon, "1",
            source, "National", notes, fatalities, "", "1723766400", note]


ROWS = [
    _row("UKR800001", "13 August 2024", "Protests", "Peaceful protest", "Protesters (Ukraine)", "Protesters",
         "", "", "Protesters only", "", "Kyiv City", "Kyiv", "Kyiv", "50.4501", "30.5234", "Kyiv Post",
         "On 13 August 2024, relatives of missing soldiers rallied on Maidan Nezalezhnosti.", "0",
         "check with the Kyiv desk"),
    _row("UKR800002", "13 August 2024", "Riots", "Mob violence", "Rioters (Ukraine)", "Rioters",
         "Civilians (Ukraine)", "Civilians", "Rioters-Civilians", "Civilian targeting", "Odesa", "Odeskyi",
         "Odesa", "46.4825", "30.7233", "Dumskaya", "A crowd beat a man near the Privoz market.", "0"),
    _row("UKR800003", "13 August 2024", "Strategic developments", "Disrupted weapons use",
         "Military Forces of Ukraine (2019-)", "State forces", "Military Forces of Russia (2000-)",
         "State forces", "State forces-State forces", "", "Kharkiv", "Kharkivskyi", "Kharkiv", "49.9935",
         "36.2304", "Ukrinform", "Air defence downed two drones over Kharkiv.", "0"),
    _row("UKR800004", "13 August 2024", "Strategic developments", "Looting/property destruction",
         "Military Forces of Russia (2000-)", "State forces", "Civilians (Ukraine)", "Civilians",
         "State forces-Civilians", "Civilian targeting", "Kherson", "Khersonskyi", "Kherson", "46.6354",
         "32.6169", "Suspilne", "Soldiers looted shops in the occupied district.", "0"),
    _row("UKR800005", "13 August 2024", "Strategic developments", "Arrests", "Police Forces of Ukraine (2019-)",
         "State forces", "Civilians (Ukraine)", "Civilians", "State forces-Civilians", "", "Lviv", "Lvivskyi",
         "Lviv", "49.8397", "24.0297", "SBU", "Police detained a man filming air defence positions.", "0"),
    _row("UKR800006", "13 August 2024", "Violence against civilians", "Abduction/forced disappearance",
         "Military Forces of Russia (2000-)", "State forces", "Civilians (Ukraine)", "Civilians",
         "State forces-Civilians", "Civilian targeting", "Zaporizhia", "Vasylivskyi", "Enerhodar", "47.4989",
         "34.6558", "Hromadske", "A teacher was taken from her home and has not been seen since.", "0"),
    _row("UKR800007", "13 August 2024", "Cyber operations", "Network intrusion", "Unidentified Hackers", "",
         "", "", "", "", "Kyiv City", "Kyiv", "Kyiv", "50.4501", "30.5234", "Kyiv Post",
         "Hackers took down a state registry.", "0"),
    _row("UKR800008", "13 August 2024", "Explosions/Remote violence", "Air/drone strike",
         "Military Forces of Russia (2000-)", "State forces", "Civilians (Ukraine)", "Civilians",
         "State forces-Civilians", "Civilian targeting", "Sumy", "Sumskyi", "Sumy", "50.9077", "34.7981",
         "Suspilne", "A drone hit a bus stop; two people were killed.", "2"),
]


@pytest.fixture()
def acled_table(tmp_path):
    path = tmp_path / "acled_export.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(ROWS)
    return path


def test_the_taxonomy_is_defined_once_and_the_extractor_uses_it():
    assert set(taxonomy.EVENT_TYPES) == {"Battles", "Explosions/Remote violence", "Violence against civilians",
                                         "Protests", "Riots", "Strategic developments"}
    assert len(taxonomy.SUB_EVENT_TYPES) == 25
    assert types.EXPLOSIONS is taxonomy.EXPLOSIONS and types.VIOLENCE is taxonomy.CIVILIANS
    assert types.AIR is taxonomy.AIR_DRONE and types.IED is taxonomy.REMOTE_EXPLOSIVE
    assert all(sub in taxonomy.EVENT_TYPES[event] for event, sub, _ in types._TRIGGERS if sub)


@pytest.mark.parametrize(("given", "expected"), [
    (("Protests", "Peaceful protest"), ("Protests", "Peaceful protest", [])),
    (("riots", "mob violence"), ("Riots", "Mob violence", [])),
    (("Strategic developments", "Disrupted weapons use"), ("Strategic developments", "Disrupted weapons use", [])),
    ((None, "Abduction/forced disappearance"), ("Violence against civilians", "Abduction/forced disappearance",
                                                [])),
    (("strike", None), ("Explosions/Remote violence", None, [])),  # a plain table's word
    (("Protest", None), ("Protests", None, [])),
    (("riot", None), ("Riots", None, [])),
    (("Violent demonstration", None), ("Riots", "Violent demonstration", [])),
    (("air/drone strike", None), ("Explosions/Remote violence", "Air/drone strike", [])),
    (("Arrests by police", None), ("Strategic developments", "Arrests", [])),
    (("kidnapping", None), ("Violence against civilians", "Abduction/forced disappearance", [])),
    (("drone", "Shelling/artillery/missile attack"), ("Explosions/Remote violence",
                                                      "Shelling/artillery/missile attack", [])),
    (("Cyber operations", "Network intrusion"), ("Cyber operations", "Network intrusion",
                                                 ["sub_event_type", "event_type"])),
    (("Battles", "Arrests"), ("Battles", "Arrests", ["sub_event_type"])),  # kept, but named
    ((None, None), (None, None, [])),  # never typed by guesswork
])
def test_table_event_types_are_kept_as_the_table_says(given, expected):
    assert taxonomy.normalise_event(*given) == expected


def test_kept_names_never_clash_with_the_schema_or_the_outputs():
    outputs = {*INCIDENT_COLUMNS, *PROVENANCE_COLUMNS, "sources", *(name for name, _ in CSV_COLUMNS)}
    for name in [*HEADER, *GED_COLUMNS, "date", "Date", "killed", "row", "table", "Notes", "latitude"]:
        kept = kept_name(name)
        assert kept not in outputs and kept not in ALIASES
    assert kept_name("actor1") == "actor1" and kept_name("Analyst note") == "extra_analyst_note"
    assert (set(ACLED_COLUMNS) | set(GED_COLUMNS)) & set(ALIASES) == set()


def test_acled_columns_reach_csv_geojson_and_gpkg(acled_table, gazetteer, tmp_path, caplog):
    caplog.set_level(logging.WARNING)
    out = tmp_path / "out"
    summary = run_batch([acled_table], RunOptions(out_dir=out, gpkg=True, cache=False), gazetteer)
    assert summary.incidents == len(ROWS) and not summary.skipped
    table = pd.read_csv(out / "incidents.csv", dtype=str, keep_default_na=False).set_index("id")
    assert table.loc["UKR800001", "event_type"] == "Protests"
    assert table.loc["UKR800001", "sub_event_type"] == "Peaceful protest"
    assert table.loc["UKR800002", "sub_event_type"] == "Mob violence"
    assert table.loc["UKR800003", "sub_event_type"] == "Disrupted weapons use"
    assert table.loc["UKR800004", "sub_event_type"] == "Looting/property destruction"
    assert table.loc["UKR800005", "sub_event_type"] == "Arrests"
    assert table.loc["UKR800006", "sub_event_type"] == "Abduction/forced disappearance"
    assert table.loc["UKR800007", ["event_type", "sub_event_type"]].tolist() == ["Cyber operations",
                                                                                   "Network intrusion"]
    row = table.loc["UKR800006"]
    assert row["actor1"] == "Military Forces of Russia (2000-)" and row["actor2"] == "Civilians (Ukraine)"
    assert (row["inter1"], row["inter2"], row["interaction"]) == ("State forces", "Civilians",
                                                                  "State forces-Civilians")
    assert row["civilian_targeting"] == "Civilian targeting" and row["admin2"] == "Vasylivskyi"
    assert row["region"] == "Europe" and row["admin1_code"] == "UA-23"
    assert table.loc["UKR800001", "extra_analyst_note"] == "check with the Kyiv desk"
    assert table.loc["UKR800008", "fatalities"] == "2" and table.loc["UKR800008", "outlet"] == "Suspilne"
    features = json.loads((out / "incidents.geojson").read_text(encoding="utf-8"))["features"]
    props = {f["properties"]["id"]: f["properties"] for f in features}
    assert props["UKR800002"]["actor1"] == "Rioters (Ukraine)" and props["UKR800002"]["admin2"] == "Odeskyi"
    assert props["UKR800001"]["extra_analyst_note"] == "check with the Kyiv desk"
    assert props["UKR800002"]["extra_analyst_note"] is None
    layer = pyogrio.read_dataframe(out / "geomap.gpkg", layer="incidents").set_index("id")
    assert layer.loc["UKR800004", "civilian_targeting"] == "Civilian targeting"
    assert layer.loc["UKR800004", "inter2"] == "Civilians" and layer.loc["UKR800004", "admin2"] == "Khersonskyi"
    assert layer.loc["UKR800003", "sub_event_type"] == "Disrupted weapons use"
    warnings = [r.getMessage() for r in caplog.records if "outside the ACLED taxonomy" in r.getMessage()]
    assert len(warnings) == 2  # once per column, not once per row
    assert any("'event_type'" in w and "'Cyber operations' (1 row)" in w for w in warnings)
    assert any("'sub_event_type'" in w and "'Network intrusion'" in w for w in warnings)


def test_kept_columns_stay_in_the_schema_frame(acled_table, gazetteer):
    frame = read_incident_table(acled_table)
    assert frame.attrs["format"] == "acled"
    assert {"actor1", "inter1", "admin2", "civilian_targeting", "extra_analyst_note"} <= set(frame.columns)
    assert "event_date" not in frame.columns and "fatalities" not in frame.columns  # read into fields
    incidents, unresolved = geocode_rows(frame, gazetteer)
    assert not unresolved
    assert incidents[1].attributes["interaction"] == "Rioters-Civilians"
    assert incidents[0].score is None and incidents[0].matched_name is None  # placed by its coordinates
