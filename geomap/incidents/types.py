"""ACLED event type and sub-event type from the trigger words of a sentence; None when it reports no event."""

from __future__ import annotations

import re

EXPLOSIONS = "Explosions/Remote violence"
BATTLES = "Battles"
STRATEGIC = "Strategic developments"
VIOLENCE = "Violence against civilians"
AIR = "Air/drone strike"
SHELLING = "Shelling/artillery/missile attack"
IED = "Remote explosive/landmine/IED"
CLASH = "Armed clash"
REGAINS = "Government regains territory"
OVERTAKES = "Non-state actor overtakes territory"
ATTACK = "Attack"
OTHER = "Other"

# Ordered: the first pattern that matches gives the sub-event type within its event type.
_PATTERNS: tuple[tuple[str, str, re.Pattern[str]], ...] = tuple(
    (event, sub, re.compile(pattern, re.IGNORECASE))
    for event, sub, pattern in (
        (
            VIOLENCE,
            ATTACK,
            r"\b(?:executed|execution|shot dead|tortured|torture|abducted|summary killings?)\b",
        ),
        (BATTLES, REGAINS, r"\b(?:retook|retaken|recaptured?|liberated|liberation of|regained|won back)\b"),
        (
            BATTLES,
            CLASH,
            r"\b(?:captur\w*|seiz\w*|took control|taken control|in (?:their|its) hands|"
            r"no longer control\w*|overr?an|take over|took over|occupied|fall of|fell to)\b",
        ),
        (
            BATTLES,
            CLASH,
            r"\b(?:fighting|fought|fights?|clash\w*|battles?|battling|assaults?|offensive|"
            r"counteroffensive|counter-offensive|break through|broke through|encircle\w*|"
            r"surrounded|stormed|storming|combat|firefights?|repel\w*|beaten back|beat back|"
            r"push(?:ed|ing)? back|repuls\w*|incursion|pounded|advanc\w+)\b",
        ),
        (
            EXPLOSIONS,
            IED,
            r"\b(?:landmines?|mines?|ied|improvised explosive|explosive device|"
            r"(?:object|device|ordnance) exploded|booby)\b",
        ),
        (
            EXPLOSIONS,
            AIR,
            r"\b(?:drones?|shaheds?|uavs?|air ?strikes?|airstrikes?|aerial bombs?|guided bombs?|"
            r"glide bombs?|kabs?|bomb(?:s|ed|ing)?|warplanes?|aircraft)\b",
        ),
        (
            EXPLOSIONS,
            SHELLING,
            r"\b(?:missiles?|shelling|shelled|shells?|artillery|rockets?|mlrs|grads?|"
            r"barrage|iskanders?|mortars?|himars|tochka)\b",
        ),
        (
            EXPLOSIONS,
            "",
            r"\b(?:strikes?|struck|striking|hit|hits|attack(?:s|ed)?|explosions?|blasts?|"
            r"exploded|destroyed|damaged?|crater|aftermath|targeted|came under|under fire|"
            r"fire broke out|burning|ablaze)\b",
        ),
        (
            STRATEGIC,
            OTHER,
            r"\b(?:mass(?:ing|ed)|build-?up|convoys?|troops? (?:moving|movements?)|"
            r"(?:moving|movement of) (?:troops|soldiers|forces|vehicles|equipment)|"
            r"launchers?|deploy\w*|reinforcements?)\b",
        ),
    )
)
_PRIORITY = {BATTLES: 0, VIOLENCE: 1, EXPLOSIONS: 2, STRATEGIC: 3}
# Casualty words make a sentence an event even without a weapon named ("one person was killed in X").
_HARM = re.compile(r"\b(?:killed|killing|dead|died|wounded|injured|hurt|casualt\w+)\b", re.IGNORECASE)


# All triggers in one pattern, one named group each, so a sentence is scanned once.
_ALL = re.compile("|".join(f"(?P<t{i}>{p.pattern})" for i, (_, _, p) in enumerate(_PATTERNS)), re.IGNORECASE)


def classify(sentence: str) -> tuple[str, str | None] | None:
    """(event_type, sub_event_type) of the sentence's strongest trigger; None without a trigger."""
    hits = {match.lastgroup for match in _ALL.finditer(sentence)}
    found = [(event, sub) for i, (event, sub, _) in enumerate(_PATTERNS) if f"t{i}" in hits]
    if not found:
        return (EXPLOSIONS, None) if _HARM.search(sentence) else None
    event = min((e for e, _ in found), key=_PRIORITY.__getitem__)
    subs = [s for e, s in found if e == event]
    if event == EXPLOSIONS:
        specific = [s for s in subs if s]
        return event, specific[0] if specific else None
    return event, subs[0] or None


def priority(event_type: str) -> int:
    """Lower is stronger, for merging two reports of one event."""
    return _PRIORITY.get(event_type, 9)
