"""The words around a candidate name: is it a place at all, a city or a region, an organisation, a government?

Every rule reads only the neighbouring words of the span, so the rules carry over to unseen articles.
"""

from __future__ import annotations

import re
from functools import lru_cache

from wordfreq import get_frequency_list, zipf_frequency

from .tokens import Token

# Prepositions after which a name is a location ("in Kharkiv", lower-case "convoy in chertkovo").
LOCATIVE = {
    "in",
    "near",
    "at",
    "outside",
    "around",
    "towards",
    "toward",
    "from",
    "to",
    "into",
    "via",
    "across",
    "between",
    "over",
    "of",
    "inside",
    "nearby",
    "by",
    "on",
}
STRONG_LOCATIVE = LOCATIVE - {"of", "by", "on", "between"}  # "in the sky over X" places X
# Nouns that introduce a settlement name ("the village of Toshkivka") or follow it in apposition.
SETTLEMENT_NOUNS = {
    "village",
    "town",
    "city",
    "settlement",
    "hamlet",
    "outskirts",
    "suburb",
    "suburbs",
    "district",
    "port",
    "capital",
    "township",
    "centre",
    "center",
}
REGION_NOUNS = {"region", "oblast", "obl", "province", "regions", "oblasts", "provinces", "krai", "republic"}
# Words before "of" that place what follows ("east of X", "the area of X", "the vicinity of X").
AREA_WORDS = {
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "area",
    "vicinity",
    "environs",
    "approaches",
    "direction",
    "edge",
    "centre",
    "center",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
}
# Words after a line's first name that make it the scene of an event ("Novoselivka being shelled",
# "Izium after the strikes", "Bakhmut under fire"): terse logs open with the place.
SCENE_AFTER = {
    "being",
    "after",
    "under",
    "was",
    "were",
    "is",
    "has",
    "had",
    "shelled",
    "struck",
    "bombed",
    "hit",
    "attacked",
    "destroyed",
    "damaged",
    "liberated",
    "captured",
    "burning",
    "ablaze",
    "during",
}
# Of those, the ones that make a place of the name in any text (a person is seldom "shelled").
SCENE_AFTER_STRONG = {"being", "under", "shelled", "struck", "bombed", "destroyed", "damaged", "liberated"}
# Verbs of war whose object is a place ("Russian forces shelled Stepnohirsk", "troops captured Novomykhailivka")
# and nouns that place what follows "of"/"on"/"for" ("the capture of X", "an attack on X", "the battle for X").
ACTION_VERBS = {
    "shelled",
    "shelling",
    "struck",
    "bombed",
    "bombarded",
    "attacked",
    "attacking",
    "stormed",
    "storming",
    "captured",
    "capturing",
    "seized",
    "seizing",
    "liberated",
    "liberating",
    "recaptured",
    "retook",
    "retaking",
    "encircled",
    "encircling",
    "besieged",
    "entered",
    "occupied",
    "targeted",
    "pounded",
    "hit",
}
# Verbs of munitions coming down on a place ("guided bombs fell on X", "shells rained down on X").
IMPACT_VERBS = {"fell", "falling", "landed", "landing", "rained", "raining", "dropped", "crashed", "came", "slammed"}
ACTION_NOUNS = {
    "shelling",
    "capture",
    "liberation",
    "recapture",
    "fall",
    "bombardment",
    "bombing",
    "encirclement",
    "siege",
    "defence",
    "defense",
    "battle",
    "fight",
    "fighting",
    "assault",
    "attack",
    "attacks",
    "strike",
    "strikes",
    "raid",
    "offensive",
    "push",
    "advance",
    "occupation",
    "hold",
    "grip",
    "control",
}
# Nouns after a city's district name ("Kyiv's Podil neighbourhood"): the possessive city is the place.
DISTRICT_NOUNS = {
    "neighborhood",
    "neighbourhood",
    "district",
    "districts",
    "microdistrict",
    "quarter",
    "area",
    "suburb",
    "square",
    "street",
    "avenue",
    "embankment",
    "park",
}
# Words after a name that make it part of a regional authority: the place still locates the event.
ORG_LOCATORS = {
    "governor",
    "regional",
    "military",
    "administration",
    "council",
    "police",
    "prosecutor",
    "prosecutors",
    "authorities",
    "mayor",
    "emergency",
    "emergencies",
    "city",
    "oblast",
}
# Capitalised words after a name that keep it a place ("Kyiv Oblast", "Kharkiv Region").
FACILITIES = {
    "hospital",
    "theater",
    "theatre",
    "school",
    "college",
    "university",
    "bridge",
    "station",
    "tower",
    "plant",
    "factory",
    "depot",
    "market",
    "airport",
    "port",
    "stadium",
    "church",
    "cathedral",
    "institute",
    "academy",
    "museum",
    "park",
    "square",
    "mall",
    "center",
    "centre",
    "library",
    "monastery",
    "hotel",
    "dam",
    "refinery",
    "base",
    "airfield",
    "prison",
    "building",
    "clinic",
}
PLACE_FOLLOWERS = {"oblast", "obl", "region", "province", "raion", "district", "city", "krai", "metro", "airport"}
TITLES = {
    "president",
    "governor",
    "general",
    "gen",
    "colonel",
    "col",
    "minister",
    "mayor",
    "mr",
    "mrs",
    "ms",
    "dr",
    "chief",
    "commander",
    "lieutenant",
    "lt",
    "major",
    "maj",
    "sergeant",
    "sgt",
    "captain",
    "capt",
    "prime",
    "premier",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "head",
    "ambassador",
    "senator",
    "patriarch",
    "pope",
    "king",
    "queen",
    "prince",
    "saint",
    "st",
    "admiral",
    "marshal",
    "secretary",
}
# Verbs and nouns that make a capital stand for its government ("Moscow said", "Kyiv's incursion").
GOVERNMENT_VERBS = {
    "said",
    "says",
    "say",
    "claimed",
    "claims",
    "claim",
    "denied",
    "denies",
    "deny",
    "announced",
    "announces",
    "acknowledged",
    "acknowledging",
    "acknowledges",
    "launched",
    "launches",
    "launching",
    "insisted",
    "insists",
    "accused",
    "accuses",
    "wants",
    "want",
    "wanted",
    "warned",
    "warns",
    "confirmed",
    "confirm",
    "confirms",
    "rejected",
    "rejects",
    "reject",
    "refused",
    "refuses",
    "demanded",
    "demands",
    "called",
    "calls",
    "responded",
    "retaliated",
    "invaded",
    "invades",
    "annexed",
    "hopes",
    "hoped",
    "believes",
    "agreed",
    "agrees",
    "sent",
    "sends",
    "blamed",
    "blames",
    "threatened",
    "threatens",
    "ordered",
    "signed",
    "deployed",
    "seeks",
    "sought",
    "argued",
    "argues",
    "stated",
    "maintains",
    "admitted",
    "admits",
    "plans",
    "planned",
    "considers",
    "views",
    "recognised",
    "recognized",
    "mention",
    "mentioned",
    "comment",
    "commented",
    "welcomed",
    "condemned",
    "urged",
    "urges",
    "pledged",
    "vowed",
    "expects",
    "expected",
    "fears",
    "feared",
    "insisting",
    "saying",
    "claiming",
    "denying",
    "negotiate",
    "negotiated",
    "supplied",
    "supplies",
    "asked",
    "asks",
    "needs",
    "struck",
    "retook",
    "recaptured",
    "controls",
    "controlled",
    "regards",
    "regarded",
    "opposes",
    "opposed",
    "backed",
    "backs",
    "comments",
    "commenting",
    "repeated",
    "repeats",
    "quit",
    "quits",
    "welcomes",
    "insist",
    "accepted",
    "accepts",
    "proposed",
    "proposes",
    "offered",
    "offers",
    "responds",
    "objected",
    "objects",
    "declined",
    "declines",
    "agreeing",
    "refusing",
    "warning",
    "demanding",
    "recognise",
    "recognize",
    "accept",
    "agree",
    "withdraw",
    "concede",
    "conceded",
    "decided",
    "sacrificed",
    "sacrifices",
    "requested",
    "requests",
    "request",
    "answered",
    "answers",
    "replied",
    "replies",
    "reacted",
    "reacts",
}
# "Moscow appeared to be playing for time", "Kyiv seems to have": a will of its own, when "to" follows.
SEEMING_VERBS = {"appeared", "appears", "seemed", "seems"}
# "Kyiv made no official comment", "Moscow made an offer": making these is a government's doing.
STATEMENT_NOUNS = {"comment", "comments", "statement", "offer", "proposal", "demand", "demands", "concession",
                   "concessions", "announcement", "decision"}
AUXILIARIES = {
    "rarely",
    "seldom",
    "often",
    "usually",
    "typically",
    "frequently",
    "promptly",
    "has",
    "have",
    "had",
    "is",
    "was",
    "were",
    "will",
    "would",
    "could",
    "can",
    "did",
    "does",
    "do",
    "not",
    "also",
    "repeatedly",
    "already",
    "still",
    "fully",
    "now",
    "then",
    "again",
    "later",
    "previously",
    "been",
    "reportedly",
    "officially",
    "flatly",
    "publicly",
    "quickly",
    "never",
    "must",
    "should",
    "may",
    "might",
    "long",
    "recently",
    "swiftly",
    "immediately",
    "itself",
    "once",
}
GOVERNMENT_BEFORE = {"on", "against", "with", "between", "toward", "towards", "and"}
# Verbs whose object is a government, not a place ("handing Moscow its biggest gain", "urged Kyiv to", "help
# Kyiv"); attack verbs ("struck Kyiv") are not among them.
GOVERNMENT_OBJECT_VERBS = {
    "hand", "hands", "handed", "handing", "give", "gives", "gave", "giving", "given", "offer", "offers",
    "offered", "offering", "urge", "urged", "urging", "press", "pressed", "pressing", "pressure", "pressured",
    "pressuring", "warn", "warned", "warning", "accuse", "accused", "accusing", "blame", "blamed", "blaming",
    "allow", "allowed", "allowing", "help", "helped", "helping", "helps", "support", "supported", "supporting",
    "supports", "back", "backing", "backs", "arm", "arming", "armed", "sanction", "sanctioned", "sanctioning",
    "punish", "punished", "punishing", "told", "tell", "telling", "ask", "asking", "convince", "convinced",
    "persuade", "persuaded", "force", "forced", "forcing", "deter", "deterring", "criticise", "criticised",
    "criticize", "criticized", "condemn", "condemning", "thank", "thanked", "provide", "provided", "providing",
    "supply", "supplying", "cost", "costing", "embolden", "emboldened", "reassure", "reassured", "trust",
    "recognise", "recognize", "betray", "betrayed", "abandon", "abandoned", "lets", "let", "letting",
    "wants", "want", "wanted", "expects", "expect", "strip", "stripped", "stripping", "leave", "leaving",
}
# "aid to Kyiv", "weapons for Kyiv": what one government gives another
AID_NOUNS = {
    "aid", "assistance", "support", "weapons", "arms", "loans", "loan", "deliveries", "supplies", "funding",
    "ammunition", "shells", "missiles", "guarantees", "concessions", "ultimatum", "message", "signal",
    "move", "offer", "proposal", "demands", "overture", "overtures",
}
# "officials installed by Moscow", "the Moscow-installed head": a government's doing ("Kyiv-based analysts"
# are where they work, so "based" is not one of them)
AGENT_PARTICIPLES = {
    "installed", "appointed", "backed", "controlled", "imposed", "sponsored", "supported", "led", "run",
    "ordered", "launched", "annexed", "friendly", "aligned", "leaning",
}
# Predicates of will after a capital ("Moscow was not interested in peace", "Kyiv is ready to talk").
GOVERNMENT_PREDICATES = {
    "interested", "ready", "willing", "unwilling", "prepared", "determined", "committed", "reluctant", "eager",
    "keen", "open", "serious", "responsible", "unlikely", "likely", "seeking", "trying", "hoping", "refusing",
    "insisting", "demanding", "planning", "preparing",
}
# "on"/"against" make a government only after these words ("called on Moscow"), not after "strike on Kyiv".
PRESSURE_WORDS = {
    "called",
    "calls",
    "calling",
    "call",
    "pressure",
    "sanctions",
    "pressed",
    "pressing",
    "depends",
    "relies",
    "rely",
    "urged",
    "imposed",
    "focused",
    "leverage",
    "war",
    "sanction",
    "turned",
}
FEELING_NOUNS = {
    "concern",
    "concerns",
    "fear",
    "fears",
    "hope",
    "hopes",
    "frustration",
    "anger",
    "worries",
    "worry",
    "optimism",
    "alarm",
    "disappointment",
    "scepticism",
    "skepticism",
    "irritation",
    "unease",
    "suspicion",
    "belief",
    "mood",
    "consensus",
    "view",
    "views",
    "thinking",
    "relief",
}
# Nouns after "Kyiv's" that keep it the city ("Kharkiv's mayor"); any other noun makes it the government.
LOCAL_NOUNS = {
    "mayor",
    "residents",
    "resident",
    "streets",
    "street",
    "centre",
    "center",
    "city",
    "suburbs",
    "outskirts",
    "districts",
    "district",
    "metro",
    "subway",
    "airport",
    "skies",
    "sky",
    "air",
    "people",
    "citizens",
    "inhabitants",
    "population",
    "buildings",
    "hospitals",
    "hospital",
    "region",
    "oblast",
    "main",
    "historic",
    "power",
    "water",
    "infrastructure",
    "railway",
    "station",
    "central",
    "northern",
    "southern",
    "eastern",
    "western",
    "old",
    "apartment",
    "residential",
    "heating",
    "energy",
    "defences",
    "defenses",
    "air-defence",
    "schools",
    "homes",
    "houses",
    "bridges",
    "port",
    "harbour",
    "landmarks",
    "river",
    "square",
    "cathedral",
    "university",
    "zoo",
    "children",
}
# Words of ground warfare: a city-and-region name among them is the region ("troops in Kursk").
GROUND_WAR = {
    "troops",
    "forces",
    "soldiers",
    "incursion",
    "offensive",
    "counteroffensive",
    "counter",
    "massing",
    "massed",
    "mass",
    "territory",
    "settlements",
    "units",
    "army",
    "fighting",
    "battles",
    "front",
    "enemy",
    "positions",
    "push",
    "advance",
    "deployment",
    "incursions",
    "stormed",
    "hold",
}
INCURSION_WORDS = {
    "incursion",
    "incursions",
    "offensive",
    "invasion",
    "raid",
    "push",
    "advance",
    "breakthrough",
}


COMMON_ZIPF = 3.3  # a word English uses at least about twice per million words is a common word


@lru_cache(maxsize=65536)
def common_word(word: str) -> bool:
    """True for a frequent English word ("Bar", "Most", "Police"): a place only with strong evidence."""
    lower = word.lower()
    if lower.isascii() and lower.isalpha():  # one wordfreq token, spelt as in its list
        return lower in _common_english()
    return zipf_frequency(lower, "en") >= COMMON_ZIPF


@lru_cache(maxsize=1)
def _common_english() -> frozenset[str]:
    """The lower-case ASCII words of wordfreq's English list with a Zipf frequency of at least COMMON_ZIPF.
    The list comes in bands of one frequency each, most frequent first, so a band's first plain word tells
    the band's Zipf value; this costs a few milliseconds once instead of wordfreq's tokenizer per new word."""
    words: list[str] = []
    for band in get_frequency_list("en"):
        plain_words = [w for w in band if w.isascii() and w.isalpha()]
        if not plain_words:
            continue
        if zipf_frequency(plain_words[0], "en") < COMMON_ZIPF:
            break
        words += plain_words
    return frozenset(words)


@lru_cache(maxsize=65536)
def unknown_word(word: str) -> bool:
    """True for a word English hardly uses ("Novomikhailovka"): in terse text, most likely a name."""
    return zipf_frequency(word.lower(), "en") < 1.0


def words_before(tokens: list[Token], index: int, count: int = 3) -> list[str]:
    """Lower-case words before tokens[index], nearest first, stopping at a sentence start."""
    out: list[str] = []
    j = index
    while j > 0 and len(out) < count and not tokens[j].initial:
        j -= 1
        out.append(tokens[j].lower)
    return out


def words_after(tokens: list[Token], index: int, count: int = 3) -> list[str]:
    """Lower-case words after tokens[index], nearest first, stopping before a sentence start."""
    out: list[str] = []
    j = index + 1
    while j < len(tokens) and len(out) < count and not tokens[j].initial:
        out.append(tokens[j].lower)
        j += 1
    return out


def gap(text: str, left: Token, right: Token) -> str:
    """The characters between two tokens."""
    return text[left.end : right.start]


def locative_before(tokens: list[Token], first: int, text: str) -> bool:
    """A locative preposition right before the name, or "village of", "outskirts of"..."""
    before = words_before(tokens, first, 3)
    if not before:
        return False
    if before[0] in STRONG_LOCATIVE:
        return True
    if before[0] == "the" and len(before) > 1 and before[1] in STRONG_LOCATIVE:
        return True
    if before[0] == "of" and len(before) > 1 and (
        before[1] in SETTLEMENT_NOUNS or before[1] in REGION_NOUNS or before[1] in AREA_WORDS
    ):
        return True
    return before[0] in {"of", "to", "from", "on", "by", "between"} and _after_place_noun(before)


def action_before(tokens: list[Token], first: int) -> bool:
    """A war verb or noun of which the name is the object: "shelled X", "the capture of X", "an attack on X",
    or where munitions came down: "bombs fell on X", "shells rained down on X"."""
    before = words_before(tokens, first, 3)
    if not before:
        return False
    if before[0] in ACTION_VERBS:
        return True
    if before[0] in ("on", "onto", "upon") and len(before) > 1:
        verb = before[2] if before[1] == "down" and len(before) > 2 else before[1]
        if verb in IMPACT_VERBS:
            return True
    return before[0] in {"of", "on", "for", "against"} and len(before) > 1 and before[1] in ACTION_NOUNS


def _after_place_noun(before: list[str]) -> bool:
    return any(word in SETTLEMENT_NOUNS or word in REGION_NOUNS for word in before[1:3])


def apposition_after(text: str, end: int) -> bool:
    """ ", a village ...", ", a district ..." right after the name."""
    tail = text[end : end + 40].lower()
    if not tail.startswith(","):
        return False
    words = tail[1:].split()
    return (
        len(words) > 1 and words[0] in {"a", "an", "the"} and any(w.strip(",.") in SETTLEMENT_NOUNS for w in words[1:4])
    )


def metonymy(text: str, tokens: list[Token], first: int, last: int) -> bool:
    """True when a capital stands for its government: "Moscow said", "Kyiv's incursion", "talks with Kyiv"."""
    token = tokens[last]
    if text[token.end : token.end + 1] == ":" or tokens[first].upper and tokens[first].initial:
        return False  # a dateline ("MOSCOW: ...")
    if token.possessive:
        after = words_after(tokens, last, 2)
        if not after and last + 1 < len(tokens) and _only_quotes(text[token.end + 2 : tokens[last + 1].start]):
            after = [tokens[last + 1].lower]  # Moscow's "unacceptable" terms: a quote opens no sentence here
        if _district_after(tokens, last):
            return False
        return (
            bool(after)
            and after[0] not in LOCAL_NOUNS
            and not (after[0] in {"latest", "new", "own"} and len(after) > 1 and after[1] in LOCAL_NOUNS)
        )
    before = words_before(tokens, first, 3)
    after = words_after(tokens, last, 5)
    in_phrase = bool(before) and before[0] in LOCATIVE  # "authorities in Kyiv said": the verb is theirs
    if after and not in_phrase and text[token.end : tokens[last + 1].start].strip() in ("", ","):
        for index, word in enumerate(after):
            if word in AUXILIARIES:
                continue
            if word in GOVERNMENT_VERBS or word in GOVERNMENT_PREDICATES and after[0] in AUXILIARIES:
                return True
            following = after[index + 1 : index + 4]
            if word in SEEMING_VERBS and following[:1] == ["to"] or word == "made" and STATEMENT_NOUNS & set(following):
                return True
            break
    if before and before[0] in GOVERNMENT_OBJECT_VERBS and not in_phrase:
        return True
    if len(before) > 1 and (
        before[0] in ("to", "for") and before[1] in AID_NOUNS or before[0] == "by" and before[1] in AGENT_PARTICIPLES
    ):
        return True
    hyphen = text[token.end : token.end + 1] in ("-", "\u2011")
    if hyphen and last + 1 < len(tokens) and tokens[last + 1].lower.lstrip("-\u2011") in AGENT_PARTICIPLES:
        return True
    if before and before[0] in ("on", "against") and (len(before) < 2 or before[1] not in PRESSURE_WORDS):
        before = []
    if before and before[0] in GOVERNMENT_BEFORE and text[tokens[first - 1].end : tokens[first].start].strip() == "":
        return before[0] != "and"  # "and" is decided by the coordination pass
    return bool(len(before) > 1 and before[0] == "in" and before[1] in FEELING_NOUNS)


def _only_quotes(gap: str) -> bool:
    """Nothing but spaces and quotation marks."""
    return gap.strip(" \"'\u201c\u201d\u2018\u2019\u00ab\u00bb") == ""


def _district_after(tokens: list[Token], last: int) -> bool:
    """ "Kyiv's Podil neighbourhood", "Kharkiv's Saltivka district": a capitalised name, then a district noun."""
    following = tokens[last + 1 : last + 4]
    if not following or following[0].initial or not following[0].capitalised:
        return False
    for token in following[1:]:
        if token.initial:
            return False
        if token.lower in DISTRICT_NOUNS:
            return True
        if not token.capitalised:
            return False
    return False


def scene_after(tokens: list[Token], first: int, last: int, terse: bool) -> bool:
    """A sentence's first name followed by "being", "after", "under", "shelled"...: the scene of the event."""
    if not tokens[first].initial or last + 1 >= len(tokens):
        return False
    following = tokens[last + 1]
    if following.initial:
        return False
    return following.lower in (SCENE_AFTER if terse else SCENE_AFTER_STRONG)


def wants_region(text: str, tokens: list[Token], first: int, last: int) -> str | None:
    """ "admin1" when the words say region ("X region", "region of X", "X governor", "incursion into X"),
    "settlement" when they say city ("city of X", "X city"), else None."""
    after = words_after(tokens, last, 2)
    before = words_before(tokens, first, 3)
    if after and after[0] in REGION_NOUNS and after[0] != "republic":
        return "admin1"
    if after and after[0] in ("city", "town", "community", "hromada") or before[:2] in (["of", "city"], ["of", "town"]):
        return "settlement"  # a hromada ("the Krasnopillia community") is named after its town
    if len(before) > 1 and before[0] == "of" and before[1] in {"region", "oblast", "province", "governor"}:
        return "admin1"
    if after and after[0] in {"governor", "regional"}:
        return "admin1"
    if len(before) > 1 and before[0] == "into" and before[1] in INCURSION_WORDS:
        return "admin1"
    return None


def organisation(text: str, tokens: list[Token], first: int, last: int) -> bool:
    """A name at the head of an authority ("Kharkiv Regional Military Administration", "Kharkiv governor",
    "governor of Luhansk"): it still locates events, in its region."""
    after = words_after(tokens, last, 2)
    before = words_before(tokens, first, 3)
    if last + 1 < len(tokens) and gap(text, tokens[last], tokens[last + 1]) != " ":
        after = []
    if after and after[0] in {"governor", "regional"}:
        return True
    if after[:2] in (
        ["oblast", "military"],
        ["oblast", "administration"],
        ["city", "council"],
        ["oblast", "council"],
        ["city", "military"],
    ):
        return True
    return len(before) > 1 and before[0] == "of" and before[1] in {"governor", "mayor", "head"}


def name_part(text: str, tokens: list[Token], first: int, last: int, starts: set[int], terse: bool = False) -> bool:
    """True when the span sits inside a person's or an organisation's name ("Kyiv Independent",
    "Volodymyr Zelenskiy", "Governor Ivan Fedorov"); a facility named after its town ("Mykolaiv Oncology
    Hospital", "Lyman Train Station") keeps the town."""
    head, tail = tokens[first], tokens[last]
    if head.upper and tail.upper:
        return False  # datelines and all-caps headlines
    if street_or_station(text, tokens, first, last):
        return True  # a street's or a metro station's name ("Lukianivska metro station")
    if last + 1 < len(tokens):
        nxt = tokens[last + 1]
        if (
            not nxt.initial
            and nxt.capitalised
            and not tail.possessive
            and gap(text, tail, nxt) == " "
            and nxt.lower not in PLACE_FOLLOWERS
            and nxt.lower not in ORG_LOCATORS
            and last + 1 not in starts
            and not nxt.upper
            and not _facility(tokens, last + 1)
        ):
            return True
    if first > 0 and not head.initial:
        prev = tokens[first - 1]
        if prev.lower.rstrip(".") in TITLES and gap(text, prev, head).strip(". ") == "":
            return True
        if (
            not terse
            and prev.capitalised
            and not prev.upper
            and gap(text, prev, head) == " "
            and not prev.possessive
            and first - 1 not in starts
            and not _adjectival(prev.text)
            and not prev.initial
        ):
            return True
    return False


_FACILITY_LINKS = {"and", "of", "for", "the", "named", "after"}


def _facility(tokens: list[Token], index: int) -> bool:
    """A run of capitalised words, with "and"/"of" between them, ending in a building or facility noun
    ("Lyman Train Station", "Kharkiv Academy of Trade and Economics")."""
    for offset, token in enumerate(tokens[index : index + 7]):
        if offset and token.initial:
            return False
        if token.lower in FACILITIES and token.capitalised:
            return True
        if not token.capitalised and token.lower not in _FACILITY_LINKS:
            return False
    return False


# Calendar words are never places ("since Bakhmut fell in May": GeoNames knows a village called May).
CALENDAR = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}


_ADJECTIVAL = re.compile(r"(?:k|n)(?:yi|yy|iy|yj|ij|ii|y)$|(?:ий|ій)$")  # Shevchenkivskyi, Tsentralnyi, Київський
_CITY_DISTRICT_WORDS = ("district", "raion", "neighbourhood", "neighborhood", "microdistrict")
DISTRICT_KM = 30  # a city's district lies this close to the city; a namesake further away is another city's


def city_district(text: str, start: int, end: int) -> bool:
    """An adjectival name that is, or is followed by, a district word ("Dniprovskyi district", "the Kyivskyi
    raion"): a city's district. A raion named after its town ("the Kramatorsk district") is not one."""
    words = text[start:end].lower().split()
    if not words or not _ADJECTIVAL.search(words[0]):
        return False
    following = text[end : end + 16].lower().split()[:1]
    return words[-1] in _CITY_DISTRICT_WORDS or bool(following) and following[0].strip(",.;") in _CITY_DISTRICT_WORDS


# Rivers that share a town's name; with "the" before them they are the river.
RIVER_NAMES = {"dnipro", "dnieper", "desna", "donets", "don", "dniester", "dnister", "oskil", "inhulets", "psel",
               "sula", "vorskla", "seym", "seim", "ros", "samara", "kalmius", "bug"}
RIVER_FOLLOWERS = {"river", "to", "in", "on", "at", "near", "from", "and", "or", "into", "towards", "toward",
                   "between", "delta", "bank", "banks", "crossing", "crossings", "island", "islands", "for", "where",
                   "which", "was", "is", "has", "had", "by", "with", "as", "since"}


# Street and road words after a name ("Shevchenko Street") and, in Ukrainian and Russian word order, before it
# ("vulytsia Sumska", "вул. Сумська"); "st", "ave" and "blvd" only with their full stop.
STREET_AFTER = {"street", "avenue", "boulevard", "lane", "prospekt", "prospect", "square", "embankment",
                "vulytsia", "ulitsa", "вулиця", "улица", "проспект", "бульвар", "провулок", "переулок", "площа",
                "площадь"}
STREET_ABBREVIATIONS = {"st", "ave", "blvd"}
STREET_BEFORE = {"vulytsia", "vulytsya", "vulitsa", "vul", "ulitsa", "ulica", "ul", "prospekt", "prosp",
                 "provulok", "pereulok", "bulvar", "ploshcha", "ploshchad", "shose", "shosse", "naberezhna",
                 "naberezhnaya", "metro", "вулиця", "вулиці", "вул", "улица", "улице", "ул", "проспект", "проспекті",
                 "проспекте", "просп", "провулок", "провулку", "переулок", "переулке", "пер", "бульвар", "бульварі",
                 "бульваре", "площа", "площі", "площадь", "площади", "пл", "шосе", "шоссе", "набережна",
                 "набережній", "набережная", "набережной", "метро"}
ROAD_WORDS = {"highway", "road", "motorway", "shose", "shosse", "шосе", "шоссе", "трасса", "траса"}
METRO_WORDS = {"metro", "subway", "underground", "метро"}
STATION_WORDS = {"station", "stantsiia", "stantsiya", "станція", "станції", "станция", "станции"}
# Cities with a metro of their own: "the Kyiv metro", "a Kharkiv metro station" keep the city.
METRO_CITIES = {"kyiv", "kiev", "kharkiv", "kharkov", "dnipro", "dnepr", "dnipropetrovsk", "kryvyi", "moscow",
                "petersburg", "minsk", "київ", "києві", "киев", "харків", "харкові", "харьков", "дніпро", "днепр",
                "москва", "москве"}
# Adjectival names, the form of a road named after the town it leads to ("the Kharkivske highway").
_ADJECTIVE_NAME = re.compile(r"(?:sk|zk|ck|tsk)(?:a|e|yi|yy|iy|ij|yj|y|aya|aia|oye|oe|oie|ii)$|(?:ськ|зьк|цьк|ск|зк|цк)"
                             r"(?:а|е|ий|ій|ая|ое|ой|ому|ої|ій)$")


def street_or_station(text: str, tokens: list[Token], first: int, last: int) -> bool:
    """A street, square, road or metro station named like a settlement: "Shevchenko Street", "vulytsia Sumska",
    "the Kharkivske highway", "Lukianivska metro station", "Pechersk station" in a sentence about the metro.
    A railway station named after its town ("Pokrovsk railway station", "Kramatorsk station") keeps the town:
    the town is the event's place."""
    head, tail = tokens[first], tokens[last]
    if first > 0 and tokens[first - 1].lower in STREET_BEFORE and text[tokens[first - 1].end : head.start] in (
        " ", ". ", "."
    ):
        return tokens[first - 1].lower not in METRO_WORDS or tail.lower not in METRO_CITIES
    if first > 1 and tokens[first - 1].lower in STATION_WORDS and tokens[first - 2].lower in METRO_WORDS:
        return True  # "metro station Lukianivska"
    if last + 1 >= len(tokens) or tail.possessive or text[tail.end : tokens[last + 1].start] != " ":
        return False
    following = tokens[last + 1].lower
    if following in STREET_AFTER:
        return True
    if following in STREET_ABBREVIATIONS:
        return text[tokens[last + 1].end : tokens[last + 1].end + 1] == "."
    if following in ROAD_WORDS:
        return _ADJECTIVE_NAME.search(tail.lower) is not None
    if following in METRO_WORDS:
        # "Lukianivska metro station", "Lukianivska metro"; not a shop of the Metro chain ("Mariupol Metro
        # Supermarket"): a capitalised Metro must be followed by a station word
        metro = tokens[last + 1]
        station_next = last + 2 < len(tokens) and tokens[last + 2].lower in STATION_WORDS
        return tail.lower not in METRO_CITIES and (station_next or not metro.capitalised)
    if following != "station" or tail.lower in METRO_CITIES:
        return False
    # "X station": the metro's only when the sentence speaks of the metro or names the metro's city around it
    sentence_start = first
    while sentence_start > 0 and not tokens[sentence_start].initial:
        sentence_start -= 1
    sentence_end = last + 1
    while sentence_end + 1 < len(tokens) and not tokens[sentence_end + 1].initial:
        sentence_end += 1
    sentence = [t.lower for t in tokens[sentence_start : sentence_end + 1]]
    if METRO_WORDS.intersection(sentence):
        return True
    before = tokens[first - 1] if first > 0 else None
    if before is not None and before.possessive and before.lower in METRO_CITIES:
        return True  # "Kyiv's Pechersk station"
    after = [t.lower for t in tokens[last + 2 : last + 5]]
    return len(after) > 1 and after[0] == "in" and after[1] in METRO_CITIES  # "Pechersk station in Kyiv"


def not_a_town(text: str, tokens: list[Token], first: int, last: int) -> bool:
    """Calendar words, rivers, city districts and neighbourhoods that share a town's name ("the Dnipro river",
    "Kyiv District of Donetsk", "Kyiv's Podil neighbourhood"), streets and metro stations (street_or_station)."""
    if first == last and tokens[first].lower in CALENDAR:
        return True
    if street_or_station(text, tokens, first, last):
        return True
    after = words_after(tokens, last, 1)
    if first == last and tokens[first].lower in RIVER_NAMES and words_before(tokens, first, 1) == ["the"]:
        # "across the Dnipro" is the river; the city goes without "the" but for a modifier ("the Dnipro
        # apartment building")
        closing = text[tokens[last].end : tokens[last].end + 1] in ("", ",", ".", ";", ":", ")", "!", "?", "\n")
        return closing or not after or after[0] in RIVER_FOLLOWERS
    if after and (after[0] == "donets" or after[0].startswith("donets-")):
        return True  # "the Siverskyi Donets" river
    if after and after[0] in {
        "river",
        "reservoir",
        "lake",
        "delta",
        "estuary",
        "canal",
        "microdistrict",
        "neighborhood",
        "neighbourhood",
        "quarter",
    }:
        return True
    if after == ["district"] and tokens[last + 1].capitalised and not tokens[last].upper:
        return True
    return (
        first > 0
        and tokens[first - 1].possessive
        and tokens[first].capitalised
        and after[:1] in (["neighborhood"], ["neighbourhood"], ["district"], ["area"])
    )


def _adjectival(word: str) -> bool:
    """Demonyms and directions before a name ("Russian-held", "Ukrainian", "Eastern") keep it a place."""
    lower = word.lower()
    return (
        "-" in word
        or lower.endswith(("ian", "ean", "ese", "ish", "ern", "an", "ic", "al"))
        or lower in {"greater", "north", "south", "east", "west", "central", "old", "new", "upper", "lower"}
    )
