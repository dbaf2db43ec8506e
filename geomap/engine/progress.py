"""Progress for long runs: a rich bar on a terminal; in CI (no terminal) a log line every tenth of the way."""

from __future__ import annotations

import logging
import sys
import time

log = logging.getLogger("geomap")


class Progress:
    """Counts documents done; `enabled=None` means a bar when standard error is a terminal."""

    def __init__(self, total: int, label: str, enabled: bool | None = None):
        self.total, self.label, self.done = total, label, 0
        self._bar = None
        self._started = time.perf_counter()
        self._next_log = max(1, total // 10)
        if enabled is None:
            enabled = sys.stderr.isatty() and total > 1
        if enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )
            from rich.progress import Progress as Bar

            self._bar = Bar(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), TimeRemainingColumn(), transient=True,
                            console=Console(stderr=True))  # standard output may carry data
            self._bar.start()
            self._task = self._bar.add_task(label, total=total)

    def advance(self, count: int = 1) -> None:
        self.done += count
        if self._bar is not None:
            self._bar.update(self._task, completed=self.done)
        elif self.total >= 100 and self.done >= self._next_log:
            rate = self.done / max(time.perf_counter() - self._started, 1e-9)
            log.info("%s: %d/%d (%.0f%%, %.0f/s)", self.label, self.done, self.total,
                     100 * self.done / self.total, rate)
            self._next_log += max(1, self.total // 10)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
