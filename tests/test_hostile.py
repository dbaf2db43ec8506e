"""Hostile text end to end: whatever an article or a table says reaches map.html only as inert text, and never
chooses an output path. Runs `geomap map` on a table and an article full of markup, script and path tricks."""

from __future__ import annotations

import csv
import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from geomap.cli import main

# Each payload carries a marker so that any trace of it outside inert text can be found.
SCRIPT = "<script>alert('HOSTILE-1')</script>"
IMG = "<img src=x onerror=alert('HOSTILE-2')>"
CLOSE = "</script><script>alert('HOSTILE-3')</script><!--"
ATTR = "\" onmouseover=\"alert('HOSTILE-4')\" x=\""
SVG = "<svg/onload=alert('HOSTILE-5')>"
JS_URL = "javascript:alert('HOSTILE-6')"
TEMPLATE = "{{ 7*7 }}{% raw %}HOSTILE-7"
FORMULA = "=HYPERLINK(\"http://example.invalid\",\"HOSTILE-8\")"
TRAVERSAL = "../../etc/passwd"
MARKUP = [SCRIPT, IMG, CLOSE, ATTR, SVG]  # payloads with characters HTML gives meaning to
PLAIN = [JS_URL, TEMPLATE]  # payloads that are harmless as data but must not become a link or a template


class Page(HTMLParser):
    """Every tag with its attributes, and every script element's text, of an HTML page."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._script: dict[str, str | None] | None = None
        self._text: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script, self._text = dict(attrs), []

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._text)))
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._text.append(data)


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory, gazetteer):
    """One `geomap map` run over hostile inputs; returns (work folder, out folder, map.html text)."""
    work = tmp_path_factory.mktemp("hostile")
    table = work / "incidents.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "date", "location", "admin1", "latitude", "longitude", "killed", "notes",
                         "source", "event_type"])
        writer.writerow([ATTR, "2024-11-11", SCRIPT, IMG, "49.99", "36.23", "2", CLOSE, JS_URL, SVG])
        writer.writerow(["H2", "2024-11-12", TEMPLATE, "Kharkiv", "50.0", "36.3", "1", FORMULA, TRAVERSAL,
                         "Battles"])
    articles = work / "articles"
    articles.mkdir()
    name = "<img src=x onerror=alert('HOSTILE-9')>.md"  # a legal file name on Linux
    (articles / name).write_text(
        f"---\ntitle: {SCRIPT}\nsource: {TRAVERSAL}\nurl: {JS_URL}\ndate: 2024-11-13\n---\n"
        f"A Russian missile struck Kharkiv on Wednesday, killing two people {CLOSE} and injuring five {IMG}.\n",
        encoding="utf-8")
    out = work / "out"
    import gazetteer as gazetteer_package

    saved = gazetteer_package.Gazetteer.load
    gazetteer_package.Gazetteer.load = classmethod(lambda cls, *a, **k: gazetteer)
    try:
        code = main(["map", str(table), str(articles), "--out", str(out), "--offline", "--no-cache",
                     "--title", f"Report {SCRIPT}{IMG}", "--format", "gpkg", "-q"])
    finally:
        gazetteer_package.Gazetteer.load = saved
    assert code == 0
    return work, out, (out / "map.html").read_text(encoding="utf-8")


def test_output_names_are_fixed_whatever_the_inputs_say(hostile_run):
    work, out, _ = hostile_run
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "geomap.gpkg", "incidents.csv", "incidents.geojson", "map.html", "regions.geojson"]
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == []
    made = {p.relative_to(work).as_posix() for p in work.rglob("*")}
    assert made <= {"incidents.csv", "articles", "articles/<img src=x onerror=alert('HOSTILE-9')>.md", "out",
                    *(f"out/{p.name}" for p in out.iterdir())}
    assert not (work / "etc").exists() and not (out.parent.parent / "etc").exists()


def test_no_payload_appears_verbatim_in_the_page(hostile_run):
    _, _, text = hostile_run
    for payload in MARKUP:
        assert payload not in text
    assert "HOSTILE-9')>" not in text
    data = next(body for attrs, body in Page(text).scripts if attrs.get("type") == "application/json")
    outside = text.replace(data, "")
    for payload in PLAIN:
        assert payload in data and payload not in outside  # kept as data, used nowhere else
    assert "{{ 7*7 }}" in data  # never rendered by a template engine


def test_no_tag_or_attribute_carries_a_payload(hostile_run):
    _, _, text = hostile_run
    page = Page(text)
    for tag, attrs in page.tags:
        for key, value in attrs.items():
            assert "HOSTILE" not in key and "HOSTILE" not in (value or ""), (tag, key, value)
            if key in ("href", "src", "action", "formaction"):
                assert not (value or "").strip().lower().startswith(("javascript:", "data:text/html")), (tag, key)
        assert tag not in ("svg", "iframe", "object", "embed") or "HOSTILE" not in str(attrs)
    assert not [tag for tag, attrs in page.tags if tag == "img" and "onerror" in attrs]


def test_scripts_hold_the_hostile_text_only_as_json_data(hostile_run):
    _, _, text = hostile_run
    page = Page(text)
    data = [body for attrs, body in page.scripts if attrs.get("type") == "application/json"]
    code = [body for attrs, body in page.scripts if attrs.get("type") != "application/json"]
    assert all("HOSTILE" not in body for body in code)
    assert len(data) == 1  # the </script> in the article did not end the data block early
    payload = json.dumps(json.loads(data[0]), ensure_ascii=False)  # parses whole, so the element closed once
    for marker in ("HOSTILE-1", "HOSTILE-3", "HOSTILE-6"):
        assert marker in payload  # the text is kept (as data), not dropped
    assert "</script" not in data[0].lower() and "<!--" not in data[0]


def test_the_title_is_text(hostile_run):
    _, _, text = hostile_run
    page = Page(text)
    assert [tag for tag, _ in page.tags].count("title") == 1
    assert "&lt;script&gt;alert(&#x27;HOSTILE-1&#x27;)&lt;/script&gt;" in text or \
           "&lt;script&gt;alert('HOSTILE-1')&lt;/script&gt;" in text


def test_gis_outputs_keep_the_text_and_defuse_formulas(hostile_run):
    _, out, _ = hostile_run
    features = json.loads((out / "incidents.geojson").read_text(encoding="utf-8"))["features"]
    values = json.dumps([f["properties"] for f in features], ensure_ascii=False)
    assert SCRIPT in values  # GeoJSON is data: the text is kept exactly
    with (out / "incidents.csv").open(encoding="utf-8", newline="") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert not [c for c in cells if c.startswith(("=", "+", "@")) and "HOSTILE" in c]
    assert any(c.startswith("'=HYPERLINK") for c in cells)


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="no chromium/chromium-browser binary installed")
def test_in_a_browser_no_hostile_script_runs(hostile_run):
    playwright = pytest.importorskip("playwright.sync_api", reason="playwright not installed")
    _, out, _ = hostile_run
    dialogs, errors = [], []
    with playwright.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                     args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        try:
            page = browser.new_context(offline=True).new_page()
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(Path(out / "map.html").as_uri())
            page.wait_for_function("window.geomap && document.querySelectorAll('path.geomap-region').length",
                                   timeout=30_000)
            count = page.evaluate("geomap.total")
            assert count >= 3
            for index in range(count):
                page.evaluate(f"geomap.openPopup({index})")
                page.wait_for_selector(".geomap-popup", timeout=10_000)
                page.wait_for_timeout(200)
                popup = page.locator(".geomap-popup")
                assert popup.locator("script, img, svg, iframe").count() == 0
                hrefs = popup.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
                assert not [h for h in hrefs if h and h.lower().startswith("javascript:")]
            page.mouse.move(400, 300)
            page.wait_for_timeout(300)
        finally:
            browser.close()
    assert dialogs == [] and errors == []
