"""The learned metonymy decision: features, the overrule band, training with cross-validation per style, the
stamp that rebuilds it, and its reasons on mentions."""

from __future__ import annotations

from datetime import date

import pytest

from geomap.decide import metonymy_decision, model, train
from geomap.decide.features import metonymy_features
from geomap.models import Article
from geomap.places import find_places


def test_features_read_the_words_around_and_the_rules_answer():
    text = 'On Monday Moscow\'s envoy said "no". Drones hit Kyiv overnight.'
    start = text.index("Moscow")
    features = metonymy_features(text, start, start + 6, True)
    assert {"name=moscow", "rule=meto", "possessive", "w-1=monday", "sentence_politics"} <= set(features)
    kyiv = text.index("Kyiv")
    features = metonymy_features(text, kyiv, kyiv + 4, False)
    assert {"rule=place", "w-1=hit", "sentence_attack", "w+1=overnight"} <= set(features)
    assert "all_caps" in metonymy_features("KYIV - A strike", 0, 4, False)


@pytest.mark.parametrize(
    ("rule", "score", "answer"),
    [(True, 0.9, True), (True, 0.45, True), (True, 0.2, False), (False, 0.5, False), (False, 0.7, True)],
)
def test_the_model_overrules_only_when_sure(rule, score, answer):
    assert train.overrule(rule, score, up=0.6, down=0.4) is answer


def _rows(n: int) -> list[train.Row]:
    """Rows where the rules miss every 'accused' government: the model can learn it, style by style."""
    rows = []
    for i in range(n):
        government = i % 2 == 0
        words = ["w+1=accused", "sentence_politics"] if government else ["w-1=hit", "sentence_attack"]
        rows.append(train.Row(["bias", "rule=place", *words], government, False, f"style-{i % 5}", f"r{i}"))
    return rows


def test_training_reports_rules_and_cross_validated_model_errors():
    decision, report = train.train_metonymy(_rows(80))
    assert report["rules_errors"] == {"metonymy_taken_as_place": 40, "place_taken_as_metonymy": 0}
    assert report["model_errors_leave_one_style_out"]["metonymy_taken_as_place"] < 40
    assert report["use"] == "model" and set(report["styles"]) == {f"style-{k}" for k in range(5)}
    answer, score = decision.decide(False, ["bias", "rule=place", "w+1=accused", "sentence_politics"])
    assert answer and score > 0.5


def test_too_few_rows_leave_the_rules_deciding():
    _decision, report = train.train_metonymy(_rows(10))
    assert report["use"] == "rules"


def test_only_logged_batches_join_the_training_data(tmp_path, monkeypatch):
    for name in ("batch-01", "batch-02"):
        (tmp_path / "corpus" / name / "texts").mkdir(parents=True)
        (tmp_path / "corpus" / name / "gold.jsonl").write_text("", encoding="utf-8")
    log = tmp_path / "LOG.md"
    log.write_text("| date | batch |\n|---|---|\n| 2026-12-08 | batch-01 | 12 |\n", encoding="utf-8")
    monkeypatch.setattr(model, "ROOT", tmp_path)
    monkeypatch.setattr(model, "BLIND_LOG", log)
    assert [p.name for p in model.corpus_folders()] == ["batch-01"]


def test_stored_weights_round_trip_with_their_stamp(tmp_path, monkeypatch):
    monkeypatch.setattr(model, "BUILD", tmp_path)
    decision = model.Decision("metonymy", {"rule=meto": 2.0}, -1.0, 0.6, 0.4)
    model.write(decision, "abc", {"use": "model"})
    assert model.read("metonymy") == (decision, "abc", {"use": "model"})
    (tmp_path / "metonymy.json").write_text("{broken", encoding="utf-8")
    assert model.read("metonymy") is None


def test_mentions_carry_the_rules_and_the_models_answers(gazetteer):
    body = "Moscow has rejected the proposal, while a drone strike on Kyiv killed two people."
    mentions = {m.mention: m for m in find_places(Article("a.md", body, date(2024, 8, 5)), gazetteer)}
    assert mentions["Moscow"].metonymy and not mentions["Kyiv"].metonymy
    if metonymy_decision() is not None:
        assert any(r.startswith("metonymy.model:") for r in mentions["Moscow"].reasons)
    assert "metonymy.rules:place" in mentions["Kyiv"].reasons


def test_the_incident_filter_is_used_only_when_it_beats_the_rules():
    rows = []
    for i in range(120):
        real = i % 3 != 0  # a third of the extracted incidents are background the gold does not have
        words = ["bias", "has=killed"] if real else ["bias", "has=since", "has=ago"]
        rows.append(train.Row(words, real, True, f"style-{i % 4}", f"r{i}"))
    decision, report = train.train_incident_filter(rows, gold_total=80)
    assert report["use"] == "model" and report["model_f1_leave_one_style_out"] > report["rules_f1"]
    assert not decision.decide(True, ["bias", "has=since", "has=ago"])[0]
    assert decision.decide(True, ["bias", "has=killed"])[0]
    noise = [train.Row(["bias", f"w={i}"], i % 2 == 0, True, f"style-{i % 4}", f"r{i}") for i in range(120)]
    assert train.train_incident_filter(noise, gold_total=60)[1]["use"] == "rules"


def test_incidents_are_labelled_by_region_day_and_distance():
    from geomap.models import Incident

    def incident(code, lat, day, precision=1):
        return Incident("a.md", date(2024, 8, day), "Battles", None, "X", "X", lat, 37.0, None, code, "UA",
                        precision)

    gold = [{"admin1_code": "UA-14", "date": "2024-08-05", "precision": "settlement", "lat": 48.0, "lon": 37.0}]
    labels = train._label_incidents([incident("UA-14", 48.1, 6), incident("UA-14", 49.0, 5),
                                     incident("UA-63", 48.0, 5)], gold)
    assert labels == [True, False, False]
