"""UCDP Georeferenced Event Dataset (GED) exports: recognised by their columns and read under GED's meaning.

GED is the other standard event format beside ACLED. Its columns mean: `date_start`/`date_end` the first and
last day the event may have happened on; `best` the best estimate of deaths (`low`/`high` the bounds,
`deaths_a`/`deaths_b`/`deaths_civilians`/`deaths_unknown` its parts); `where_description` and `adm_1` the
place and its first-order region; `where_prec` how precisely the point is known; `type_of_violence` the
kind of conflict; `source_headline` the report's headline; `region` the world region ("Europe"), which is
never a place or an admin-1.
"""

from __future__ import annotations

from ..taxonomy import ged_event

# Columns only GED exports carry together; three of them make a table GED.
SIGNATURE = ("type_of_violence", "where_prec", "date_start", "date_end", "best", "deaths_civilians",
             "where_description", "conflict_name", "side_a", "side_b")
MIN_SIGNATURE = 3

# Schema field -> the GED column read for it.
ALIASES: dict[str, tuple[str, ...]] = {
    "date": ("date_start",),
    "location": ("where_description", "where_coordinates"),
    "admin1": ("adm_1",),
    "country": ("country",),  # not country_id: a Gleditsch-Ward code, not ISO 3166 (kept as a column)
    "latitude": ("latitude",),
    "longitude": ("longitude",),
    "killed": ("best",),
    "injured": (),
    "event_type": ("type_of_violence",),
    "sub_event_type": (),
    "notes": ("source_headline",),
    "source": ("source_office",),
    "url": (),
    "geo_precision": ("where_prec",),
    "id": ("id",),
}
# Columns read into a field under another meaning, so kept too as the export gives them.
KEPT_ORIGINALS = ("type_of_violence", "where_prec")


def is_ged(normalised_header: set[str]) -> bool:
    """True when the (normalised) column names are a UCDP GED export's."""
    return sum(name in normalised_header for name in SIGNATURE) >= MIN_SIGNATURE


def geo_precision(where_prec: str | None) -> str | None:
    """ACLED geo_precision of a GED where_prec: 1 -> 1 (the exact place), 2-3 -> 2 (within 25 km of a known
    place, or its second-order region), 4 and above -> 3 (first-order region, a larger area, the country,
    waters or airspace); None for an empty or unknown code."""
    text = (where_prec or "").strip().removesuffix(".0")
    if not text.isdigit() or int(text) < 1:
        return None
    code = int(text)
    return "1" if code == 1 else "2" if code <= 3 else "3"


def event_type(type_of_violence: str | None) -> str | None:
    """ACLED event type of a GED type_of_violence (1, 2 -> Battles; 3 -> Violence against civilians); the
    code itself for anything else, so the reader's taxonomy check reports it."""
    return ged_event(type_of_violence) or type_of_violence
