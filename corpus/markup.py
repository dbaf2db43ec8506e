"""Annotated reports from inline markup: plain texts and gold.jsonl in the shared gold format, every span checked.

A report is written once, with its annotations inline (format in corpus/README.md):

    [[Mykolaiv|UA-48|46.975,31.994]]          a settlement, its admin-1 code and point
    [[Kherson Oblast|UA-65]]                  an admin-1 region (no point)
    [[Moscow|RU-MOW|55.756,37.617|meto]]      a capital standing for its government
    [[Hrafske|UA-14|48.2,37.9|uncertain]]     a point the annotator is unsure of
    [[Kiev|UA-30|50.45,30.524|name=Kyiv]]     the canonical name where the text spells it otherwise

and its incidents after a line `@@incidents`, one a line, fields split by ' | ':

    date | event_type | sub_event_type | place | precision | killed | injured | evidence

`place` is the name of a toponym of the report (its code and point are taken from there), `precision` is
`settlement` or `admin1`, a figure is a number or `-` when the text says nothing, and `evidence` must be a
sentence (or part of one) of the plain text. Anything that does not check out stops the build with the file,
line and problem, so a gold file never holds a span that is not in its text.

Usage: python corpus/markup.py corpus/batch-01 [more batch folders]   (writes texts/ and gold.jsonl there)
       python corpus/markup.py --check corpus/batch-01                 (checks only; exit 1 on any problem)
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADMIN1 = ROOT / "gazetteer" / "data" / "admin1.geojson"

EVENT_TYPES = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {
        "Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
        "Grenade", "Suicide bomb", "Chemical weapon",
    },
    "Violence against civilians": {"Attack", "Abduction/forced disappearance", "Sexual violence"},
    "Strategic developments": {
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction", "Non-violent transfer of territory",
        "Other",
    },
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
}
_TOPONYM = re.compile(r"\[\[([^\[\]|]+)\|([^\[\]]*?)\]\]")
_CODE = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")
_POINT = re.compile(r"-?\d+(\.\d+)?\s*,\s*-?\d+(\.\d+)?")
_FRONT = re.compile(r"^---\n(.*?)\n---\n", re.S)
NEAR_POLYGON_KM = 30.0  # coastal and border points may fall just outside a coarse polygon


class MarkupError(Exception):
    """A problem in one report, with its file and line."""


@dataclass
class Regions:
    """Admin-1 codes with their names and polygons, to check a code and that a point lies in its region."""

    names: dict[str, str]
    shapes: dict[str, object]

    @classmethod
    def load(cls) -> Regions:
        data = json.loads(ADMIN1.read_text(encoding="utf-8"))
        names, shapes = {}, {}
        try:
            from shapely.geometry import shape
        except ImportError:  # the point check needs shapely; codes are still checked without it
            shape = None
        for feature in data["features"]:
            code = feature["properties"]["admin1_code"]
            names[code] = feature["properties"]["admin1"]
            if shape is not None:
                shapes[code] = shape(feature["geometry"])
        return cls(names, shapes)

    def km_outside(self, code: str, lat: float, lon: float) -> float:
        """Rough distance in km from the point to the region's polygon (0 inside; 0 when unknown)."""
        polygon = self.shapes.get(code)
        if polygon is None:
            return 0.0
        from shapely.geometry import Point

        degrees = polygon.distance(Point(lon, lat))
        return degrees * 111.0 * max(math.cos(math.radians(lat)), 0.3) if degrees else 0.0


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _toponym(fields: list[str], mention: str, regions: Regions, where: str) -> dict:
    code = fields[0].strip()
    if not _CODE.match(code) or code not in regions.names:
        raise MarkupError(f"{where}: unknown admin-1 code {code!r} for {mention!r}")
    toponym = {"mention": mention, "name": mention, "country": code[:2], "admin1_code": code,
               "kind": "admin1", "lat": None, "lon": None, "metonymy": False}
    items = []
    for raw in fields[1:]:  # flags may also be split by commas: "meto,uncertain"
        raw = raw.strip()
        items += [raw] if _POINT.fullmatch(raw) else [part.strip() for part in raw.split(",")]
    for item in items:
        if not item:
            continue
        if item == "meto":
            toponym["metonymy"] = True
        elif item == "uncertain":
            toponym["uncertain"] = True
        elif item.startswith("name="):
            toponym["name"] = item[5:].strip()
        elif item.startswith("kind="):
            toponym["kind"] = item[5:].strip()
        elif _POINT.fullmatch(item):
            lat, lon = (float(x) for x in item.split(","))
            if not (44.0 <= lat <= 70.0 and 19.0 <= lon <= 60.0):
                raise MarkupError(f"{where}: {mention!r} point {lat},{lon} is outside Eastern Europe")
            off = regions.km_outside(code, lat, lon)
            if off > NEAR_POLYGON_KM and not toponym.get("uncertain"):
                raise MarkupError(f"{where}: {mention!r} at {lat},{lon} is {off:.0f} km outside {code}")
            toponym.update(lat=lat, lon=lon, kind="settlement")
        else:
            raise MarkupError(f"{where}: cannot read {item!r} in the markup of {mention!r}")
    if toponym["kind"] not in ("settlement", "admin1"):
        raise MarkupError(f"{where}: kind must be settlement or admin1, not {toponym['kind']!r}")
    if toponym["kind"] == "settlement" and toponym["lat"] is None:
        raise MarkupError(f"{where}: settlement {mention!r} needs a point (lat,lon)")
    return toponym


def _figure(value: str, where: str) -> int | None:
    value = value.strip()
    if value in ("-", ""):
        return None
    if not value.isdigit():
        raise MarkupError(f"{where}: a figure must be a whole number or '-', not {value!r}")
    return int(value)


def _incident(line: str, toponyms: list[dict], body: str, where: str) -> dict:
    fields = [f.strip() for f in line.split(" | ")]
    if len(fields) < 8:
        raise MarkupError(f"{where}: an incident needs 8 fields split by ' | ', found {len(fields)}")
    date, event_type, sub_event_type, place, precision, killed, injured = fields[:7]
    evidence = " | ".join(fields[7:])
    try:
        datetime.date.fromisoformat(date)
    except ValueError:
        raise MarkupError(f"{where}: date {date!r} is not YYYY-MM-DD") from None
    if event_type not in EVENT_TYPES:
        raise MarkupError(f"{where}: {event_type!r} is no ACLED event type")
    if sub_event_type not in EVENT_TYPES[event_type]:
        raise MarkupError(f"{where}: {sub_event_type!r} is no sub-event type of {event_type}")
    if precision not in ("settlement", "admin1"):
        raise MarkupError(f"{where}: precision must be settlement or admin1, not {precision!r}")
    named = [t for t in toponyms if not t["metonymy"] and place in (t["name"], t["mention"])]
    if precision == "settlement":
        named = [t for t in named if t["kind"] == "settlement"] or named
    if not named:
        raise MarkupError(f"{where}: incident place {place!r} is no toponym annotated in the text")
    if precision == "settlement" and named[0]["kind"] != "settlement":
        raise MarkupError(f"{where}: {place!r} is a region, so its incident's precision is admin1")
    if " ".join(evidence.split()) not in " ".join(body.split()):
        raise MarkupError(f"{where}: the evidence is not in the text: {evidence[:60]!r}")
    anchor = named[0]
    return {
        "date": date, "event_type": event_type, "sub_event_type": sub_event_type, "place": anchor["name"],
        "admin1_code": anchor["admin1_code"], "precision": precision,
        "lat": anchor["lat"] if precision == "settlement" else None,
        "lon": anchor["lon"] if precision == "settlement" else None,
        "killed": _figure(killed, where), "injured": _figure(injured, where), "evidence": evidence,
    }


def convert(source: Path, regions: Regions) -> tuple[str, dict]:
    """One marked-up report to (plain text with its front matter, gold record)."""
    raw = source.read_text(encoding="utf-8")
    front = _FRONT.match(raw)
    if not front:
        raise MarkupError(f"{source}:1: the report must open with a front matter block (---, date:, ---)")
    meta = dict(re.findall(r"^([a-z_]+):\s*(.*?)\s*$", front.group(1), re.M))
    pub_date = meta.get("date", "unknown")
    if pub_date != "unknown":
        try:
            datetime.date.fromisoformat(pub_date)
        except ValueError:
            raise MarkupError(f"{source}:2: front matter date {pub_date!r} is not YYYY-MM-DD") from None
    rest = raw[front.end():]
    marked, _, incident_block = rest.partition("\n@@incidents\n")
    base_line = _line_of(raw, front.end())
    body_parts, toponyms, cursor, plain_len = [], [], 0, 0
    for match in _TOPONYM.finditer(marked):
        where = f"{source}:{base_line + _line_of(marked, match.start()) - 1}"
        body_parts.append(marked[cursor:match.start()])
        plain_len += match.start() - cursor
        mention = match.group(1)
        if mention != mention.strip():
            raise MarkupError(f"{where}: the mention {mention!r} has spaces at its edge")
        toponym = _toponym(match.group(2).split("|"), mention, regions, where)
        toponym["start"], toponym["end"] = plain_len, plain_len + len(mention)
        toponyms.append(toponym)
        body_parts.append(mention)
        plain_len += len(mention)
        cursor = match.end()
    body_parts.append(marked[cursor:])
    body = "".join(body_parts).rstrip("\n") + "\n"
    for stray in ("[[", "]]", "@@"):
        if stray in body:
            raise MarkupError(f"{source}:{base_line + _line_of(body, body.index(stray)) - 1}: "
                              f"stray {stray!r}: broken markup")
    for toponym in toponyms:
        assert body[toponym["start"]:toponym["end"]] == toponym["mention"]
    incidents = []
    first = _line_of(raw, len(raw) - len(incident_block))
    for number, line in enumerate(incident_block.splitlines()):
        if line.strip() and not line.lstrip().startswith("#"):
            incidents.append(_incident(line, toponyms, body, f"{source}:{first + number}"))
    header = "---\n" + "".join(f"{k}: {v}\n" for k, v in meta.items()) + "---\n"
    gold = {"file": source.name, "pub_date": pub_date, "style": meta.get("style", ""),
            "toponyms": toponyms, "incidents": incidents}
    return header + body, gold


def build(batch: Path, regions: Regions, write: bool = True) -> tuple[int, int, int]:
    """Convert every src/*.txt of a batch; returns (reports, toponyms, incidents)."""
    sources = sorted((batch / "src").glob("*.txt"))
    if not sources:
        raise MarkupError(f"{batch}: no src/*.txt reports")
    records, texts = [], {}
    for source in sources:
        text, gold = convert(source, regions)
        texts[source.name] = text
        records.append(gold)
    if write:
        out = batch / "texts"
        out.mkdir(exist_ok=True)
        for stale in out.glob("*.txt"):
            if stale.name not in texts:
                stale.unlink()
        for name, text in texts.items():
            (out / name).write_text(text, encoding="utf-8")
        lines = [json.dumps(r, ensure_ascii=False) for r in records]
        (batch / "gold.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(records), sum(len(r["toponyms"]) for r in records), sum(len(r["incidents"]) for r in records)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("batches", nargs="+", type=Path, help="batch folders, each with src/*.txt")
    parser.add_argument("--check", action="store_true", help="check only, write nothing")
    args = parser.parse_args(argv)
    regions = Regions.load()
    status = 0
    for batch in args.batches:
        try:
            reports, toponyms, incidents = build(batch, regions, write=not args.check)
        except (MarkupError, OSError) as error:
            print(f"error: {error}", file=sys.stderr)
            status = 1
            continue
        print(f"{batch}: {reports} reports, {toponyms} toponyms, {incidents} incidents"
              + (" (checked)" if args.check else ""))
    return status


if __name__ == "__main__":
    sys.exit(main())
