"""Write outputs atomically: to a temporary file in the same folder, renamed into place on success."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ..exc import OutputError


@contextlib.contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside target; on success it replaces target, on any failure it is removed."""
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=f"{target.suffix}.tmp", dir=target.parent)
        os.close(handle)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write here ({exc.strerror})") from exc
    tmp = Path(name)
    tmp.unlink()  # writers such as GDAL want to create the file themselves
    try:
        yield tmp
        os.replace(tmp, target)
    except OSError as exc:
        raise OutputError(f"{target}: write failed ({exc.strerror})") from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
