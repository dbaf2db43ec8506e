"""ACLED event type and sub-event type from the trigger words of a sentence; None when it reports no event.
The ACLED names come from `geomap.taxonomy`, where they are defined once.

The trigger words of every type sit in one Aho-Corasick automaton (pyahocorasick), so a sentence is scanned
once for all of them; a hit counts only at word boundaries ("mines" not inside "determines").
"""

from __future__ import annotations

from functools import cache

import ahocorasick

from ..taxonomy import AIR_DRONE as AIR
from ..taxonomy import ARMED_CLASH as CLASH
from ..taxonomy import ATTACK, BATTLES, EXPLOSIONS, OTHER, SHELLING, STRATEGIC
from ..taxonomy import CIVILIANS as VIOLENCE
from ..taxonomy import GOV_REGAINS as REGAINS
from ..taxonomy import REMOTE_EXPLOSIVE as IED

HARM = "harm"  # casualty words: an event even without a weapon named ("one person was killed in X")

# Ordered: the first row whose words occur gives the sub-event type within its event type. Phrases are lower
# case, separated by "|" and matched as whole words; a trailing "*" lets any word characters follow
# ("captur*": capture, captured, capturing), a trailing "+" at least one.
_TRIGGERS: tuple[tuple[str, str, str], ...] = (
    (VIOLENCE, ATTACK, "executed|execution|shot dead|tortured|torture|abducted|summary killing|summary killings"),
    (BATTLES, REGAINS, "retook|retaken|recapture|recaptured|liberated|liberation of|regained|won back"),
    (
        BATTLES,
        CLASH,
        "captur*|seiz*|took control|taken control|in their hands|in its hands|no longer control*|overan|overran"
        "|take over|took over|occupied|fall of|fell to|have taken|has taken|had taken|been taken",
    ),
    (
        BATTLES,
        CLASH,
        "fighting|fought|fight|fights|clash*|battle|battles|battling|assault|assaults|offensive|counteroffensive"
        "|counter-offensive|break through|broke through|encircle*|surrounded|stormed|storming|combat|firefight"
        "|firefights|engagement|engagements|repel*|beaten back|beat back|push back|pushed back|pushing back|repuls*"
        "|incursion|pounded|improved their positions|improved its positions|improved positions"
        "|advanc+|withdrew from|withdrawn from|withdraw from|withdrawal from|withdrawing from|retreated|retreat from"
        "|pulled out of|pushed",
    ),
    (
        EXPLOSIONS,
        IED,
        "landmine|landmines|mine|mines|ied|improvised explosive|explosive device|object exploded|device exploded"
        "|ordnance exploded|booby",
    ),
    (
        EXPLOSIONS,
        AIR,
        "drone|drones|shahed|shaheds|uav|uavs|air strike|air strikes|airstrike|airstrikes|aerial bomb"
        "|aerial bombs|guided bomb|guided bombs|glide bomb|glide bombs|kab|kabs|bomb|bombs|bombed|bombing"
        "|warplane|warplanes|aircraft",
    ),
    (
        EXPLOSIONS,
        SHELLING,
        "missile|missiles|shelling|shelled|shell|shells|artillery|rocket|rockets|mlrs|grad|grads|barrage|iskander"
        "|iskanders|mortar|mortars|himars|tochka",
    ),
    (
        EXPLOSIONS,
        "",
        "strike|strikes|struck|striking|hit|hits|hitting|attack|attacks|attacked|explosion|explosions|blast|blasts"
        "|fired on|fired at|firing on|firing at|opened fire"
        "|exploded|destroyed|damage|damaged|crater|aftermath|targeted|came under|under fire|fire broke out"
        "|burning|ablaze",
    ),
    (
        STRATEGIC,
        OTHER,
        "massing|massed|build-up|buildup|convoy|convoys|troop moving|troops moving|troop movement"
        "|troop movements|troops movement|troops movements|moving troops|moving soldiers|moving forces"
        "|moving vehicles|moving equipment|movement of troops|movement of soldiers|movement of forces"
        "|movement of vehicles|movement of equipment|launcher|launchers|deploy*|reinforcement|reinforcements",
    ),
    (HARM, "", "killed|killing|dead|died|wounded|injured|hurt|casualt+|treated for"),
)
_PRIORITY = {BATTLES: 0, VIOLENCE: 1, EXPLOSIONS: 2, STRATEGIC: 3}
_TAILS = {"*": 0, "+": 1}  # word characters that must follow: any number, at least one


def _automaton() -> ahocorasick.Automaton:
    """One automaton over every phrase; each phrase maps to (length, ((row, tail), ...))."""
    entries: dict[str, list[tuple[int, int]]] = {}
    for row, (_, _, phrases) in enumerate(_TRIGGERS):
        for form in phrases.split("|"):
            tail = _TAILS.get(form[-1], -1)
            entries.setdefault(form.rstrip("*+"), []).append((row, tail))
    automaton = ahocorasick.Automaton()
    for literal, rows in entries.items():
        automaton.add_word(literal, (len(literal), tuple(rows)))
    automaton.make_automaton()
    return automaton


_AUTOMATON = _automaton()


def _wordchar(char: str) -> bool:
    return char.isalnum() or char == "_"


def trigger_rows(sentence: str) -> set[int]:
    """Indexes into the trigger table of every row with a word in the sentence (one scan)."""
    text = sentence.lower()
    size = len(text)
    rows: set[int] = set()
    for end, (length, entries) in _AUTOMATON.iter(text):
        start = end - length + 1
        if start > 0 and _wordchar(text[start - 1]):
            continue
        word_follows = end + 1 < size and _wordchar(text[end + 1])
        for row, tail in entries:
            if (tail == -1 and word_follows) or (tail == 1 and not word_follows):
                continue  # a whole word must end here; a "+" tail needs a word character after it
            rows.add(row)
    return rows


def classify(sentence: str) -> tuple[str, str | None] | None:
    """(event_type, sub_event_type) of the sentence's strongest trigger; None without a trigger."""
    return _classify_rows(frozenset(trigger_rows(sentence)))


@cache  # at most 2 ** len(_TRIGGERS) keys, and a few dozen in practice
def _classify_rows(rows: frozenset[int]) -> tuple[str, str | None] | None:
    """classify's answer for a set of trigger rows, which is all it depends on."""
    found = [(event, sub) for i, (event, sub, _) in enumerate(_TRIGGERS) if i in rows and event != HARM]
    if not found:
        return (EXPLOSIONS, None) if rows else None
    event = min((e for e, _ in found), key=_PRIORITY.__getitem__)
    subs = [s for e, s in found if e == event]
    if event == EXPLOSIONS:
        specific = [s for s in subs if s]
        return event, specific[0] if specific else None
    return event, subs[0] or None


def priority(event_type: str) -> int:
    """Lower is stronger, for merging two reports of one event."""
    return _PRIORITY.get(event_type, 9)
