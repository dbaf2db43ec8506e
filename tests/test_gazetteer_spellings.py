"""At least 98% of 300 news spellings (tests/data/spellings.csv) resolve to the right place and region."""

from __future__ import annotations

import csv
from pathlib import Path

from gazetteer.resolve import km

SPELLINGS = Path(__file__).parent / "data" / "spellings.csv"
TOLERANCE_KM = 15.0


def _rows() -> list[dict]:
    with SPELLINGS.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_spelling_list_is_large_and_varied():
    rows = _rows()
    assert len(rows) >= 150
    cyrillic = [r for r in rows if any("\u0400" <= ch <= "\u04ff" for ch in r["spelling"])]
    regions = [r for r in rows if not r["lat"]]
    russia = [r for r in rows if r["admin1_code"].startswith("RU-")]
    assert len(cyrillic) >= 30 and len(regions) >= 20 and len(russia) >= 30
    assert len({r["spelling"] for r in rows}) == len(rows)


def test_news_spellings_resolve_to_the_right_place(gazetteer):
    rows = _rows()
    misses = []
    for row in rows:
        hit = gazetteer.best(row["spelling"])
        if hit is None:
            misses.append(f"{row['spelling']!r}: nothing (expected {row['expected']})")
            continue
        if row["lat"]:
            distance = km(float(row["lat"]), float(row["lon"]), hit.lat, hit.lon)
            right = distance <= TOLERANCE_KM and hit.admin1_code == row["admin1_code"]
        else:
            distance = 0.0
            right = hit.kind == "admin1" and hit.admin1_code == row["admin1_code"]
        if not right:
            misses.append(f"{row['spelling']!r}: {hit.name} {hit.admin1_code} {distance:.0f} km off "
                          f"(expected {row['expected']} {row['admin1_code']})")
    rate = 1 - len(misses) / len(rows)
    print(f"\n{len(rows) - len(misses)}/{len(rows)} spellings right ({rate:.1%}); misses:")
    for miss in misses:
        print("  ", miss)
    assert rate >= 0.98, misses
