"""A Rich progress bar on stderr driven by a service's progress callback."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from footfix.cli.errors import console
from footfix.services.progress import ProgressCallback


@contextmanager
def progress_bar(show: bool = True, counts: bool = False) -> Iterator[ProgressCallback | None]:
    """Yields the callback to hand to a service (None when nothing should be drawn)."""
    if not show:
        yield None
        return
    columns = [TextColumn("{task.description}"), BarColumn()]
    columns += [MofNCompleteColumn()] if counts else []
    with Progress(*columns, TimeRemainingColumn(), console=console, transient=True) as bar:
        task = bar.add_task("", total=None)

        def update(stage: str, done: int, total: int | None) -> None:
            bar.update(task, description=stage, completed=done, total=total)

        yield update
