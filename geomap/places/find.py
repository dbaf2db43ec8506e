"""The place finder: turns an article into resolved Mention objects (see the package docstring)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

from gazetteer import Candidate, Context, Gazetteer, fold

from ..models import Article, Mention
from . import context as ctx
from .countries import COUNTRY_KEYS
from .lists import region_lists
from .match import Span, find_spans
from .resolve import HOME, article_context, candidates, confident
from .tokens import Token, tokenize

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
# The war's theatre (eastern, southern and northern Ukraine and the Russian border regions): only a tie-break
# for a village name that nothing else in the text places.
WAR_ZONE = (30.0, 44.3, 40.5, 52.4)
STRONG_POPULATION = 10_000  # smaller settlements need a locative cue somewhere in the article
FUZZY_MIN = 6
_REGION_BACK = re.compile(r"\b(?:the|this|that)\s+(?:[A-Za-z-]+\s+)?(?:region|oblast|province)\b")
REGION_BACK_WINDOW = 160


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


def find_places(article: Article, gazetteer: Gazetteer) -> list[Mention]:
    """Every place mention of the article body, resolved, in text order."""
    text = article.body
    tokens = tokenize(text)
    if not tokens:
        return []
    terse = _terse(text, tokens)
    spans = find_spans(text, tokens, gazetteer, lower_case=terse)
    starts = {s.first for s in spans}
    drafts: list[Draft] = []
    rejected_names: set[str] = set()
    for span in spans:
        draft = _judge(text, tokens, span, starts, terse, gazetteer, rejected_names)
        if draft is not None:
            drafts.append(draft)
    drafts += _fuzzy_drafts(text, tokens, spans, drafts, terse, gazetteer)
    drafts.sort(key=lambda d: d.span.start)
    cued = {d.span.key for d in drafts if d.cue}
    drafts = [d for d in drafts if d.span.key not in rejected_names or d.span.key in cued]
    _apply_lists(text, drafts)
    _apply_discourse(text, tokens, drafts)
    _coordinate_metonymy(text, drafts)
    _resolve(drafts, gazetteer, text)
    return [_mention(article.source, d) for d in drafts if d.choice is not None or d.span.country]


def _by_digit(text: str, span: Span) -> bool:
    before = text[span.start - 1 : span.start] if span.start else ""
    return text[span.end : span.end + 1].isdigit() or before.isdigit()


def single_word(span: Span) -> bool:
    return span.first == span.last


def _terse(text: str, tokens: list[Token]) -> bool:
    """Short or mostly lower-case texts (event logs): lower-case names count after a preposition."""
    capitals = sum(1 for t in tokens if t.capitalised and not t.initial)
    return len(text) < 400 or capitals < 0.04 * len(tokens)


def _judge(
    text: str,
    tokens: list[Token],
    span: Span,
    starts: set[int],
    terse: bool,
    gazetteer: Gazetteer,
    rejected: set[str],
) -> Draft | None:
    """Keep a span that reads as a place, with what its neighbours say; None when it is not one."""
    head = tokens[span.first]
    draft = Draft(span, text[span.start : span.end])
    if span.country:
        return draft if head.capitalised else None
    if head.upper and len(head.text) <= 4 and single_word(span):
        return None  # acronyms ("LPR", "DNR") are organisations, not the names reports write out
    if len(text[span.start : span.end]) < 3 or _by_digit(text, span):
        return None  # "Ka" of "Ka52", model codes
    if ctx.not_a_town(text, tokens, span.first, span.last):
        return None
    locative = ctx.locative_before(tokens, span.first, text)
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
    draft.found = candidates(gazetteer, draft.text, draft.want, Context())
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
        or ctx.apposition_after(text, span.end)
        or draft.want is not None
        or draft.role == "organisation"
    )
    strong = top.kind == "admin1" or top.population >= STRONG_POPULATION
    if not strong and not draft.cue and top.match in ("folded", "fuzzy"):
        rejected.add(span.key)
    if span.key in CAPITALS and draft.role == "place":
        draft.metonymy = ctx.metonymy(text, tokens, span.first, span.last)
    return draft


def _fuzzy_drafts(
    text: str, tokens: list[Token], spans: list[Span], drafts: list[Draft], terse: bool, gazetteer: Gazetteer
) -> list[Draft]:
    """Misspelt names ("Sievierdonetsk"): an unknown capitalised word after a preposition, matched first
    against the article's own names, then fuzzily against the gazetteer."""
    covered = {i for s in spans for i in range(s.first, s.last + 1)}
    known = {d.span.key: d for d in drafts if not d.span.country}
    out: list[Draft] = []
    for index, token in enumerate(tokens):
        if (
            index in covered
            or len(token.key) < FUZZY_MIN
            or ctx.common_word(token.text)
            or not token.capitalised
            or not ctx.locative_before(tokens, index, text)
            or token.key in COUNTRY_KEYS
            or ctx.name_part(text, tokens, index, index, set())
        ):
            continue
        span = Span(index, index, token.start, token.end, token.key)
        draft = Draft(span, token.text, cue=True)
        twin = max(known, key=lambda k: fuzz.ratio(k, token.key), default=None)
        if twin is not None and fuzz.ratio(twin, token.key) >= 85:
            draft.found, draft.want = known[twin].found, known[twin].want
        else:
            found = [c for c in gazetteer.resolve(token.text, Context(), limit=5) if c.country_code in HOME]
            if not found or found[0].match != "fuzzy":
                continue
            draft.found = found
        out.append(draft)
    return out


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
    region_keys = {d.span.key for d in drafts if d.want == "admin1" and d.role == "place"}
    places = [d for d in drafts if not d.metonymy and not d.span.country]
    for draft, nxt in zip(places, [*places[1:], None], strict=False):
        limit = REGION_BACK_WINDOW if nxt is None else min(REGION_BACK_WINDOW, nxt.span.start - draft.span.end)
        after = _sentence(text, draft.span.end)[1][:limit]
        if draft.want is None and draft.role == "place" and not draft.metonymy and _REGION_BACK.search(after):
            region_keys.add(draft.span.key)
    for draft in drafts:
        if draft.span.key in cued:
            draft.cue = True
        if draft.want is None and draft.role == "place" and draft.span.key in region_keys and not draft.metonymy:
            sentence = _sentence(text, draft.span.start)[0] + _sentence(text, draft.span.end)[1]
            words = set(re.findall(r"[a-z]+", sentence.lower()))
            if words & ctx.GROUND_WAR and not words & {"city", "strike", "strikes", "missile", "drone"}:
                draft.want = "admin1"


def _sentence(text: str, offset: int) -> tuple[str, str]:
    """The part of the sentence before and after an offset."""
    left = max(text.rfind(". ", 0, offset), text.rfind("\n", 0, offset)) + 1
    ends = [i for i in (text.find(". ", offset), text.find("\n", offset)) if i != -1]
    right = min(ends) if ends else len(text)
    return text[left:offset], text[offset:right]


def _coordinate_metonymy(text: str, drafts: list[Draft]) -> None:
    """ "Moscow and Kyiv agreed": a capital joined by "and" to a government-capital is one too."""
    for left, right in zip(drafts, drafts[1:], strict=False):
        if text[left.span.end : right.span.start].strip() in ("and", "or"):
            if left.metonymy and right.span.key in CAPITALS:
                right.metonymy = True
            elif right.metonymy and left.span.key in CAPITALS:
                left.metonymy = True


def _resolve(drafts: list[Draft], gazetteer: Gazetteer, text: str) -> None:
    """Two passes: confident names first, then the rest with the article's regions and points. A region
    named right after a town ("Lukashivka, Chernihiv Oblast") always decides among the town's namesakes."""
    firm: list[Candidate] = []
    pending: list[Draft] = []
    for draft in drafts:
        if draft.span.country or not draft.found:
            continue
        if not draft.cue and not _strong(draft.found[0]):
            continue
        if draft.want == "admin1" and draft.found[0].kind != "admin1":
            draft.found = candidates(gazetteer, draft.text, "admin1", Context()) or draft.found
    for draft, nxt in zip(drafts, [*drafts[1:], None], strict=False):
        if draft.span.country or not draft.found or (not draft.cue and not _strong(draft.found[0])):
            continue
        local = _region_after(text, draft, nxt)
        if local and draft.found[0].kind == "settlement":
            found = candidates(
                gazetteer,
                draft.text,
                draft.want,
                Context(admin1_codes=(local,)),
                fuzzy=draft.found[0].match == "fuzzy",
            )
            draft.found = found or draft.found
            draft.choice = draft.found[0]
            if not draft.metonymy:
                firm.append(draft.choice)
        elif confident(draft.found):
            draft.choice = draft.found[0]
            if not draft.metonymy:
                firm.append(draft.choice)
        else:
            pending.append(draft)
    context = article_context(firm)
    if not context.admin1_codes:
        context = replace(context, bbox=WAR_ZONE)
    for draft in pending:
        found = candidates(gazetteer, draft.text, draft.want, context, fuzzy=draft.found[0].match == "fuzzy")
        draft.choice = found[0] if found else draft.found[0]


def _region_after(text: str, draft: Draft, nxt: Draft | None) -> str | None:
    """The admin-1 code of a region named just after a town: "X, Y Oblast", "X in Y region", "X (Y)"."""
    if nxt is None or nxt.span.country or not nxt.found:
        return None
    between = text[draft.span.end : nxt.span.start].strip().lower()
    if between not in (",", "in", ", in", "(", "in the", ", in the", "-", "near"):
        return None
    region = nxt.found[0]
    return region.admin1_code if region.country_code in HOME else None


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
    )
