"""--engine dask on a real LocalCluster gives exactly the single-process result, and talks to an existing
scheduler by address."""

from __future__ import annotations

import fake_extract
import pytest

from geomap import pipeline
from geomap.pipeline import RunOptions, RunSummary, collect_incidents

distributed = pytest.importorskip("distributed")


def _run(corpus, options, gazetteer):
    summary = RunSummary()
    incidents = collect_incidents([corpus], options, gazetteer, summary)
    return [i.to_dict() for i in incidents], summary


def test_dask_local_cluster_equals_single_process(tmp_path, gazetteer, monkeypatch):
    monkeypatch.setattr(pipeline, "extract_article", fake_extract.fake_extract)
    corpus = tmp_path / "corpus"
    fake_extract.write_corpus(corpus, 24)
    single = RunOptions(out_dir=tmp_path / "a", cache=False, progress=False)
    local, local_summary = _run(corpus, single, gazetteer)
    # threads in this process, so that the fake extraction above is what the workers run
    options = RunOptions(out_dir=tmp_path / "b", engine="dask", workers=2, dask_processes=False, batch_size=3,
                         progress=False)
    remote, remote_summary = _run(corpus, options, gazetteer)
    assert remote == local
    assert (remote_summary.documents, remote_summary.mentions, remote_summary.places_unresolved) == (
        local_summary.documents, local_summary.mentions, local_summary.places_unresolved)
    # a re-run on Dask takes everything from the cache it wrote
    fake_extract.CALLS.clear()
    again, summary = _run(corpus, options, gazetteer)
    assert again == local and summary.cached == 24 and fake_extract.CALLS == []


def test_dask_existing_scheduler_by_address(tmp_path, gazetteer, monkeypatch):
    monkeypatch.setattr(pipeline, "extract_article", fake_extract.fake_extract)
    corpus = tmp_path / "corpus"
    fake_extract.write_corpus(corpus, 6)
    local, _ = _run(corpus, RunOptions(out_dir=tmp_path / "a", cache=False, progress=False), gazetteer)
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                       dashboard_address=None)
    with cluster:
        options = RunOptions(out_dir=tmp_path / "b", engine="dask", scheduler=cluster.scheduler_address,
                             cache=False, progress=False)
        remote, _ = _run(corpus, options, gazetteer)
    assert remote == local


def test_unreachable_scheduler_is_a_one_line_error(tmp_path, capsys, monkeypatch):
    from geomap.cli import main
    from geomap.engine import run

    monkeypatch.setattr(run, "CONNECT_TIMEOUT", "1s")
    corpus = tmp_path / "corpus"
    fake_extract.write_corpus(corpus, 1)
    out = tmp_path / "out"
    code = main(["batch", str(corpus), "--out", str(out), "--scheduler", "tcp://127.0.0.1:9", "-q"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1 and err[-1].startswith("error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")


ARTICLES = [
    "A missile struck a warehouse in Kharkiv on Tuesday, killing two workers and injuring nine, "
    "the governor said.",
    "Shelling hit a school in Kherson overnight; four people were wounded, local officials reported.",
    "Russian drones attacked Odesa port. One person was killed and three were hurt, "
    "the regional head said.\n\n"
    "Fighting continued near Pokrovsk, the general staff said.",
]


def test_dask_process_workers_with_the_real_extractor(tmp_path, gazetteer):
    pytest.importorskip("geomap.incidents")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number in range(12):
        body = ARTICLES[number % len(ARTICLES)]
        (corpus / f"wire{number:02d}.md").write_text(f"---\ndate: 2024-11-{10 + number % 3}\n---\n{body}\n")
    single = RunOptions(out_dir=tmp_path / "a", cache=False, progress=False)
    local, local_summary = _run(corpus, single, gazetteer)
    options = RunOptions(out_dir=tmp_path / "b", engine="dask", workers=2, batch_size=2, cache=False,
                         progress=False)
    remote, remote_summary = _run(corpus, options, gazetteer)
    assert local and remote == local
    assert remote_summary.mentions == local_summary.mentions
