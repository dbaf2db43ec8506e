"""Map build at scale: 100,000 synthetic incidents over Ukraine -> map.html.

Targets: <= 5 s to build (median of 3) and <= 300 bytes of HTML per incident. When headless Chromium and
playwright are installed it also times opening the page until the markers are drawn.
"""

from __future__ import annotations

import logging
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geomap.render.map import render_map  # noqa: E402
from geomap.render.sample import synthetic_frames  # noqa: E402

N = 100_000
RUNS = 3
log = logging.getLogger(__name__)


def _browser_seconds(path: Path) -> float | None:
    """Seconds from navigation until geomap has built its layers, or None without chromium/playwright."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not chromium:
        return None
    with sync_playwright() as pw:  # playwright gives the browser a fresh, empty profile of its own
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"])
        page = browser.new_context(offline=True).new_page()
        started = time.perf_counter()
        page.goto(path.as_uri(), timeout=120_000)
        page.wait_for_function("window.geomap && document.querySelector('.geomap-cluster')", timeout=120_000)
        seconds = time.perf_counter() - started
        browser.close()
    return seconds


def run() -> dict:
    incidents, regions = synthetic_frames(N)
    times, size = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "map.html"
        for _ in range(RUNS):
            started = time.perf_counter()
            render_map(incidents, regions, path, title="Synthetic incidents", caption="bench", offline=True)
            times.append(time.perf_counter() - started)
            size = path.stat().st_size
        opened = _browser_seconds(path)
    figures = {
        "incidents": N,
        "build_seconds_median": round(statistics.median(times), 2),
        "build_target_seconds": 5.0,
        "html_bytes_per_incident": round(size / N, 1),
        "html_bytes_target": 300,
        "html_megabytes": round(size / 1e6, 1),
    }
    if opened is not None:
        figures["browser_open_seconds"] = round(opened, 1)
    return figures


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    for key, value in run().items():
        print(f"{key:28s} {value}")
