"""Ctrl-C as a request to stop between two steps of a service, instead of an exception anywhere.

Used where stopping mid-step would cost more than finishing it (storing: a file's transaction
takes milliseconds). The first Ctrl-C sets the event the service polls; a second one interrupts
at once, as Ctrl-C normally does.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


@contextmanager
def stop_requested_on_ctrl_c() -> Iterator[threading.Event]:
    stop = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield stop  # signals reach the main thread only: nothing to install here
        return

    def on_sigint(_signum: int, _frame: FrameType | None) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        yield stop
    finally:
        signal.signal(signal.SIGINT, previous)
