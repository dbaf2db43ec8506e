"""The `gazetteer` command: resolve output and exit status, stdin, --help, errors without tracebacks."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from gazetteer.cli import main

FIELDS = ["query", "name", "lat", "lon", "country_code", "admin1", "admin1_code", "kind", "population", "id",
          "score", "match"]


def _lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_resolve_prints_one_object_per_name(capsys):
    assert main(["resolve", "Kriviy Rih", "Донецьк"]) == 0
    rows = _lines(capsys.readouterr().out)
    assert [r["query"] for r in rows] == ["Kriviy Rih", "Донецьк"]
    assert list(rows[0]) == FIELDS
    assert rows[0]["admin1_code"] == "UA-12" and rows[1]["name"] == "Donetsk"


def test_unknown_name_is_null_match_and_status_1(capsys):
    assert main(["resolve", "Bakhmut", "Nowhereville"]) == 1
    rows = _lines(capsys.readouterr().out)
    assert rows[1]["match"] is None and rows[1]["query"] == "Nowhereville" and list(rows[1]) == FIELDS


def test_candidates(capsys):
    assert main(["resolve", "--candidates", "3", "Pokrovsk"]) == 0
    row = _lines(capsys.readouterr().out)[0]
    assert len(row["candidates"]) == 3 and row["candidates"][0]["id"] == row["id"] == "gn:704422"


def test_kind_country_region_options(capsys):
    assert main(["resolve", "--kind", "admin1", "Kursk"]) == 0
    assert main(["resolve", "--country", "UA", "Dzerzhynsk"]) == 0
    assert main(["resolve", "--region", "UA-14", "Andriivka"]) == 0
    rows = _lines(capsys.readouterr().out)
    assert rows[0]["kind"] == "admin1" and rows[1]["name"] == "Toretsk" and rows[2]["admin1_code"] == "UA-14"


def test_stdin(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("Kupiansk\n\nKrynky\n"))
    assert main(["resolve", "-"]) == 0
    assert [r["name"] for r in _lines(capsys.readouterr().out)] == ["Kupiansk", "Krynky"]


@pytest.mark.parametrize("argv", [[], ["resolve"], ["resolve", "--candidates", "0", "Kyiv"], ["frobnicate"]])
def test_usage_errors_exit_2(argv, capsys):
    assert main(argv) == 2
    assert "usage:" in capsys.readouterr().err


def test_help(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "build" in out and "resolve" in out and "exit status" in out


def test_data_error_is_one_line_without_traceback(capsys):
    assert main(["build", "--countries", "U1,RU"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "Traceback" not in err


def test_console_script_via_subprocess():
    done = subprocess.run([sys.executable, "-m", "gazetteer.cli", "resolve", "Kharkov", "Nowhereville"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stderr
    rows = _lines(done.stdout)
    assert rows[0]["name"] == "Kharkiv" and rows[1]["match"] is None
    assert "Traceback" not in done.stderr
