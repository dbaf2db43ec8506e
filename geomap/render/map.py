"""map.html: a folium (Leaflet) map of incidents over an admin-1 choropleth, built to stay small at scale.

One JSON payload (geomap/render/payload.py) feeds geomap's scripts (geomap/assets/geomap*.js): one filter state
(date range, event types, precision, casualties, text) drives the choropleth, its legend classes and tooltips,
the clustered markers, the heat map, the incident table, the per-day chart and the counts; a place search,
exports of the filtered incidents and offline labels come with them. `offline=True` inlines Leaflet and its
plugins and draws country outlines from the project's own polygons instead of tiles, so the file opens on an
air-gapped machine.

Untrusted text (titles, captions, article sentences, place and source names) never passes through Jinja:
folium renders placeholders and the escaped text is put in afterwards in one pass.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import logging
import re
import secrets
from functools import lru_cache
from pathlib import Path

import folium
import geopandas as gpd
from branca.element import MacroElement
from jinja2 import Template

from ..exc import DataError
from ..export.atomic import atomic_path
from .payload import build_payload, script_json

log = logging.getLogger(__name__)

ASSETS = Path(__file__).resolve().parent.parent / "assets"
CDN = "https://cdn.jsdelivr.net/npm"
# (file in geomap/assets, URL of the same file, pinned, on a CDN): online pages link these with SRI hashes
SCRIPTS = [
    ("leaflet.js", f"{CDN}/leaflet@1.9.4/dist/leaflet.js"),
    ("leaflet.markercluster.js", f"{CDN}/leaflet.markercluster@1.5.3/dist/leaflet.markercluster.js"),
    ("leaflet-heat.js", f"{CDN}/leaflet.heat@0.2.0/dist/leaflet-heat.js"),
]
STYLES = ["leaflet.css", "MarkerCluster.css", "geomap.css"]  # small: inlined in both modes
OWN_SCRIPTS = ["geomap-core.js", "geomap-panel.js", "geomap.js"]  # core first: the others use it
OSM_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_CREDIT = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
TILES = [  # online base layers (OpenStreetMap; greyed first so the choropleth reads)
    {"name": "OpenStreetMap (grey)", "url": OSM_URL, "maxZoom": 19, "grey": True, "attribution": OSM_CREDIT},
    {"name": "OpenStreetMap", "url": OSM_URL, "maxZoom": 19, "grey": False, "attribution": OSM_CREDIT},
]
NO_LEAFLET = ("This map loads Leaflet from the internet, which is not reachable here. "
              "Re-create it with `geomap map --offline` for a self-contained file.")


@lru_cache(maxsize=16)
def asset(name: str) -> str:
    """The text of one file in geomap/assets (see geomap/assets/README.md for versions and licences)."""
    path = ASSETS / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(f"{path}: map asset missing ({exc.strerror}); reinstall geomap or run "
                        "`python -m geomap.render.assets_build`") from exc
    if "</script" in text.lower() or "</style" in text.lower():
        raise DataError(f"{path}: map asset cannot be inlined (contains a closing script/style tag)")
    return text


def _sri(name: str) -> str:
    digest = hashlib.sha384((ASSETS / name).read_bytes()).digest()
    return "sha384-" + base64.b64encode(digest).decode()


def asset_tags(offline: bool) -> str:
    """<style> and <script> tags for Leaflet, the plugins and geomap's own code."""
    parts = [f"<style>\n{asset(name)}\n</style>" for name in STYLES]
    for name, url in SCRIPTS:
        if offline:
            parts.append(f"<script>\n{asset(name)}\n</script>")
        else:
            parts.append(f'<script src="{url}" integrity="{_sri(name)}" crossorigin="anonymous"></script>')
    if not offline:
        parts.append("<script>if (!window.L) { document.addEventListener('DOMContentLoaded', function () {"
                     "var note = document.createElement('div'); note.className = 'geomap-nonet';"
                     f"note.textContent = {json.dumps(NO_LEAFLET)}; document.body.prepend(note);"
                     "}); }</script>")
    parts.extend(f"<script>\n{asset(name)}\n</script>" for name in OWN_SCRIPTS)
    return "\n".join(parts)


class IncidentLayer(MacroElement):
    """Placeholders for geomap's assets, title box, data and start-up call; filled in after rendering."""

    _template = Template("""
        {% macro header(this, kwargs) %}{{ this.slot('assets') }}{% endmacro %}
        {% macro html(this, kwargs) %}
            <div class="geomap-title">{{ this.slot('titlebox') }}<p id="geomap-shown"></p></div>
            <script type="application/json" id="geomap-data">{{ this.slot('data') }}</script>
        {% endmacro %}
        {% macro script(this, kwargs) %}
            if (window.L && window.geomapInit) {
                geomapInit({{ this._parent.get_name() }},
                           JSON.parse(document.getElementById('geomap-data').textContent));
            }
        {% endmacro %}
    """)

    def __init__(self, nonce: str):
        super().__init__()
        self._name = "GeomapIncidents"
        self.nonce = nonce

    def slot(self, key: str) -> str:
        return f"@@geomap-{self.nonce}-{key}@@"


def _fill(page: str, nonce: str, parts: dict[str, str]) -> str:
    """Replace every placeholder in one pass, so inserted text is never scanned again."""
    pattern = re.compile(rf"@@geomap-{nonce}-(\w+)@@")
    found = pattern.findall(page)
    if sorted(found) != sorted(parts):
        raise RuntimeError(f"map template placeholders out of step: {found}")
    return pattern.sub(lambda match: parts[match.group(1)], page)


def title_box(title: str, caption: str | None) -> str:
    box = f"<h1>{html.escape(title)}</h1>"
    if caption:
        box += f"<p>{html.escape(caption)}</p>"
    return box


def build_html(incidents: gpd.GeoDataFrame, regions: gpd.GeoDataFrame, *, title: str,
               caption: str | None = None, offline: bool = False) -> str:
    """The whole map page as a string."""
    payload = build_payload(incidents, regions, offline=offline, tiles=[] if offline else TILES)
    (south, west), (north, east) = payload["bounds"]
    fmap = folium.Map(location=[(south + north) / 2, (west + east) / 2], zoom_start=6, tiles=None,
                      control_scale=True)
    fmap.default_js, fmap.default_css = [], []  # Leaflet comes with geomap's own asset tags
    nonce = secrets.token_hex(8)
    fmap.add_child(IncidentLayer(nonce))
    figure = fmap.get_root()
    figure.title = f"@@geomap-{nonce}-pagetitle@@"
    page = figure.render()
    return _fill(page, nonce, {
        "pagetitle": html.escape(title),
        "assets": asset_tags(offline),
        "titlebox": title_box(title, caption),
        "data": script_json(payload),
    })


def render_map(incidents: gpd.GeoDataFrame, regions: gpd.GeoDataFrame, path: str | Path, *, title: str,
               caption: str | None = None, offline: bool = False) -> Path:
    """Write map.html (self-contained when `offline`); returns the path written."""
    path = Path(path)
    page = build_html(incidents, regions, title=title, caption=caption, offline=offline)
    with atomic_path(path) as tmp:
        tmp.write_text(page, encoding="utf-8")
    log.info("map: %d incidents, %.1f MB", len(incidents), len(page) / 1e6)  # the caller logs where it lands
    return path
