"""Only footfix.store imports SQLAlchemy or Alembic; footfix.tracking imports no interface."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "footfix"


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(
                node.module if node.module.startswith("footfix") else node.module.split(".")[0]
            )
    return found


def test_only_the_store_imports_the_database_libraries() -> None:
    offenders = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if "store" not in path.relative_to(SRC).parts[:1]
        and _imports(path) & {"sqlalchemy", "alembic", "psycopg"}
    ]
    assert offenders == []


def test_tracking_core_stays_pure() -> None:
    banned = {"sqlalchemy", "alembic", "typer", "rich", "matplotlib", "psycopg"}
    for path in (SRC / "tracking").rglob("*.py"):
        names = _imports(path)
        assert not names & banned, path
        assert not any(
            n.startswith(("footfix.store", "footfix.services", "footfix.cli")) for n in names
        )


def test_the_cli_loads_no_database_or_chart_library_until_a_command_runs() -> None:
    import subprocess
    import sys

    code = (
        "import sys, typer\n"
        "from footfix.cli import tracking_commands\n"
        "tracking_commands.register(typer.Typer())\n"
        "names = ('sqlalchemy', 'alembic', 'matplotlib', 'psycopg')\n"
        "heavy = [m for m in names if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
