"""``footfix log``: quick flags for a day, or prompts when no flags are given at a terminal."""

from __future__ import annotations

import sys
from typing import Any

import typer

from footfix.cli import errors
from footfix.cli.tracking_commands import as_local_user, named, parse_day


def log(
    runner: str = typer.Option(..., "--runner", "-r", help="Runner name."),
    day: str | None = typer.Option(None, "--date", help="YYYY-MM-DD (default: today)."),
    first_step: float | None = typer.Option(None, help="First-step (morning) pain 0–10."),
    during: float | None = typer.Option(None, help="Pain during activity 0–10."),
    after: float | None = typer.Option(None, help="Pain after activity 0–10."),
    next_morning: str | None = typer.Option(None, help="better, same or worse."),
    walk_min: float | None = typer.Option(None, help="Minutes of walking/standing, mild pain."),
    run: float | None = typer.Option(None, help="Run distance, in the runner's units."),
    run_min: float | None = typer.Option(None, help="Run duration in minutes."),
    surface: str | None = typer.Option(None, help="road, path, track, treadmill, trail…"),
    hills: bool = typer.Option(False, "--hills", help="The run had hills."),
    walk_breaks: str | None = typer.Option(None, help="Run:walk minutes, e.g. 2:3."),
    shoes: str | None = typer.Option(None, help="stiff, usual, soft, minimal or barefoot."),
    sprints: bool = typer.Option(False, "--sprints", help="Build-up sprints after the run."),
    exercise: list[str] = typer.Option([], help="ID:SETSxREPS[:side], repeatable."),
    retest: list[str] = typer.Option([], help="TEST=VALUE[:side], repeatable."),
    red_flag: list[str] = typer.Option([], help="e.g. night_pain, swelling; repeatable."),
    note: str | None = typer.Option(None, help="Free text."),
    correct: bool = typer.Option(False, "--correct", help="Correct an already logged day."),
    reason: str | None = typer.Option(None, help="Why the correction (kept in history)."),
) -> None:
    from footfix.services import plain_words, tracking
    from footfix.services.log_input import parse_log

    fields: dict[str, Any] = {
        "day": parse_day(day) if day else None,
        "first_step_pain_nrs": first_step,
        "pain_during_nrs": during,
        "pain_after_nrs": after,
        "next_morning": next_morning,
        "walk_stand_tolerance_min": walk_min,
        "notes": note,
        "exercises": [_exercise(text) for text in exercise],
        "retests": [_retest(text) for text in retest],
        "red_flags": list(red_flag),
        "runs": [],
    }
    if run is not None:
        fields["runs"] = [_run(run, run_min, surface, hills, walk_breaks, shoes, sprints)]
    elif any(
        v not in (None, False) for v in (run_min, surface, hills, walk_breaks, shoes, sprints)
    ):
        errors.fail(
            "--run-min, --surface, --hills, --walk-breaks, --shoes and --sprints need --run"
        )
    if _nothing_given(fields) and _at_terminal() and not correct:
        fields.update(_prompt())
    if _nothing_given(fields):
        errors.fail("nothing to log: give at least one value (see footfix log --help)")
    entry = parse_log({k: v for k, v in fields.items() if v not in (None, [])})
    outcome = as_local_user(
        lambda store, me: tracking.log_day(
            store, me, named(runner), entry, correct=correct, correction_reason=reason
        )
    )
    what = "Corrected" if outcome.revision > 1 else "Logged"
    typer.echo(f"{what} {outcome.day} for {outcome.runner.name} (revision {outcome.revision}).")
    decision = outcome.decision
    if decision is None:
        typer.echo("An earlier day: phase decisions recorded after it are left as they are.")
        for note in outcome.notes:
            typer.echo(f"  note: {plain_words.plain(note)}")
    else:
        headline = "Phase changed to" if decision.changed else "Phase stays"
        typer.echo(f"{headline} {plain_words.phase_title(decision.phase).lower()}:")
        for text in decision.reasons:
            typer.echo(f"  - {plain_words.plain(text)}")
    from footfix.cli.outcome_commands import remind_due

    remind_due(outcome.runner.name)


def _at_terminal() -> bool:
    return sys.stdin.isatty()


def _nothing_given(fields: dict[str, Any]) -> bool:
    return all(value in (None, []) for key, value in fields.items() if key != "day")


def _prompt() -> dict[str, Any]:
    def number(text: str) -> float | None:
        answer = typer.prompt(text, default="", show_default=False).strip()
        try:
            return float(answer) if answer else None
        except ValueError:
            errors.fail(f"{text}: {answer!r} is not a number")
        return None

    answers: dict[str, Any] = {
        "first_step_pain_nrs": number("First-step pain this morning, 0–10 (blank: skip)"),
        "walk_stand_tolerance_min": number("Minutes of walking/standing with mild pain at most"),
        "pain_during_nrs": number("Pain during activity, 0–10"),
        "pain_after_nrs": number("Pain after activity, 0–10"),
    }
    distance = number("Run distance today (blank: no run)")
    if distance:
        answers["runs"] = [_run(distance, number("Run minutes"), None, False, None, None, False)]
    answers["notes"] = typer.prompt("Notes", default="", show_default=False) or None
    return answers


def _run(
    distance: float,
    minutes: float | None,
    surface: str | None,
    hills: bool,
    walk_breaks: str | None,
    shoes: str | None,
    sprints: bool,
) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "distance": distance,
        "duration_min": minutes,
        "surface": surface,
        "hills": hills,
        "shoes": shoes,
        "sprints": sprints,
        "continuous": walk_breaks is None,
    }
    if walk_breaks is not None:
        run_part, _, walk_part = walk_breaks.partition(":")
        try:
            entry["run_min"], entry["walk_min"] = float(run_part), float(walk_part)
        except ValueError:
            errors.fail(f"--walk-breaks {walk_breaks!r}: use RUN:WALK minutes, e.g. 2:3")
    return entry


def _exercise(text: str) -> dict[str, Any]:
    parts = text.split(":")
    try:
        sets, reps = parts[1].lower().split("x")
        entry: dict[str, Any] = {"exercise": parts[0], "sets": int(sets), "reps": int(reps)}
    except (IndexError, ValueError):
        errors.fail(f"--exercise {text!r}: use ID:SETSxREPS[:side], e.g. heel_raise_toe_up:3x12")
    if len(parts) > 2:
        entry["side"] = parts[2]
    return entry


def _retest(text: str) -> dict[str, Any]:
    test, _, rest = text.partition("=")
    value, _, side = rest.partition(":")
    try:
        entry: dict[str, Any] = {"test": test, "value": float(value)}
    except ValueError:
        errors.fail(
            f"--retest {text!r}: use TEST=VALUE[:side], e.g. heel_raise_single_leg_reps=18:left"
        )
    if side:
        entry["side"] = side
    return entry
