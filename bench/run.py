"""`make bench`: run every benchmark module's `run()` and print its figures (medians), one block each.

Speed targets live here, never in timed tests: the machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import sys
import time
from pathlib import Path

BENCHES = ["gazetteer_bench", "extract_bench", "map_bench", "scale_bench"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", default=BENCHES, help=f"benchmarks to run (default: {' '.join(BENCHES)})")
    parser.add_argument("--json", type=Path, help="also write all figures to this JSON file")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    sys.path.insert(0, str(Path(__file__).parent))
    results, failed = {}, []
    for name in args.names:
        started = time.perf_counter()
        print(f"== {name}", flush=True)
        try:
            figures = importlib.import_module(name).run()
        except Exception as exc:  # one broken benchmark must not hide the others' figures
            print(f"   failed: {type(exc).__name__}: {exc}")
            failed.append(name)
            continue
        results[name] = figures
        for key, value in figures.items():
            print(f"   {key:40s} {value}")
        print(f"   ({time.perf_counter() - started:.0f} s)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
