"""``footfix serve``: the web app and REST API on this machine (uvicorn)."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from footfix.cli.errors import fail


def register(app: typer.Typer) -> None:
    app.command("serve", help="Start the web app and REST API (http://127.0.0.1:8000 by default).")(
        serve
    )


def serve(
    host: Annotated[
        str | None, typer.Option(help="Address to listen on (FOOTFIX_HOST; 127.0.0.1).")
    ] = None,
    port: Annotated[int | None, typer.Option(help="Port (FOOTFIX_PORT; 8000).")] = None,
    workers: Annotated[
        int | None, typer.Option(help="Worker processes (FOOTFIX_WORKERS; 1).")
    ] = None,
) -> None:
    import uvicorn
    from pydantic import ValidationError

    from footfix.web.settings import WebSettings

    overrides = {"FOOTFIX_HOST": host, "FOOTFIX_PORT": port, "FOOTFIX_WORKERS": workers}
    for name, value in overrides.items():
        if value is not None:
            os.environ[name] = str(value)  # the workers read their settings from the environment
    try:
        settings = WebSettings()
        settings.secret()
    except (ValidationError, ValueError) as err:
        fail(f"the web settings are not valid: {err}")
    from footfix.services.store_access import open_store_for_server

    # migrate once here, before any worker starts, so workers never race on the schema
    open_store_for_server(settings.store_settings()).close()
    typer.echo(f"footfix is serving on http://{settings.host}:{settings.port} (Ctrl-C stops)")
    uvicorn.run(
        "footfix.web.asgi:app_from_env",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        proxy_headers=True,
        forwarded_allow_ips=settings.forwarded_allow_ips,
        server_header=False,
        log_level="info",
    )
