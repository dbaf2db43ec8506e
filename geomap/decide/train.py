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
from .features import metonymy_features

log = logging.getLogger(__name__)

C_GRID = (0.1, 0.3, 1.0, 3.0)
UP_GRID = (0.5, 0.6, 0.7, 0.8, 0.9)  # how sure the model must be to call a place a government
DOWN_GRID = (0.1, 0.2, 0.3, 0.4, 0.5)  # how sure to call a government a place
MIN_ROWS = 50  # fewer labelled capitals than this teach nothing
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
    from ..read.articles import read_article

    gazetteer = Gazetteer.load()
    rows: list[Row] = []
    for folder in folders if folders is not None else model.corpus_folders():
        for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            gold = json.loads(line)
            article = read_article(folder / "texts" / gold["file"])
            style = gold.get("style") or folder.name
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


def build(force: bool = False) -> dict:
    """Train every decision whose stored model is missing or stale; returns the reports."""
    stamp = model.input_stamp()
    stored = model.read("metonymy")
    if stored is not None and stored[1] == stamp and not force:
        return {"metonymy": stored[2]}
    decision, report = train_metonymy()
    model.write(decision, stamp, report)
    log.info("metonymy model: %s (rules %s, model %s, leave one style out)", report["use"],
             report["rules_errors"], report["model_errors_leave_one_style_out"])
    return {"metonymy": report}
