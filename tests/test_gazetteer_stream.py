"""`gazetteer resolve -` on a long stream: batched output and repeated names answered from a cache give exactly
the lines one resolve per name gives, in input order."""

from __future__ import annotations

import io
import json
import sys
from dataclasses import asdict

from gazetteer import cli
from gazetteer.cli import main

NAMES = ["Sudzha", "Kupiansk", "Nowhereville", "Sudzha", "Korenevo", "Kupiansk", "Sudzha", "Glushkovo"]


def test_a_stream_gives_the_lines_of_one_resolve_per_name(capsys, monkeypatch, gazetteer):
    monkeypatch.setattr(cli, "BATCH", 3)  # several batches and a remainder
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(NAMES) + "\n"))
    assert main(["resolve", "-"]) == 1  # Nowhereville does not resolve
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(NAMES)
    for name, line in zip(NAMES, lines, strict=True):
        found = gazetteer.resolve(name, limit=1)
        row = json.loads(line)
        assert row["query"] == name
        assert row == (found[0].to_dict() if found else dict.fromkeys(cli.CANDIDATE_FIELDS) | {"query": name})


def test_a_full_cache_starts_over_without_changing_the_output(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(NAMES) + "\n"))
    assert main(["resolve", "-"]) == 1
    expected = capsys.readouterr().out
    monkeypatch.setattr(cli, "CACHE_MAX", 2)
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(NAMES) + "\n"))
    assert main(["resolve", "-"]) == 1
    assert capsys.readouterr().out == expected


def test_to_dict_is_asdict_without_reasons(gazetteer):
    candidate = gazetteer.best("Sudzha")
    expected = asdict(candidate)
    expected.pop("reasons")
    assert candidate.to_dict() == expected and list(candidate.to_dict()) == list(expected)
