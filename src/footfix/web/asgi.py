"""The entry point uvicorn imports in every worker: the app from the environment's settings."""

from __future__ import annotations

from fastapi import FastAPI

from footfix.private_files import restrict_new_files


def app_from_env() -> FastAPI:
    from footfix.web.app import create_app
    from footfix.web.settings import WebSettings

    restrict_new_files()  # the database, its journals and the secret file: 0600
    return create_app(WebSettings())
