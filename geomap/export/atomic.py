"""Write outputs atomically: an interrupted run (Ctrl-C, kill, full disk) leaves the previous outputs whole.

Two layers:
- `atomic_path(target)`: one file is written to a hidden temporary name in the same folder and renamed onto
  `target` only when the writer finished; on any failure the temporary file is removed.
- `staged_outputs(out_dir)`: the files of one run are written into a hidden staging folder inside `out_dir`
  and moved into place together at the end, so the set never mixes this run's files with the last run's.

Temporary names carry the writer's process id (`.incidents.pid123.x1y2.geojson.tmp`,
`.geomap-stage.pid123.x1y2/`). A SIGKILL cannot be caught, so it may leave one behind; `clean_stale(folder)`
removes those whose process is gone, and every run calls it on its output folder before writing.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ..exc import OutputError

log = logging.getLogger(__name__)

STAGE_PREFIX = ".geomap-stage"
_STALE = re.compile(r"^\..*\.pid(\d+)\.")
_HINTS = {errno.ENOSPC: "free some disk space", errno.EDQUOT: "free some disk space",
          errno.EACCES: "choose another --out folder", errno.EROFS: "choose another --out folder",
          errno.EPERM: "choose another --out folder"}


def _failure(target: Path, what: str, exc: OSError) -> OutputError:
    reason = exc.strerror or type(exc).__name__
    hint = _HINTS.get(exc.errno or 0, "the previous outputs were left as they were")
    return OutputError(f"{target}: {what} ({reason}; {hint})")


@contextlib.contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside target; on success it replaces target, on any failure it is removed."""
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{target.stem}.pid{os.getpid()}.",
                                        suffix=f"{target.suffix}.tmp", dir=target.parent)
        os.close(handle)
    except OSError as exc:
        raise _failure(target, "cannot write here", exc) from exc
    tmp = Path(name)
    tmp.unlink()  # writers such as GDAL want to create the file themselves
    try:
        yield tmp
        if not tmp.exists():
            raise OutputError(f"{target}: the writer produced no file")
        os.replace(tmp, target)
    except OSError as exc:
        raise _failure(target, "write failed", exc) from exc
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


class OutputSet:
    """The files of one run: each is written under `path(name)` in a staging folder, then `commit` moves them
    all into `out_dir`. Names are fixed by the program (never taken from inputs) and must be plain names."""

    def __init__(self, out_dir: Path, staging: Path):
        self.out_dir, self.staging = out_dir, staging
        self.names: list[str] = []

    def path(self, name: str) -> Path:
        """Where to write the output called `name` (e.g. "map.html") during the run."""
        if not name or Path(name).name != name or name.startswith(".") or name in ("..", "."):
            raise ValueError(f"output name must be a plain file name, not {name!r}")
        if name not in self.names:
            self.names.append(name)
        return self.staging / name

    def final(self, path: str | Path) -> Path:
        """The place in out_dir of a staged path (other paths are returned unchanged)."""
        path = Path(path)
        return self.out_dir / path.name if path.parent == self.staging else path

    def commit(self) -> list[Path]:
        """Move every staged output into out_dir (a few renames: the only window a kill can split)."""
        moved = []
        for name in self.names:
            staged, target = self.staging / name, self.out_dir / name
            if not staged.exists():
                continue
            try:
                if staged.is_dir() and target.is_dir():
                    old = self.staging / f".old-{name}"
                    os.replace(target, old)
                    os.replace(staged, target)
                    shutil.rmtree(old, ignore_errors=True)
                else:
                    os.replace(staged, target)
            except OSError as exc:
                raise _failure(target, "cannot move into place", exc) from exc
            moved.append(target)
        return moved


@contextlib.contextmanager
def staged_outputs(out_dir: str | Path) -> Iterator[OutputSet]:
    """An `OutputSet` for out_dir: committed when the block ends normally, thrown away when it raises."""
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        clean_stale(out_dir)
        staging = Path(tempfile.mkdtemp(prefix=f"{STAGE_PREFIX}.pid{os.getpid()}.", dir=out_dir))
    except OSError as exc:
        raise _failure(out_dir, "cannot write here", exc) from exc
    outputs = OutputSet(out_dir, staging)
    try:
        yield outputs
        outputs.commit()
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, but another user's
        return True
    return True


def clean_stale(folder: str | Path) -> list[Path]:
    """Remove temporary files and staging folders left in `folder` by runs that were killed (their process
    is gone). Files of a run still going are left alone. Returns what was removed."""
    folder = Path(folder)
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for entry in entries:
        found = _STALE.match(entry.name)
        if found is None or (".tmp" not in entry.name and not entry.name.startswith(STAGE_PREFIX)):
            continue
        if _alive(int(found.group(1))):
            continue
        try:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        except OSError as exc:
            log.warning("%s: cannot remove a stale temporary file (%s)", entry, exc.strerror)
            continue
        removed.append(entry)
    if removed:
        log.info("removed %d temporary files left by an interrupted run in %s", len(removed), folder)
    return removed
