"""``footfix activity list|delete``: see a runner's stored watch activities, undo a bad one."""

from __future__ import annotations

import typer

from footfix.cli.output import make_console

activity_app = typer.Typer(help="A runner's stored watch activities: list them, delete one.")


def register(app: typer.Typer) -> None:
    app.add_typer(activity_app, name="activity")


@activity_app.command("list")
def list_command(runner: str = typer.Option(..., "--runner", "-r", help="Runner name.")) -> None:
    """Every stored activity with the id that ``activity delete`` takes."""
    from footfix.cli.tables import WordTable
    from footfix.cli.tracking_commands import as_local_user, named
    from footfix.services.watch_import import list_stored

    rows = as_local_user(lambda store, me: list_stored(store, me, named(runner)))
    if not rows:
        typer.echo(f"No stored activities for {runner}.")
        return
    table = WordTable(title=f"Stored activities of {runner}")
    for header in ("id", "start (UTC)", "sport", "km", "minutes"):
        table.add_column(header)
    table.add_column("source", overflow="fold")
    for row in rows:
        r = row.record
        table.add_row(
            str(row.id),
            f"{r.start_utc:%Y-%m-%d %H:%M}",
            r.sport,
            f"{r.distance_m / 1000:.2f}",
            f"{r.elapsed_s / 60:.0f}",
            r.source,
        )
    make_console().print(table)


@activity_app.command("delete")
def delete_command(
    activity_id: int = typer.Argument(..., help="The id shown by 'footfix activity list'."),
    runner: str = typer.Option(..., "--runner", "-r", help="Runner name."),
) -> None:
    """Remove one stored activity (for example one imported from a broken file)."""
    from footfix.cli.tracking_commands import as_local_user, named
    from footfix.services.watch_import import delete_stored

    as_local_user(lambda store, me: delete_stored(store, me, named(runner), activity_id))
    typer.echo(f"Deleted activity {activity_id} of {runner}.")
