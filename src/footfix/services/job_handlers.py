"""The built-in job kinds. Each handler calls the same service an interface would call."""

from __future__ import annotations

from typing import Any

from footfix.services.identity import RunnerUid
from footfix.services.jobs import JobContext, register


@register("export")
def export_job(ctx: JobContext) -> dict[str, Any]:
    """A runner's whole export; the result is the document (as ``footfix export`` writes)."""
    from footfix.services import tracking

    runner = RunnerUid(str(ctx.params["runner_uid"]))
    ctx.progress(0.1)
    return tracking.export_runner(ctx.store, ctx.actor, runner)
