"""The annotated corpus: inline markup becomes texts and gold whose every span checks out; committed batches are
what the script makes of their sources."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_SPEC = importlib.util.spec_from_file_location("corpus_markup", ROOT / "corpus" / "markup.py")
markup = importlib.util.module_from_spec(_SPEC)
sys.modules["corpus_markup"] = markup  # dataclasses look their module up while the class is made
_SPEC.loader.exec_module(markup)

REPORT = (
    "---\nsource: test\ndate: 2024-08-03\nstyle: wire-rising-toll\n---\n"
    "A Russian strike on [[Mykolaiv|UA-48|46.975,31.994]] killed five people, officials in "
    "[[Kiev|UA-30|50.45,30.52|name=Kyiv]]\n"
    "said, while [[Moscow|RU-MOW|55.756,37.617|meto]] denied it. Shelling hit [[Kherson Oblast|UA-65]].\n\n"
    "@@incidents\n"
    "2024-08-03 | Explosions/Remote violence | Air/drone strike | Mykolaiv | settlement | 5 | - | "
    "A Russian strike on Mykolaiv killed five people\n"
    "2024-08-03 | Explosions/Remote violence | Shelling/artillery/missile attack | Kherson Oblast | admin1 | - | - | "
    "Shelling hit Kherson Oblast.\n"
)


@pytest.fixture(scope="module")
def regions():
    return markup.Regions.load()


def _convert(tmp_path: Path, text: str, regions):
    source = tmp_path / "01_test.txt"
    source.write_text(text, encoding="utf-8")
    return markup.convert(source, regions)


def test_markup_gives_exact_spans_and_gold(tmp_path, regions):
    text, gold = _convert(tmp_path, REPORT, regions)
    body = text.split("---\n", 2)[2]
    assert "[[" not in text and "@@" not in text
    for toponym in gold["toponyms"]:
        assert body[toponym["start"] : toponym["end"]] == toponym["mention"]
    kyiv = next(t for t in gold["toponyms"] if t["mention"] == "Kiev")
    assert (kyiv["name"], kyiv["kind"], kyiv["country"]) == ("Kyiv", "settlement", "UA")
    assert next(t for t in gold["toponyms"] if t["mention"] == "Moscow")["metonymy"] is True
    assert gold["toponyms"][-1]["kind"] == "admin1"
    strike, shelling = gold["incidents"]
    assert (strike["admin1_code"], strike["lat"], strike["killed"], strike["injured"]) == ("UA-48", 46.975, 5, None)
    assert (shelling["precision"], shelling["lat"]) == ("admin1", None)
    assert gold["style"] == "wire-rising-toll"


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (("UA-48|46.975", "UA-99|46.975"), "unknown admin-1 code"),
        (("46.975,31.994", "50.0,36.2"), "outside UA-48"),
        (("| Mykolaiv | settlement", "| Odesa | settlement"), "no toponym annotated"),
        (("Air/drone strike", "Air strike"), "no sub-event type"),
        (("killed five people\n", "killed 5 people\n"), "evidence is not in the text"),
        (("| 5 | - |", "| five | - |"), "whole number"),
        (("2024-08-03 | Explosions/Remote violence | Air", "3 Aug | Explosions/Remote violence | Air"), "YYYY-MM-DD"),
        (("[[Kherson Oblast|UA-65]]", "[[Kherson Oblast|UA-65]"), "broken markup"),
    ],
)
def test_markup_refuses_what_does_not_check_out(tmp_path, regions, change, problem):
    with pytest.raises(markup.MarkupError, match=problem) as caught:
        _convert(tmp_path, REPORT.replace(*change), regions)
    assert "01_test.txt:" in str(caught.value)  # file and line


BATCHES = sorted(p for p in (ROOT / "corpus").glob("batch-*") if (p / "src").is_dir() and (p / "gold.jsonl").exists())


@pytest.mark.parametrize("batch", BATCHES, ids=[b.name for b in BATCHES])
def test_committed_batches_are_what_their_sources_make(batch, regions):
    sources = sorted((batch / "src").glob("*.txt"))
    gold = [json.loads(line) for line in (batch / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [g["file"] for g in gold] == [s.name for s in sources]
    for source, record in zip(sources, gold, strict=True):
        text, made = markup.convert(source, regions)
        assert made == record, source.name
        assert (batch / "texts" / source.name).read_text(encoding="utf-8") == text
