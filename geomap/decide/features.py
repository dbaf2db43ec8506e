"""Features of a capital's mention for the metonymy decision: the words around it and what the rules said.

Plain strings, one per feature that holds ("w-1=in", "w+1=said", "rule=meto"), so a linear model over them is a
sum of a few weights: microseconds per mention. Only the text around the mention and the rules' own decision
are read, so the same function serves training (corpus/) and extraction.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[A-Za-z][\w'\u2019-]*|\d+|[\"\u201c\u201d,;:.()]")
WINDOW = 4
PREPOSITIONS = {"in", "to", "from", "near", "over", "at", "around", "outside", "into", "across", "toward", "towards",
                "of", "on", "via", "through", "between", "above"}


# Sentence-wide clues: words of attacks make a capital more likely the place struck, words of politics the
# government; the model weighs them against the words next to the name.
ATTACK_WORDS = {"strike", "strikes", "struck", "drone", "drones", "missile", "missiles", "explosion", "explosions",
                "blast", "blasts", "shelling", "shelled", "attack", "attacked", "hit", "killed", "injured", "wounded",
                "debris", "air", "alert", "sirens", "fire", "damaged", "residents", "metro", "district"}
POLITICS_WORDS = {"talks", "negotiations", "sanctions", "president", "minister", "government", "demands", "ceasefire",
                  "truce", "peace", "deal", "agreement", "officials", "kremlin", "accused", "accuses", "insists",
                  "said", "says", "denied", "claimed", "allies", "nato", "eu", "washington", "aid", "diplomatic"}
MODALS = {"must", "should", "would", "will", "can", "could", "may", "might", "has", "had", "have", "is", "was"}
_STOP = re.compile(r"[.!?\n]")


def _sentence_words(text: str, start: int, end: int) -> set[str]:
    """The words of the sentence around a mention (bounded to 300 characters each side)."""
    left = text[max(0, start - 300) : start]
    stops = list(_STOP.finditer(left))
    right = text[end : end + 300]
    stop = _STOP.search(right)
    return set(_words(left[stops[-1].end() if stops else 0 :] + " " + right[: stop.start() if stop else None]))


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def metonymy_features(text: str, start: int, end: int, rule_metonymy: bool) -> list[str]:
    """Feature strings for the mention text[start:end] (a capital), given the rules' decision."""
    before = _words(text[max(0, start - 80) : start])[-WINDOW:]
    after_text = text[end : end + 80]
    after = _words(after_text)[:WINDOW]
    name = text[start:end].lower()
    out = [f"name={name}", "rule=meto" if rule_metonymy else "rule=place", "bias"]
    for i, word in enumerate(reversed(before), start=1):
        out.append(f"w-{i}={word}")
    for i, word in enumerate(after, start=1):
        out.append(f"w+{i}={word}")
    if len(before) >= 2:
        out.append(f"b-2-1={before[-2]}_{before[-1]}")
    if len(after) >= 2:
        out.append(f"b+1+2={after[0]}_{after[1]}")
    if after_text[:2] in ("'s", "\u2019s") or after and after[0] in ("'s", "\u2019s"):
        out.append("possessive")
    if text[start:end].isupper():
        out.append("all_caps")  # a dateline ("MOSCOW:", "KYIV -") names where the story was filed
    if start == 0 or text[start - 1] == "\n":
        out.append("line_start")
    if before and before[-1] in PREPOSITIONS:
        out.append("after_preposition")
    if not before or before[-1] in (".", '"', "\u201c", ":"):
        out.append("opens_clause")
    if before:
        last = before[-1]
        if last.endswith("ed") and len(last) > 3:
            out.append("prev_ed")
        elif last.endswith("s") and last.isalpha() and len(last) > 3 and last not in PREPOSITIONS:
            out.append("prev_s")
    sentence = _sentence_words(text, start, end)
    if sentence & ATTACK_WORDS:
        out.append("sentence_attack")
    if sentence & POLITICS_WORDS:
        out.append("sentence_politics")
    if after and after[0] in MODALS:
        out.append("next_modal")
    if after:
        first = after[0]
        if first.endswith("ed") and len(first) > 3:
            out.append("next_ed")
        elif first.endswith("s") and first.isalpha() and len(first) > 2:
            out.append("next_s")
        if after_text.lstrip()[:1].isupper():
            out.append("next_capitalised")
        if after_text.startswith("-"):
            out.append("hyphened")
            out.append(f"hyphen={first}")  # "Moscow-backed" is the government, "Kyiv-based" the place
    return out


def incident_features(incident, body: str) -> list[str]:
    """Feature strings for an extracted incident: its type, precision, figures, its place's reasons and the
    words around the place's name in the evidence sentence (the filter's question: is this an event there?)."""
    out = ["bias", f"type={incident.event_type}", f"sub={incident.sub_event_type}",
           f"precision={incident.geo_precision}", f"country={incident.country_code}"]
    out.append("figures" if incident.killed or incident.injured else
               "zero_figures" if incident.killed == 0 or incident.injured == 0 else "no_figures")
    for reason in incident.reasons:
        out.append("reason=" + reason.split(":")[0])
    evidence = incident.evidence or ""
    name = incident.mention or ""
    at = evidence.find(name) if name else -1
    if at >= 0:
        before = _words(evidence[max(0, at - 60) : at])[-3:]
        after = _words(evidence[at + len(name) : at + len(name) + 60])[:3]
        for i, word in enumerate(reversed(before), start=1):
            out.append(f"w-{i}={word}")
        for i, word in enumerate(after, start=1):
            out.append(f"w+{i}={word}")
        if at < 3:
            out.append("opens_sentence")
    words = set(_words(evidence))
    out += [f"has={word}" for word in sorted(words & INCIDENT_CUES)]
    if len(evidence) > 250:
        out.append("long_sentence")
    return out


# Words whose presence in the evidence sentence tells events from background, statistics and launch sites.
INCIDENT_CUES = {"killed", "injured", "wounded", "struck", "hit", "shelled", "attacked", "strike", "strikes",
                 "drone", "drones", "missile", "missiles", "downed", "destroyed", "shot", "launched", "fired", "from",
                 "since", "ago", "last", "year", "years", "months", "direction", "repelled", "attacks", "assaults",
                 "captured", "liberated", "took", "control", "withdrew", "fighting", "clashes", "near", "towards",
                 "over", "said", "says", "according", "reported", "talks", "visited", "allegations", "total",
                 "civilians", "overnight", "yesterday", "today", "morning", "evening", "night", "debris", "fire"}
