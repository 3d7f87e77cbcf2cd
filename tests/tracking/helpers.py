from __future__ import annotations

import datetime as dt
from typing import Any

from footfix.tracking.log_entry import DayLog

START = dt.date(2026, 1, 5)


def day(offset: int, **fields: Any) -> DayLog:
    return DayLog.model_validate({"day": START + dt.timedelta(days=offset), **fields})


def run(km: float, **fields: Any) -> dict[str, Any]:
    return {"distance_km": km, **fields}
