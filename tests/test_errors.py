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
    assert lines[-1] == (f"error: nothing to map: all 2 inputs unusable; the first: {tmp_path / 'empty.md'}: "
                         "empty file (remove it or give it text)")
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
    (["x,y", "1,2"], "foo,bar", ": no place column (location/place/town), no region column and no "
                                "latitude/longitude columns (name them, or map them with --columns"),
    (['A1,2024-11-11,"Mykolaiv,Mykolaiv,46.9,31.9,5,unterminated'], HEADER,
     ':2: no usable rows: a quote opened on this line is never closed; row left out, the lines after it read '
     'again (close the quote; a quote inside a cell is written twice: "")'),
    ([], HEADER, ": the table has no rows"),
])
def test_unreadable_tables_are_skipped_with_the_reason(tmp_path, capsys, rows, header, message):
    bad = table(tmp_path, "bad.csv", *rows, header=header)
    good = table(tmp_path, "good.csv", GOOD_ROW)
    code, lines = run(capsys, "batch", bad, good, "--out", str(tmp_path / "o"))
    assert code == 3
    assert any(line.startswith(f"WARNING: skipped {bad}{message}") for line in lines), lines
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


def test_one_bad_input_alone_is_one_error_line(tmp_path, capsys):
    (tmp_path / "empty.md").write_text("")
    code, lines = run(capsys, "map", str(tmp_path / "empty.md"), "--out", str(tmp_path / "o"))
    assert code == 1
    assert lines == [f"error: {tmp_path / 'empty.md'}: empty file (remove it or give it text)"]  # no echo
    assert not (tmp_path / "o").exists()  # not even an empty cache


@pytest.mark.parametrize(("args", "message"), [
    (["--date", "11/11/24"], "Invalid value for --date: '11/11/24' is not a date in the form YYYY-MM-DD"),
    (["--columns", "place"], "Invalid value for --columns: 'place' is not field=Column"),
    (["--format", "shp"], "Invalid value for --format: unknown format 'shp'; known: gpkg"),
    (["--max-rows", "0"], "Invalid value for '--max-rows': Input should be greater than or equal to 1"),
])
def test_usage_errors_are_one_line_with_where_to_look(tmp_path, capsys, args, message):
    code = main(["map", table(tmp_path, "t.csv", GOOD_ROW), "--out", str(tmp_path / "o"), *args])
    err = capsys.readouterr().err
    assert code == 2 and err == f"error: {message} (see `geomap map --help`)\n"


def test_an_unknown_command_is_one_line(capsys):
    assert main(["mapp", "x"]) == 2
    assert capsys.readouterr().err == "error: No such command 'mapp'. Did you mean 'map'? (see `geomap --help`)\n"


@pytest.mark.parametrize(("where", "option", "message"), [
    ("file", "--out", "{p}: --out must be a folder, and this is a file (choose another --out)"),
    ("under", "--out", "{p}: cannot write under {f}, which is a file (choose another --out)"),
    ("folder", "--png", "{p}: --png is a folder; give a file name (e.g. {p}/out)"),
])
def test_an_output_that_cannot_be_written_stops_before_any_work(tmp_path, capsys, monkeypatch, where, option,
                                                                message):
    a_file, a_folder = tmp_path / "a_file", tmp_path / "a_folder"
    a_file.write_text("keep me")
    a_folder.mkdir()
    monkeypatch.setattr("geomap.pipeline.collect_incidents", lambda *a, **k: pytest.fail("work was done"))
    target = {"file": a_file, "under": a_file / "sub", "folder": a_folder}[where]
    args = ["--out", str(target)] if option == "--out" else ["--out", str(tmp_path / "o"), "--png", str(target)]
    code, lines = run(capsys, "map", table(tmp_path, "t.csv", GOOD_ROW), *args)
    assert code == 1 and lines == ["error: " + message.format(p=target, f=a_file)]
    assert a_file.read_text() == "keep me"


def test_a_row_with_extra_cells_is_left_out_by_line_and_the_rest_mapped(tmp_path, capsys):
    path = table(tmp_path, "t.csv", GOOD_ROW, "A2,2024-11-11,Kyiv, Ukraine,,,,1,x", GOOD_ROW.replace("A1", "A3"))
    code, lines = run(capsys, "batch", path, "--out", str(tmp_path / "o"))
    assert code == 3
    assert lines[0] == (f'WARNING: skipped {path}:3: row has 9 cells, the header 8; left out (quote cells that '
                        'hold a comma, e.g. "Kyiv, Ukraine")')
    assert sorted(f["properties"]["id"] for f in features(tmp_path / "o")) == ["A1", "A3"]


def test_geocode_reports_rows_it_could_not_split_and_says_so_in_the_status(tmp_path, capsys):
    path = table(tmp_path, "t.csv", GOOD_ROW, 'A2,2024-11-11,"Kharkiv,Kharkiv,49.99,36.23,1,x')
    output = tmp_path / "out.csv"
    code, lines = run(capsys, "geocode", path, "-o", str(output))
    assert code == 3
    assert lines[0].startswith(f"WARNING: skipped {path}:3: a quote opened on this line is never closed")
    report = (tmp_path / "out.unresolved.csv").read_text()
    assert report.splitlines()[1].startswith('3,,"a quote opened on this line is never closed')
    assert len(output.read_text().splitlines()) == 2  # the header and the good row


def test_file_names_and_cells_cannot_forge_log_lines_or_drive_the_terminal(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    evil = corpus / "evil\nERROR: forged\x1b[2J.md"
    evil.write_text("---\ndate: someday\n---\nShelling hit Kupiansk.\n", encoding="utf-8")
    bad_cell = table(tmp_path, "t.csv", GOOD_ROW, "E2,2024-11-11,Atlantis\x1b]0;title\x07,,,,1,x")
    code = main(["map", str(corpus), bad_cell, "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 3 and "\x1b" not in err and "\x07" not in err
    assert all(line.startswith(("INFO: ", "WARNING: ", "error: ")) for line in err.splitlines())
    assert f"{corpus}/evil ERROR: forged\\x1b[2J.md:2: front matter date 'someday' is not a date" in err
    assert "Atlantis\\x1b]0;title\\x07" in err
