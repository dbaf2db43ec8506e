"""A learned yes/no decision: logistic-regression weights over feature strings, stamped with its inputs.

The data build (`make data`, `geomap train`) fits the weights with scikit-learn from the committed annotated
corpus and writes them as JSON beside a checksum of everything they were made from (the corpus, the feature
and training code, the rules whose output the features read). At run time scoring is a dict look-up per
feature and one exponential; a missing or stale file is rebuilt once, like the gazetteer index.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent.parent
BUILD = PACKAGE / "build"
BLIND_LOG = ROOT / "bench" / "blind" / "LOG.md"
EXAMPLES = ROOT / "corpus" / "examples" / "metonymy.tsv"  # the rules' example sentences, labelled
CORPORA = ("corpus/batch-*", "bench/reports", "bench/reports2")  # committed annotated reports, texts + gold
# the code whose output the training rows depend on
CODE = ("geomap/decide/*.py", "geomap/places/*.py", "geomap/incidents/*.py", "gazetteer/data/*.csv",
        "gazetteer/data/*.toml")


@dataclass(frozen=True)
class Decision:
    """Weights of one learned decision; `score` is the probability of yes."""

    name: str
    weights: dict[str, float]
    bias: float
    up: float = 0.5  # from this score the answer is yes, whatever the rules said
    down: float = 0.5  # up to this score the answer is no, whatever the rules said

    def decide(self, rule: bool, features: list[str]) -> tuple[bool, float]:
        """(answer, score): the rules' answer unless the model is sure against it."""
        score = self.score(features)
        return (score > self.down if rule else score >= self.up), score

    def score(self, features: list[str]) -> float:
        total = self.bias
        weights = self.weights
        for feature in features:
            total += weights.get(feature, 0.0)
        if total < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-total))


def corpus_folders() -> list[Path]:
    """The annotated folders (each with texts/ and gold.jsonl) the models learn from. A corpus batch joins only
    once its first, blind score is in bench/blind/LOG.md: one being written or not yet scored is left out."""
    logged = logged_batches()
    folders: list[Path] = []
    for pattern in CORPORA:
        folders += sorted(p for p in ROOT.glob(pattern) if (p / "gold.jsonl").exists() and (p / "texts").is_dir()
                          and (not p.name.startswith("batch-") or p.name in logged))
    return folders


def logged_batches() -> set[str]:
    """Batch names with a first score in bench/blind/LOG.md (its table's second column)."""
    try:
        lines = BLIND_LOG.read_text(encoding="utf-8").splitlines()
    except OSError:
        return set()
    return {cells[2].strip() for cells in (line.split("|") for line in lines if line.startswith("| 20"))
            if len(cells) > 2}


def input_stamp() -> str:
    """Checksum of the corpus and the code a model is made from."""
    digest = hashlib.sha256()
    files: list[Path] = [p for p in (BLIND_LOG, EXAMPLES) if p.exists()]
    for folder in corpus_folders():
        files += [folder / "gold.jsonl", *sorted((folder / "texts").glob("*.txt"))]
    for pattern in CODE:
        files += sorted(ROOT.glob(pattern))
    for path in files:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def path_of(name: str) -> Path:
    return BUILD / f"{name}.json"


def write(decision: Decision, stamp: str, report: dict) -> Path:
    """Store a decision's weights with its stamp and its cross-validation report."""
    BUILD.mkdir(parents=True, exist_ok=True)
    path = path_of(decision.name)
    data = {"name": decision.name, "stamp": stamp, "bias": decision.bias, "up": decision.up, "down": decision.down,
            "weights": decision.weights, "report": report}
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
    tmp.replace(path)
    return path


def read(name: str) -> tuple[Decision, str, dict] | None:
    """(decision, stamp, report) from the build folder, or None when absent or unreadable."""
    path = path_of(name)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        decision = Decision(data["name"], data["weights"], data["bias"], data["up"], data["down"])
        return decision, data["stamp"], data.get("report", {})
    except (OSError, ValueError, KeyError) as exc:
        if path.exists():
            log.warning("%s: unreadable model (%s); it will be rebuilt", path, exc)
        return None
