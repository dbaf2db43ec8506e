"""ACLED event taxonomy: the event and sub-event types geomap emits, and a mapping from table words."""

from __future__ import annotations

EXPLOSIONS = "Explosions/Remote violence"
BATTLES = "Battles"
STRATEGIC = "Strategic developments"
CIVILIANS = "Violence against civilians"

AIR_DRONE = "Air/drone strike"
SHELLING = "Shelling/artillery/missile attack"
REMOTE_EXPLOSIVE = "Remote explosive/landmine/IED"
ARMED_CLASH = "Armed clash"
GOV_REGAINS = "Government regains territory"
NSA_OVERTAKES = "Non-state actor overtakes territory"
HQ_BASE = "Headquarters or base established"
OTHER = "Other"
ATTACK = "Attack"

EVENT_TYPES = {
    EXPLOSIONS: (AIR_DRONE, SHELLING, REMOTE_EXPLOSIVE),
    BATTLES: (ARMED_CLASH, GOV_REGAINS, NSA_OVERTAKES),
    STRATEGIC: (HQ_BASE, OTHER),
    CIVILIANS: (ATTACK,),
}

# Words an analyst's table may use -> (event_type, sub_event_type).
_WORDS = {
    "strike": (EXPLOSIONS, None), "airstrike": (EXPLOSIONS, AIR_DRONE), "air strike": (EXPLOSIONS, AIR_DRONE),
    "drone": (EXPLOSIONS, AIR_DRONE), "missile": (EXPLOSIONS, SHELLING), "shelling": (EXPLOSIONS, SHELLING),
    "artillery": (EXPLOSIONS, SHELLING), "explosion": (EXPLOSIONS, None), "explosions": (EXPLOSIONS, None),
    "mine": (EXPLOSIONS, REMOTE_EXPLOSIVE), "battle": (BATTLES, ARMED_CLASH), "clash": (BATTLES, ARMED_CLASH),
    "fighting": (BATTLES, ARMED_CLASH), "attack on civilians": (CIVILIANS, ATTACK),
    "troops": (STRATEGIC, OTHER), "build-up": (STRATEGIC, OTHER),
}


def normalise_event(event_type: str | None, sub_event_type: str | None = None) -> tuple[str, str | None]:
    """Keep ACLED values as they are; map common words; default to Explosions/Remote violence."""
    if event_type in EVENT_TYPES:
        return event_type, sub_event_type if sub_event_type in EVENT_TYPES[event_type] else None
    words = (event_type or "").strip().lower()
    for word, pair in _WORDS.items():
        if word in words:
            return pair
    return EXPLOSIONS, None
