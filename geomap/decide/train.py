"""Fit the learned decisions from the committed annotated corpus, with cross-validation per outlet style.

Metonymy ("Moscow said" is a government, "a strike on Kyiv" a place): every capital that find_places reports
in the corpus, with the rules' own decision, becomes a row of features (decide.features) labelled from the gold.
A logistic regression is fitted on them; leave-one-style-out cross-validation gives its errors beside the
rules' errors on the same rows, and the model is used only where it makes fewer (the report says which).
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..models import Article
from . import model
from .features import incident_features, metonymy_features

log = logging.getLogger(__name__)

C_GRID = (0.1, 0.3, 1.0, 3.0)
UP_GRID = (0.5, 0.6, 0.7, 0.8, 0.9)  # how sure the model must be to call a place a government
DOWN_GRID = (0.1, 0.2, 0.3, 0.4, 0.5)  # how sure to call a government a place
MIN_ROWS = 50  # fewer labelled capitals than this teach nothing
MIN_F1_GAIN = 0.01  # a filter that gains less than this in cross-validation is noise: the rules decide
DROP_GRID = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5)  # an incident scored below this is dropped (0.0: none is)
PLACE_LOST_COST = 2  # a place read as a government loses its incidents: worse than the reverse
SEED = 0


@dataclass
class Row:
    features: list[str]
    label: bool  # gold: the name stands for a government or army
    rule: bool  # what the rules decided
    style: str
    where: str


def metonymy_rows(folders: list[Path] | None = None) -> list[Row]:
    """Rows for every capital the rules report in the corpus that the gold annotates."""
    from gazetteer import Gazetteer, fold

    from ..places.find import CAPITALS, find_places

    gazetteer = Gazetteer.load()
    rows: list[Row] = []
    for folder, gold, article, style in annotated_articles(folders):
        for mention in find_places(article, gazetteer, decide=False):
            if fold(mention.mention) not in CAPITALS:
                continue
            match = next((g for g in gold["toponyms"] if g["start"] < mention.end and mention.start < g["end"]),
                         None)
            if match is None:
                continue  # a capital the annotators did not mark ("Moscow time"): no label
            features = metonymy_features(article.body, mention.start, mention.end, mention.metonymy)
            rows.append(Row(features, bool(match["metonymy"]), mention.metonymy, style,
                            f"{folder.name}/{gold['file']}:{mention.start}"))
    return rows + example_rows(gazetteer)


def example_rows(gazetteer) -> list[Row]:
    """Rows from the rules' example sentences (corpus/examples/metonymy.tsv), style "rule-examples"."""
    from gazetteer import fold

    from ..places.find import find_places

    rows: list[Row] = []
    if not model.EXAMPLES.exists():
        return rows
    for number, line in enumerate(model.EXAMPLES.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith(("#", "answer\t")):
            continue
        answer, sentence, capital = line.split("\t")
        article = Article(source=model.EXAMPLES.name, body=sentence)
        for mention in find_places(article, gazetteer, decide=False):
            if fold(mention.mention) == fold(capital):
                features = metonymy_features(sentence, mention.start, mention.end, mention.metonymy)
                rows.append(Row(features, answer == "government", mention.metonymy, "rule-examples",
                                f"examples:{number}"))
                break
    return rows


def annotated_articles(folders: list[Path] | None = None):
    """(folder, gold record, article, style) for every annotated report the models learn from."""
    from ..read.articles import read_article

    for folder in folders if folders is not None else model.corpus_folders():
        for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                gold = json.loads(line)
                article = read_article(folder / "texts" / gold["file"])
                yield folder, gold, article, gold.get("style") or folder.name


def _errors(labels: list[bool], predicted: list[bool]) -> dict[str, int]:
    return {
        "metonymy_taken_as_place": sum(1 for y, p in zip(labels, predicted, strict=True) if y and not p),
        "place_taken_as_metonymy": sum(1 for y, p in zip(labels, predicted, strict=True) if p and not y),
    }


def _fit(rows: list[Row], c: float):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([dict.fromkeys(r.features, 1) for r in rows])
    classifier = LogisticRegression(C=c, max_iter=2000, random_state=SEED)
    classifier.fit(x, [r.label for r in rows])
    return vectorizer, classifier


def _cross_validate(rows: list[Row], c: float) -> list[float]:
    """Leave-one-style-out probabilities of yes for every row (a style's rows scored by a model of the others)."""
    scores = [1.0 if r.rule else 0.0 for r in rows]
    for style in sorted({r.style for r in rows}):
        train = [r for r in rows if r.style != style]
        test = [i for i, r in enumerate(rows) if r.style == style]
        if len({r.label for r in train}) < 2:
            continue
        vectorizer, classifier = _fit(train, c)
        x = vectorizer.transform([dict.fromkeys(rows[i].features, 1) for i in test])
        for i, p in zip(test, classifier.predict_proba(x)[:, 1], strict=True):
            scores[i] = float(p)
    return scores


def overrule(rule: bool, score: float, up: float, down: float) -> bool:
    """The decision: the rules' answer unless the model is sure against it (yes from `up`, no up to `down`)."""
    return score > down if rule else score >= up


def train_metonymy(rows: list[Row] | None = None) -> tuple[model.Decision, dict]:
    """Fit the metonymy decision; the report holds cross-validated errors of the rules and the model. The model
    overrules the rules only when it is sure; how sure is chosen on the same cross-validated scores."""
    rows = metonymy_rows() if rows is None else rows
    labels = [r.label for r in rows]
    rules = _errors(labels, [r.rule for r in rows])
    if len(rows) < MIN_ROWS or len(set(labels)) < 2:  # no corpus beside an installed package: the rules decide
        report = {"rows": len(rows), "metonymic": sum(labels), "styles": {}, "rules_errors": rules,
                  "model_errors_leave_one_style_out": rules, "use": "rules"}
        return model.Decision("metonymy", {}, 0.0), report
    trials = {}
    for c in C_GRID:
        scores = _cross_validate(rows, c)
        for up in UP_GRID:
            for down in DOWN_GRID:
                predicted = [overrule(r.rule, p, up, down) for r, p in zip(rows, scores, strict=True)]
                trials[(c, up, down)] = _errors(labels, predicted)
    best = min(trials, key=lambda k: (_cost(trials[k]), -k[0], -k[1], k[2]))
    c, up, down = best
    cross_validated = trials[best]
    use_model = _cost(cross_validated) < _cost(rules)
    vectorizer, classifier = _fit(rows, c)
    names = vectorizer.get_feature_names_out()
    weights = {str(n): round(float(w), 6) for n, w in zip(names, classifier.coef_[0], strict=True) if abs(w) > 1e-6}
    decision = model.Decision("metonymy", weights, round(float(classifier.intercept_[0]), 6), up, down)
    by_style = Counter(r.style for r in rows)
    report = {
        "rows": len(rows),
        "metonymic": sum(labels),
        "styles": dict(sorted(by_style.items())),
        "rules_errors": rules,
        "model_errors_leave_one_style_out": cross_validated,
        "c": c,
        "overrule_up": up,
        "overrule_down": down,
        "cost": "metonymy taken as place + 2 x place taken as metonymy (a lost place loses its incidents)",
        "use": "model" if use_model else "rules",
    }
    return decision, report


def _cost(errors: dict[str, int]) -> int:
    return errors["metonymy_taken_as_place"] + PLACE_LOST_COST * errors["place_taken_as_metonymy"]


def _days_apart(a, b) -> int:
    import datetime

    if not a or not b:
        return 0
    return abs((datetime.date.fromisoformat(str(a)[:10]) - datetime.date.fromisoformat(str(b)[:10])).days)


def _label_incidents(predicted: list, gold: list[dict]) -> list[bool]:
    """Which predicted incidents stand for a gold one: same region, dates at most a day apart, a town-level gold
    within 25 km of a town-level prediction; each gold incident claims its nearest prediction once."""
    from gazetteer.model import km

    taken: set[int] = set()
    for g in gold:
        best = None
        for i, p in enumerate(predicted):
            if i in taken or p.admin1_code != g["admin1_code"] or _days_apart(g.get("date"), p.date) > 1:
                continue
            if g["precision"] == "settlement":
                if p.geo_precision == 3 or p.lat is None:
                    continue
                distance = km(g["lat"], g["lon"], p.lat, p.lon)
                if distance > 25:
                    continue
            else:
                distance = 0.0 if p.geo_precision == 3 else 1000.0
            if best is None or distance < best[1]:
                best = (i, distance)
        if best is not None:
            taken.add(best[0])
    return [i in taken for i in range(len(predicted))]


def incident_rows(folders: list[Path] | None = None) -> tuple[list[Row], int]:
    """Rows for every incident the rules extract from the corpus, labelled by whether the gold has it; and the
    number of gold incidents (for recall)."""
    from gazetteer import Gazetteer

    from ..incidents import extract_incidents
    from ..places.find import find_places

    gazetteer = Gazetteer.load()
    rows: list[Row] = []
    gold_total = 0
    for folder, gold, article, style in annotated_articles(folders):
        predicted = extract_incidents(article, find_places(article, gazetteer), gazetteer, decide=False)
        gold_total += len(gold["incidents"])
        for incident, label in zip(predicted, _label_incidents(predicted, gold["incidents"]), strict=True):
            rows.append(Row(incident_features(incident, article.body), label, True, style,
                            f"{folder.name}/{gold['file']}:{incident.location}"))
    return rows, gold_total


def _f1(rows: list[Row], kept: list[bool], gold_total: int) -> float:
    tp = sum(1 for r, k in zip(rows, kept, strict=True) if k and r.label)
    fp = sum(1 for r, k in zip(rows, kept, strict=True) if k and not r.label)
    return 2 * tp / (2 * tp + fp + (gold_total - tp)) if gold_total else 0.0


def train_incident_filter(rows: list[Row] | None = None, gold_total: int | None = None
                          ) -> tuple[model.Decision, dict]:
    """Fit the filter that drops extracted incidents the gold does not have; it is used only when it raises the
    incident F1 of leave-one-style-out cross-validation, dropping an incident below the chosen score."""
    if rows is None or gold_total is None:
        rows, gold_total = incident_rows()
    rules_f1 = _f1(rows, [True] * len(rows), gold_total)
    if len(rows) < MIN_ROWS or len({r.label for r in rows}) < 2:
        report = {"rows": len(rows), "gold": gold_total, "rules_f1": round(rules_f1, 3),
                  "model_f1_leave_one_style_out": round(rules_f1, 3), "use": "rules", "styles": {}}
        return model.Decision("incident", {}, 0.0, 0.0, 0.0), report
    trials = {}
    for c in C_GRID:
        scores = _cross_validate(rows, c)
        for drop in DROP_GRID:
            trials[(c, drop)] = _f1(rows, [p >= drop for p in scores], gold_total)
    c, drop = max(trials, key=lambda k: (round(trials[k], 4), -k[1], -k[0]))
    vectorizer, classifier = _fit(rows, c)
    names = vectorizer.get_feature_names_out()
    weights = {str(n): round(float(w), 6) for n, w in zip(names, classifier.coef_[0], strict=True) if abs(w) > 1e-6}
    decision = model.Decision("incident", weights, round(float(classifier.intercept_[0]), 6), drop, drop)
    report = {"rows": len(rows), "gold": gold_total, "true": sum(r.label for r in rows),
              "styles": dict(sorted(Counter(r.style for r in rows).items())),
              "rules_f1": round(rules_f1, 3), "model_f1_leave_one_style_out": round(trials[(c, drop)], 3),
              "c": c, "drop_below": drop,
              "use": "model" if trials[(c, drop)] >= rules_f1 + MIN_F1_GAIN else "rules"}
    return decision, report


def build(force: bool = False) -> dict:
    """Train every decision whose stored model is missing or stale; returns the reports."""
    stamp = model.input_stamp()
    stored = {name: model.read(name) for name in ("metonymy", "incident")}
    if all(v is not None and v[1] == stamp for v in stored.values()) and not force:
        return {name: v[2] for name, v in stored.items()}
    decision, report = train_metonymy()
    model.write(decision, stamp, report)
    log.info("metonymy model: %s (rules %s, model %s, leave one style out)", report["use"],
             report["rules_errors"], report["model_errors_leave_one_style_out"])
    from . import clear_cache

    clear_cache()  # the incident rows read the places with the new metonymy model
    incident, incident_report = train_incident_filter()
    model.write(incident, stamp, incident_report)
    log.info("incident filter: %s (incident F1 rules %s, model %s, leave one style out)", incident_report["use"],
             incident_report["rules_f1"], incident_report["model_f1_leave_one_style_out"])
    return {"metonymy": report, "incident": incident_report}
