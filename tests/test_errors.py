"""Bad inputs through the command line: one clear line each, the batch goes on, the exit status tells apart
all good (0), done with some inputs skipped (3), nothing done (1) and usage errors (2)."""

from __future__ import annotations

import json

import pytest

from geomap.cli import main

HEADER = "id,date,location,admin1,latitude,longitude,killed,notes"
GOOD_ROW = "A1,2024-11-11,Mykolaiv,Mykolaiv,46.9659,31.9974,5,A missile hit a block of flats."


@pytest.fixture(autouse=True)
def shared_gazetteer(gazetteer, monkeypatch):
    """The CLI loads the gazetteer on each call; hand it the session's copy instead."""
    monkeypatch.setattr("gazetteer.Gazetteer.load", classmethod(lambda cls, *a, **k: gazetteer))


def run(capsys, *args: str) -> tuple[int, list[str]]:
    code = main(list(args))
    err = capsys.readouterr().err
    return code, [line for line in err.splitlines() if line.startswith(("WARNING", "error"))]


def table(tmp_path, name: str, *rows: str, header: str = HEADER) -> str:
    path = tmp_path / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return str(path)


def features(out) -> list[dict]:
    return json.loads((out / "incidents.geojson").read_text())["features"]


def test_all_good_is_0(tmp_path, capsys):
    code, lines = run(capsys, "batch", table(tmp_path, "t.csv", GOOD_ROW), "--out", str(tmp_path / "o"))
    assert code == 0 and lines == []


def test_missing_file_among_good_ones_is_3_and_named(tmp_path, capsys):
    good = table(tmp_path, "t.csv", GOOD_ROW)
    code, lines = run(capsys, "batch", good, str(tmp_path / "gone.md"), "--out", str(tmp_path / "o"))
    assert code == 3
    assert f"WARNING: skipped {tmp_path / 'gone.md'}: no such file or folder" in lines
    assert len(features(tmp_path / "o")) == 1


def test_nothing_usable_is_1_with_one_line(tmp_path, capsys):
    code, lines = run(capsys, "batch", str(tmp_path / "gone.md"), "--out", str(tmp_path / "o"))
    assert code == 1 and lines == [f"error: {tmp_path / 'gone.md'}: no such file or folder"]
    assert not (tmp_path / "o").exists()


def test_folder_with_no_readable_files(tmp_path, capsys):
    folder = tmp_path / "empty"
    folder.mkdir()
    (folder / "picture.jpg").write_bytes(b"\xff\xd8\xff")
    code, lines = run(capsys, "batch", str(folder), "--out", str(tmp_path / "o"))
    assert code == 1 and lines == [f"error: {folder}: folder holds no .txt or .md articles"]


def test_every_file_unusable_is_1(tmp_path, capsys):
    (tmp_path / "empty.md").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    code, lines = run(capsys, "batch", str(tmp_path / "empty.md"), str(tmp_path / "binary.txt"),
                      "--out", str(tmp_path / "o"))
    assert code == 1
    assert lines[-1] == "error: no input could be read; see the messages above"
    assert any("empty.md: empty file" in line for line in lines)
    assert any("binary.txt: binary file, not text" in line for line in lines)


def test_usage_errors_are_2(tmp_path, capsys):
    good = table(tmp_path, "t.csv", GOOD_ROW)
    assert main(["map", good, "--date", "11/11/2024"]) == 2
    assert main(["map", good, "--no-such-option"]) == 2
    assert main(["map", good, "--max-rows", "0"]) == 2
    assert main(["map", good, "--format", "shp"]) == 2
    assert main(["map"]) == 2


def test_strict_turns_a_skip_into_an_error(tmp_path, capsys):
    good = table(tmp_path, "t.csv", GOOD_ROW)
    out = tmp_path / "o"
    code, lines = run(capsys, "batch", good, str(tmp_path / "gone.md"), "--out", str(out), "--strict")
    assert code == 1
    assert lines == [f"error: {tmp_path / 'gone.md'}: no such file or folder "
                     "[--strict: stopped at the first bad input]"]
    assert not (out / "incidents.geojson").exists()


@pytest.mark.parametrize(("rows", "header", "message"), [
    (["x,y", "1,2"], "foo,bar", "no place column (location/place/town), no region column and no "
                                "latitude/longitude columns (name them, or map them with --columns"),
    (['A1,2024-11-11,"Mykolaiv,Mykolaiv,46.9,31.9,5,unterminated'], HEADER, "cannot read the table"),
    ([], HEADER, "the table has no rows"),
])
def test_unreadable_tables_are_skipped_with_the_reason(tmp_path, capsys, rows, header, message):
    bad = table(tmp_path, "bad.csv", *rows, header=header)
    good = table(tmp_path, "good.csv", GOOD_ROW)
    code, lines = run(capsys, "batch", bad, good, "--out", str(tmp_path / "o"))
    assert code == 3
    assert any(line.startswith(f"WARNING: skipped {bad}: {message}") for line in lines), lines
    assert len(features(tmp_path / "o")) == 1


def test_extra_columns_are_kept_out_of_the_way(tmp_path, capsys):
    header = HEADER + ",analyst,confidence,Unnamed: 12"
    path = table(tmp_path, "t.csv", GOOD_ROW + ",me,high,", header=header)
    code, lines = run(capsys, "batch", path, "--out", str(tmp_path / "o"))
    assert code == 0 and lines == []


@pytest.mark.parametrize(("row", "reason"), [
    ("B2,2024-11-11,,,95.5,31.9,1,x", "coordinates out of range (95.5, 31.9)"),
    ("B2,2024-11-11,,,47.0,200,1,x", "coordinates out of range (47.0, 200.0)"),
    ("B2,2024-11-11,,,north,east,1,x", "latitude/longitude not numeric"),
    ("B2,2024-11-11,,,NaN,NaN,1,x", "latitude/longitude not numeric"),
    ("B2,2024-11-11,,,47.0,,1,x", "only one of latitude/longitude given"),
    ("B2,2024-11-11,,,,,1,x", "no place, region or coordinates"),
])
def test_bad_coordinates_leave_the_row_off_and_name_the_line(tmp_path, capsys, row, reason):
    path = table(tmp_path, "t.csv", GOOD_ROW, row)
    code, lines = run(capsys, "batch", path, "--out", str(tmp_path / "o"))
    assert code == 3
    row_lines = [line for line in lines if f"{path}:3:" in line]
    assert lines[-1] == "WARNING: done, but 1 input was skipped (listed above); exit status 3"
    assert len(row_lines) == 1, lines  # one line per bad row
    assert row_lines[0].startswith(f"WARNING: skipped {path}:3: row left off the map: {reason}")
    assert [f["properties"]["id"] for f in features(tmp_path / "o")] == ["A1"]


def test_nan_and_empty_cells_are_missing_values(tmp_path, capsys):
    path = table(tmp_path, "t.csv", "C3,2024-11-11,Kherson,,,,NaN,", "C4,,Odesa,,,,,")
    code, lines = run(capsys, "batch", path, "--out", str(tmp_path / "o"))
    assert code == 0 and lines == []
    props = {f["properties"]["id"]: f["properties"] for f in features(tmp_path / "o")}
    assert props["C3"]["killed"] is None and props["C4"]["date"] is None and props["C4"]["killed"] is None


def test_a_date_that_does_not_parse_in_a_table_is_named_and_the_row_kept(tmp_path, capsys):
    path = table(tmp_path, "t.csv", "D1,someday,Kherson,,,,1,")
    code, lines = run(capsys, "batch", path, "--out", str(tmp_path / "o"))
    assert code == 0
    assert lines == [f"WARNING: {path}:2: date not understood; mapped undated (someday)"]  # kept: not a skip
    assert features(tmp_path / "o")[0]["properties"]["date"] is None


def test_duplicate_ids_copies_dropped_namesakes_renamed(tmp_path, capsys):
    other = "A1,2024-11-12,Kherson,Kherson,46.6354,32.6169,2,Another event under the same id."
    path = table(tmp_path, "t.csv", GOOD_ROW, GOOD_ROW, other)
    code, lines = run(capsys, "batch", path, "--out", str(tmp_path / "o"))
    assert code == 0
    assert f"WARNING: {path}:3: duplicate of row 2 (same id 'A1', same values); left out" in lines
    assert (f"WARNING: {path}:4: id 'A1' already used on row 2; this row's id is now 'A1-row4' "
            "(fix the id column)") in lines
    assert sorted(f["properties"]["id"] for f in features(tmp_path / "o")) == ["A1", "A1-row4"]


def test_the_same_id_in_two_tables_is_made_unique(tmp_path, capsys):
    first = table(tmp_path, "a.csv", GOOD_ROW)
    elsewhere = GOOD_ROW.replace("Mykolaiv,Mykolaiv,46.9659,31.9974", "Kherson,,46.6,32.6")
    second = table(tmp_path, "b.csv", elsewhere)
    code, _ = run(capsys, "batch", first, second, "--out", str(tmp_path / "o"))
    ids = [f["properties"]["id"] for f in features(tmp_path / "o")]
    assert code == 0 and sorted(ids) == ["A1", "A1-2"]


def test_wrong_table_for_places(tmp_path, capsys):
    good = table(tmp_path, "t.csv", GOOD_ROW)
    code, lines = run(capsys, "places", good)
    assert code == 1
    assert lines == [f"error: {good}: is a table; `geomap places` reads articles (use `geomap map`)"]


def test_an_internal_error_is_one_line_not_a_traceback(tmp_path, capsys, monkeypatch):
    def broken(*args, **kwargs):
        raise KeyError("surprise")

    monkeypatch.setattr("geomap.pipeline.build_frames", broken)
    code = main(["batch", table(tmp_path, "t.csv", GOOD_ROW), "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert err.strip().splitlines()[-1] == ("error: internal error (KeyError: 'surprise'); run again with "
                                            "-vv for the traceback and report it")


def test_articles_with_every_kind_of_problem_among_good_ones(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.md").write_text("---\ntitle: Strike\ndate: 2024-11-11\n---\nA Russian missile struck "
                                    "Kharkiv on Monday, killing three people.\n", encoding="utf-8")
    cyrillic = "Російська ракета влучила в Одесу, загинули двоє людей."
    (corpus / "cp1251.txt").write_bytes(cyrillic.encode("cp1251"))
    (corpus / "empty.md").write_text("")
    (corpus / "binary.txt").write_bytes(b"\x00\x01" * 64)
    (corpus / "baddate.md").write_text("---\ndate: the day after\n---\nDrones hit Sumy at night.\n")
    with (corpus / "huge.txt").open("wb") as handle:
        handle.truncate(200_000_000)
    code, lines = run(capsys, "batch", str(corpus), "--out", str(tmp_path / "o"), "--no-cache")
    assert code == 3
    skipped = [line for line in lines if line.startswith("WARNING: skipped")]
    assert len(skipped) == 3, lines
    assert f"WARNING: skipped {corpus / 'empty.md'}: empty file (remove it or give it text)" in skipped
    assert any(f"{corpus / 'binary.txt'}: binary file, not text" in line for line in skipped)
    assert any(f"{corpus / 'huge.txt'}: file is 200.0 MB, over the 20.0 MB limit" in line for line in skipped)
    assert any(f"{corpus / 'baddate.md'}:2: front matter date 'the day after' is not a date" in line
               for line in lines)
    assert (tmp_path / "o" / "incidents.geojson").exists()
