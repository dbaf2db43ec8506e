"""ACLED event taxonomy, defined once: the six event types and their sub-event types (ACLED codebook, 2023),
how a table's values are read against it, and how UCDP GED's type_of_violence maps onto it.

The text extractor (`incidents/types.py`) imports its names from here. A table's ACLED values are kept as the
table writes them (spelling made canonical: case and spacing); a value outside the taxonomy is kept as
written and reported, never rewritten to another type or blanked.
"""

from __future__ import annotations

import re

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
CIVILIANS = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

# Battles
ARMED_CLASH = "Armed clash"
GOV_REGAINS = "Government regains territory"
NSA_OVERTAKES = "Non-state actor overtakes territory"
# Explosions/Remote violence
CHEMICAL = "Chemical weapon"
AIR_DRONE = "Air/drone strike"
SUICIDE_BOMB = "Suicide bomb"
SHELLING = "Shelling/artillery/missile attack"
REMOTE_EXPLOSIVE = "Remote explosive/landmine/IED"
GRENADE = "Grenade"
# Violence against civilians
SEXUAL_VIOLENCE = "Sexual violence"
ATTACK = "Attack"
ABDUCTION = "Abduction/forced disappearance"
# Protests
PEACEFUL_PROTEST = "Peaceful protest"
PROTEST_INTERVENTION = "Protest with intervention"
EXCESSIVE_FORCE = "Excessive force against protesters"
# Riots
VIOLENT_DEMONSTRATION = "Violent demonstration"
MOB_VIOLENCE = "Mob violence"
# Strategic developments
AGREEMENT = "Agreement"
ARRESTS = "Arrests"
CHANGE_TO_GROUP = "Change to group/activity"
DISRUPTED_WEAPONS = "Disrupted weapons use"
HQ_BASE = "Headquarters or base established"
LOOTING = "Looting/property destruction"
NONVIOLENT_TRANSFER = "Non-violent transfer of territory"
OTHER = "Other"

EVENT_TYPES: dict[str, tuple[str, ...]] = {
    BATTLES: (ARMED_CLASH, GOV_REGAINS, NSA_OVERTAKES),
    EXPLOSIONS: (CHEMICAL, AIR_DRONE, SUICIDE_BOMB, SHELLING, REMOTE_EXPLOSIVE, GRENADE),
    CIVILIANS: (SEXUAL_VIOLENCE, ATTACK, ABDUCTION),
    PROTESTS: (PEACEFUL_PROTEST, PROTEST_INTERVENTION, EXCESSIVE_FORCE),
    RIOTS: (VIOLENT_DEMONSTRATION, MOB_VIOLENCE),
    STRATEGIC: (AGREEMENT, ARRESTS, CHANGE_TO_GROUP, DISRUPTED_WEAPONS, HQ_BASE, LOOTING, NONVIOLENT_TRANSFER,
                OTHER),
}
SUB_EVENT_TYPES: dict[str, str] = {sub: event for event, subs in EVENT_TYPES.items() for sub in subs}

# Words an analyst's plain table may use instead of ACLED's names -> (event_type, sub_event_type).
_WORDS = {
    "strike": (EXPLOSIONS, None), "airstrike": (EXPLOSIONS, AIR_DRONE), "air strike": (EXPLOSIONS, AIR_DRONE),
    "drone": (EXPLOSIONS, AIR_DRONE), "missile": (EXPLOSIONS, SHELLING), "shelling": (EXPLOSIONS, SHELLING),
    "artillery": (EXPLOSIONS, SHELLING), "explosion": (EXPLOSIONS, None), "explosions": (EXPLOSIONS, None),
    "mine": (EXPLOSIONS, REMOTE_EXPLOSIVE), "battle": (BATTLES, ARMED_CLASH), "clash": (BATTLES, ARMED_CLASH),
    "fighting": (BATTLES, ARMED_CLASH), "attack on civilians": (CIVILIANS, ATTACK),
    "troops": (STRATEGIC, OTHER), "build-up": (STRATEGIC, OTHER), "protest": (PROTESTS, None),
    "demonstration": (PROTESTS, None), "rally": (PROTESTS, PEACEFUL_PROTEST), "riot": (RIOTS, None),
    "arrest": (STRATEGIC, ARRESTS), "detention": (STRATEGIC, ARRESTS), "looting": (STRATEGIC, LOOTING),
    "abduction": (CIVILIANS, ABDUCTION), "kidnapping": (CIVILIANS, ABDUCTION),
}

# UCDP GED type_of_violence -> ACLED event type. GED's categories are coarser than ACLED's, so no sub-event
# type is claimed: 1 state-based and 2 non-state conflict are fighting between armed sides (Battles), 3
# one-sided violence is an armed side against civilians (Violence against civilians).
GED_VIOLENCE = {"1": BATTLES, "2": BATTLES, "3": CIVILIANS}
GED_VIOLENCE_NAMES = {"1": "state-based conflict", "2": "non-state conflict", "3": "one-sided violence"}


def _key(value: str) -> str:
    return re.sub(r"\s+", " ", value.strip().casefold()).replace(" / ", "/")


_EVENT_KEYS = {_key(name): name for name in EVENT_TYPES}
_SUB_KEYS = {_key(name): name for name in SUB_EVENT_TYPES}


def canonical_event(value: str | None) -> str | None:
    """ACLED's spelling of an event type written in any case or spacing; None when it is not one."""
    return _EVENT_KEYS.get(_key(value)) if value else None


def canonical_sub_event(value: str | None) -> str | None:
    """ACLED's spelling of a sub-event type written in any case or spacing; None when it is not one."""
    return _SUB_KEYS.get(_key(value)) if value else None


def plain_word(value: str | None) -> tuple[str, str | None] | None:
    """(event_type, sub_event_type) for a plain word of a non-ACLED table ('strike', 'drone'); None if none."""
    words = (value or "").strip().lower()
    return next((pair for word, pair in _WORDS.items() if words and word in words), None)


def normalise_event(event_type: str | None, sub_event_type: str | None = None
                    ) -> tuple[str | None, str | None, list[str]]:
    """(event_type, sub_event_type, problems) of a table row, kept as the table says.

    ACLED names keep ACLED's spelling (a sub-event type written as the event type gives both); a plain
    word ('strike') is read through `plain_word` only when the cell is not an ACLED name; a value outside
    the taxonomy is kept as written and named in `problems` (which the caller reports once per column).
    A sub-event type the table gives always wins over one a plain word implies. An empty event type stays
    empty (the sub-event type's own event type when that is an ACLED name): a row is never typed by
    guesswork."""
    problems: list[str] = []
    event = canonical_event(event_type)
    sub = canonical_sub_event(sub_event_type)
    if sub_event_type and sub is None:
        problems.append("sub_event_type")
        sub = sub_event_type.strip()
    if event is None and canonical_sub_event(event_type):  # a sub-event type in the event column
        named = canonical_sub_event(event_type)
        event, sub = SUB_EVENT_TYPES[named], sub or named
    if event is None and event_type:
        word = plain_word(event_type)
        if word is None:
            problems.append("event_type")
            return event_type.strip(), sub, problems
        event, implied = word
        sub = sub or implied
    if event is None and sub in SUB_EVENT_TYPES:
        event = SUB_EVENT_TYPES[sub]
    if event in EVENT_TYPES and sub in SUB_EVENT_TYPES and SUB_EVENT_TYPES[sub] != event:
        problems.append("sub_event_type")  # an ACLED sub-event type under another event type: kept, named
    return event, sub, problems


def ged_event(type_of_violence: str | None) -> str | None:
    """The ACLED event type of a UCDP GED type_of_violence code ('1', '2', '3'); None for anything else."""
    return GED_VIOLENCE.get((type_of_violence or "").strip().removesuffix(".0"))
