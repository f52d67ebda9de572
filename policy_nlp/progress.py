"""A progress display for batch runs: a redrawn bar on a terminal, plain periodic lines otherwise.

No dependency (no tqdm). It writes only to the stream it is given (the CLI passes ``sys.stderr``).

>>> import io
>>> out = io.StringIO()
>>> p = Progress(4, stream=out, tty=False, interval=0, clock=iter(range(100)).__next__)
>>> p.update(done=2, failed=1)
>>> p.close(done=4, failed=1)
>>> print(out.getvalue(), end="")
batch: 2/4 files (50%), 2.0 docs/s, 1 failed, 0 skipped, 0:00:01 elapsed
batch: 4/4 files (100%), 2.0 docs/s, 1 failed, 0 skipped, 0:00:02 elapsed
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

__all__ = ["Progress", "format_duration"]


def format_duration(seconds: float) -> str:
    """``H:MM:SS``.

    >>> format_duration(3725.4)
    '1:02:05'
    """
    s = int(seconds)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


class Progress:
    """Progress over ``total`` files. On a TTY the bar is redrawn in place at most every ``refresh``
    seconds; on anything else one line is written every ``interval`` seconds and at :meth:`close`."""

    def __init__(
        self,
        total: int,
        *,
        stream: TextIO | None = None,
        tty: bool | None = None,
        interval: float = 10.0,
        refresh: float = 0.1,
        width: int = 24,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.interval = refresh if self.tty else interval
        self.width = width
        self.clock = clock
        self.t0 = clock()
        self.last = self.t0
        self.done = self.failed = self.skipped = 0

    def _rate(self, now: float) -> float:
        return (self.done - self.skipped) / (now - self.t0) if now > self.t0 else 0.0

    def render(self, now: float) -> str:
        """The status text (the bar on a TTY, a line otherwise)."""
        pct = 100 * self.done / self.total if self.total else 100.0
        rate = self._rate(now)
        elapsed = format_duration(now - self.t0)
        tail = f"{rate:.1f} docs/s, {self.failed} failed, {self.skipped} skipped"
        if not self.tty:
            return f"batch: {self.done}/{self.total} files ({pct:.0f}%), {tail}, {elapsed} elapsed"
        filled = int(self.width * self.done / self.total) if self.total else self.width
        bar = "█" * filled + "░" * (self.width - filled)
        left = (self.total - self.done) / rate if rate > 0 else 0.0
        eta = format_duration(left) if rate > 0 and self.done < self.total else "--:--"
        return f"{bar} {self.done}/{self.total} files {pct:3.0f}%  {tail}  {elapsed} < {eta}"

    def update(self, *, done: int, failed: int = 0, skipped: int = 0) -> None:
        """Set the counts (files finished, of them failed and skipped) and redraw when it is time."""
        self.done, self.failed, self.skipped = done, failed, skipped
        now = self.clock()
        if now - self.last >= self.interval:
            self.last = now
            self._write(now)

    def _write(self, now: float) -> None:
        if self.tty:
            self.stream.write("\r\x1b[2K" + self.render(now))
        else:
            self.stream.write(self.render(now) + "\n")
        self.stream.flush()

    def close(
        self, *, done: int | None = None, failed: int | None = None, skipped: int | None = None
    ) -> None:
        """Final counts, a final draw, and a newline after a bar."""
        if done is not None:
            self.done = done
        if failed is not None:
            self.failed = failed
        if skipped is not None:
            self.skipped = skipped
        self._write(self.clock())
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()
