"""Limits that protect the machine: file size, table size, rows, incidents; each configurable, each one line."""

from __future__ import annotations

import pytest

from geomap.cli import main
from geomap.pipeline import DEFAULT_MAX_INCIDENTS, DEFAULT_MAX_ROWS, RunOptions, collect_incidents

HEADER = "id,date,location,latitude,longitude\n"


@pytest.fixture(autouse=True)
def shared_gazetteer(gazetteer, monkeypatch):
    monkeypatch.setattr("gazetteer.Gazetteer.load", classmethod(lambda cls, *a, **k: gazetteer))


def rows_table(path, count: int):
    path.write_text(HEADER + "".join(f"R{i},2024-11-11,Kyiv,50.45,30.52\n" for i in range(count)),
                    encoding="utf-8")
    return path


def lines(capsys) -> list[str]:
    return [line for line in capsys.readouterr().err.splitlines() if line.startswith(("WARNING", "error"))]


def test_max_bytes_refuses_a_big_article_and_can_be_raised(tmp_path, capsys):
    article = tmp_path / "long.md"
    article.write_text("Drones struck Kharkiv overnight. " * 100, encoding="utf-8")  # 3,300 bytes
    good = rows_table(tmp_path / "t.csv", 1)
    assert main(["batch", str(article), str(good), "--out", str(tmp_path / "o"), "--max-bytes", "1000"]) == 3
    assert (f"WARNING: skipped {article}: file is 3.3 kB, over the 1.0 kB limit (raise --max-bytes or split "
            "the file)") in lines(capsys)
    assert main(["batch", str(article), str(good), "--out", str(tmp_path / "o"), "--max-bytes", "5000"]) == 0


def test_a_sparse_200_mb_table_is_refused_before_it_is_read(tmp_path, capsys):
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as handle:
        handle.write(HEADER.encode())
        handle.truncate(200_000_000)
    good = rows_table(tmp_path / "t.csv", 1)
    code = main(["batch", str(huge), str(good), "--out", str(tmp_path / "o"), "--max-table-bytes", "100000000"])
    assert code == 3
    assert (f"WARNING: skipped {huge}: table is 200.0 MB, over the 100.0 MB limit (raise --max-table-bytes or "
            "split the table)") in lines(capsys)


def test_max_rows(tmp_path, capsys):
    big = rows_table(tmp_path / "big.csv", 30)
    small = rows_table(tmp_path / "small.csv", 3)
    assert main(["batch", str(big), str(small), "--out", str(tmp_path / "o"), "--max-rows", "10"]) == 3
    assert (f"WARNING: skipped {big}: table has 30 rows, over the 10 row limit (raise --max-rows or split the "
            "table)") in lines(capsys)
    assert main(["batch", str(big), "--out", str(tmp_path / "o"), "--max-rows", "10"]) == 1


def test_max_rows_with_strict_is_an_error(tmp_path, capsys):
    big = rows_table(tmp_path / "big.csv", 30)
    assert main(["batch", str(big), "--out", str(tmp_path / "o"), "--max-rows", "10", "--strict"]) == 1
    assert lines(capsys)[-1].endswith("[--strict: stopped at the first bad input]")


def test_max_incidents_stops_before_writing(tmp_path, capsys):
    table = rows_table(tmp_path / "t.csv", 12)
    out = tmp_path / "o"
    assert main(["batch", str(table), "--out", str(out), "--max-incidents", "5"]) == 1
    assert lines(capsys) == ["error: 12 incidents found, over the 5 limit; nothing written (raise "
                             "--max-incidents or map fewer inputs at a time)"]
    assert not (out / "incidents.geojson").exists()


def test_defaults_are_generous_but_finite(tmp_path, gazetteer):
    options = RunOptions(out_dir=tmp_path)
    assert options.max_rows == DEFAULT_MAX_ROWS >= 1_000_000
    assert options.max_incidents == DEFAULT_MAX_INCIDENTS >= 1_000_000
    assert options.max_bytes == 20_000_000 and options.max_table_bytes >= 100_000_000
    from geomap.pipeline import RunSummary

    summary = RunSummary()
    incidents = collect_incidents([rows_table(tmp_path / "t.csv", 3)], options, gazetteer, summary)
    assert len(incidents) == 3 and summary.exit_code == 0
