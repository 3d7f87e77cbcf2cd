"""The baseline for bench_web: a bare FastAPI route on the same uvicorn, nothing else."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import PlainTextResponse

app = FastAPI()


@app.get("/hello", response_class=PlainTextResponse)
def hello() -> str:
    return "hello"
