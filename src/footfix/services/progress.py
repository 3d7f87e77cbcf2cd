"""How a long use case reports progress and learns it should stop, without knowing the interface.

The CLI draws a Rich bar from the callback; a web job would store the figures for polling.
"""

from __future__ import annotations

from collections.abc import Callable

from footfix.errors import Cancelled

#: (what is happening, units done, units in all or None while unknown)
ProgressCallback = Callable[[str, int, int | None], None]
#: returns True once the caller wants the work stopped
CancelCheck = Callable[[], bool]


def report(callback: ProgressCallback | None, stage: str, done: int, total: int | None) -> None:
    if callback is not None:
        callback(stage, done, total)


def check_cancelled(cancelled: CancelCheck | None) -> None:
    """Raise :class:`Cancelled` between steps; nothing half-done is kept by the callers."""
    if cancelled is not None and cancelled():
        raise Cancelled("stopped on request; nothing half-done was kept")
