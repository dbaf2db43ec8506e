"""Score a new batch of annotated reports with the code as it stands, and log its first score.

A batch (corpus/batch-NN, written by someone who has not read the code) says how geomap does on unseen text
only the first time it is scored: after that, anything learned from it makes it development data. So this
script appends one line to bench/blind/LOG.md the first time it sees a batch and refuses to log it again; a
re-score prints its figures without logging them.

Usage: .venv/bin/python bench/blind/score_batch.py corpus/batch-01 [--shared ../shared]
"""

from __future__ import annotations

import argparse
import datetime
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOG = ROOT / "bench" / "blind" / "LOG.md"
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from evaluate import run_cli, run_in_process  # noqa: E402

from geomap.decide.model import logged_batches  # noqa: E402

HEADER = (
    "| date | batch | reports | styles | commit | toponym F1 | metonymy taken as place | incident F1 | "
    "casualties exact |\n|---|---|---|---|---|---|---|---|---|\n"
)


def figures(batch: Path, shared: Path) -> dict:
    """The shared scorer's figures for one batch, from `geomap places` and `geomap map` run as a user would."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        if not run_cli(batch / "texts", out, with_map=True):
            run_in_process(batch / "texts", out)
        command = [sys.executable, str(shared / "eval" / "score.py"), "--gold", str(batch / "gold.jsonl"),
                   "--texts", str(batch / "texts"), "--places", str(out / "places.jsonl"),
                   "--incidents", str(out / "incidents.geojson"), "--json"]
        result = subprocess.run(command, capture_output=True, text=True, check=True)
        return json.loads(result.stdout)


def commit() -> str:
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "geomap", "gazetteer"], cwd=ROOT,
                           capture_output=True, text=True).stdout.strip()
    return head.stdout.strip() + ("+changes" if dirty else "")


def styles(batch: Path) -> str:
    seen = []
    for line in (batch / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        style = json.loads(line).get("style") or "?"
        if style not in seen:
            seen.append(style)
    return ", ".join(seen)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("batch", type=Path, help="a corpus/batch-NN folder with texts/ and gold.jsonl")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="folder with eval/score.py")
    args = parser.parse_args(argv)
    if not (args.shared / "eval" / "score.py").exists():
        print(f"skipped: {args.shared}/eval/score.py not found")
        return 0
    if not (args.batch / "gold.jsonl").exists():
        print(f"error: {args.batch}: no gold.jsonl (run corpus/markup.py on it first)", file=sys.stderr)
        return 1
    result = figures(args.batch, args.shared)
    name = args.batch.name
    line = (f"| {datetime.date.today()} | {name} | {result['articles']} | {styles(args.batch)} | {commit()} | "
            f"{result['toponym_f1']} | {result['metonymy_taken_as_place']} | {result['incident_f1']} | "
            f"{result['casualty_accuracy']} |")
    print(json.dumps(result))
    if name in logged_batches():
        print(f"{name} already has its first score in {LOG.relative_to(ROOT)}: not logged again")
        return 0
    if not LOG.exists():
        LOG.write_text("# Blind batches: the first score of each\n\n" + HEADER, encoding="utf-8")
    with LOG.open("a", encoding="utf-8") as fh:
        fh.write(line + "\n")
    print("logged: " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
