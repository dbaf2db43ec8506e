"""map.html as built: content, escaping of untrusted text, offline self-containment, size."""

from __future__ import annotations

import json
import re

import pytest

from geomap.render.map import OWN_SCRIPTS, SCRIPTS, STYLES, asset, build_html, render_map
from geomap.render.payload import script_json
from geomap.render.sample import synthetic_frames, tiny_frames
from geomap.render.style import classify

HOSTILE = ["<script>alert(1)</script>", '" onmouseover="alert(1)', "</script><script>alert(3)</script>",
           "<img src=x onerror=alert(2)>"]


@pytest.fixture(scope="module")
def frames():
    return tiny_frames(hostile=True)


@pytest.fixture(scope="module")
def offline_page(frames):
    incidents, regions = frames
    return build_html(incidents, regions, title="Strikes <b>{{7*7}}</b>",
                      caption='5 incidents; <script>alert("caption")</script>', offline=True)


def _data(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="geomap-data">(.*?)</script>', page, re.S)
    assert match, "data block missing"
    return json.loads(match.group(1))


def test_hostile_text_never_live(offline_page):
    for text in HOSTILE:
        assert text not in offline_page
    # the only script element that holds article text is the JSON block, and it closes exactly once
    assert offline_page.count('id="geomap-data"') == 1
    outside = re.sub(r'<script type="application/json".*?</script>', "", offline_page, flags=re.S)
    for name in [*STYLES, *OWN_SCRIPTS, *(name for name, _ in SCRIPTS)]:  # the inlined libraries' own code
        outside = outside.replace(asset(name), "")
    assert "<script>alert" not in outside and "onmouseover" not in outside and "onerror" not in outside


def test_hostile_text_kept_as_data(offline_page):
    strings = _data(offline_page)["S"]
    assert "<script>alert(1)</script> killed </script><img src=x onerror=alert(2)>" in strings
    assert '" onmouseover="alert(1)' in strings
    assert "javascript:alert(1)" in strings  # shown as text: the page links only http(s) sources


def test_title_and_caption_escaped_not_templated(offline_page):
    assert "<title>Strikes &lt;b&gt;{{7*7}}&lt;/b&gt;</title>" in offline_page
    assert "<h1>Strikes &lt;b&gt;{{7*7}}&lt;/b&gt;</h1>" in offline_page
    assert "&lt;script&gt;alert(&quot;caption&quot;)&lt;/script&gt;" in offline_page
    assert "49" not in offline_page.split("<h1>")[1][:60]


def test_script_json_escapes_closing_tags():
    text = script_json({"e": "</script><!-- & \u2028"})
    assert "</script" not in text and "<!--" not in text and "\u2028" not in text
    assert json.loads(text) == {"e": "</script><!-- & \u2028"}


def test_offline_page_is_self_contained(offline_page):
    assert not re.search(r'<script[^>]+src=', offline_page)
    assert not re.search(r'<link[^>]+href=', offline_page)
    assert "tile.openstreetmap" not in offline_page and "{z}" not in _data(offline_page)["tiles"].__repr__()
    assert "cdn." not in offline_page
    assert "L.markerClusterGroup" in offline_page or "markerClusterGroup" in offline_page
    data = _data(offline_page)
    assert data["offline"] is True and data["outlines"]["features"]


def test_online_page_links_pinned_cdn_with_sri(frames):
    incidents, regions = frames
    page = build_html(incidents, regions, title="t", offline=False)
    links = re.findall(r'<script src="([^"]+)" integrity="(sha384-[^"]+)"', page)
    assert [url.split("/npm/")[1].split("/")[0] for url, _ in links] == [
        "leaflet@1.9.4", "leaflet.markercluster@1.5.3", "leaflet.heat@0.2.0"]
    assert _data(page)["tiles"] and _data(page)["outlines"] is None
    assert "geomap-nonet" in page  # a note instead of a blank page when the CDN is unreachable


def test_payload_content(offline_page):
    data = _data(offline_page)
    inc, strings = data["inc"], data["S"]
    assert len(inc["x"]) == 5 and data["dates"] == ["2024-03-02", "2024-03-05", "2024-03-07"]
    first = {key: inc[key][0] for key in ("x", "y", "p", "k", "j")}
    assert first == {"x": 36.2304, "y": 49.9935, "p": 1, "k": 3, "j": 12}
    assert inc["k"][1] == -1  # unknown killed stays unknown, not zero
    assert inc["p"][2] == 3  # the whole-region incident
    assert [strings[k] for k in inc["Z"][inc["s"][0]]] == ["kharkiv-report.md", "wire-2024-03-02.md"]
    types = {t["name"]: t for t in data["types"]}
    assert types["Explosions/Remote violence"]["count"] == 2
    regions = {f["properties"]["c"]: f["properties"] for f in data["regions"]["features"]}
    assert regions["UA-14"]["incidents"] == 2
    assert regions["UA-46"]["incidents"] == 0  # Lviv, far west: drawn, with nothing in it
    codes = [f["properties"]["c"] for f in data["regions"]["features"]]
    assert [codes[r] for r in inc["r"]] == ["UA-63", "UA-51", "UA-14", "UA-65", "UA-14"]  # each one's region
    assert "RU-MOW" not in regions and "BY-HM" not in regions  # only neighbours near the incidents
    assert set(data["measures"]) == {"incidents", "killed", "injured"}
    # no admin-1 populations ship with geomap: the legend says the figures are raw counts
    assert data["countsNote"] == "Raw counts, not per capita: geomap ships no region populations."
    # the page classifies filtered figures itself: it gets the colours style.classify gives per class count
    ramps = data["measures"]["killed"]["ramps"]
    assert [len(r) for r in ramps] == [1, 2, 3, 4, 5] and ramps[2] == classify([1, 2, 3], "Reds").colours


def test_render_map_writes_file(frames, tmp_path):
    incidents, regions = frames
    path = render_map(incidents, regions, tmp_path / "out" / "map.html", title="t", caption="c")
    assert path.exists() and path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_empty_map_still_renders(frames, tmp_path):
    incidents, regions = frames
    page = build_html(incidents.iloc[0:0], regions, title="nothing", offline=True)
    data = _data(page)
    assert data["inc"]["x"] == [] and data["regions"]["features"]


def test_html_bytes_per_incident_small():
    incidents, regions = synthetic_frames(5000, seed=3)
    page = build_html(incidents, regions, title="t", offline=False)
    assert len(page.encode()) / len(incidents) < 300


@pytest.mark.parametrize(("values", "method", "classes"), [
    ([0, 0, 0], "none", 0),
    ([0, 1, 1, 2], "unique values", 2),
    ([0, 1, 2, 3, 5, 8, 13, 21, 34, 55], "natural breaks", 5),
    (list(range(1, 200)), "quantiles", 5),
])
def test_classify(values, method, classes):
    result = classify(values)
    assert result.method == method and len(result.labels) == classes == len(result.colours)
    assert all(i == -1 for v, i in zip(values, result.index, strict=True) if v == 0)
    assert all(0 <= i < classes for v, i in zip(values, result.index, strict=True) if v > 0)
    assert result.index == sorted(result.index) if values == sorted(values) else True


def test_labels_from_own_data(offline_page):
    labels = _data(offline_page)["labels"]
    assert "Kharkiv Oblast" in [name for name, *_ in labels["regions"]]
    towns = {name: zoom for name, _, _, zoom in labels["towns"]}
    assert towns["Kharkiv"] == 5 and towns["Pokrovsk"] < towns["Myrnohrad"] <= 10  # the larger one first


def test_declutter_moves_crowded_labels_to_later_zooms():
    from geomap.render.labels import declutter

    towns = declutter([["Big", 48.0, 37.0, 5], ["Near", 48.0, 37.05, 5], ["Far", 50.0, 30.0, 5]])
    zooms = {name: zoom for name, _, _, zoom in towns}
    assert zooms["Big"] == 5 and zooms["Far"] == 5 and zooms["Near"] > 8  # 3.7 km apart: only zoomed in


def test_url_links_are_data_only(frames):
    incidents, regions = frames
    incidents = incidents.assign(url=['https://x.example/?q="><script>alert(9)</script>', "javascript:alert(8)",
                                      None, None, None])
    page = build_html(incidents, regions, title="t", offline=True)
    data = _data(page)
    assert [data["S"][k] if k >= 0 else None for k in data["inc"]["w"]][:2] == [
        'https://x.example/?q="><script>alert(9)</script>', "javascript:alert(8)"]
    assert "<script>alert(9)" not in page and "javascript:alert(8)" not in page.replace(
        script_json(data), "")
