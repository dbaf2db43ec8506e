"""`--explain` says why each place and incident was read so; the reasons reach the outputs too."""

from __future__ import annotations

import csv
import json

from geomap.cli import main

REPORT = """---
source: test
date: 2024-08-05
---
Russian forces shelled Seversk on Monday, killing two people, while Moscow said the talks had failed.
"""


def test_places_explain_prints_a_line_per_mention(tmp_path, capsys):
    article = tmp_path / "a.md"
    article.write_text(REPORT, encoding="utf-8")
    assert main(["places", str(article), "--explain", "-o", str(tmp_path / "p.jsonl"), "-q"]) == 0
    err = capsys.readouterr().err
    assert "'Seversk' -> settlement Siversk (UA-14)" in err and "namesake.far_needs_evidence:RU-TOM" in err
    assert "'Moscow' -> government/army" in err and "metonymy.rules:government" in err
    rows = [json.loads(line) for line in (tmp_path / "p.jsonl").read_text(encoding="utf-8").splitlines()]
    assert all(isinstance(row["reasons"], list) and row["reasons"] for row in rows)


def test_map_explain_prints_a_line_per_incident_and_the_csv_keeps_reasons(tmp_path, capsys):
    article = tmp_path / "a.md"
    article.write_text(REPORT, encoding="utf-8")
    assert main(["map", str(article), "--out", str(tmp_path / "out"), "--explain", "-q"]) == 0
    err = capsys.readouterr().err
    assert "Siversk (UA-14)" in err and "killed 2" in err and "namesake.far_needs_evidence" in err
    with open(tmp_path / "out" / "incidents.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and "namesake.far_needs_evidence:RU-TOM" in rows[0]["reasons"]
