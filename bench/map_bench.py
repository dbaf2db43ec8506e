"""Map build at scale: 100,000 synthetic incidents over Ukraine -> map.html.

Targets: <= 5 s to build (median of 3), <= 300 bytes of HTML per incident, a filter change under 1 s. When
headless Chromium and playwright are installed it times opening the page and each filter change (from the
input to the markers settled; `_work_ms` is the filter, choropleth, table and chart work alone), starting
with a change straight after load, while the first markers are still being added.
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


CHANGES = [  # (what, handle or None for the event-type box, value)
    ("one day, straight after load", ".geomap-to", "0"),
    ("all dates again", ".geomap-to", "29"),
    ("one week", ".geomap-to", "6"),
    ("Battles off", None, None),
    ("one day", ".geomap-from", "6"),
]


def _browser_figures(path: Path) -> dict | None:
    """Seconds to open the page and for each filter change until the markers settled (None: no browser)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not chromium:
        return None
    figures = {}
    with sync_playwright() as pw:  # playwright gives the browser a fresh, empty profile of its own
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"])
        page = browser.new_context(offline=True, viewport={"width": 1280, "height": 800}).new_page()
        started = time.perf_counter()
        page.goto(path.as_uri(), timeout=120_000)
        page.wait_for_function("window.geomap", timeout=120_000)
        figures["browser_open_seconds"] = round(time.perf_counter() - started, 2)
        for what, handle, value in CHANGES:
            started = time.perf_counter()
            if handle:
                page.locator(handle).fill(value)
            else:
                page.locator(".geomap-type-filter input[value='Battles']").uncheck()
            page.wait_for_function("geomap.idle()", timeout=120_000)
            seconds = time.perf_counter() - started
            shown, drawn = page.evaluate("[geomap.shown(), geomap.markerCount()]")
            if shown != drawn:
                raise AssertionError(f"{what}: {drawn} markers for {shown} incidents")
            key = "filter_" + what.replace(",", "").replace(" ", "_").lower()
            figures[key + "_seconds"] = round(seconds, 2)
            figures[key + "_work_ms"] = round(page.evaluate("geomap.lastUpdate().ms"))
        browser.close()
    return figures


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
        browser = _browser_figures(path)
    figures = {
        "incidents": N,
        "build_seconds_median": round(statistics.median(times), 2),
        "build_target_seconds": 5.0,
        "html_bytes_per_incident": round(size / N, 1),
        "html_bytes_target": 300,
        "html_megabytes": round(size / 1e6, 1),
    }
    figures.update(browser or {})
    return figures


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    for key, value in run().items():
        print(f"{key:28s} {value}")
