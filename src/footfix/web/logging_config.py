"""The server's logging: one JSON object per line on stderr (python-json-logger), or plain text.

Only three kinds of line are written: uvicorn's start/stop messages, footfix's access lines
(method, route template, status, time: see ``web.metrics``) and a bug's error type and path
(``web.errors``). uvicorn's own access log is off, since it writes the full path and query.
"""

from __future__ import annotations

from typing import Any

JSON_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"
PLAIN_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_config(level: str, json_lines: bool) -> dict[str, Any]:
    """A ``logging.config.dictConfig`` for uvicorn's ``log_config``."""
    formatter: dict[str, Any] = (
        {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": JSON_FORMAT,
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        }
        if json_lines
        else {"format": PLAIN_FORMAT}
    )
    handler = {"class": "logging.StreamHandler", "formatter": "main", "stream": "ext://sys.stderr"}
    upper = level.upper()
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"main": formatter},
        "handlers": {"main": handler},
        "loggers": {
            "uvicorn": {"handlers": ["main"], "level": upper, "propagate": False},
            "uvicorn.error": {"level": upper},
            "uvicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
            "footfix": {"handlers": ["main"], "level": upper, "propagate": False},
        },
    }
