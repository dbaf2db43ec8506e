"""Scale figures for issue 6: articles per second (one process, and Dask on this machine), incremental re-run
speed, peak memory of a 10,000-article run, and region-join throughput on 1,000,000 incidents.

Each corpus run happens in a fresh child process so that its peak RSS is its own. Figures are medians over
REPEATS runs. `python bench/scale_bench.py` prints them; `make bench` runs it with the other benchmarks.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = int(os.environ.get("SCALE_BENCH_ARTICLES", "10000"))
POINTS = int(os.environ.get("SCALE_BENCH_POINTS", "1000000"))
REPEATS = int(os.environ.get("SCALE_BENCH_REPEATS", "3"))


def make_corpus(folder: Path, count: int) -> list[Path]:
    """Copies of examples/*.md under varied names, each with a distinct front-matter line so that no two
    files share bytes (the cache keys on content)."""
    examples = sorted((ROOT / "examples").glob("*.md"))
    if not examples:
        raise SystemExit("examples/*.md not found")
    texts = [p.read_text(encoding="utf-8") for p in examples]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        text = texts[number % len(texts)]
        text = text.replace("---\n", f"---\ncopy: {number}\n", 1) if text.startswith("---\n") else text
        stem = examples[number % len(texts)].stem
        path = folder / f"{number // 1000:02d}" / f"outlet{number % 7}-{number:06d}-{stem}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _child_corpus(corpus: Path, out: Path, engine: str, workers: int | None, cache: bool) -> dict:
    """Runs in the child process: collect incidents from the corpus, report time and peak memory."""
    import logging

    logging.basicConfig(level=logging.WARNING)
    from gazetteer import Gazetteer
    from geomap.pipeline import RunOptions, RunSummary, collect_incidents

    gazetteer = Gazetteer.load()
    summary = RunSummary()
    workers_rss: list[float] = []
    if engine == "dask":  # our own local cluster, so that the workers' memory can be asked before it closes
        from distributed import Client, LocalCluster

        with LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None) as cluster, \
                Client(cluster) as client:
            client.wait_for_workers(workers)
            options = RunOptions(out_dir=out, engine="dask", scheduler=cluster.scheduler_address, cache=cache,
                                 progress=False)
            started = time.perf_counter()
            incidents = collect_incidents([corpus], options, gazetteer, summary)
            seconds = time.perf_counter() - started
            workers_rss = list(client.run(_peak_rss_mb).values())
    else:
        options = RunOptions(out_dir=out, cache=cache, progress=False)
        started = time.perf_counter()
        incidents = collect_incidents([corpus], options, gazetteer, summary)
        seconds = time.perf_counter() - started
    return {"documents": summary.documents, "incidents": len(incidents), "cached": summary.cached,
            "seconds": seconds, "rss_mb": _peak_rss_mb(), "worker_rss_mb": max(workers_rss, default=0.0)}


def _peak_rss_mb() -> float:
    """This process's peak resident memory. VmHWM, not ru_maxrss: on Linux ru_maxrss survives exec, so a
    child would report its parent's peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _spawn(*args: str) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True,
                          cwd=ROOT, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"child run failed: {done.stderr.strip().splitlines()[-1:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def corpus_figures(count: int = ARTICLES, repeats: int = REPEATS) -> dict:
    figures: dict = {}
    with tempfile.TemporaryDirectory(prefix="geomap-scale-") as tmp:
        corpus = Path(tmp) / "corpus"
        make_corpus(corpus, count)
        for engine, workers in (("local", None), ("dask", os.cpu_count() or 1)):
            runs = [_spawn(str(corpus), str(Path(tmp) / f"out-{engine}-{n}"), engine, str(workers or 0), "0")
                    for n in range(repeats)]
            label = "single process" if engine == "local" else f"dask, {workers} local workers"
            # the dask timing includes sending the work and the gazetteer load on the workers, not the
            # cluster start-up (a team's cluster is already running)
            figures[f"docs/s, {label}"] = round(statistics.median(r["documents"] / r["seconds"] for r in runs),
                                                1)
            figures[f"seconds for {count} docs, {label}"] = round(statistics.median(r["seconds"] for r in runs),
                                                                  1)
            figures[f"peak RSS MB, {label}"] = round(statistics.median(r["rss_mb"] for r in runs))
            if engine == "dask":
                figures[f"peak RSS MB of the largest worker, {label}"] = round(statistics.median(
                    r["worker_rss_mb"] for r in runs))
            figures[f"incidents (after merging), {label}"] = runs[0]["incidents"]
        # incremental: a first run fills the cache, the re-runs take every article from it
        out = Path(tmp) / "out-cached"
        _spawn(str(corpus), str(out), "local", "0", "1")
        reruns = [_spawn(str(corpus), str(out), "local", "0", "1") for _ in range(repeats)]
        assert all(r["cached"] == count for r in reruns), reruns
        figures["docs/s, re-run from the cache"] = round(statistics.median(
            r["documents"] / r["seconds"] for r in reruns), 1)
    return figures


def _points_on_land(count: int, regions) -> tuple:
    """Random points inside Ukraine and the Russian regions next to it (incidents sit on land)."""
    import numpy as np

    from geomap.join import locate_points

    rng = np.random.default_rng(2024)
    polygons = regions.geometry.values
    wanted = regions["country_code"].isin(["UA"]).to_numpy() | regions["admin1_code"].isin(
        ["RU-BEL", "RU-KRS", "RU-BRY", "RU-ROS", "RU-VOR"]).to_numpy()
    xs, ys = [], []
    total = 0
    while total < count:
        x, y = rng.uniform(22.0, 42.0, count), rng.uniform(44.3, 53.5, count)
        found = locate_points(x, y, polygons, grid_min_points=1)
        keep = (found >= 0) & wanted[np.maximum(found, 0)]
        xs.append(x[keep])
        ys.append(y[keep])
        total += int(keep.sum())
    return np.concatenate(xs)[:count], np.concatenate(ys)[:count]


def join_figures(count: int = POINTS, repeats: int = REPEATS) -> dict:
    import geopandas as gpd
    import shapely

    from geomap import join
    from geomap.regions import load_regions

    regions = load_regions()
    x, y = _points_on_land(count, regions)
    frame = gpd.GeoDataFrame({"admin1_code": [None] * count, "admin1": [None] * count,
                              "country_code": [None] * count}, geometry=shapely.points(x, y), crs="EPSG:4326")
    join._GRIDS.clear()
    join._TREES.clear()
    started = time.perf_counter()
    first = join.join_regions(frame, regions)
    cold = time.perf_counter() - started
    warm = []
    for _ in range(repeats):
        started = time.perf_counter()
        join.join_regions(frame, regions)
        warm.append(time.perf_counter() - started)
    baseline = []
    for _ in range(repeats):
        started = time.perf_counter()
        hits = gpd.sjoin(frame[["geometry"]], regions[["admin1_code", "geometry"]], how="left",
                         predicate="within")
        hits[~hits.index.duplicated(keep="first")]
        baseline.append(time.perf_counter() - started)
    return {
        f"join_regions points/s ({count} points, grid built)": round(count / cold),
        f"join_regions points/s ({count} points, grid reused; median)":
            round(count / statistics.median(warm)),
        f"plain geopandas.sjoin points/s ({count} points; median)":
            round(count / statistics.median(baseline)),
        "joined share": round(float(first["admin1_code"].notna().mean()), 4),
    }


def run() -> dict:
    """All figures (takes a few minutes: three 10,000-article runs per engine)."""
    figures = {"articles": ARTICLES, "repeats (medians)": REPEATS, "cpus": os.cpu_count()}
    figures.update(join_figures())
    figures.update(corpus_figures())
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", nargs=5, metavar=("CORPUS", "OUT", "ENGINE", "WORKERS", "CACHE"),
                        help=argparse.SUPPRESS)
    parser.add_argument("--only", choices=["join", "corpus"], help="one group of figures")
    args = parser.parse_args(argv)
    if args.child:
        corpus, out, engine, workers, cache = args.child
        print(json.dumps(_child_corpus(Path(corpus), Path(out), engine, int(workers) or None, cache == "1")))
        return 0
    figures = join_figures() if args.only == "join" else corpus_figures() if args.only == "corpus" else run()
    for key, value in figures.items():
        print(f"{key:55s} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
