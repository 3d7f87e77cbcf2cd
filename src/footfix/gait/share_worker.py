"""A share's worker process, started as ``python -P -m footfix.gait.share_worker FD``.

The worker used to be a ``multiprocessing`` "spawn" process. Spawn re-runs the parent's main
script in the child (as ``__mp_main__``) so that pickled functions can be found: for
``footfix stride`` that is the console script, which imports the whole CLI, about 0.35 s of CPU
per clip for nothing. This entry module is the child's whole main script instead: it imports
only the share's own modules (:mod:`footfix.gait.halves`). Parent and child talk over a
``multiprocessing`` connection on a socket pair, whose child end is handed down as ``FD``.

``-P`` keeps the current directory out of the child's import path; the directory footfix was
imported from is put first on ``PYTHONPATH``, so the child runs the same code as the parent.
SIGINT ignored while the child starts (the caller's ``_sigint_ignored``) stays ignored in it:
Python installs its Ctrl-C handler only where SIGINT is at its default.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from multiprocessing import Pipe
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from footfix.gait.errors import GaitError

_MODULE = "footfix.gait.share_worker"


def _child_env() -> dict[str, str]:
    import footfix

    root = str(Path(footfix.__file__).resolve().parents[1])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([root, *filter(None, [env.get("PYTHONPATH")])])
    return env


class RemoteShare:
    """The parent's handle on one share in its own process (see :func:`main`)."""

    def __init__(self, tick: Callable[[int], None]) -> None:
        """Start the process; it imports its modules while the caller plans the shares, and
        waits for :meth:`begin`."""
        self.conn, child = Pipe()
        try:
            fd = child.fileno()
            self.proc = subprocess.Popen(
                [sys.executable, "-P", "-m", _MODULE, str(fd)],
                pass_fds=(fd,),
                env=_child_env(),
                stdin=subprocess.DEVNULL,
            )
        finally:
            child.close()
        self.tick = tick

    def begin(
        self,
        path: Path,
        share: tuple[int, int | None],
        budget: int,
        size: tuple[int, int],
        exact: bool = False,
    ) -> None:
        """Decode ``share`` (``[start, stop)``, ``stop`` None: to the end) and measure its
        motion; ``exact``: it starts on a key frame (see ``halves.worker_main``)."""
        self.conn.send((path, share, budget, size, exact))

    def alive(self) -> bool:
        return self.proc.poll() is None

    def send(self, command: str, args: object = None) -> None:
        self.conn.send((command, args))

    def result(self) -> Any:
        while True:
            if not self.conn.poll(0.2):
                if not self.alive():
                    raise GaitError("The pose worker stopped unexpectedly; try again.")
                continue
            try:
                tag, value = self.conn.recv()
            except EOFError:
                raise GaitError("The pose worker stopped unexpectedly; try again.") from None
            if tag == "tick":
                self.tick(value)
            elif tag == "error":
                raise value
            else:
                return value

    def kill(self) -> None:
        self.proc.terminate()
        self.proc.wait()

    def close_later(self) -> None:
        """Ask the worker to stop and wait for its exit in a thread, so that the caller goes on
        with the keypoints while MediaPipe tears down; the thread is not a daemon, so the
        interpreter still reaps the worker (and counts its CPU) before it exits."""
        threading.Thread(target=self.close, name="footfix-share-reaper").start()

    def close(self) -> None:
        with contextlib.suppress(BrokenPipeError, OSError):
            self.send("stop")
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.terminate()
            self.proc.wait()
        self.conn.close()


def main(argv: list[str]) -> None:
    conn = Connection(int(argv[1]))
    from footfix.gait.halves import worker_main  # imported while the parent plans the shares

    try:
        path, share, budget, size, exact = conn.recv()
    except EOFError:
        return
    worker_main(conn, path, share, budget, size, exact)


if __name__ == "__main__":
    main(sys.argv)
