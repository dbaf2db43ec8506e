"""map.html as a person sees it: headless Chromium, networking off, offline map from a small fixture.

Skipped when no chromium binary (or the playwright package) is installed; `make test` installs Debian's
chromium when it can. Playwright drives the system browser (executable_path); it never downloads one.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from geomap.render.map import render_map
from geomap.render.sample import tiny_frames

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
playwright = pytest.importorskip("playwright.sync_api", reason="playwright not installed")
pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(CHROMIUM is None, reason="no chromium/chromium-browser binary installed")]
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
SCREENSHOT = Path(__file__).resolve().parent.parent / "outputs" / "screenshot.png"


@pytest.fixture(scope="module")
def page_session(tmp_path_factory):
    """The offline map opened in Chromium with no network; yields (page, console messages, requests)."""
    incidents, regions = tiny_frames(hostile=True)
    path = render_map(incidents, regions, tmp_path_factory.mktemp("map") / "map.html",
                      title="Test incidents <script>alert(1)</script>", caption="five hand-made incidents",
                      offline=True)
    messages, requests, dialogs = [], [], []
    with playwright.sync_playwright() as pw:  # a fresh, empty profile per launch
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        context = browser.new_context(viewport={"width": 1280, "height": 800}, offline=True)
        page = context.new_page()
        page.on("console", lambda m: messages.append((m.type, m.text)))
        page.on("pageerror", lambda e: messages.append(("error", str(e))))
        page.on("request", lambda r: requests.append(r.url))
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(path.as_uri())
        page.wait_for_function("window.geomap && document.querySelectorAll('path.geomap-region').length > 0",
                               timeout=30_000)
        page.wait_for_timeout(500)
        yield page, messages, requests, dialogs
        browser.close()


def test_map_draws_regions_and_markers(page_session):
    page, messages, requests, dialogs = page_session
    regions = page.locator("path.geomap-region").count()
    markers = page.locator("path.geomap-incident").count()
    clustered = sum(int(t.replace(",", "")) for t in page.locator(".geomap-cluster span").all_inner_texts())
    print(f"browser: {regions} region polygons, {markers} markers, {clustered} incidents in clusters")
    assert regions >= 27  # every Ukrainian region at least
    assert markers + clustered == 5
    assert page.locator("path.geomap-p3").count() == 1  # the whole-region ring
    assert page.locator(".geomap-legend").is_visible() and page.locator(".geomap-time").is_visible()


def test_no_console_errors_no_network_no_script_injection(page_session):
    page, messages, requests, dialogs = page_session
    errors = [text for kind, text in messages if kind == "error"]
    assert errors == []
    assert [url for url in requests if not url.startswith(("file:", "data:"))] == []
    assert dialogs == []  # no alert() ran from any hostile field
    assert page.locator("h1").inner_text() == "Test incidents <script>alert(1)</script>"


def test_popup_and_screenshot(page_session):
    page, messages, requests, dialogs = page_session
    page.evaluate("geomap.openPopup(0)")
    page.wait_for_selector(".geomap-popup", timeout=10_000)
    text = page.locator(".geomap-popup").inner_text()
    assert "Kharkiv" in text and "Killed" in text and "<script>alert(1)</script>" in text
    assert page.locator(".geomap-popup script, .geomap-popup img").count() == 0
    page.evaluate("geomap.openPopup(2)")  # the whole-region incident says so
    page.wait_for_timeout(800)
    assert "Whole region" in page.locator(".geomap-popup").inner_text()
    links = page.eval_on_selector_all(".geomap-sources a", "nodes => nodes.map(n => n.href)")
    assert links == ["https://news.example/a?b=1&c=%3C2%3E"]  # javascript: sources stay text
    assert "javascript:alert(1)" in page.locator(".geomap-sources").inner_text()
    page.evaluate("geomap.openPopup(0)")
    page.wait_for_timeout(800)
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))
    print(f"screenshot: {SCREENSHOT} ({SCREENSHOT.stat().st_size} bytes)")
    assert SCREENSHOT.stat().st_size > 20_000
    assert [text for kind, text in messages if kind == "error"] == []


def test_measure_switch_and_time_slider(page_session):
    page, messages, requests, dialogs = page_session
    page.locator(".geomap-measures input[value=killed]").check()
    assert "Killed" in page.locator(".geomap-legend").inner_text()
    slider = page.locator(".geomap-time input[type=range]")
    slider.fill("0")  # the first day only: 2024-03-02 has two incidents
    page.wait_for_timeout(300)
    assert page.evaluate("geomap.shown()") == 2
    assert "Showing 2 of 5" in page.locator("#geomap-shown").inner_text()
    slider.fill("3")  # all dates again
    page.wait_for_timeout(300)
    assert page.evaluate("geomap.shown()") == 5
