"""Article inputs that are not clean UTF-8: code pages, UTF-16, binary, empty, huge, broken front matter."""

from __future__ import annotations

import logging
import os
from datetime import date

import pytest

from geomap.exc import InputError, LimitError
from geomap.places import find_places
from geomap.read.articles import decode, iter_text_files, parse_date, parse_front_matter, read_article

# Sentences written for these tests (not taken from any source).
UKRAINIAN = ("Вночі російські війська обстріляли Харків і Запоріжжя. У Херсоні загинули двоє людей, "
             "ще п'ятеро дістали поранення.")
RUSSIAN = "Ночью российские войска обстреляли Белгород и Курск. В Брянской области погибли два человека."
UK_PLACES = {"Харків": "UA-63", "Запоріжжя": "UA-23"}
RU_PLACES = {"Белгород": "RU-BEL", "Курск": "RU-KRS"}

ENCODINGS = [
    ("cp1251", UKRAINIAN, UK_PLACES),
    ("cp1251", RUSSIAN, RU_PLACES),
    ("koi8_u", UKRAINIAN, UK_PLACES),  # KOI8-R has no і/ї/є/ґ: Ukrainian sources use its KOI8-U variant
    ("koi8_r", RUSSIAN, RU_PLACES),
    ("utf-16", UKRAINIAN, UK_PLACES),  # with a byte-order mark
    ("utf-16", RUSSIAN, RU_PLACES),
    ("utf-16-le", UKRAINIAN, UK_PLACES),  # without one (as some Windows tools save)
    ("utf-16-be", RUSSIAN, RU_PLACES),
    ("utf-8-sig", UKRAINIAN, UK_PLACES),
]


@pytest.mark.parametrize(("encoding", "text", "places"), ENCODINGS,
                         ids=[f"{e}-{'uk' if t is UKRAINIAN else 'ru'}" for e, t, _ in ENCODINGS])
def test_cyrillic_encodings_are_decoded_and_place_names_survive(tmp_path, gazetteer, encoding, text, places):
    path = tmp_path / "report.txt"
    title = "Обстріл Харкова" if text is UKRAINIAN else "Обстрел Белгорода"
    path.write_bytes(f"---\ntitle: {title}\ndate: 2024-11-11\n---\n{text}\n".encode(encoding))
    article = read_article(path)
    assert article.body == text + "\n"
    assert article.title == title and article.date == date(2024, 11, 11)
    found = {m.mention: m.admin1_code for m in find_places(article, gazetteer)}
    for name, code in places.items():
        assert found.get(name) == code, (name, found)
        start = article.body.index(name)
        assert article.body[start:start + len(name)] == name


def test_front_matter_offsets_index_the_body(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\r\ntitle: T\r\n---\r\nKharkiv was hit.\r\n", encoding="utf-8")
    article = read_article(path)
    assert article.body == "Kharkiv was hit.\n" and article.body[0:7] == "Kharkiv"


@pytest.mark.parametrize(("content", "problem"), [
    (b"", "empty file"),
    (b"   \n\n\t\n", "empty file"),
    (b"\x00\x01\x02\x03binary\x00\xff" * 50, "binary file, not text"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF, not text"),
    (b"PK\x03\x04\x14\x00\x06\x00", "a zip/Word/Excel file, not text"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "a PNG image, not text"),
    (bytes(range(1, 32)) * 40, "binary file, not text"),  # control characters without a NUL
    (b"---\ntitle: only a header\n---\n\n", "no text after the front matter"),
])
def test_unusable_files_raise_one_line_naming_the_file(tmp_path, content, problem):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_article(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: {problem}") and "\n" not in message
    assert "(" in message  # says what to do


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputError, match=r"missing\.txt: no such file \(check the path\)"):
        read_article(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a folder, not a file"):
        read_article(tmp_path)


def test_unreadable_file(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads any file")
    path = tmp_path / "locked.txt"
    path.write_text("Kyiv")
    path.chmod(0)
    with pytest.raises(InputError, match="permission denied"):
        read_article(path)


def test_a_200_mb_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: no disk used, no time spent
        handle.truncate(200_000_000)
    with pytest.raises(LimitError) as caught:
        read_article(path, max_bytes=20_000_000)
    assert str(caught.value) == (f"{path}: file is 200.0 MB, over the 20.0 MB limit "
                                 "(raise --max-bytes or split the file)")


def test_broken_front_matter_is_reported_by_line_and_the_text_kept(tmp_path, caplog):
    never_closed = tmp_path / "open.md"
    never_closed.write_text("---\ntitle: Kherson\nShelling hit Kherson overnight.\n", encoding="utf-8")
    odd_line = tmp_path / "odd.md"
    odd_line.write_text("---\ntitle: Sumy\nthis line has no colon\ndate: 2024-11-12\n---\n"
                        "Sumy was shelled.\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        article = read_article(never_closed)
        other = read_article(odd_line)
    assert "Shelling hit Kherson overnight." in article.body and article.title is None
    assert other.title == "Sumy" and other.date == date(2024, 11, 12) and other.body == "Sumy was shelled.\n"
    messages = [r.getMessage() for r in caplog.records]
    assert (f"{never_closed}:1: front matter opened with --- is never closed; read as article text (add a --- "
            "line after its last field)") in messages
    assert f"{odd_line}:3: front matter line 'this line has no colon' is not key: value; ignored" in messages


@pytest.mark.parametrize("value", ["next Tuesday", "2024-13-45", "31.02.2024", "soon", "99999-01-01"])
def test_a_date_that_does_not_parse_is_a_warning_and_falls_back(tmp_path, caplog, value):
    path = tmp_path / "d.md"
    path.write_text(f"---\ntitle: T\ndate: {value}\n---\nOdesa port was struck.\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        undated = read_article(path)
        fallback = read_article(path, default_date=date(2024, 1, 2))
    assert undated.date is None and fallback.date == date(2024, 1, 2)
    messages = [r.getMessage() for r in caplog.records]
    assert any(m.startswith(f"{path}:3: front matter date") and "mapped undated" in m for m in messages)
    assert any("using --date 2024-01-02" in m for m in messages)


@pytest.mark.parametrize(("value", "expected"), [
    ("2024-11-11", date(2024, 11, 11)), ("2024-11-11T06:30:00+02:00", date(2024, 11, 11)),
    ("11.11.2024", date(2024, 11, 11)), ("2024/11/11", date(2024, 11, 11)),
    ("11 November 2024", date(2024, 11, 11)), ("11 листопада 2024", date(2024, 11, 11)),
    ("11 ноября 2024", date(2024, 11, 11)), ("'2024-11-11'", date(2024, 11, 11)),
    ("unknown", None), ("", None), (None, None),
])
def test_dates_in_the_usual_forms(value, expected):
    assert parse_date(value) == expected


def test_decode_prefers_utf8_and_rejects_broken_utf16(tmp_path):
    assert decode("Київ".encode(), "x") == "Київ"
    with pytest.raises(InputError, match="broken UTF-16-LE text"):
        decode(b"\xff\xfe" + "Київ".encode("utf-16-le")[:-1] + b"\x00\xd8", "x.txt")


def test_a_rule_at_the_top_is_not_front_matter():
    front, body = parse_front_matter("---\n\nFirst paragraph about Kyiv.\n\n---\nSecond.")
    assert front.fields == {} and body.startswith("---\n\nFirst paragraph")


def test_folders_skip_hidden_files_and_temporaries(tmp_path):
    (tmp_path / "a.md").write_text("Kyiv")
    (tmp_path / ".map.pid1.abc.html.tmp").write_text("x")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "b.txt").write_text("y")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text("Lviv")
    (tmp_path / "table.csv").write_text("place\nKyiv\n")
    assert [p.name for p in iter_text_files([tmp_path])] == ["a.md", "c.txt"]


def test_quoted_keys_are_front_matter_fields(tmp_path):
    path = tmp_path / "q.md"
    path.write_text("---\n\"date\": 2024-11-11\n'title' : Kherson\n---\nKherson was shelled.\n", encoding="utf-8")
    article = read_article(path)
    assert article.date == date(2024, 11, 11) and article.title == "Kherson"
