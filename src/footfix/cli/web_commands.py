"""``footfix serve`` (the web app and REST API, uvicorn) and ``footfix user`` (web accounts, for
whoever runs this footfix: no mail server is needed to reset a password)."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from footfix.cli.errors import fail

# prometheus-client's multiprocess folder (named here: importing the client before it is set
# would make this process's metrics single-process ones)
_MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"

user_app = typer.Typer(help="Web accounts: reset tokens and roles.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command("serve", help="Start the web app and REST API (http://127.0.0.1:8000 by default).")(
        serve
    )
    app.add_typer(user_app, name="user")


@user_app.command("reset-token")
def reset_token(
    email: Annotated[str, typer.Argument(help="The account's e-mail address.")],
) -> None:
    """Print a one-time token the user enters at /reset-password to set a new password."""
    from footfix.services.accounts import issue_reset_token
    from footfix.services.store_access import open_store
    from footfix.web.settings import WebSettings

    settings = WebSettings()
    with open_store(settings.store_settings()) as store:
        token = issue_reset_token(store, email, minutes=settings.reset_token_minutes)
    typer.echo(token)
    typer.echo(
        f"Valid once, for {settings.reset_token_minutes} minutes: the user enters it at "
        "/reset-password with a new password.",
        err=True,
    )


@user_app.command("role")
def role(
    email: Annotated[str, typer.Argument(help="The account's e-mail address.")],
    new_role: Annotated[str, typer.Argument(metavar="ROLE", help="runner, clinician or admin")],
) -> None:
    """Change an account's role."""
    from footfix.services.accounts import set_role
    from footfix.services.store_access import open_store

    with open_store() as store:
        user = set_role(store, email, new_role)
    typer.echo(f"{user.email} is now {user.role}.")


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
    from footfix.web.logging_config import log_config

    # migrate once here, before any worker starts, so workers never race on the schema
    open_store_for_server(settings.store_settings()).close()
    _metrics_folder()
    typer.echo(
        f"footfix is serving on http://{settings.host}:{settings.port} with "
        f"{settings.workers} worker(s) (Ctrl-C stops)"
    )
    uvicorn.run(
        "footfix.web.asgi:app_from_env",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        proxy_headers=True,
        forwarded_allow_ips=settings.forwarded_allow_ips,
        server_header=False,
        log_level=settings.log_level,
        log_config=log_config(settings.log_level, settings.json_logs),
        access_log=False,  # footfix writes its own access lines: route templates, no paths
    )


def _metrics_folder() -> None:
    """A fresh folder where the workers' Prometheus figures meet (multiprocess mode); it must be
    in the environment before any worker imports prometheus-client."""
    import shutil
    import tempfile

    given = os.environ.get(_MULTIPROC_ENV)
    if given:  # the deployer's folder: empty it, figures of a previous run would be summed in
        for stale in os.scandir(given):
            if stale.name.endswith(".db"):
                os.unlink(stale.path)
        return
    folder = tempfile.mkdtemp(prefix="footfix-metrics-")
    os.environ[_MULTIPROC_ENV] = folder
    import atexit

    atexit.register(shutil.rmtree, folder, ignore_errors=True)
