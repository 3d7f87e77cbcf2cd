"""Prometheus metrics (``/metrics``) and the access log, from one ASGI middleware.

- ``footfix_http_request_duration_seconds``: a histogram by method, route *template*
  (``/api/v1/runners/{uid}/logs``, never the path with its ids) and status.
- ``footfix_jobs``: jobs by kind and status, read from the jobs table at each scrape, so every
  worker answers the same; ``footfix_job_duration_seconds``: how long the jobs that finished in
  the last hour ran, by kind.
- Several uvicorn workers share their figures through prometheus-client's multiprocess mode:
  ``footfix serve`` points ``PROMETHEUS_MULTIPROC_DIR`` at a fresh folder before the workers
  start, and a scrape of any worker sums them all.

The access log line is JSON with the method, the route template, the status and the time taken:
no path, no query, no body, so no id or health data can reach the log through it.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterable, Iterator
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily, HistogramMetricFamily, Metric
from prometheus_client.registry import Collector
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from footfix.services.job_figures import JobFigures, job_figures
from footfix.web.deps import get_store

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
JOB_BUCKETS = (0.1, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 900.0)
ACCESS = logging.getLogger("footfix.access")

REQUEST_SECONDS = Histogram(
    "footfix_http_request_duration_seconds",
    "Time from a request's arrival to the end of its response, by route template",
    ("method", "route", "status"),
    buckets=LATENCY_BUCKETS,
)

router = APIRouter(include_in_schema=False)


class RequestMetrics:
    """Times every HTTP request and records it under its route template."""

    def __init__(self, app: ASGIApp, access_log: bool) -> None:
        self.app = app
        self.access_log = access_log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        began = time.perf_counter()
        status = 500  # what the client gets when the app raises before answering

        async def note(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, note)
        finally:
            seconds = time.perf_counter() - began
            route = route_template(scope)
            method = str(scope.get("method", ""))
            REQUEST_SECONDS.labels(method, route, str(status)).observe(seconds)
            if self.access_log:
                ms = round(seconds * 1000, 1)
                ACCESS.info(
                    "%s %s %d %.1f ms",
                    method,
                    route,
                    status,
                    ms,
                    extra={"method": method, "route": route, "status": status, "ms": ms},
                )


def route_template(scope: Scope) -> str:
    """The matched route's template; one label for everything unmatched (bounded labels)."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    return str(path) if path else "unmatched"


@router.get("/metrics")
async def metrics(request: Request) -> Response:
    figures = await run_in_threadpool(job_figures, get_store(request))
    registry = CollectorRegistry(auto_describe=False)
    if os.environ.get(MULTIPROC_ENV):
        from prometheus_client import multiprocess

        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    else:
        registry.register(_ThisProcess())
    registry.register(_Jobs(figures))
    return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)


class _ThisProcess(Collector):
    """The default registry's metrics (one process: no multiprocess folder)."""

    def collect(self) -> Iterable[Metric]:
        return REGISTRY.collect()


class _Jobs(Collector):
    def __init__(self, figures: JobFigures) -> None:
        self.figures = figures

    def collect(self) -> Iterator[Metric]:
        counts = GaugeMetricFamily(
            "footfix_jobs", "Jobs in the jobs table by kind and status", labels=("kind", "status")
        )
        for (kind, status), n in sorted(self.figures.counts.items()):
            counts.add_metric((kind, status), n)
        yield counts
        queued = GaugeMetricFamily("footfix_job_queue_depth", "Jobs waiting to be run")
        queued.add_metric((), self.figures.waiting())
        yield queued
        yield _histogram(self.figures)


def _histogram(figures: JobFigures) -> HistogramMetricFamily:
    family = HistogramMetricFamily(
        "footfix_job_duration_seconds",
        "How long the jobs that finished in the last hour ran, by kind",
        labels=("kind",),
    )
    by_kind: dict[str, list[float]] = {}
    for kind, _status, seconds in figures.durations:
        by_kind.setdefault(kind, []).append(seconds)
    for kind, values in sorted(by_kind.items()):
        buckets: list[tuple[str, Any]] = [
            (str(edge), sum(1 for v in values if v <= edge)) for edge in JOB_BUCKETS
        ]
        buckets.append(("+Inf", len(values)))
        family.add_metric((kind,), buckets, sum(values))
    return family
