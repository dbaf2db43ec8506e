"""Turn an article's sentences and place mentions into ACLED-style incidents (see the package docstring)."""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date, timedelta

from gazetteer import Gazetteer
from gazetteer.model import is_approximate, km

from ..decide import incident_decision
from ..decide.features import incident_features
from ..models import PRECISION_NEAR, PRECISION_REGION, PRECISION_TOWN, Article, Incident, Mention
from ..places.context import DISTRICT_KM, city_district
from .casualties import Figure, find_figures, totals, zero_figures
from .dates import SAME_DAY, Found, find_dates, month_number
from .folding import AnyCase
from .merge import Draft, merge
from .sentences import split_sentences
from .statistics import blank, inside, total_spans
from .types import classify

# Words before a name that make it a landmark, not the event's place ("25 km south of X").
_REFERENCE = AnyCase(
    r"(?:\b(?:km|kilometres|kilometers|miles)\s+(?:\(\d+\s+miles\)\s+)?(?:\w+\s+){0,2}of|"
    r"\b(?:villages|settlements|towns|areas)\s+(?:around|near|outside|close to)|"
    r"\b(?:authorities|officials|government|leaders|diplomats|sources|leadership|embassy)\s+in|"
    r"\b(?:governor|mayor|head|administration|native)\s+of|"
    r"\b(?:hospitals?|morgues?)\s+in|"
    r"\b(?:from|to|toward|towards|closer to|travell?ed to|visit to|visited|returned from|since)|"
    r"\bdirection\s+of)\s+(?:the\s+)?(?:\w+\s+)?$|"  # "the outskirts of X" is near X: _NEAR says so
    # "across the border from the Russian town of Sudzha", "directly opposite Enerhodar"
    r"\b(?:across\s+the\s+(?:border|river|frontier|reservoir)\s+from|opposite|across\s+from)\s+"
    r"(?:the\s+)?(?:[\w-]+\s+){0,2}(?:(?:town|city|village|region)\s+of\s+)?$",
)
# "from X" after a withdrawal is where the fighting was ("troops withdrew from Avdiivka"), not a landmark.
_WITHDRAWAL = AnyCase(
    r"\b(?:withdr[ae]wn?|withdrawing|withdrawal|retreat(?:ed|ing)?|pull(?:ed|ing)\s+(?:out|back)|"
    r"pushed\s+(?:(?:\w+\s+){0,3})?back|driven\s+(?:\w+\s+)?(?:out|back)|drove\s+(?:(?:\w+\s+){0,3})?(?:out|back)|"
    r"expelled|ousted|flushed\s+(?:(?:\w+\s+){0,3})?out)\s+(?:of|from)\s+(?:the\s+)?(?:\w+\s+)?$",
)
# "trying to leave X", "fleeing X": the people were at X, where the event was (not "to X" as a destination).
_LEAVING = AnyCase(
    r"\b(?:leave|leaving|left|flee|fleeing|fled|escape|escaping|evacuate|evacuating|evacuated)\s+(?:the\s+)?(?:\w+\s+)?$"
)
# Where an attack came from, not where it struck: "jets flying over Russia's Belgorod region", "missiles
# launched from Crimea".
_LAUNCH_SITE = AnyCase(
    r"(?:\b(?:jets|aircraft|planes|warplanes|bombers|helicopters)\s+(?:\w+\s+){0,2}?(?:flying|flew|operating)\s+"
    r"(?:over|from)|\b(?:launched|fired|took off|taking off)\s+from)\s+(?:the\s+)?(?:\S+\Ws\s+)?$"
)
_NEAR = AnyCase(
    r"\b(?:near|outside|around|outskirts of|close to|north of|south of|east of|west of|"
    r"direction of|approaches to)\s+(?:the\s+)?(?:\w+\s+)?$",
)
# Between a town and a second name that only says where the town is: "Merefa, near Kharkiv", "Hirnyk, 10 km
# north-west of Kurakhove", "Bucha outside Kyiv".
_ANCHOR_GAP = AnyCase(
    r"^,?\s+(?:and\s+|(?:a|an|the)\s+(?:small\s+|frontline\s+|border\s+)?(?:village|town|settlement|city)\s+)?"
    r"(?:(?:just|some|about|\d+\s*(?:km|kilometres|kilometers|miles))\s+)*"
    r"(?:near|outside|close to|not far from|in the suburbs of|(?:on|along)(?=\s+the\s+(?:border|boundary|frontier))|"
    r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?(?:\s+of)?)\s+(?:the\s+)?"
    r"(?:(?:city|town|regional centre|region)\s+of\s+)?(?:(?:border|boundary|frontier)\s+with\s+(?:the\s+)?)?$",
)
_AFTER_FIGURE = AnyCase(r"^[^.;]{0,100}?\b(?:in|across|near|at|on)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:of\s+)?$")
# A new clause between a figure and a place: the place is not where the figure happened ("injuring a man in the
# city itself and cutting power in nearby Marhanets")
_CLAUSE_BREAK = AnyCase(r"\band\s+\w+(?:ing|ed)\b|\b(?:while|whereas|but)\b")
_ACROSS_REGION = AnyCase(r"\b(?:across|throughout|elsewhere in|in)\s+the\s+(?:region|oblast|province)\b")
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z' -]+(?:,\s*[A-Za-z0-9 .]+)?\s*(?:\((?:Reuters|AP|AFP|RFE/RL)\)|:|\s[-\u2013\u2014])"
)
# After a name (and the names listed with it), a word that makes it an axis of advance, not a place of events:
# "the Chasiv Yar, Toretsk and Vuhledar directions", "on the Kupiansk axis".
_DIRECTION_AFTER = re.compile(
    r"(?:(?:,\s*(?:and\s+)?|\s+and\s+)[A-Z][\w'\u2019-]*(?:\s[A-Z][\w'\u2019-]*)?)*\s+"
    r"(?:directions?|axis|axes|sectors?|fronts?)\b"
)
# A sentence with figures but no place of its own that refers back to the region of the place before it.
_ELSEWHERE = AnyCase(
    r"\b(?:elsewhere\s+in|across|throughout|in\s+other\s+parts\s+of)\s+the\s+(?:region|oblast|province)\b"
)
_YEAR = re.compile(r"\d{4}")
# After a town's name, a word that makes it the raion (admin-2) named after the town: "the Pokrovsk district".
_RAION_AFTER = re.compile(r"(?:'s)?\s+(?:district|raion|rayon|municipal\s+district)\b", re.IGNORECASE)
# A month (maybe with its year), a season of a year, or a year, after a preposition, with no day beside it.
_MONTH_OR_YEAR = re.compile(
    r"\b(?:in|since|during|by|of|until)\s+(?:(?:early|late|mid)[\s-]+)?(?:"
    r"(January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?:\s+(\d{4}))?(?!\s*\d)|"
    r"(?:the\s+)?(?:spring|summer|autumn|fall|winter)\s+of\s+(\d{4})|(\d{4})(?!\s*\d))\b"
)
# A sentence that denies the event ("no drone had entered its airspace over Tulcea") reports none.
_DENIED = AnyCase(
    r"\bno\s+(?:drones?|missiles?|rockets?|shells?|bombs?|debris)\s+(?:had\s+|has\s+|have\s+|was\s+|were\s+)?"
    r"(?:entered|crossed|hit|struck|fell|landed|violated|reached)\b"
)
# A sentence about months or years ago (with no date of its own) is background, not a new event.
_DISTANT_PAST = AnyCase(r"\b(?:(?:a|one|two|three|four|five|several|\d+)\s+(?:years?|months)\s+ago|last\s+year)\b")
_ROUNDUP = AnyCase(r"\b(?:past|last)\s+(?:day|24\s+hours)\b")


def extract_incidents(article: Article, mentions: list[Mention], gazetteer: Gazetteer, *,
                      decide: bool = True) -> list[Incident]:
    """Incidents of one article: one per event and place, dated against the publication date. With `decide`,
    the learned filter (geomap.decide) drops those it is sure the rules got wrong; without it the rules alone
    decide (the filter's training reads their answers)."""
    incidents = _rule_incidents(article, mentions, gazetteer)
    if not decide or (decision := incident_decision()) is None:
        return incidents
    kept = []
    for incident in incidents:
        keep, score = decision.decide(True, incident_features(incident, article.body))
        incident.reasons.append(f"incident.model:{score:.2f}")
        if keep:
            kept.append(incident)
    return kept


def _rule_incidents(article: Article, mentions: list[Mention], gazetteer: Gazetteer) -> list[Incident]:
    """The incidents the rules find."""
    body = article.body
    default = _default_date(article)
    places = sorted((m for m in mentions if _usable(m)), key=lambda m: m.start)
    place_starts = [m.start for m in places]
    drafts: list[Draft] = []
    previous: list[Draft] = []
    lead_date: date | None = None
    # the latest event date of the paragraph so far: a sentence without a date of its own continues it
    # ("Overnight, Russia launched 46 drones. Air defences downed 36 over Mykolaiv and Odesa.")
    paragraph_date: date | None = None
    previous_end = 0
    for start, end in split_sentences(body):
        sentence = body[start:end]
        if "\n" in body[previous_end:start]:
            paragraph_date = None
        previous_end = end
        here = places[bisect_left(place_starts, start) : bisect_left(place_starts, end)]  # start <= m.start < end
        if not here and not previous:
            if classify(sentence) is not None:
                dated = min(_event_dates(find_dates(sentence, article.date)), default=None)
                paragraph_date = dated or paragraph_date
                if not drafts and lead_date is None:
                    # the lead may date the story before it names a place ("Russia fired 40 missiles on Monday")
                    lead_date = dated
            continue
        kind = classify(sentence)
        if kind is None:
            previous = []
            continue
        running = total_spans(sentence)  # "since February 2022, 600 civilians have been killed": no event's
        if running:
            sentence = blank(sentence, running)
            here = [m for m in here if not inside(m.start - start, running)]
        figures = find_figures(sentence)
        here = [m for m in _without_landmarks(body, here, start) if not _anchor(body, m, here)
                and not _DIRECTION_AFTER.match(body, m.end)]
        here = [m for m in here if not _district_of(body, m, here) and not _raion_of_town(body, m, here)]
        found = find_dates(sentence, article.date)
        event_dates = _event_dates(found)
        report_dates = [f.value for f in found if f.role == "report" and f.value]
        zeros = zero_figures(sentence)
        if not here:
            if event_dates:  # a sentence whose names only locate something else still dates what follows
                lead_date = lead_date or min(event_dates)
                paragraph_date = min(event_dates)
            if previous and (figures or any(zeros)):
                region = (_region_of(previous[-1], article.source, start, end, gazetteer)
                          if _ELSEWHERE.search(sentence) else None)
                if region is not None:
                    # "Another 14 people were injured elsewhere in the oblast": the region's own incident
                    killed, injured = _with_zeros(totals(figures), zeros)
                    incident = _incident(article, region, kind, body[start:end], killed, injured, body, gazetteer)
                    drafts.append(Draft(incident, region.id or region.mention, event_dates, order=len(drafts),
                                        story_date=paragraph_date or lead_date))
                else:
                    # "One person was killed" after "X came under strikes": its figures, and its words as evidence
                    _add_figures(previous[-1], figures, zeros, body[start:end])
            continue
        lower = sentence.lower()  # the literal words each pattern needs, tested before the pattern
        if (not event_dates and (("ago" in lower or "last" in lower) and _DISTANT_PAST.search_lowered(sentence, lower)
                                 or _vague_past(sentence, article.date))
                or "no" in lower and _DENIED.search_lowered(sentence, lower)):
            previous = []  # background ("Kherson, which Ukrainian troops liberated a year ago") or denied
            continue
        if any(f.role == SAME_DAY for f in found) and lead_date:
            event_dates.append(lead_date)
        if event_dates and lead_date is None:
            lead_date = min(event_dates)
        if event_dates:
            paragraph_date = min(event_dates)
        here = _without_framing(here, body, start, figures, sentence)
        assigned = _assign(here, figures, sentence, start, body)
        previous = []
        for mention in _distinct(here):
            killed, injured = _with_zeros(totals(assigned.get(mention.id or "", [])), zeros)
            incident = _incident(article, mention, kind, body[start:end], killed, injured, body, gazetteer)
            draft = Draft(
                incident,
                mention.id or mention.mention,
                event_dates,
                report_dates,
                from_list=mention.role == "list",
                order=len(drafts),
                story_date=paragraph_date or lead_date,
            )
            drafts.append(draft)
            previous.append(draft)
    return merge(drafts, default)


def _event_dates(found: list[Found]) -> list[date]:
    """The dates of a sentence's events (not of its reports, nor "the same day")."""
    return [f.value for f in found if f.role == "event" and f.value]


def _vague_past(sentence: str, published: date | None) -> bool:
    """A month of a year, a season of a year or a year before the publication's month, with no day ("liberated
    Artyomovsk in May 2023", "the spring of 2022"): background."""
    if published is None or not _YEAR.search(sentence):
        return False  # each reading below names a year
    for match in _MONTH_OR_YEAR.finditer(sentence):
        month_name, month_year, season_year, year = match.groups()
        if year or season_year:
            if int(year or season_year) < published.year:
                return True
            continue
        if month_year and (int(month_year), month_number(month_name)) < (published.year, published.month):
            return True  # a month alone ("since August") often only frames a clause of a new event
    return False


def _default_date(article: Article) -> date | None:
    """The publication date; the day before for a roundup of "the past day"."""
    if article.date is None:
        return None
    opening = (article.title or "") + " " + article.body[:200]
    return article.date - timedelta(days=1) if _ROUNDUP.search(opening) else article.date


def _usable(mention: Mention) -> bool:
    return (
        not mention.metonymy
        and mention.kind in ("settlement", "admin1")
        and mention.lat is not None
        and mention.id is not None
    )


def _without_landmarks(body: str, here: list[Mention], sentence_start: int) -> list[Mention]:
    """The sentence's places less its landmarks; a name joined by "and", "or" or a comma to a landmark is one
    too ("missiles moving towards Dnipro and Kramatorsk")."""
    kept: list[Mention] = []
    previous: Mention | None = None
    previous_landmark = False
    for mention in here:
        landmark = _landmark(body, mention, sentence_start) or (
            previous_landmark and previous is not None
            and body[previous.end : mention.start].strip(" ,") in ("", "and", "or"))
        if not landmark:
            kept.append(mention)
        previous, previous_landmark = mention, landmark
    return kept


def _landmark(body: str, mention: Mention, sentence_start: int) -> bool:
    """Datelines and names that only locate something else ("25 km south of X", "officials in X")."""
    line_start = body.rfind("\n", 0, mention.start) + 1
    if mention.start - line_start < 3 and _DATELINE.match(body[line_start : line_start + 80]):
        return True
    before = body[max(sentence_start, mention.start - 60) : mention.start]
    lower = before.lower()
    if ("over" in lower or "from" in lower) and _LAUNCH_SITE.search_lowered(before, lower):  # needs one of them
        return True
    return (_REFERENCE.search_lowered(before, lower) and not _WITHDRAWAL.search_lowered(before, lower)
            and not _LEAVING.search_lowered(before, lower))


def _anchor(body: str, mention: Mention, here: list[Mention]) -> bool:
    """A name that places the town before it ("Merefa, near Kharkiv"): the town is the event's place."""
    return any(
        other.kind == "settlement" and other.end < mention.start and _ANCHOR_GAP.match(body[other.end : mention.start])
        for other in here
    )


def _district_of(body: str, mention: Mention, here: list[Mention]) -> bool:
    """A city's district ("the Solomianskyi district") in a sentence that names the city: the city is the
    event's place, one incident with the sentence's figures."""
    return city_district(body, mention.start, mention.end) and any(
        other is not mention and other.kind == "settlement" and other.id != mention.id
        and not city_district(body, other.start, other.end)
        and km(mention.lat, mention.lon, other.lat, other.lon) <= DISTRICT_KM
        for other in here
    )


def _raion_of_town(body: str, mention: Mention, here: list[Mention]) -> bool:
    """ "the village of Novohrodivka in the Pokrovsk district": a raion named after its town only places the
    village; the event is the village's, never a second incident at the town."""
    return bool(_RAION_AFTER.match(body, mention.end)) and any(
        other is not mention and other.kind == "settlement" and other.id != mention.id
        and not _RAION_AFTER.match(body, other.end)
        for other in here
    )


def _without_framing(here: list[Mention], body: str, start: int, figures: list[Figure], sentence: str) -> list[Mention]:
    """Drop a region that only frames a town of it in the same sentence, unless figures belong to it;
    drop an authority's name when the sentence names a place of its own."""
    towns = {m.admin1_code for m in here if m.kind == "settlement" and m.role == "place"}
    out = []
    for mention in here:
        framing = mention.kind == "admin1" and mention.role != "list" and mention.admin1_code in towns
        if framing and not _region_figures(mention, here, figures, sentence, start):
            continue
        out.append(mention)
    if any(m.role != "organisation" for m in out):
        out = [m for m in out if m.role != "organisation"]
    return out


def _region_figures(
    region: Mention, mentions: list[Mention], figures: list[Figure], sentence: str, start: int
) -> bool:
    if _ACROSS_REGION.search(sentence):
        return True
    return any(
        _first_after(mentions, start + f.end) is region and _figure_place(sentence[f.end : region.start - start])
        for f in figures
        if f.end <= region.start - start
    )


def _figure_place(gap: str) -> bool:
    """The words between a figure and a place make the place the figure's ("killed in", "wounded near")."""
    return _AFTER_FIGURE.match(gap) and not _CLAUSE_BREAK.search(gap)


def _first_after(mentions: list[Mention], offset: int) -> Mention | None:
    """The first mention (of a list in text order) that starts at or after a body offset."""
    return next((m for m in mentions if m.start >= offset), None)


def _assign(
    here: list[Mention], figures: list[Figure], sentence: str, start: int, body: str
) -> dict[str, list[Figure]]:
    """Give each figure to a place: the one right after it ("killed in X"), "across the region" to the
    region, else the nearest town, else the nearest place."""
    out: dict[str, list[Figure]] = {}
    if not here:
        return out
    for figure in figures:
        target = None
        following = _first_after(here, start + figure.end)
        if following is not None and _figure_place(sentence[figure.end : following.start - start]):
            target = following  # "killed in X"; a later place is another's ("injuring 17, and ... in Kyiv Oblast")
        if target is None:
            tail = sentence[figure.end : figure.end + 60]
            regions = [m for m in here if m.kind == "admin1"]
            if (
                regions
                and _ACROSS_REGION.match(tail.split(",")[0].split(" and ")[0].strip()[-40:])
                or (regions and re.search(r"^[^,.;]*\b(?:across|throughout)\s+the\s+region", tail))
            ):
                target = regions[-1]
        if target is None:
            towns = [m for m in here if m.kind == "settlement"] or here
            target = min(towns, key=lambda m: abs(m.start - start - figure.start))
        out.setdefault(target.id or "", []).append(figure)
    return out


def _distinct(here: list[Mention]) -> list[Mention]:
    seen: set[str] = set()
    out = []
    for mention in here:
        if mention.id not in seen:
            seen.add(mention.id or "")
            out.append(mention)
    return out


def _with_zeros(figures: tuple[int | None, int | None], zeros: tuple[bool, bool]) -> tuple[int | None, int | None]:
    """(killed, injured) with 0 where the sentence gives no figure but says no one was ("no casualties")."""
    killed, injured = figures
    return (0 if killed is None and zeros[0] else killed, 0 if injured is None and zeros[1] else injured)


def _region_of(draft: Draft, source: str, start: int, end: int, gazetteer: Gazetteer) -> Mention | None:
    """The region of the place a draft is about, as a mention spanning the sentence that refers back to it."""
    code = draft.incident.admin1_code
    place = gazetteer.admin1_place(code) if code else None
    if place is None:
        return None
    return Mention(source=source, start=start, end=end, mention=place.name, name=place.name, lat=place.lat,
                   lon=place.lon, country_code=place.country_code, admin1=place.name, admin1_code=code,
                   kind="admin1", id=place.id)


def _add_figures(draft: Draft, figures: list[Figure], zeros: tuple[bool, bool] = (False, False),
                 sentence: str = "") -> None:
    """Figures of a placeless sentence added to the event before it; the sentence joins its evidence, so the
    popup and the CSV show where the figures come from."""
    killed, injured = _with_zeros(totals(figures), zeros)
    incident = draft.incident
    if sentence.strip() and (killed is not None or injured is not None) and sentence.strip() not in incident.evidence:
        incident.evidence = f"{incident.evidence} {sentence.strip()}"
        incident.reasons.append("figures.next_sentence")
    if killed is not None:
        incident.killed = max(incident.killed or 0, killed)
    if injured is not None:
        incident.injured = max(incident.injured or 0, injured)


def _incident(
    article: Article,
    mention: Mention,
    kind: tuple[str, str | None],
    sentence: str,
    killed: int | None,
    injured: int | None,
    body: str,
    gazetteer: Gazetteer,
) -> Incident:
    lat, lon = mention.lat, mention.lon
    reasons = list(mention.reasons)
    if mention.kind == "admin1":
        precision = PRECISION_REGION
        reasons.append("precision.region")
        place = gazetteer.admin1_place(mention.admin1_code) if mention.admin1_code else None
        if place is not None:
            lat, lon = place.lat, place.lon
    else:
        # "near X", a village the gazetteer only places at its hromada's centre, or a name matched fuzzily
        # (right 70-93% of the time: bench/fuzzy_calibration.py) is never put on the map as the town itself
        why = [reason for reason, holds in (
            ("precision.near_words", _NEAR.search(body[max(0, mention.start - 40) : mention.start])),
            ("precision.approximate_point", is_approximate(mention.id)),
            ("precision.fuzzy_name", mention.match == "fuzzy"),
        ) if holds]
        precision = PRECISION_NEAR if why else PRECISION_TOWN
        reasons += why
    return Incident(
        source=article.source,
        date=article.date,
        event_type=kind[0],
        sub_event_type=kind[1],
        location=mention.name,
        mention=mention.mention,
        lat=lat,
        lon=lon,
        admin1=mention.admin1,
        admin1_code=mention.admin1_code,
        country_code=mention.country_code,
        geo_precision=precision,
        killed=killed,
        injured=injured,
        evidence=sentence.strip(),
        sources=[article.source],
        reasons=reasons,
    )
