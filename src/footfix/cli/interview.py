"""``footfix interview``: ask the case questions in the terminal, write a case file, assess it.

An empty answer means "don't know" and leaves the field unknown. Questions that cannot apply are
skipped (running questions when not running, hop test while walking hurts or bone signs exist).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml

from footfix.cli.errors import fail
from footfix.cli.output import make_console, styled

console = make_console()
Answers = dict[str, Any]


@dataclass(frozen=True)
class Ask:
    path: str  # dotted case field
    prompt: str
    kind: str  # choice | choices | yesno | number | pair | distance
    options: tuple[str, ...] = ()
    low: float = 0
    high: float = 1000
    skip: Callable[[Answers], bool] | None = None


def _get(a: Answers, path: str) -> Any:
    node: Any = a
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def _not_running(a: Answers) -> bool:
    return _get(a, "history.currently_running.running") is not True


def _hop_unsafe(a: Answers) -> bool:
    walk = _get(a, "history.walk_stand_tolerance_min")
    return bool(
        _get(a, "history.night_pain")
        or _get(a, "history.rest_pain")
        or _get(a, "history.weight_bearing") in ("painful", "unable")
        or (walk is not None and walk < 30)
    )


QUESTIONS: tuple[Ask, ...] = (
    Ask("patient.painful_side", "Which foot hurts", "choice", ("left", "right", "both")),
    Ask("patient.age", "Age in years", "number", low=6, high=100),
    Ask("patient.sex", "Sex", "choice", ("female", "male", "other")),
    Ask("history.duration_weeks", "How many weeks has it hurt", "number", high=1040),
    Ask("history.onset", "Did it start gradually or suddenly", "choice", ("gradual", "sudden")),
    Ask("history.trauma", "Did it start with a fall, twist or landing on something", "yesno"),
    Ask(
        "history.pain_location",
        "Where does it hurt (comma-separated)",
        "choices",
        (
            "medial_heel",
            "central_heel",
            "lateral_heel",
            "posterior_heel",
            "medial_arch",
            "lateral_midfoot",
            "dorsal_midfoot",
            "forefoot",
            "toes",
            "medial_ankle",
            "lateral_ankle",
            "whole_sole",
        ),
    ),
    Ask(
        "history.pain_quality",
        "What does it feel like (comma-separated)",
        "choices",
        (
            "sharp",
            "aching",
            "burning",
            "tingling",
            "numbness",
            "shooting",
            "bruise_like",
            "throbbing",
        ),
    ),
    Ask("history.first_step_pain", "Are the first steps after sleep or sitting the worst", "yesno"),
    Ask("history.warms_up", "Does it ease after a few minutes of activity", "yesno"),
    Ask("history.night_pain", "Does it wake you at night", "yesno"),
    Ask("history.rest_pain", "Does it ache at rest", "yesno"),
    Ask(
        "history.associated",
        "Any of these (comma-separated; Enter for none)",
        "choices",
        (
            "swelling",
            "bruising",
            "felt_pop",
            "foot_weakness",
            "back_pain",
            "radiating_down_leg",
            "saddle_numbness",
            "bladder_bowel_change",
            "fever",
            "unexplained_weight_loss",
            "other_joint_pain",
            "cold_pale_foot",
            "calf_swelling",
        ),
    ),
    Ask(
        "history.medical_history",
        "Any of these in your history (comma-separated; Enter for none)",
        "choices",
        (
            "diabetes",
            "inflammatory_arthritis",
            "psoriasis",
            "cancer",
            "osteoporosis",
            "menstrual_irregularity",
            "low_energy_availability",
            "previous_stress_fracture",
            "heel_steroid_injection",
            "lumbar_disc_or_sciatica",
        ),
    ),
    Ask("history.pain_nrs.worst", "Worst pain this week, 0-10", "number", high=10),
    Ask("history.pain_nrs.typical", "Typical pain, 0-10", "number", high=10),
    Ask(
        "history.walk_stand_tolerance_min",
        "Minutes of walking or standing before the pain passes 3/10",
        "number",
        high=1440,
    ),
    Ask("history.weight_bearing", "Standing on it is", "choice", ("full", "painful", "unable")),
    Ask("history.currently_running.running", "Are you running at the moment", "yesno"),
    Ask(
        "history.currently_running.sessions_per_week",
        "Runs per week",
        "number",
        high=21,
        skip=_not_running,
    ),
    Ask(
        "history.currently_running.longest_run",
        "Longest recent run (e.g. '5 km' or '3 mi')",
        "distance",
        skip=_not_running,
    ),
    Ask(
        "history.currently_running.continuous",
        "Do you run without walk breaks",
        "yesno",
        skip=_not_running,
    ),
    Ask(
        "history.currently_running.pain_during",
        "Pain while running, 0-10",
        "number",
        high=10,
        skip=_not_running,
    ),
    Ask(
        "history.currently_running.worse_next_morning",
        "Is it worse the morning after a run",
        "yesno",
        skip=_not_running,
    ),
    Ask(
        "history.currently_running.hills", "Do your runs include hills", "yesno", skip=_not_running
    ),
    Ask(
        "exam.knee_to_wall_cm",
        "Knee-to-wall distance in cm, left and right (e.g. '10 8')",
        "pair",
        low=-5,
        high=25,
    ),
    Ask(
        "exam.heel_raise_single_leg_reps",
        "Single-leg heel raises, left and right (e.g. '25 18')",
        "pair",
        high=200,
    ),
    Ask(
        "exam.hop_pain",
        "Do 10 hops on the painful foot reproduce the pain",
        "choice",
        ("positive", "negative"),
        skip=_hop_unsafe,
    ),
)


def _parse(q: Ask, raw: str) -> Any:
    text = raw.strip().lower()
    if q.kind == "choice":
        if text not in q.options:
            raise ValueError(f"choose one of: {', '.join(q.options)}")
        return text
    if q.kind == "choices":
        items = [t.strip() for t in text.replace(";", ",").split(",") if t.strip()]
        bad = [t for t in items if t not in q.options]
        if bad:
            raise ValueError(f"unknown {bad}; choose from: {', '.join(q.options)}")
        return items
    if q.kind == "yesno":
        if text in ("y", "yes"):
            return True
        if text in ("n", "no"):
            return False
        raise ValueError("answer yes or no (Enter to skip)")
    if q.kind == "distance":
        parts = text.split()
        if len(parts) != 2 or parts[1] not in ("km", "mi"):
            raise ValueError("give a number and km or mi, e.g. '5 km'")
        value = float(parts[0])
        if not 0 <= value <= 1000:
            raise ValueError("a distance from 0 to 1000")
        return {"value": value, "unit": parts[1]}
    numbers = [float(t) for t in text.replace(",", " ").split()]
    if q.kind == "pair" and len(numbers) != 2:
        raise ValueError("give two numbers: left then right")
    if q.kind == "number" and len(numbers) != 1:
        raise ValueError("give one number")
    for n in numbers:
        if not q.low <= n <= q.high:
            raise ValueError(f"a number from {q.low:g} to {q.high:g}")
    if q.kind == "pair":
        return {"left": numbers[0], "right": numbers[1]}
    return numbers[0]


def _set(a: Answers, path: str, value: Any) -> None:
    *parents, leaf = path.split(".")
    node = a
    for part in parents:
        node = node.setdefault(part, {})
    node[leaf] = value


def ask_all(read: Callable[[str], str | None]) -> Answers:
    answers: Answers = {"case_format": 1}
    for q in QUESTIONS:
        if q.skip and q.skip(answers):
            continue
        hint = f" [{'/'.join(q.options)}]" if q.kind == "choice" else ""
        while True:
            raw = read(f"{q.prompt}{hint}? (Enter = don't know) ")
            if raw is None or not raw.strip():
                break
            try:
                _set(answers, q.path, _parse(q, raw))
                break
            except ValueError as err:
                console.print(styled("[red]{}[/]", err))
    return answers


def _read_line(prompt: str) -> str | None:
    try:
        return input(prompt)
    except EOFError:
        return None


def interview(
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Where to write the case file.")
    ] = None,
) -> None:
    from footfix.cli.core_commands import assess
    from footfix.intake.errors import IntakeError
    from footfix.intake.load import parse_case

    console.print(
        styled(
            "[bold]footfix interview[/] - press Enter to skip any question you cannot answer.\n"
            "[dim]Decision support only; it does not diagnose.[/]"
        )
    )
    answers = ask_all(_read_line)
    answers["id"] = f"interview-{dt.date.today().isoformat()}"
    try:
        parse_case(answers, "interview")
    except IntakeError as err:
        fail("the answers do not form a valid case:", err.problems)
    path = out or Path(f"footfix-case-{dt.date.today().isoformat()}.yaml")
    if path.exists():
        fail(f"{path} already exists; choose another name with --out")
    path.write_text(yaml.safe_dump(answers, sort_keys=False), encoding="utf-8")
    console.print(styled("\nCase written to [bold]{}[/].\n", path))
    assess(path)
