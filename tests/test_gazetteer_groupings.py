"""Russian groups of forces named after directions and rivers are flagged as groupings, not places."""

from __future__ import annotations

import pytest

from gazetteer.groupings import grouping_at, grouping_named, groupings


def _at(sentence: str, name: str):
    start = sentence.index(name)
    return grouping_at(sentence, start, start + len(name))


@pytest.mark.parametrize(("sentence", "name", "grouping"), [
    ("Units of the Sever group of forces pushed Ukrainian troops out of the Kursk Oblast village.", "Sever", "Sever"),
    ("Russia's Group of Forces Sever struck Ukrainian positions in Sumy Oblast.", "Sever", "Sever"),
    ("The Zapad grouping claimed to have advanced near Kupiansk.", "Zapad", "Zapad"),
    ("Troops of the Yug group of forces took positions near Chasiv Yar, the ministry said.", "Yug", "Yug"),
    ("According to the ministry, the Tsentr group captured another village west of Pokrovsk.", "Tsentr", "Tsentr"),
    ("Marines of the Vostok group of forces attacked towards Velyka Novosilka.", "Vostok", "Vostok"),
    ("The Dnepr group of forces shelled the right bank of the river near Kherson.", "Dnepr", "Dnepr"),
    ("Подразделения группировки войск «Север» освободили населённый пункт.", "Север", "Sever"),
    ("Штурмовики группировки «Восток» продвинулись у Великой Новоселки.", "Восток", "Vostok"),
    ("Угруповання військ «Схід» атакувало позиції біля Покровська.", "Схід", "Vostok"),
    ('Soldiers of the "Dnepr" grouping were seen on the Kinburn Spit.', "Dnepr", "Dnepr"),
])
def test_a_name_written_as_a_grouping_is_flagged(sentence, name, grouping):
    found = _at(sentence, name)
    assert found is not None and found.name == grouping


@pytest.mark.parametrize(("sentence", "name"), [
    ("A drone struck an apartment block in Dnepr, as Russian media call Dnipro.", "Dnepr"),
    ("The village of Vostok in Primorsky Krai lost power.", "Vostok"),
    ("Sever, a hamlet of Yakutia, was flooded.", "Sever"),
    ("Shelling hit Yug, a settlement of Perm Krai, on Monday.", "Yug"),
])
def test_a_name_written_as_a_place_is_not_flagged(sentence, name):
    assert _at(sentence, name) is None


def test_every_grouping_and_spelling_is_known():
    assert {g.name for g in groupings()} == {"Sever", "Zapad", "Yug", "Tsentr", "Vostok", "Dnepr"}
    assert grouping_named("Восток").name == "Vostok" and grouping_named("«Днепр»").name == "Dnepr"
    assert grouping_named("Kursk") is None


def test_a_word_that_is_not_a_grouping_is_never_flagged():
    sentence = "The Kursk group of forces was reinforced."
    assert _at(sentence, "Kursk") is None
