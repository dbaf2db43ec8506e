"""`make eval`: run places and incidents over the shared dev corpora and print the scorers' figures.

Runs `geomap places` and `geomap map` (subprocess, as a user would) over ../shared/corpus/dev/texts,
../shared/corpus/cir-dev/texts and the project's own bench/reports*/texts, writes .eval/<corpus>/places.jsonl
and incidents.geojson, then runs ../shared/eval/score.py and score_points.py on them. When the CLI fails it
falls back to calling find_places/extract_incidents in process. Exits 0 with a message when the shared folder is absent.
"""

from __future__ import annotations

import argparse
import json
import logging
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / ".eval"
log = logging.getLogger("evaluate")


def geomap_bin() -> str:
    candidate = Path(sys.executable).with_name("geomap")
    return str(candidate) if candidate.exists() else str(ROOT / ".venv" / "bin" / "geomap")


def run_cli(texts: Path, out: Path, with_map: bool) -> bool:
    """Places (and the map outputs) through the CLI; False when it fails."""
    places = subprocess.run(
        [geomap_bin(), "places", str(texts), "-o", str(out / "places.jsonl")], capture_output=True, text=True
    )
    if places.returncode not in (0, 2):
        log.warning("geomap places failed: %s", places.stderr.strip()[-300:])
        return False
    if with_map:
        mapped = subprocess.run(
            [geomap_bin(), "map", str(texts), "--out", str(out)], capture_output=True, text=True
        )
        if mapped.returncode not in (0, 2) or not (out / "incidents.geojson").exists():
            log.warning("geomap map failed: %s", mapped.stderr.strip()[-300:])
            return False
    return True


def run_in_process(texts: Path, out: Path) -> None:
    """The same outputs without the CLI: places.jsonl and a minimal incidents FeatureCollection."""
    sys.path.insert(0, str(ROOT))
    from gazetteer import Gazetteer
    from geomap.incidents import extract_incidents
    from geomap.places import find_places
    from geomap.read.articles import iter_text_files, read_article

    gazetteer = Gazetteer.load()
    lines, features = [], []
    for path in iter_text_files([texts]):
        article = read_article(path)
        mentions = find_places(article, gazetteer)
        lines += [json.dumps(m.to_dict(), ensure_ascii=False) for m in mentions]
        for incident in extract_incidents(article, mentions, gazetteer):
            features.append(
                {
                    "type": "Feature",
                    "properties": incident.to_dict(),
                    "geometry": {"type": "Point", "coordinates": [incident.lon, incident.lat]},
                }
            )
    (out / "places.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out / "incidents.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8"
    )


# the project's own annotated reports (bench/reports/README.md, bench/reports2/README.md) and the corpus batches
# already scored blind (bench/blind/LOG.md): development data from then on
OWN = {"reports": ROOT / "bench" / "reports", "reports2": ROOT / "bench" / "reports2"}
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from geomap.decide.model import logged_batches  # noqa: E402

OWN.update({p.name: p for p in sorted((ROOT / "corpus").glob("batch-*")) if p.name in logged_batches()})


def score(shared: Path, corpus: str, out: Path, quiet: bool) -> int:
    base = OWN.get(corpus) or shared / "corpus" / corpus
    if corpus == "cir-dev":
        command = [
            sys.executable,
            str(shared / "eval" / "score_points.py"),
            "--gold",
            str(base / "gold.csv"),
            "--places",
            str(out / "places.jsonl"),
            "--misses",
            "0" if quiet else "60",
        ]
    else:
        command = [
            sys.executable,
            str(shared / "eval" / "score.py"),
            "--gold",
            str(base / "gold.jsonl"),
            "--texts",
            str(base / "texts"),
            "--places",
            str(out / "places.jsonl"),
            "--incidents",
            str(out / "incidents.geojson"),
        ] + (["--quiet"] if quiet else [])
    return subprocess.run(command).returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--quiet", action="store_true", help="figures only, no list of misses")
    parser.add_argument("--in-process", action="store_true", help="skip the CLI")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s: %(message)s")
    from generated_trust import check  # needs no ../shared: generated articles with known places and figures

    print("== generated (1,000 articles: wrong oblasts and wrong figures)", flush=True)
    for key, value in check(1000, 15).items():
        print(f"{key:28s} {value}")
    if not (args.shared / "corpus").is_dir():
        print(f"eval skipped: {args.shared}/corpus not found")
        return 0
    status = 0
    for corpus in ("dev", "cir-dev", *OWN):
        texts = (OWN.get(corpus) or args.shared / "corpus" / corpus) / "texts"
        if not texts.is_dir():
            print(f"{corpus}: no texts folder, skipped")
            continue
        out = OUT / corpus
        out.mkdir(parents=True, exist_ok=True)
        if args.in_process or not run_cli(texts, out, with_map=corpus != "cir-dev"):
            run_in_process(texts, out)
        print(f"== {corpus}", flush=True)
        status |= score(args.shared, corpus, out, args.quiet)
    return status


if __name__ == "__main__":
    sys.exit(main())
