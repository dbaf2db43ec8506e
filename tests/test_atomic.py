"""Faults while writing: an interrupted or failing run leaves the previous outputs whole and no temporaries."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from geomap.cli import main
from geomap.exc import OutputError
from geomap.export.atomic import atomic_path, clean_stale, staged_outputs

ROOT = Path(__file__).resolve().parents[1]
TABLE = "id,date,location,latitude,longitude,killed\nA1,2024-11-11,Mykolaiv,46.9659,31.9974,5\n"
OUTPUTS = ("incidents.geojson", "regions.geojson", "incidents.csv", "map.html")


@pytest.fixture(autouse=True)
def shared_gazetteer(gazetteer, monkeypatch):
    monkeypatch.setattr("gazetteer.Gazetteer.load", classmethod(lambda cls, *a, **k: gazetteer))


def leftovers(folder: Path) -> list[str]:
    """Hidden temporaries of ours (the article cache is not one)."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") and p.name != ".geomap-cache")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in OUTPUTS}


@pytest.fixture
def previous(tmp_path):
    """An output folder holding the outputs of an earlier, successful run; returns (table, out, snapshot)."""
    table = tmp_path / "t.csv"
    table.write_text(TABLE, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["map", str(table), "--out", str(out), "--no-cache", "-q"]) == 0
    table.write_text(TABLE + "A2,2024-11-12,Kherson,46.6354,32.6169,1\n", encoding="utf-8")  # the next run differs
    return table, out, snapshot(out)


def test_atomic_path_keeps_the_target_when_the_writer_fails(tmp_path):
    target = tmp_path / "incidents.csv"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half of the new")
        raise RuntimeError("writer died")
    assert target.read_text() == "old" and leftovers(tmp_path) == []


def test_a_full_disk_is_one_line_and_keeps_the_target(tmp_path):
    target = tmp_path / "incidents.geojson"
    target.write_text("old")
    with pytest.raises(OutputError) as caught, atomic_path(target) as tmp:
        tmp.write_text("partial")
        raise OSError(errno.ENOSPC, "No space left on device")
    assert str(caught.value) == f"{target}: write failed (No space left on device; free some disk space)"
    assert target.read_text() == "old" and leftovers(tmp_path) == []


def test_an_unwritable_folder_is_one_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError, match=r"cannot write here"), atomic_path(blocker / "map.html"):
        pass


def test_staged_outputs_move_together_or_not_at_all(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("old")
    with pytest.raises(RuntimeError), staged_outputs(tmp_path) as out:
        out.path("a.txt").write_text("new")
        raise RuntimeError("the second writer failed")
    assert (tmp_path / "a.txt").read_text() == "old" and leftovers(tmp_path) == []
    with staged_outputs(tmp_path) as out:
        out.path("a.txt").write_text("new")
        out.path("b.txt").write_text("new")
    assert (tmp_path / "a.txt").read_text() == (tmp_path / "b.txt").read_text() == "new"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("name", ["../escape.txt", "sub/x.txt", ".hidden", "", "/etc/passwd"])
def test_output_names_are_plain_names(tmp_path, name):
    with pytest.raises(ValueError, match="plain file name"), staged_outputs(tmp_path) as out:
        out.path(name)


def test_a_writer_failing_midway_leaves_every_previous_output(previous, monkeypatch, capsys):
    table, out, before = previous

    def render_then_fail(frame, regions, path, **kwargs):
        Path(path).write_text("<html>half a map")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("geomap.render.map.render_map", render_then_fail)
    assert main(["map", str(table), "--out", str(out), "--no-cache", "-q"]) == 1
    assert capsys.readouterr().err.strip().startswith("error: ")
    assert snapshot(out) == before and leftovers(out) == []


def test_ctrl_c_midway_leaves_every_previous_output(previous, monkeypatch, capsys):
    table, out, before = previous

    def interrupted(frame, path, **kwargs):
        Path(path).write_text("id,da")
        os.kill(os.getpid(), signal.SIGINT)  # what Ctrl-C sends
        time.sleep(5)

    monkeypatch.setattr("geomap.export.table.write_incidents_csv", interrupted)
    assert main(["map", str(table), "--out", str(out), "--no-cache", "-q"]) == 130
    assert capsys.readouterr().err.strip() == "error: interrupted; the previous outputs were left as they were"
    assert snapshot(out) == before and leftovers(out) == []


def test_places_output_is_atomic(tmp_path, monkeypatch, capsys):
    articles = tmp_path / "in"
    articles.mkdir()
    (articles / "a.md").write_text("Drones struck Kharkiv overnight.\n", encoding="utf-8")
    (articles / "b.md").write_text("Shelling hit Kherson.\n", encoding="utf-8")
    output = tmp_path / "places.jsonl"
    output.write_text("previous\n")

    import geomap.places

    real = geomap.places.find_places

    def fail_on_b(article, gazetteer):
        if article.source == "b.md":
            raise OSError(errno.EIO, "Input/output error")
        return real(article, gazetteer)

    monkeypatch.setattr(geomap.places, "find_places", fail_on_b)
    assert main(["places", str(articles), "-o", str(output), "-q"]) == 1
    assert output.read_text() == "previous\n" and leftovers(tmp_path) == []
    monkeypatch.setattr(geomap.places, "find_places", real)
    assert main(["places", str(articles), "-o", str(output), "-q"]) == 0
    assert '"mention": "Kharkiv"' in output.read_text()


# A run in a child process whose map writer stalls after writing, so that it can be killed while its other
# outputs are already staged.
CHILD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    import geomap.render.map as render

    def stalled(frame, regions, path, **kwargs):
        Path(path).write_text("<html>half a map")
        print("writing", flush=True)
        time.sleep(120)

    render.render_map = stalled
    from geomap.cli import main
    sys.exit(main(sys.argv[1:]))
""")


def start_child(table: Path, out: Path) -> subprocess.Popen:
    child = subprocess.Popen([sys.executable, "-c", CHILD, "map", str(table), "--out", str(out), "--no-cache",
                              "-q"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = child.stdout.readline()  # blocks until the stalled writer has written
    if line.strip() != "writing":
        child.kill()
        pytest.fail(f"child did not start writing: {line!r} {child.stderr.read()[-500:]}")
    return child


def test_sigkill_midway_leaves_every_previous_output_and_the_next_run_cleans_up(previous):
    table, out, before = previous
    child = start_child(table, out)
    staged = [p for p in out.iterdir() if p.name.startswith(".geomap-stage.pid")]
    assert staged and (staged[0] / "incidents.geojson").exists()  # it really was mid-way through the set
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert snapshot(out) == before
    assert [p.name for p in out.iterdir() if p.name.startswith(".geomap-stage")]  # a kill cannot clean up...
    assert clean_stale(out) and leftovers(out) == []  # ...so the next run does, before writing


def test_sigterm_midway_unwinds_cleanly(previous):
    table, out, before = previous
    child = start_child(table, out)
    child.send_signal(signal.SIGTERM)
    assert child.wait(timeout=30) == 130
    assert "error: interrupted" in child.stderr.read()
    assert snapshot(out) == before and leftovers(out) == []


def test_clean_stale_spares_live_runs_and_other_files(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    mine = tmp_path / f".map.pid{os.getpid()}.abcd.html.tmp"
    gone = tmp_path / f".map.pid{dead.pid}.abcd.html.tmp"
    gone_stage = tmp_path / f".geomap-stage.pid{dead.pid}.x1"
    for path in (mine, gone):
        path.write_text("x")
    gone_stage.mkdir()
    (gone_stage / "map.html").write_text("x")
    (tmp_path / ".geomap-cache").mkdir()
    (tmp_path / ".notes.tmp").write_text("not ours: no process id")
    removed = clean_stale(tmp_path)
    assert sorted(p.name for p in removed) == sorted([gone.name, gone_stage.name])
    assert mine.exists() and (tmp_path / ".geomap-cache").exists() and (tmp_path / ".notes.tmp").exists()


def test_a_new_run_removes_what_a_killed_one_left(tmp_path, capsys):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    out = tmp_path / "out"
    out.mkdir()
    (out / f".incidents.pid{dead.pid}.zz.geojson.tmp").write_text("{")
    table = tmp_path / "t.csv"
    table.write_text(TABLE, encoding="utf-8")
    assert main(["batch", str(table), "--out", str(out), "--no-cache", "-q"]) == 0
    assert leftovers(out) == []


def test_places_with_nothing_readable_keeps_the_previous_output(tmp_path, capsys):
    (tmp_path / "empty.md").write_text("")
    output = tmp_path / "places.jsonl"
    output.write_text("previous\n")
    assert main(["places", str(tmp_path / "empty.md"), "-o", str(output)]) == 1
    assert capsys.readouterr().err.strip().splitlines()[-1] == (f"error: {tmp_path / 'empty.md'}: empty file "
                                                                "(remove it or give it text)")
    assert output.read_text() == "previous\n" and leftovers(tmp_path) == []


def test_ctrl_c_while_the_libraries_load_is_one_line_too(tmp_path):
    # the same order of events as the console script: import geomap.cli, then call main; a SIGINT arrives
    # while the pipeline's libraries are still being imported (inside main, after its handler is set)
    child = subprocess.Popen([sys.executable, "-c", textwrap.dedent("""
        import os, signal, sys
        import geomap.exc
        real_import = __builtins__.__import__
        def interrupting(name, *args, **kwargs):
            if name == "pipeline" or name.endswith(".pipeline"):
                os.kill(os.getpid(), signal.SIGINT)
            return real_import(name, *args, **kwargs)
        from geomap.cli import main
        __builtins__.__import__ = interrupting
        sys.exit(main(["map", "x.md", "--out", sys.argv[1]]))
    """), str(tmp_path / "o")], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    assert child.wait(timeout=60) == 130
    assert child.stderr.read() == "error: interrupted; the previous outputs were left as they were\n"
