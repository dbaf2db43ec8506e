"""Casualty phrasing: number words, hedges, subsets, "others", death tolls, ages."""

from __future__ import annotations

import pytest

from geomap.incidents.casualties import find_figures, number, totals, zero_figures


@pytest.mark.parametrize(
    ("sentence", "killed", "injured"),
    [
        ("A drone hit a bus, killing at least five people.", 5, None),
        ("One person was killed and 21 others were hurt in the strike.", 1, 21),
        ("A strike wounded seven residents, two of them children.", None, 7),
        ("Seven people, including two children, were hurt in a strike.", None, 7),
        ("Eleven people were wounded, among them three medics.", None, 11),
        (
            "Three people were killed and 12 others, including a 6-year-old girl and four teenagers, were injured.",
            3,
            12,
        ),
        ("The death toll from the missile attack on the block of flats had climbed to 40 by Monday.", 40, None),
        ("A 52-year-old woman was injured when shrapnel hit her car.", None, 1),
        ("Dozens of people were wounded in the blast.", None, 24),
        ("Shelling left 8 dead and 46 injured.", 8, 46),
        ("Russian attacks injured 20 people across the region.", None, 20),
        ("Air defences shot down 39 of the 74 drones; no one was hurt.", None, None),
        ("Troops struck 14 settlements 428 times over the past 24 hours.", None, None),
        ("Two civilians died in hospital and five more were injured.", 2, 5),
        ("Russian shelling of the town killed a 70-year-old man on Sunday.", 1, None),
        ("A drone struck the port and wounded a security guard.", None, 1),
        ("The blast killed a local resident and injured two others.", 1, 2),
        ("A strike killed a man near the market and wounded a police officer.", 1, 1),
        ("A drone hit a residential building and a school.", None, None),
    ],
)
def test_figures(sentence, killed, injured):
    assert totals(find_figures(sentence)) == (killed, injured)


def test_number_words():
    assert [number(w) for w in ("21", "1,700", "five", "twenty-one", "dozens", "word")] == [21, 1700, 5, 21, 24, None]


@pytest.mark.parametrize(
    ("sentence", "killed", "injured"),
    [
        ("Two people were killed in Kostiantynivka and one in Toretsk, the governor said.", 3, None),
        ("A drone dropped explosives on a car, killing the driver.", 1, None),
        ("The missiles hit the city, injuring at least a dozen people.", None, 12),
        ("A drone struck a shop in the town, injuring a saleswoman.", None, 1),
        ("The attack killed a married couple and injured their teenage daughter.", 2, 1),
        ("A man, 47, was killed on the spot.", 1, None),
        ("Two women were treated for cuts after the blast.", None, 2),
        ("The death toll rose to ten; 31 people were injured.", 10, 31),
        ("Shelling went on for a couple of days, killing two.", 2, None),
        ("The strike killed a woman and injured a further three.", 1, 3),
        ("The blasts caused a number of injuries.", None, None),
    ],
)
def test_elliptical_definite_and_dozen_figures(sentence, killed, injured):
    assert totals(find_figures(sentence)) == (killed, injured)


@pytest.mark.parametrize(
    ("sentence", "zeros"),
    [
        ("The town came under mortar fire; no casualties were reported there.", (True, True)),
        ("Debris fell on a suburb but nobody was hurt.", (True, True)),  # nobody hurt: nobody killed either
        ("Several houses destroyed, no one hurt.", (True, True)),  # without its verb
        ("Mortar fire near the village, nobody harmed.", (True, True)),
        ("One man was killed; no one else injured.", (False, False)),  # "no one else" is not "no one"
        ("Nobody was killed or injured, the mayor said.", (True, True)),
        ("No one was killed in the attack.", (True, False)),
        ("Drones hit the port, killing two people.", (False, False)),
    ],
)
def test_sentences_that_say_no_one_was_hurt(sentence, zeros):
    assert zero_figures(sentence) == zeros


def test_a_time_of_day_is_no_figure():
    assert totals(find_figures("12:10 - Death toll in the city rises to ten; 31 people injured.")) == (10, 31)
    assert totals(find_figures("At 09:40, a missile killed two people.")) == (2, None)
