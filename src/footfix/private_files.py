"""Files holding health data are the runner's alone: created 0600 in folders created 0700.

The database, exports, stride metrics and keyframe images of the runner's body are made through
these helpers. A file is written to a temporary file created exclusively (``O_EXCL``, so a
planted file or symlink is never opened) in the target's own folder and then renamed over the
target: a rename replaces a symlink itself and never follows it, and a reader never sees half a
file. Interfaces also call :func:`restrict_new_files` at start so that whatever a library
writes for footfix (SQLite journals, matplotlib charts) is private too.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700


class NotAFileTarget(OSError):
    """The target is a folder (or otherwise not a place a file can be written)."""


def restrict_new_files() -> None:
    """New files and folders of this process are private (umask 077)."""
    os.umask(0o077)


def private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents) as 0700 folders; an existing folder is left as is."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=DIR_MODE)
            os.chmod(folder, DIR_MODE)  # mkdir's mode is narrowed by the umask, never widened
    return path


def create_private(path: Path) -> None:
    """Create an empty 0600 file unless one exists (e.g. before SQLite opens a new database)."""
    private_dir(path.parent)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, FILE_MODE))


def write_private(path: Path, data: bytes | str) -> Path:
    """Write ``data`` to ``path`` atomically as a 0600 file; never follows a symlink."""
    if path.is_dir() and not path.is_symlink():
        raise NotAFileTarget(f"{path} is a folder: give a file name to write to")
    folder = path.parent if str(path.parent) else Path(".")
    private_dir(folder)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".partial")
    try:
        with os.fdopen(handle, "wb") as out:  # mkstemp: O_EXCL, mode 0600
            out.write(raw)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return path


def make_private(paths: list[Path]) -> list[Path]:
    """Narrow files another library wrote to 0600."""
    for path in paths:
        if path.is_file() and not path.is_symlink():
            os.chmod(path, FILE_MODE)
    return paths
