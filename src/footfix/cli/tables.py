"""Tables that wrap at word boundaries: no word is cut in two, even on an 80-column terminal.

Rich shrinks the widest columns of a table that is too wide for the terminal without regard to
their longest word, so a word can be split across two lines ("dorsiflexio" / "n"). A
:class:`WordTable` first gives every column its longest word (header included), then shares
the room left between the columns in proportion to how much more they would show. Only when
even the longest words cannot fit side by side does Rich's own narrowing apply. A column that
may cut its text (``overflow="fold"`` for file paths, ``"crop"``) or a :class:`Bar` keeps only
its header's longest word.
"""

from __future__ import annotations

import copy
import dataclasses

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import StyleType
from rich.table import Column, Table

CUTTABLE = ("fold", "crop")


class Bar:
    """A bar as long as ``fraction`` of the width its column is given (at most ``cells``)."""

    def __init__(self, fraction: float, *, cells: int = 20, style: StyleType = "") -> None:
        self.fraction = min(max(fraction, 0.0), 1.0)
        self.cells = cells
        self.style = style

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(0, self.cells).with_maximum(options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = min(self.cells, options.max_width)
        yield Segment("█" * round(self.fraction * width), console.get_style(self.style))


class WordTable(Table):
    """A :class:`rich.table.Table` whose columns keep their words whole."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width if self.width is None else self.width
        widths = word_widths(self, console, options.update_width(width))
        if widths is None:
            yield from super().__rich_console__(console, options)
            return
        fitted = copy.copy(self)
        fitted.columns = [
            dataclasses.replace(column, width=w)
            for column, w in zip(self.columns, widths, strict=True)
        ]
        yield from Table.__rich_console__(fitted, console, options)


def word_widths(table: Table, console: Console, options: ConsoleOptions) -> list[int] | None:
    """Content widths that keep every word whole in ``options.max_width``; None when Rich's own
    widths already do (everything fits) or nothing can (the longest words alone are too wide)."""
    columns = table.columns
    if not columns:
        return None
    padding = sum(table._get_padding_width(i) for i in range(len(columns)))
    room = options.max_width - table._extra_width - padding
    ranges = [_measure(table, column, console, options) for column in columns]
    least, most = [lo for lo, _ in ranges], [hi for _, hi in ranges]
    if sum(most) <= room or sum(least) > room:
        return None
    return _share(room, least, most)


def _measure(
    table: Table, column: Column, console: Console, options: ConsoleOptions
) -> tuple[int, int]:
    """(longest word, longest line) of a column's content, without padding."""
    if column.width is not None:
        return column.width, column.width
    cuttable = column.overflow in CUTTABLE
    labels: list[RenderableType] = [column.header] if table.show_header else []
    labels += [column.footer] if table.show_footer else []
    lo = hi = 0
    cells = [(label, True) for label in labels] + [(c, not cuttable) for c in column.cells]
    for cell, keep_words in cells:
        size = Measurement.get(console, options, cell)
        hi = max(hi, size.maximum)
        if keep_words and not isinstance(cell, Bar):
            lo = max(lo, size.minimum)
    if column.no_wrap and not cuttable:
        lo = hi
    if column.min_width is not None:
        lo, hi = max(lo, column.min_width), max(hi, column.min_width)
    if column.max_width is not None:
        lo, hi = min(lo, column.max_width), min(hi, column.max_width)
    return lo, max(lo, hi)


def _share(room: int, least: list[int], most: list[int]) -> list[int]:
    """Each column its least, and the spare room in proportion to what more it would show."""
    wants = [hi - lo for lo, hi in zip(least, most, strict=True)]
    spare, total = room - sum(least), sum(wants)
    shares = [spare * want // total for want in wants]
    short = sorted(range(len(wants)), key=lambda i: wants[i] - shares[i], reverse=True)
    for i in short[: spare - sum(shares)]:
        shares[i] += 1
    return [lo + share for lo, share in zip(least, shares, strict=True)]
