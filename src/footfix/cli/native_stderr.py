"""Keep the notes MediaPipe's C++ core writes straight to file descriptor 2 (its start-up lines,
``W0000 …`` warnings) off the runner's terminal, while everything Python writes to stderr (the
progress bar, errors) still reaches it.

For the length of a command that runs pose: descriptor 2 points at /dev/null and
``sys.stderr`` at a copy of the terminal's descriptor. ``FOOTFIX_DEBUG=1`` leaves them alone.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator


@contextlib.contextmanager
def native_chatter_hidden() -> Iterator[None]:
    if os.environ.get("FOOTFIX_DEBUG"):
        yield
        return
    try:
        sys.stderr.flush()
        terminal = os.dup(2)
    except (OSError, ValueError):  # no descriptor 2 to keep (e.g. closed): nothing to hide
        yield
        return
    kept = sys.stderr
    try:
        quiet = os.open(os.devnull, os.O_WRONLY)
        os.dup2(quiet, 2)
        os.close(quiet)
        if not _on_descriptor_2(kept):  # Python's stderr goes elsewhere (a test's capture)
            yield
            return
        encoding = getattr(kept, "encoding", None) or "utf-8"
        sys.stderr = open(terminal, "w", buffering=1, encoding=encoding, closefd=False)  # noqa: SIM115
        try:
            yield
        finally:
            sys.stderr.flush()
            sys.stderr.close()
            sys.stderr = kept
    finally:
        os.dup2(terminal, 2)
        os.close(terminal)


def _on_descriptor_2(stream: object) -> bool:
    try:
        return bool(stream.fileno() == 2)  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return False
