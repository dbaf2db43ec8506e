"""Fetch the pinned Leaflet assets from the npm registry (`npm pack`) into geomap/assets/, which is committed.

Run once by a maintainer (`python -m geomap.render.assets_build`); map rendering never touches the network:
offline maps inline these files, online maps link the same versions on a CDN.
"""

from __future__ import annotations

import argparse
import base64
import logging
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)

ASSETS_DIR = Path(__file__).resolve().parent.parent / "assets"

# npm package -> (version, licence, {file in the package: file in geomap/assets})
PACKAGES: dict[str, tuple[str, str, dict[str, str]]] = {
    "leaflet": ("1.9.4", "BSD-2-Clause", {
        "dist/leaflet.js": "leaflet.js",
        "dist/leaflet.css": "leaflet.css",
        "LICENSE": "LICENSE.leaflet.txt",
    }),
    "leaflet.markercluster": ("1.5.3", "MIT", {
        "dist/leaflet.markercluster.js": "leaflet.markercluster.js",
        "dist/MarkerCluster.css": "MarkerCluster.css",
        "dist/MarkerCluster.Default.css": "MarkerCluster.Default.css",
        "MIT-LICENCE.txt": "LICENSE.leaflet.markercluster.txt",
    }),
    "leaflet.heat": ("0.2.0", "BSD-2-Clause (bundles simpleheat, BSD-2-Clause)", {
        "dist/leaflet-heat.js": "leaflet-heat.js",
        "LICENSE": "LICENSE.leaflet.heat.txt",
    }),
}


def _inline_images(css: str, images: Path) -> str:
    """Replace `url(images/x.png)` in Leaflet's CSS with data URIs so an offline page needs no other file."""

    def data_uri(match: re.Match[str]) -> str:
        png = images / match.group(1)
        return f"url(data:image/png;base64,{base64.b64encode(png.read_bytes()).decode()})"

    return re.sub(r"url\(images/([\w.-]+\.png)\)", data_uri, css)


def fetch(package: str, version: str, workdir: Path) -> Path:
    """`npm pack` one pinned package and unpack it; returns the package folder."""
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("npm not found: install npm to rebuild geomap/assets (the committed copy works)")
    result = subprocess.run([npm, "pack", f"{package}@{version}", "--silent"], cwd=workdir, check=True,
                            capture_output=True, text=True)
    tarball = workdir / result.stdout.strip().splitlines()[-1]
    target = workdir / package
    with tarfile.open(tarball) as archive:
        archive.extractall(target, filter="data")
    return target / "package"


def build(out: Path = ASSETS_DIR) -> list[Path]:
    """Fetch every pinned package and copy its files into `out`; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="geomap-assets-") as tmp:
        for package, (version, _licence, files) in PACKAGES.items():
            root = fetch(package, version, Path(tmp))
            for source, name in files.items():
                target = out / name
                if name == "leaflet.css":
                    css = (root / source).read_text(encoding="utf-8")
                    target.write_text(_inline_images(css, root / "dist" / "images"), encoding="utf-8")
                else:
                    shutil.copyfile(root / source, target)
                written.append(target)
                log.info("%s@%s %s -> %s", package, version, source, target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ASSETS_DIR, help="output folder (default: geomap/assets)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    build(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
