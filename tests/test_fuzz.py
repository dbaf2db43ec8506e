"""Property-based tests: the parsers that meet raw input never raise anything but the project's own errors.

`make test` runs each property with the "default" hypothesis profile (a few dozen examples); `make fuzz` runs
the `test_fuzz_*` variants (marked slow, broader inputs) with the "fuzz" profile (thousands of examples).
Profiles are registered in tests/conftest.py.
"""

from __future__ import annotations

import io
import tempfile
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from gazetteer import fold
from geomap.exc import GeomapError, InputError
from geomap.geocode import geocode_rows
from geomap.incidents.casualties import find_figures, number, totals
from geomap.incidents.dates import calendar_date, find_dates
from geomap.read.articles import decode, parse_date, parse_front_matter, read_article
from geomap.read.tables import read_incident_table

# Words that steer random text into the parsers' interesting paths.
WORDS = ["killed", "injured", "wounded", "dead", "people", "civilians", "children", "two", "twenty-one",
         "dozens", "1,700", "21", "a", "an", "4-year-old", "no", "of", "them", "including", "(", ")", ",", ".",
         "November", "Sept.", "February", "29", "31st", "2024", "Monday", "yesterday", "two days ago",
         "9 days ago", "the same day", "overnight", "Kharkiv", "Харків", "загинули", "date:", "title:", "---",
         "\n", " ", "\r\n", "'", '"', ":", "٣", "²", "\u200b", "\x00"]
wordy = st.lists(st.sampled_from(WORDS) | st.text(max_size=8), max_size=40).map(" ".join)
anything = st.text() | wordy
published = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))  # the reader's range
FRONT = st.lists(st.tuples(st.sampled_from(["title", "date", "source", "url", "bad key", "", "-"]), anything),
                 max_size=6)


def front_matter_text(fields, body: str, closed: bool) -> str:
    block = "\n".join(f"{k}: {v}" for k, v in fields)
    return f"---\n{block}\n" + ("---\n" if closed else "") + body


# --- articles --------------------------------------------------------------------------------------------

def check_front_matter(text: str) -> None:
    front, body = parse_front_matter(text)
    normal = text.replace("\r\n", "\n").replace("\r", "\n")
    assert normal.endswith(body)  # the body is the tail of the text, so offsets stay exact
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in front.fields.items())
    assert set(front.lines) == set(front.fields)


@given(anything)
@example("---\n---\n")
@example("---\ntitle: x")
@example("---\r\ntitle: x\r\n---\r\nbody")
def test_front_matter_parser_never_raises(text):
    check_front_matter(text)


@given(FRONT, anything, st.booleans())
def test_front_matter_round_trip_shapes(fields, body, closed):
    check_front_matter(front_matter_text(fields, body, closed))


@pytest.mark.slow
@given(st.one_of(anything, st.builds(front_matter_text, FRONT, anything, st.booleans())))
def test_fuzz_front_matter(text):
    check_front_matter(text)


def check_article_bytes(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.md"
        path.write_bytes(data)
        try:
            article = read_article(path, max_bytes=100_000)
        except InputError as exc:
            assert "\n" not in str(exc) and str(exc).startswith(str(path))
            return
        assert article.body.strip() and isinstance(article.body, str)
        assert article.date is None or date(1900, 1, 1) <= article.date <= date(2100, 12, 31)


ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "cp1251", "koi8_u", "utf-16", "utf-16-le", "latin-1"])


@given(st.binary(max_size=300))
def test_any_bytes_are_an_article_or_one_input_error(data):
    check_article_bytes(data)


@given(st.builds(front_matter_text, FRONT, anything, st.booleans()), ENCODINGS)
def test_any_encoded_text_is_an_article_or_one_input_error(text, encoding):
    check_article_bytes(text.encode(encoding, errors="replace"))


@pytest.mark.slow
@given(st.one_of(st.binary(max_size=4000),
                 st.builds(lambda t, e: t.encode(e, errors="replace"),
                           st.builds(front_matter_text, FRONT, anything, st.booleans()), ENCODINGS)))
def test_fuzz_article_bytes(data):
    check_article_bytes(data)


@given(st.binary(max_size=200))
def test_decode_returns_text_or_raises_input_error(data):
    try:
        text = decode(data, "x.txt")
    except InputError:
        return
    assert isinstance(text, str) and "\x00" not in text


def check_date(value: str) -> None:
    try:
        result = parse_date(value)
    except ValueError:
        return
    assert result is None or date(1900, 1, 1) <= result <= date(2100, 12, 31)


@given(anything)
@example("29.02.2023")
@example("0000-00-00")
@example("9999999999-01-01")
def test_front_matter_dates_parse_or_raise_value_error(value):
    check_date(value)


@pytest.mark.slow
@given(st.one_of(anything, st.from_regex(r"\d{1,12}[-./ ]\d{1,4}[-./ ]\d{1,12}", fullmatch=True),
                 st.builds("{} {} {}".format, st.integers(-5, 40), st.sampled_from(WORDS), st.integers())))
def test_fuzz_front_matter_dates(value):
    check_date(value)


# --- casualties and dates in article sentences ----------------------------------------------------------

def check_figures(sentence: str) -> None:
    figures = find_figures(sentence)
    for figure in figures:
        assert 0 <= figure.start < figure.end <= len(sentence)
        assert figure.kind in ("killed", "injured") and figure.count >= 0
    killed, injured = totals(figures)
    assert killed is None or killed >= 0
    assert injured is None or injured >= 0


@given(anything)
@example("٣ people were killed")
@example("Twenty-one were wounded (including 2 children), officials said.")
def test_casualty_parser_never_raises(sentence):
    check_figures(sentence)


def test_superscript_digits_in_casualty_text():
    """A footnote mark pasted from a web page is not a count: the 2 people still are."""
    killed, _ = totals(find_figures("Footnote ² says 2 people were killed."))
    assert killed == 2


@given(st.text(max_size=12))
@example("②")
@example("²")
def test_number_words_never_raise(word):
    assume(word)
    value = number(word)
    assert value is None or value >= 0


@pytest.mark.slow
@given(st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join))
def test_fuzz_casualty_parser(sentence):
    check_figures(sentence)


def check_dates(sentence: str, when: date) -> None:
    for found in find_dates(sentence, when):
        assert 0 <= found.start < found.end <= len(sentence)
        assert found.value is None or isinstance(found.value, date)


@given(anything, published)
@example("It happened on February 29.", date(2024, 2, 28))
@example("Shelling on 29 February killed two.", date(2023, 3, 1))
@example("It began yesterday.", date(1900, 1, 1))
def test_incident_date_parser_never_raises(sentence, when):
    check_dates(sentence, when)


@pytest.mark.slow
@given(st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join), published)
def test_fuzz_incident_date_parser(sentence, when):
    check_dates(sentence, when)


@given(st.sampled_from(["January", "February", "Sept.", "December"]), st.integers(0, 40), published)
def test_calendar_dates_never_raise(month, day, when):
    value = calendar_date(f"{month} {day}", when)
    assert value is None or isinstance(value, date)


# --- transliteration folding ----------------------------------------------------------------------------

@given(anything)
def test_fold_never_raises_and_gives_ascii(name):
    key = fold(name)
    assert isinstance(key, str) and key.isascii()


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz -'абвгґдеєжзиіїйклмнопрстуфхцчшщьюяыэъё", max_size=20))
def test_fold_is_idempotent(name):
    assert fold(fold(name)) == fold(name)


@pytest.mark.slow
@given(st.text())
def test_fuzz_fold(name):
    assert fold(name).isascii()


# --- tables ---------------------------------------------------------------------------------------------

COLUMN_NAMES = ["id", "date", "event_date", "location", "place", "admin1", "country", "latitude", "longitude",
                "lat", "lon", "fatalities", "killed", "injured", "notes", "source", "geo_precision", "x", ""]
CELLS = st.one_of(st.text(max_size=12), st.sampled_from(["NaN", "nan", "", "-", "95", "-200", "1e400", "inf",
                                                          "50.45", "30.52", "Kyiv", "Київ", "2024-11-11",
                                                          "11/13/2024", "\"", "\"\"", ",", ";", "\n", "=1+1"]))


@st.composite
def csv_text(draw, max_rows: int = 5) -> str:
    columns = draw(st.lists(st.sampled_from(COLUMN_NAMES) | st.text(max_size=6), min_size=1, max_size=8))
    separator = draw(st.sampled_from([",", ";", "\t", "|"]))
    rows = draw(st.lists(st.lists(CELLS, min_size=0, max_size=len(columns) + 2), max_size=max_rows))
    if draw(st.booleans()):  # well quoted by the csv module, or raw (bad quoting, ragged rows)
        buffer = io.StringIO()
        import csv

        writer = csv.writer(buffer, delimiter=separator)
        writer.writerow(columns)
        writer.writerows(rows)
        return buffer.getvalue()
    return "\n".join(separator.join(row) for row in [columns, *rows])


def check_table(data: bytes, suffix: str, gazetteer) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"t{suffix}"
        path.write_bytes(data)
        try:
            frame = read_incident_table(path)
        except InputError as exc:
            assert "\n" not in str(exc) and str(exc).startswith(str(path))
            return
        assert isinstance(frame, pd.DataFrame) and {"row", "table"} <= set(frame.columns)
        try:
            incidents, unresolved = geocode_rows(frame, gazetteer)
        except GeomapError:
            return
        for incident in incidents:
            assert incident.lat is None or -90 <= incident.lat <= 90
            assert incident.lon is None or -180 <= incident.lon <= 180


@given(csv_text(), st.sampled_from(["utf-8", "cp1251", "utf-16"]))
def test_csv_reader_raises_only_input_errors(gazetteer, text, encoding):
    check_table(text.encode(encoding, errors="replace"), ".csv", gazetteer)


@given(st.binary(max_size=300), st.sampled_from([".csv", ".tsv", ".jsonl", ".geojson"]))
def test_any_bytes_as_a_table_raise_only_input_errors(gazetteer, data, suffix):
    check_table(data, suffix, gazetteer)


@pytest.mark.slow
@given(st.one_of(csv_text(max_rows=30).map(str.encode), st.binary(max_size=3000)),
       st.sampled_from([".csv", ".tsv", ".jsonl"]))
def test_fuzz_table_reader(gazetteer, data, suffix):
    check_table(data, suffix, gazetteer)
