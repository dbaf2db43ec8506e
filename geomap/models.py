"""Plain data types that flow through the pipeline: read -> find places -> resolve -> extract -> join."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

# ACLED geo_precision: 1 the town itself, 2 near a town or part of a region, 3 the whole region.
PRECISION_TOWN, PRECISION_NEAR, PRECISION_REGION = 1, 2, 3


@dataclass(slots=True)
class Article:
    """One input document: its body after the front matter, and what the front matter said."""

    source: str  # file name as given (the key the scorers use)
    body: str
    date: date | None = None  # publication date: front matter, else --date
    title: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    path: str | None = None


@dataclass(slots=True)
class Mention:
    """A place named in an article, resolved. Offsets index `Article.body`."""

    source: str
    start: int
    end: int
    mention: str
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    country_code: str | None = None
    admin1: str | None = None
    admin1_code: str | None = None
    kind: str = "other"  # "settlement" | "admin1" | "country" | "other"
    metonymy: bool = False  # the name stands for a government or an army ("Moscow said")
    id: str | None = None
    score: float | None = None
    role: str = "place"  # "place", "organisation" (inside an org name but locating), "list" (region list)
    match: str | None = None  # how the gazetteer matched the name: "exact", "alternate", "folded", "fuzzy"
    reasons: list[str] = field(default_factory=list)  # why this place: rule ids and the gazetteer's context terms

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class Incident:
    """One event at one place, as an ACLED coder would record it."""

    source: str
    date: date | None
    event_type: str | None  # None only for a table row that gives no type
    sub_event_type: str | None
    location: str | None
    mention: str | None
    lat: float | None
    lon: float | None
    admin1: str | None
    admin1_code: str | None
    country_code: str | None
    geo_precision: int
    killed: int | None = None
    injured: int | None = None
    evidence: str = ""
    sources: list[str] = field(default_factory=list)  # every source reporting it, after merging
    id: str | None = None
    reasons: list[str] = field(default_factory=list)  # why: the place's reasons and the incident rules that fired
    outlet: str | None = None  # who published it: front matter `source:`, a table's source column
    url: str | None = None  # an http(s) link to the report: front matter `url:`, a table's url column
    score: float | None = None  # the gazetteer's score of the place match (None: given as coordinates)
    matched_name: str | None = None  # the gazetteer name the place was matched to
    attributes: dict[str, str | None] = field(default_factory=dict)  # a table's other columns, kept through

    def to_dict(self) -> dict:
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        return data
