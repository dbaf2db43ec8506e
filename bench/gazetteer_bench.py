"""Gazetteer speed figures: cold index load, exact / folded / fuzzy resolves per second, index size.

`run()` returns the figures (medians of several repeats) as a dict; run as a script it prints them.
Targets (issue 3): load <= 0.5 s, exact or folded >= 100,000/s, fuzzy >= 5,000/s.
"""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from gazetteer import Gazetteer  # noqa: E402
from gazetteer.fold import fold, plain, variants  # noqa: E402
from gazetteer.index import default_path, load_index  # noqa: E402

_LOAD_SNIPPET = (
    "import time, gazetteer.index as i; t = time.perf_counter(); i.load_index(rebuild=False); "
    "print(time.perf_counter() - t)"
)


def _cold_load(repeats: int) -> float:
    """Median seconds to load the index in a fresh interpreter (imports excluded, file cache warm)."""
    times = []
    for _ in range(repeats):
        out = subprocess.run([sys.executable, "-c", _LOAD_SNIPPET], capture_output=True, text=True,
                             check=True, cwd=ROOT)
        times.append(float(out.stdout.strip()))
    return statistics.median(times)


def _samples(gazetteer: Gazetteer, size: int, seed: int = 7) -> dict[str, list[str]]:
    """Query sets: names as GeoNames (and the supplement) write them, respelt variants, misspellings, and the
    names of villages known only from the codifier (many share a name: the ranking has more to do)."""
    rng = random.Random(seed)
    settlements = [p for p in gazetteer.index.places if p.kind == "settlement" and p.country_code in ("UA", "RU")]
    places = [p for p in settlements if not p.approximate]
    codifier = [p.name for p in settlements if p.approximate]
    codifier = rng.sample(codifier, min(size, len(codifier)))
    exact = [p.name for p in rng.sample(places, min(size, len(places)))]
    respell = (("y", "i"), ("i", "y"), ("kh", "h"), ("ts", "tz"), ("ia", "ya"), ("v", "w"))
    folded = []
    for name in exact:
        variant = name
        for old, new in respell:
            variant = variant.replace(old, new)
        folded.append(variant if variant != name else name.upper())
    fuzzy = []
    for name in rng.sample(exact, len(exact)):
        if len(fold(name)) < 8:
            continue
        cut = rng.randrange(2, len(name) - 1)
        typo = name[:cut] + name[cut + 1:]  # one letter dropped
        if fold(typo) not in gazetteer.index.names:
            fuzzy.append(typo)
        if len(fuzzy) >= size // 10:
            break
    return {"exact": exact, "folded": folded, "fuzzy": fuzzy, "codifier": codifier}


def _rate(gazetteer_path: Path, names: list[str], repeats: int, *, warm: bool) -> float:
    """Median resolves per second over names; cold runs clear every cache first (the text caches of fold and
    a fresh Gazetteer for its own)."""
    rates = []
    gazetteer = Gazetteer(load_index(gazetteer_path, rebuild=False))
    for _ in range(repeats):
        if not warm:
            for cached in (fold, plain, variants):
                cached.cache_clear()
            gazetteer = Gazetteer(gazetteer.index)
        else:
            for name in names:
                gazetteer.resolve(name)
        started = time.perf_counter()
        for name in names:
            gazetteer.resolve(name)
        rates.append(len(names) / (time.perf_counter() - started))
    return statistics.median(rates)


def _stream(names: list[str], repeats: int) -> float:
    """Median names per second through `gazetteer resolve -` as a whole process (interpreter start, index load,
    JSON lines out), names fed on stdin and the output read back."""
    data = ("\n".join(names) + "\n").encode()
    rates = []
    for _ in range(repeats):
        started = time.perf_counter()
        out = subprocess.run([sys.executable, "-m", "gazetteer.cli", "resolve", "-"], input=data,
                             capture_output=True, cwd=ROOT)
        seconds = time.perf_counter() - started
        if out.returncode not in (0, 1) or out.stdout.count(b"\n") != len(names):
            raise RuntimeError(f"gazetteer resolve - failed: {out.stderr.decode()[-300:]}")
        rates.append(len(names) / seconds)
    return statistics.median(rates)


def _startup(repeats: int) -> float:
    """Median seconds of `gazetteer resolve -` on one name: the interpreter, the imports and the index load that
    every stream pays before its first name (on 20,000 distinct names, about two thirds of the whole)."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "gazetteer.cli", "resolve", "-"], input=b"Kyiv\n",
                       capture_output=True, cwd=ROOT, check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def run(repeats: int = 5, size: int = 20_000) -> dict:
    """Measure and return the figures (medians of `repeats`)."""
    path = default_path()
    gazetteer = Gazetteer.load(path)
    samples = _samples(gazetteer, size)
    hits = {kind: sum(1 for n in names if gazetteer.resolve(n, limit=1)) / max(len(names), 1)
            for kind, names in samples.items()}
    fresh = Gazetteer(gazetteer.index)
    started = time.perf_counter()
    fresh.resolve(samples["fuzzy"][0])  # the first fuzzy query builds the blocks
    fuzzy_setup = time.perf_counter() - started
    figures = {
        "index_path": str(path),
        "index_bytes": path.stat().st_size,
        "places": len(gazetteer.index.places),
        "name_keys": len(gazetteer.index.names),
        "cold_load_s": round(_cold_load(repeats), 4),
        "exact_per_s": round(_rate(path, samples["exact"], repeats, warm=False)),
        "exact_warm_per_s": round(_rate(path, samples["exact"], repeats, warm=True)),
        "folded_per_s": round(_rate(path, samples["folded"], repeats, warm=False)),
        "folded_warm_per_s": round(_rate(path, samples["folded"], repeats, warm=True)),
        "fuzzy_per_s": round(_rate(path, samples["fuzzy"], repeats, warm=False)),
        "codifier_per_s": round(_rate(path, samples["codifier"], repeats, warm=False)),
        "fuzzy_setup_s": round(fuzzy_setup, 4),
        # a stream of 10 * size lines drawn from the exact and folded names (reports repeat their places)
        "stream_per_s": round(_stream(random.Random(3).choices(samples["exact"] + samples["folded"], k=10 * size),
                                      repeats)),
        "stream_unique_per_s": round(_stream(samples["exact"], repeats)),  # every name once: start-up dominates
        "stream_startup_s": round(_startup(repeats), 4),
        "queries": {kind: len(names) for kind, names in samples.items()},
        "hit_rate": {kind: round(rate, 3) for kind, rate in hits.items()},
        "repeats": repeats,
    }
    return figures


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
