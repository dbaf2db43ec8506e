"""The place finder: turns an article into resolved Mention objects (see the package docstring)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

from gazetteer import Candidate, Context, Gazetteer, fold
from gazetteer.build import DEFAULT_COUNTRIES
from gazetteer.groupings import grouping_at
from gazetteer.model import km

from ..decide import metonymy_decision
from ..decide.features import metonymy_features
from ..models import Article, Mention
from . import context as ctx
from .countries import COUNTRY_KEYS
from .lists import joined, region_lists
from .match import Span, find_spans
from .regional import in_region, within
from .resolve import FUZZY_TRUSTED, HOME, article_context, candidates, confident
from .theatre import WAR_THEATRE, in_theatre
from .tokens import Token, joinable, tokenize

# Capitals that stand for governments ("Moscow said"); other cities rarely do.
CAPITALS = {
    fold(name)
    for name in (
        "Kyiv",
        "Kiev",
        "Moscow",
        "Minsk",
        "Warsaw",
        "Chisinau",
        "Budapest",
        "Bucharest",
        "Bratislava",
        "Tbilisi",
        "Vilnius",
        "Riga",
        "Tallinn",
    )
}
FOREIGN_CAPITALS = CAPITALS - {fold(name) for name in ("Kyiv", "Kiev", "Moscow")}
BELLIGERENT_PAIRS = [{fold(kyiv), fold("Moscow")} for kyiv in ("Kyiv", "Kiev")]
# The war's theatre (eastern, southern and northern Ukraine and the Russian border regions): only a tie-break
# for a village name that nothing else in the text places.
WAR_ZONE = (30.0, 44.3, 40.5, 52.4)
STRONG_POPULATION = 10_000  # smaller settlements need a locative cue somewhere in the article
FUZZY_MIN = 6
BARE_RATIO = 88  # a bare unknown word must be this close to the place's own name, not just to an alias
REGIONAL_MIN = 5  # within a named region a shorter unknown name may still be matched
SHARED_REGION_MARGIN = 0.05  # two regions scored this close for one name: it names both ("Donbas")
LARGE_CITY = 100_000  # a city this large is not read as a village of the region named after it
REGION_OVERRULES = 20_000  # a town this large keeps its region even when the text names another
# A region named in another paragraph: a tie-break among namesakes (below REGION_BONUS 0.25 and below two decades
# of population, 0.08), so it never pulls a town to a village of that region.
# The countries geomap maps: Ukraine, Russia and their neighbours. The gazetteer also knows the capitals and big
# cities of countries further away, so that "Berlin" or a "LONDON" dateline is not read as a village of ours;
# such a name is known and left out, not put on the map.
MAPPED_COUNTRIES = frozenset(DEFAULT_COUNTRIES)
OTHER_PARAGRAPH_BONUS = 0.07
FAR_MARGIN = 0.15  # a theatre namesake scored this close to a far one is the one a war report means
NEAR_FAR_KM = 300.0  # another place of the article this near a far town is evidence for it
_REGION_BACK = re.compile(r"\b(?:the|this|that)\s+(?:[A-Za-z-]+\s+)?(?:region|oblast|province)\b")
REGION_BACK_WINDOW = 160
# Words that make a bare name the town, not the region, even among ground-war words ("Kherson shelled again").
TOWN_WORDS = {"city", "strike", "strikes", "missile", "drone", "shelled", "shelling", "artillery"}
_STOP = re.compile(r"\. ")
_NEWLINE = re.compile(r"\n")
NO_CONTEXT = Context()  # a name read on its own: one shared object, not a new Context() per look-up
DISTRICT_CITY = 50_000  # a city this large has districts of its own ("the Dniprovskyi district" of Kherson)


@dataclass
class Draft:
    """A candidate span on its way to a Mention."""

    span: Span
    text: str
    want: str | None = None
    role: str = "place"
    metonymy: bool = False
    cue: bool = False
    found: list[Candidate] = field(default_factory=list)
    choice: Candidate | None = None
    reasons: list[str] = field(default_factory=list)  # ids of the rules that decided the choice


def find_places(article: Article, gazetteer: Gazetteer, *, decide: bool = True,
                unresolved: list[Mention] | None = None) -> list[Mention]:
    """Every place mention of the article body, resolved, in text order. `decide=False` leaves the metonymy
    decision to the rules alone (the learned model's training reads their answers). A list given as
    `unresolved` receives the names the text cues as places ("the village of X") that the gazetteer does not
    know or matches too weakly to map, as mentions without a point."""
    text = article.body
    tokens = tokenize(text)
    if not tokens:
        return []
    terse = _terse(text, tokens)
    spans = find_spans(text, tokens, gazetteer, lower_case=terse)
    starts = {s.first for s in spans}
    drafts: list[Draft] = []
    rejected_names: set[str] = set()
    previous: Draft | None = None
    for span in spans:
        # "near Synkivka and Petropavlivka": a name joined to a cued one shares its cue
        coordinated = previous is not None and previous.cue and joined(text, previous.span.end, span.start)
        draft = _judge(text, tokens, span, starts, terse, gazetteer, rejected_names, coordinated)
        if draft is not None:
            drafts.append(draft)
            previous = draft
    missing: list[Draft] = []
    drafts += _fuzzy_drafts(text, tokens, spans, drafts, terse, gazetteer, missing)
    drafts.sort(key=lambda d: d.span.start)
    _region_pairs(text, tokens, drafts, gazetteer)
    cued = {d.span.key for d in drafts if d.cue}
    drafts = [d for d in drafts if d.span.key not in rejected_names or d.span.key in cued]
    _apply_lists(text, drafts)
    _apply_discourse(text, tokens, drafts)
    _coordinate_metonymy(text, tokens, drafts)
    if decide:
        _learned_metonymy(text, drafts)
    _resolve(drafts, gazetteer, text)
    _far_namesakes(drafts)
    missing += _untrusted_fuzzy(drafts)
    _districts_of_named_cities(text, drafts)
    if unresolved is not None:
        unresolved += [Mention(source=article.source, start=d.span.start, end=d.span.end, mention=d.text,
                               reasons=["unresolved"]) for d in missing]
    return [_mention(article.source, d) for d in drafts
            if d.span.country or d.choice is not None and d.choice.country_code in MAPPED_COUNTRIES]


def _by_digit(text: str, span: Span) -> bool:
    before = text[span.start - 1 : span.start] if span.start else ""
    return text[span.end : span.end + 1].isdigit() or before.isdigit()


def single_word(span: Span) -> bool:
    return span.first == span.last


def _terse(text: str, tokens: list[Token]) -> bool:
    """Short or mostly lower-case texts (event logs): lower-case names count after a preposition."""
    capitals = sum(1 for t in tokens if t.capitalised and not t.initial)
    return len(text) < 400 or capitals < 0.04 * len(tokens)


# "five villages, among them Pletenivka, Ohirtseve and Borysivka", "the settlements of A and B": every name of a
# list of settlements is one (the slice before a name ends with the list's opening and the names before it)
_SETTLEMENT_LIST = re.compile(
    r"\b(?:villages|settlements|towns|hamlets|localities|cities)\b[^.;!?\n]{0,40}?"
    r"(?:among them|including|such as|namely|:|--|\u2014|\u2013|of)\s+(?:the\s+)?"
    r"(?:[A-Z][\w'\u2019-]*(?:[ -][A-Z][\w'\u2019-]*)?(?:,\s*(?:and\s+)?|\s+and\s+|\s+or\s+))*$"
)
LIST_WINDOW = 160
_LIST_NOUNS = ("villages", "settlements", "towns", "hamlets", "localities", "cities")
_DATELINE_AFTER = re.compile(r"(?:,\s*[A-Z][a-z]+\.?\s+\d{1,2})?\s+[-\u2013\u2014]\s|\s*\((?:Reuters|AP|AFP)\)")
# "X, Kharkiv Oblast", "X in the Donetsk region": a region named right after a settlement qualifies it.
_REGION_QUALIFIER = re.compile(r",?\s+(?:in\s+)?(?:the\s+)?[A-Z][\w'\u2019-]+\s+(?:[Oo]blast|[Rr]egion|[Pp]rovince)\b")


def _judge(
    text: str,
    tokens: list[Token],
    span: Span,
    starts: set[int],
    terse: bool,
    gazetteer: Gazetteer,
    rejected: set[str],
    coordinated: bool = False,
) -> Draft | None:
    """Keep a span that reads as a place, with what its neighbours say; None when it is not one.
    `coordinated`: the span is joined by "and" or a comma to a name that has a place cue."""
    head = tokens[span.first]
    draft = Draft(span, text[span.start : span.end])
    if span.country:
        return draft if head.capitalised else None
    dateline = (span.start == 0 or text[span.start - 1] == "\n") and _DATELINE_AFTER.match(text, span.end)
    if head.upper and len(head.text) <= 4 and single_word(span) and not dateline:
        return None  # acronyms ("LPR", "DNR") are organisations, not the names reports write out ("KYIV - " is)
    if len(text[span.start : span.end]) < 3 or _by_digit(text, span):
        return None  # "Ka" of "Ka52", model codes
    if ctx.not_a_town(text, tokens, span.first, span.last):
        return None
    if grouping_at(text, span.start, span.end) is not None:
        return None  # "the Vostok group of forces": a Russian grouping named after a direction, not a place
    locative = (
        coordinated
        or ctx.locative_before(tokens, span.first, text)
        or head.capitalised and _settlement_list_before(text, span.start)
    )
    if not head.capitalised and (not (locative or terse) or ctx.common_word(head.text) or len(span.key) < 4):
        return None
    single = span.first == span.last
    if ctx.name_part(text, tokens, span.first, span.last, starts, terse):
        if not ctx.organisation(text, tokens, span.first, span.last):
            rejected.add(span.key)
            return None
        draft.role = "organisation"
    elif ctx.organisation(text, tokens, span.first, span.last):
        draft.role = "organisation"
    draft.want = ctx.wants_region(text, tokens, span.first, span.last)
    draft.found = candidates(gazetteer, draft.text, draft.want, NO_CONTEXT)
    if not draft.found:
        return None
    top = draft.found[0]
    big = top.kind == "admin1" or top.population >= 1_000_000
    if single and ctx.common_word(head.text) and not big and not (locative and head.capitalised and not head.initial):
        return None
    possessive_place = tokens[span.last].possessive and ctx.words_after(tokens, span.last, 1)[:1] != []
    draft.cue = (
        possessive_place
        or locative
        or head.capitalised and ctx.action_before(tokens, span.first)
        or ctx.scene_after(tokens, span.first, span.last, terse)
        or ctx.apposition_after(text, span.end)
        or draft.want is not None
        or draft.role == "organisation"
        or _REGION_QUALIFIER.match(text, span.end) is not None
    )
    if top.approximate and not terse and (top.match == "fuzzy" or not draft.cue):
        return None  # a village known only from the codifier needs its own spelling and words that make it a place
    if not _strong(top) and not draft.cue and top.match in ("folded", "fuzzy"):
        rejected.add(span.key)
    if span.key in CAPITALS and draft.role == "place":
        # a neighbour's capital in a war report is its government unless the words make it a place ("Warsaw,
        # the main transit hub, welcomed"; "in Warsaw")
        draft.metonymy = ctx.metonymy(text, tokens, span.first, span.last) or (
            span.key in FOREIGN_CAPITALS and not locative and not draft.cue
        )
    return draft


def _settlement_list_before(text: str, start: int) -> bool:
    """The name is in a list of settlements ("five villages, among them A, B and C"); the cheap word test
    first, as most names have no such list before them."""
    window = text[max(0, start - LIST_WINDOW) : start]
    if not any(noun in window for noun in _LIST_NOUNS):
        return False
    return _SETTLEMENT_LIST.search(window) is not None


def _fuzzy_drafts(
    text: str, tokens: list[Token], spans: list[Span], drafts: list[Draft], terse: bool, gazetteer: Gazetteer,
    missing: list[Draft] | None = None,
) -> list[Draft]:
    """Names the gazetteer does not spell as written ("Sievierdonetsk", "Tavrijs'ke"): an unknown capitalised
    word or pair of words after a preposition, before a region ("X, Y Oblast"), or, in terse text, any word
    English does not know. Matched against the article's own names, then within the region the text names,
    then fuzzily against the gazetteer."""
    covered = {i for s in spans for i in range(s.first, s.last + 1)}
    known = {d.span.key: d for d in drafts if not d.span.country}
    regions = sorted((d for d in drafts if not d.span.country and d.found), key=lambda d: d.span.start)
    out: list[Draft] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if index in covered or not token.capitalised:
            index += 1
            continue
        last = index
        if index + 1 < len(tokens) and _pair(text, tokens, index, covered):
            last = index + 1
        span = Span(index, last, token.start, tokens[last].end, fold(text[token.start : tokens[last].end]))
        draft = _fuzzy_draft(text, tokens, span, covered, known, regions, terse, gazetteer, missing)
        if draft is None and last > index:
            span = Span(index, index, token.start, token.end, token.key)
            draft = _fuzzy_draft(text, tokens, span, covered, known, regions, terse, gazetteer, missing)
        if draft is not None:
            out.append(draft)
            index = draft.span.last
        index += 1
    return out


def _pair(text: str, tokens: list[Token], index: int, covered: set[int]) -> bool:
    """Two capitalised words of one name ("Male Vesele"), neither already a candidate."""
    left, right = tokens[index], tokens[index + 1]
    return (
        right.capitalised
        and not right.initial
        and index + 1 not in covered
        and joinable(text, left, right)
        and right.lower not in ctx.PLACE_FOLLOWERS
        and right.lower not in ctx.REGION_NOUNS
    )


def _fuzzy_draft(
    text: str,
    tokens: list[Token],
    span: Span,
    covered: set[int],
    known: dict[str, Draft],
    regions: list[Draft],
    terse: bool,
    gazetteer: Gazetteer,
    missing: list[Draft] | None = None,
) -> Draft | None:
    head = tokens[span.first]
    if (
        span.first in covered
        or not head.capitalised
        or head.key in COUNTRY_KEYS
        or (ctx.common_word(head.text) and span.first == span.last)
        or head.upper and len(head.text) <= 4
    ):
        return None
    local = _region_code_after(text, span.end, regions)
    unknown = terse and all(ctx.unknown_word(t.text) for t in tokens[span.first : span.last + 1])
    locative = ctx.locative_before(tokens, span.first, text)
    if not (local or unknown or locative):
        return None
    if len(span.key) < (REGIONAL_MIN if local else FUZZY_MIN):
        return None
    # a bare unknown word next to another capitalised word is more likely a person ("Volodymyr Zelenskiy")
    if ctx.name_part(text, tokens, span.first, span.last, set(), terse and bool(local or locative)):
        return None
    draft = Draft(span, text[span.start : span.end], cue=True)
    twin = max(known, key=lambda k: fuzz.ratio(k, span.key), default=None)
    if twin is not None and fuzz.ratio(twin, span.key) >= 85:
        draft.found, draft.want = known[twin].found, known[twin].want
        return draft
    if local:
        hit = in_region(gazetteer, draft.text, local)
        if hit is None:
            if missing is not None and locative and span.first == span.last:
                missing.append(draft)  # cued as a place in a named region, unknown there
            return None
        draft.found = [hit]
        return draft
    # a misspelt village known only from the codifier needs a preposition before it, and terse text
    found = [c for c in gazetteer.resolve(draft.text, NO_CONTEXT, limit=5)
             if c.country_code in HOME and (not c.approximate or terse and locative)]
    russian = bool(found) and "russian" in found[0].reasons  # a Russian spelling read back ("Zelyonoye")
    if not found or found[0].match != "fuzzy" and not russian:
        if not found and missing is not None and locative and span.first == span.last:
            missing.append(draft)  # "the village of Xyzivka": cued as a place, unknown to the gazetteer
        return None
    if unknown and not locative:
        # a bare unknown word: only a name of the war's theatre, and not a facility's ("Antonovsky bridge")
        found = [c for c in found if _in_box(c, WAR_ZONE)
                 and (russian or fuzz.ratio(span.key, fold(c.name)) >= BARE_RATIO)]
        following = ctx.words_after(tokens, span.last, 1)
        if not found or following and following[0] in ctx.FACILITIES:
            return None
    draft.found = found
    return draft


def _in_box(candidate: Candidate, box: tuple[float, float, float, float]) -> bool:
    min_lon, min_lat, max_lon, max_lat = box
    return min_lon <= candidate.lon <= max_lon and min_lat <= candidate.lat <= max_lat


def _region_code_after(text: str, end: int, regions: list[Draft]) -> str | None:
    """The admin-1 code of a region named right after offset `end` (", Y Oblast", " in Y region", " (Y)")."""
    for region in regions:
        if region.span.start < end:
            continue
        if text[end : region.span.start].strip().lower() not in _PAIR_GAPS:
            return None
        top = region.found[0]
        explicit = region.want == "admin1" or top.kind == "admin1" or _ends_clause(text, region.span.end)
        return top.admin1_code if explicit and top.country_code in HOME else None
    return None


_PAIR_GAPS = (",", "in", ", in", "(", "in the", ", in the", "-")


def _ends_clause(text: str, end: int) -> bool:
    """Nothing more of a list after a name: the end of the line or sentence, a bracket, or a country."""
    rest = text[end : end + 12].lstrip(" ")
    return rest[:1] in ("", "\n", ".", "(", ";") or rest.startswith((", Ukraine", ", Russia", "Oblast", "region"))


def _region_pairs(text: str, tokens: list[Token], drafts: list[Draft], gazetteer: Gazetteer) -> None:
    """ "Komyshany, Kherson" at the end of a line: a name after a small town and a comma, that is also a
    region's name, is the region ("Solokhi, Belgorod" is in Belgorod Oblast, not in the city)."""
    for draft in drafts:
        if draft.span.country or draft.want is not None or draft.role != "place" or not draft.found:
            continue
        first = draft.span.first
        if first < 1 or text[tokens[first - 1].end : draft.span.start] != ", ":
            continue
        if not _ends_clause(text, draft.span.end):
            continue
        before = tokens[first - 1]
        town = next((d for d in drafts if d.span.first <= first - 1 <= d.span.last), None)
        if town is not None:
            if town.span.country or not town.found or town.found[0].kind != "settlement":
                continue
            if town.found[0].population >= LARGE_CITY:
                continue  # "Kharkiv, Dnipro": a list of cities
        elif not before.capitalised or ctx.common_word(before.text):
            continue
        if candidates(gazetteer, draft.text, "admin1", NO_CONTEXT):
            draft.want = "admin1"


def _apply_lists(text: str, drafts: list[Draft]) -> None:
    members = region_lists(text, [(d.span.start, d.span.end) for d in drafts])
    for index in members:
        draft = drafts[index]
        if draft.span.country:
            continue
        draft.want, draft.role, draft.metonymy, draft.cue = "admin1", "list", False, True


def _apply_discourse(text: str, tokens: list[Token], drafts: list[Draft]) -> None:
    """One sense per article: a name the text calls a region ("X region", "the Russian region" after it)
    is the region among ground-war words; a name with a locative cue anywhere is a place everywhere."""
    cued = {d.span.key for d in drafts if d.cue}
    # a place cued under one of its names is a place under the others ("near Rabotino" ... "Robotyne")
    cued_places = {d.found[0].id for d in drafts if d.cue and d.found and d.found[0].kind == "settlement"}
    region_keys = {d.span.key for d in drafts if d.want == "admin1" and d.role == "place"}
    places = [d for d in drafts if not d.metonymy and not d.span.country]
    for draft, nxt in zip(places, [*places[1:], None], strict=False):
        limit = REGION_BACK_WINDOW if nxt is None else min(REGION_BACK_WINDOW, nxt.span.start - draft.span.end)
        after = _sentence(text, draft.span.end)[1][:limit]
        if draft.want is None and draft.role == "place" and not draft.metonymy and _REGION_BACK.search(after):
            region_keys.add(draft.span.key)
    for draft in drafts:
        if draft.span.key in cued or draft.found and draft.found[0].id in cued_places:
            draft.cue = True
        if draft.want is None and draft.role == "place" and draft.span.key in region_keys and not draft.metonymy:
            sentence = _sentence(text, draft.span.start)[0] + _sentence(text, draft.span.end)[1]
            words = set(re.findall(r"[a-z]+", sentence.lower()))
            if words & ctx.GROUND_WAR and not words & TOWN_WORDS:
                draft.want = "admin1"


def _sentence(text: str, offset: int) -> tuple[str, str]:
    """The part of the sentence before and after an offset."""
    start, end = _sentence_bounds(text, offset)
    return text[start:offset], text[offset:end]


# The last text asked about, with the offsets of its ". " and of its newlines (one tuple: safe across threads).
_BOUNDS: tuple[str | None, list[int], list[int]] = (None, [], [])


def _sentence_bounds(text: str, offset: int) -> tuple[int, int]:
    """Where the sentence around an offset starts (after the last ". " or newline before it) and ends (at the
    next one); the text's stops are found once and then bisected, as one article asks for many offsets."""
    global _BOUNDS
    cached = _BOUNDS
    if cached[0] is not text:
        cached = _BOUNDS = (text, [m.start() for m in _STOP.finditer(text)],
                            [m.start() for m in _NEWLINE.finditer(text)])
    _, stops, newlines = cached
    before_stop = bisect_right(stops, offset - 2) - 1  # a ". " that ends at or before the offset
    before_newline = bisect_left(newlines, offset) - 1
    start = max(stops[before_stop] if before_stop >= 0 else -1,
                newlines[before_newline] if before_newline >= 0 else -1) + 1
    after_stop, after_newline = bisect_left(stops, offset), bisect_left(newlines, offset)
    ends = [positions[i] for positions, i in ((stops, after_stop), (newlines, after_newline)) if i < len(positions)]
    return start, min(ends) if ends else len(text)


def _coordinate_metonymy(text: str, tokens: list[Token], drafts: list[Draft]) -> None:
    """ "Moscow and Kyiv agreed": a capital joined by "and" to a government-capital is one too; and the two
    belligerents' capitals named as a pair ("Kyiv and Moscow further apart than ever") are their governments,
    unless the words before make them places ("strikes on Kyiv and Moscow", "flights from Kyiv and Moscow")."""
    for left, right in zip(drafts, drafts[1:], strict=False):
        if text[left.span.end : right.span.start].strip() in ("and", "or"):
            if left.metonymy and right.span.key in CAPITALS:
                right.metonymy = True
            elif right.metonymy and left.span.key in CAPITALS:
                left.metonymy = True
            elif ({left.span.key, right.span.key} in BELLIGERENT_PAIRS and left.role == right.role == "place"
                  and not ctx.locative_before(tokens, left.span.first, text)
                  and not ctx.action_before(tokens, left.span.first)):
                left.metonymy = right.metonymy = True


def _resolve(drafts: list[Draft], gazetteer: Gazetteer, text: str) -> None:
    """Two passes: confident names first, then the rest with the article's regions and points. A region
    named right after a town ("Lukashivka, Chernihiv Oblast") always decides among the town's namesakes."""
    firm: list[tuple[Draft, Candidate]] = []
    pending: list[Draft] = []
    for draft in drafts:
        if draft.span.country or not draft.found:
            continue
        if not draft.cue and not _strong(draft.found[0]):
            continue
        if draft.want == "admin1" and draft.found[0].kind != "admin1":
            draft.found = candidates(gazetteer, draft.text, "admin1", NO_CONTEXT) or draft.found
    for draft, nxt, after in zip(drafts, [*drafts[1:], None], [*drafts[2:], None, None], strict=False):
        if draft.span.country or not draft.found or (not draft.cue and not _strong(draft.found[0])):
            continue
        local = _region_after(text, draft, nxt, after)
        if local and draft.found[0].kind == "settlement":
            found = candidates(
                gazetteer,
                draft.text,
                draft.want,
                Context(admin1_codes=(local,)),
                fuzzy=draft.found[0].match == "fuzzy",
            )
            draft.found = found or draft.found
            top = draft.found[0]
            if not within(top.admin1_code, local) and top.population < REGION_OVERRULES:
                # none of the namesakes is in the region the text names: another spelling of it, or nothing
                hit = in_region(gazetteer, draft.text, local)
                if hit is None and _explicit_region(nxt):
                    continue
                draft.found = [hit] if hit is not None else draft.found
            draft.choice = draft.found[0]
            draft.reasons.append(f"namesake.region_after:{local}")
            if not draft.metonymy:
                firm.append((draft, draft.choice))
        elif (sentence_region := _region_before(text, draft, drafts)) and (
            inside := _namesake_in(gazetteer, draft, sentence_region)
        ):
            draft.choice = inside
            draft.reasons.append(f"namesake.region_before:{sentence_region}")
            if not draft.metonymy:
                firm.append((draft, draft.choice))
        elif confident(draft.found):
            draft.choice = draft.found[0]
            draft.reasons.append("namesake.confident")
            if not draft.metonymy:
                firm.append((draft, draft.choice))
        else:
            pending.append(draft)
    contexts: dict[tuple[int, int], Context] = {}
    for draft in pending:
        paragraph = _paragraph_bounds(text, draft.span.start)
        if paragraph not in contexts:
            contexts[paragraph] = _paragraph_context(firm, paragraph)
        found = candidates(gazetteer, draft.text, draft.want, contexts[paragraph],
                           fuzzy=draft.found[0].match == "fuzzy")
        draft.choice = found[0] if found else draft.found[0]
        draft.reasons.append("namesake.paragraph_context")


def _paragraph_bounds(text: str, offset: int) -> tuple[int, int]:
    """The line (a report's paragraph) around a body offset."""
    end = text.find("\n", offset)
    return text.rfind("\n", 0, offset) + 1, len(text) if end == -1 else end


def _paragraph_context(firm: list[tuple[Draft, Candidate]], paragraph: tuple[int, int]) -> Context:
    """Context for the uncertain names of one paragraph: the regions and points of the paragraph's confident
    places decide among namesakes; those of other paragraphs are only a tie-break below the population of a
    town ("In Kostiantynivka, a missile hit ..." stays the Donetsk city when a later paragraph lists drones over
    Kharkiv region), and a region list counts for its own paragraph only."""
    start, end = paragraph
    here = [c for d, c in firm if start <= d.span.start < end]
    context = article_context(here)
    elsewhere: dict[str, float] = dict(WAR_THEATRE)
    for draft, candidate in firm:
        if not start <= draft.span.start < end and draft.role != "list" and candidate.admin1_code:
            elsewhere[candidate.admin1_code] = max(elsewhere.get(candidate.admin1_code, 0.0),
                                                   OTHER_PARAGRAPH_BONUS)
    context = replace(context, region_prior=tuple(elsewhere.items()))
    return context if context.admin1_codes else replace(context, bbox=WAR_ZONE)


def _learned_metonymy(text: str, drafts: list[Draft]) -> None:
    """A capital is a government or a place as the learned model reads the rules' answer and the words around
    it, where the model beat the rules in cross-validation (geomap.decide); reasons carry both."""
    decision = metonymy_decision()
    for draft in drafts:
        if draft.span.country or draft.span.key not in CAPITALS:
            continue
        rule = draft.metonymy
        draft.reasons.append("metonymy.rules:" + ("government" if rule else "place"))
        if decision is None:
            continue
        draft.metonymy, score = decision.decide(rule, metonymy_features(text, draft.span.start, draft.span.end, rule))
        draft.reasons.append(f"metonymy.model:{score:.2f}")


def _untrusted_fuzzy(drafts: list[Draft]) -> list[Draft]:
    """A fuzzy answer scored below FUZZY_TRUSTED (before context) is right about one time in eight
    (bench/fuzzy_calibration.py): the name is left unresolved rather than put on the map. Returns those."""
    dropped = []
    for draft in drafts:
        choice = draft.choice
        if choice is None or choice.match != "fuzzy":
            continue
        plain = next((c.score for c in draft.found if c.id == choice.id), choice.score)
        if plain < FUZZY_TRUSTED:
            draft.choice = None
            dropped.append(draft)
        else:
            draft.reasons.append("match.fuzzy")
    return dropped


def _far_namesakes(drafts: list[Draft]) -> None:
    """A town chosen far from the war ("Seversk" in Tomsk, "Dzerzhinsk" near Nizhny Novgorod) when a namesake in
    the theatre scores close ("Siversk", "Toretsk" under their Russian names) is that namesake, unless the text
    gives evidence for the far one: its region named, or another of the article's places within NEAR_FAR_KM."""
    chosen = [d.choice for d in drafts if d.choice is not None and not d.metonymy]
    for draft in drafts:
        choice = draft.choice
        if choice is None or choice.kind != "settlement" or in_theatre(choice.admin1_code, choice.country_code):
            continue
        near = [c for c in draft.found if c.kind == "settlement" and c.score >= choice.score - FAR_MARGIN
                and in_theatre(c.admin1_code, c.country_code)]
        alternative = max(near, key=lambda c: c.population, default=None)  # the largest of the close namesakes
        if alternative is None:
            continue
        evidence = any(
            other is not choice and (other.admin1_code == choice.admin1_code or (
                other.kind == "settlement" and km(other.lat, other.lon, choice.lat, choice.lon) <= NEAR_FAR_KM))
            for other in chosen
        )
        if not evidence:
            draft.choice = alternative
            draft.reasons.append(f"namesake.far_needs_evidence:{choice.admin1_code}")


def _districts_of_named_cities(text: str, drafts: list[Draft]) -> None:
    """ "In Kherson, ... in the Dniprovskyi district": a district name that the gazetteer places in another city
    (Kyiv has a Dniprovskyi district too) is a district of the city its sentence names, or else of the city the
    article named last before it; it takes that city."""
    for position, draft in enumerate(drafts):
        choice = draft.choice
        if choice is None or choice.kind != "settlement":
            continue
        if not ctx.city_district(text, draft.span.start, draft.span.end):
            continue
        sentence_start, sentence_end = _sentence_bounds(text, draft.span.start)
        cities = [d.choice for d in drafts if d is not draft and _district_city(d)
                  and sentence_start <= d.span.start < sentence_end]
        if not cities:
            earlier = next((d for d in reversed(drafts[:position]) if _district_city(d)), None)
            cities = [earlier.choice] if earlier is not None else []
        if cities and all(km(choice.lat, choice.lon, c.lat, c.lon) > ctx.DISTRICT_KM for c in cities):
            draft.choice = min(cities, key=lambda c: abs(c.lat - choice.lat) + abs(c.lon - choice.lon))


def _district_city(draft: Draft) -> bool:
    """A city large enough to have districts of its own, named as a place."""
    choice = draft.choice
    return (choice is not None and choice.kind == "settlement" and not draft.metonymy
            and choice.population >= DISTRICT_CITY)


def _region_before(text: str, draft: Draft, drafts: list[Draft]) -> str | None:
    """The region a sentence names before a town ("In Zaporizhzhia Oblast, an attack on the village of
    Prymorske"): the nearest explicit region earlier in the sentence, when no other town stands between."""
    sentence_start, _ = _sentence_bounds(text, draft.span.start)
    region = None
    for other in drafts:
        if other.span.start >= draft.span.start:
            break
        if other.span.start < sentence_start or other.span.country or not other.found or other.metonymy:
            continue
        top = other.found[0]
        if top.kind == "admin1" and not _names_several_regions(other.found):
            region = top.admin1_code
        elif region is not None and not within((other.choice or top).admin1_code, region):
            region = None  # a town of another region between: the region was about that one
    return region


def _names_several_regions(found: list[Candidate]) -> bool:
    """A name two regions answer to about equally ("Donbas": Donetsk and Luhansk oblasts) places no town."""
    regions = [c for c in found if c.kind == "admin1"]
    return len(regions) > 1 and regions[0].score - regions[1].score < SHARED_REGION_MARGIN


def _namesake_in(gazetteer: Gazetteer, draft: Draft, code: str) -> Candidate | None:
    """The town's namesake in a region, when it has one and the name is no large city elsewhere."""
    top = draft.found[0]
    if top.kind != "settlement":
        return None
    if within(top.admin1_code, code):
        return top
    if top.population >= LARGE_CITY:
        return None
    found = candidates(gazetteer, draft.text, draft.want, Context(admin1_codes=(code,)))
    return next((c for c in found if c.kind == "settlement" and within(c.admin1_code, code)), None)


def _region_after(text: str, draft: Draft, nxt: Draft | None, after: Draft | None) -> str | None:
    """The admin-1 code of a region named just after a town: "X, Y Oblast", "X in Y region", "X (Y)". A
    city after a comma stands for its region only where it closes the pair ("Komyshany, Kherson"), not in a
    list of cities ("Zaporizhzhia, Kherson and Mykolaiv") nor after a regional city of its own."""
    if nxt is None or nxt.span.country or not nxt.found:
        return None
    between = text[draft.span.end : nxt.span.start].strip().lower()
    if between not in (",", "in", ", in", "(", "in the", ", in the", "-", "near"):
        return None
    if between == "," and not _explicit_region(nxt) and (
        draft.found[0].population >= LARGE_CITY or after is not None and joined(text, nxt.span.end, after.span.start)
    ):
        return None
    region = nxt.found[0]
    return region.admin1_code if region.country_code in HOME else None


def _explicit_region(region: Draft) -> bool:
    """The name after the town is the region itself ("Chernihiv Oblast", a region-list name, or a
    city-and-region name closing the line), not a nearby town."""
    return region.want == "admin1" or region.found[0].kind == "admin1"


def _strong(top: Candidate) -> bool:
    return top.kind == "admin1" or top.population >= STRONG_POPULATION


def _mention(source: str, draft: Draft) -> Mention:
    span = draft.span
    if span.country:
        name, code, lat, lon = COUNTRY_KEYS[span.key]
        return Mention(
            source=source,
            start=span.start,
            end=span.end,
            mention=draft.text,
            name=name,
            lat=lat,
            lon=lon,
            country_code=code,
            kind="country",
            metonymy=False,
            id=f"country:{code}",
            score=1.0,
        )
    choice = draft.choice
    return Mention(
        source=source,
        start=span.start,
        end=span.end,
        mention=draft.text,
        name=choice.name,
        lat=choice.lat,
        lon=choice.lon,
        country_code=choice.country_code,
        admin1=choice.admin1,
        admin1_code=choice.admin1_code,
        kind=choice.kind,
        metonymy=draft.metonymy,
        id=choice.id,
        score=choice.score,
        role=draft.role,
        match=choice.match,
        reasons=[*draft.reasons, *(f"gazetteer.{reason}" for reason in choice.reasons)],
    )
