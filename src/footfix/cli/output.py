"""Terminal output that shows outside text literally, never as markup.

Every console the CLI prints through comes from :func:`make_console`, which turns Rich's markup,
emoji codes and highlighting off: a path, a runner name or a case id such as ``[/b]x`` or
``:warning:`` is printed as typed and can neither crash the output nor restyle it. Styling is
our own: :func:`styled` reads markup from a template written in this code base only and inserts
each outside value as plain text.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.text import Text

_FIRST_MARK = 0xF0000  # a private-use plane: never in a template of ours


def make_console(*, stderr: bool = False) -> Console:
    """A console that prints strings as they are (no markup, emoji codes or highlighting)."""
    return Console(stderr=stderr, markup=False, emoji=False, highlight=False)


def styled(template: str, *values: object) -> Text:
    """``template`` is markup of ours with ``{}`` slots; each value fills one slot literally.

    ``styled("[bold]{}[/] is unknown", name)`` shows the name in bold, whatever it contains.
    The slots are parsed as private-use marks and the values put in afterwards, so no value is
    ever read as markup (escaping is not enough: Rich's ``escape`` misses trailing backslashes).
    """
    marks = {chr(_FIRST_MARK + i): str(value) for i, value in enumerate(values)}
    parsed = Text.from_markup(template.format(*marks), emoji=False)
    out = Text(style=parsed.style, end=parsed.end)
    start = 0
    for pos, char in enumerate(parsed.plain):
        if char not in marks:
            continue
        out.append_text(parsed[start:pos])
        value, at = marks[char], len(out)
        out.append(value)
        for span in parsed.spans:
            if span.start <= pos < span.end:
                out.stylize(span.style, at, at + len(value))
        start = pos + 1
    out.append_text(parsed[start:])
    return out


def literal(value: object, style: str = "") -> Text:
    """An outside value as a Text that no renderer reads markup from (titles, cells)."""
    return Text(str(value), style=style)


def write_file(path: Path, data: bytes | str) -> None:
    """Write an output file atomically (0600: it may hold health data) or fail with exit 2."""
    from footfix.cli.errors import fail
    from footfix.private_files import write_private

    if path.is_dir():
        fail(f"{path} is a folder: give the file to write, e.g. {path / 'out'}")
    try:
        write_private(path, data)
    except OSError as err:
        fail(f"cannot write {path}: {err.strerror or err}. Nothing was written.")
