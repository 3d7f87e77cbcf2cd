"""Show an assessment in the terminal: the answer first, then why."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text

from footfix.cli.tables import WordTable
from footfix.domain.result import AssessmentResult
from footfix.services.plain_words import plain

REFERRAL_STYLE = {
    "none": "green",
    "routine": "yellow",
    "urgent": "bold red",
    "emergency": "bold white on red",
}
REFERRAL_WORDS = {
    "none": "No referral needed on this information",
    "routine": "Routine review: see a physio, doctor or specialist within weeks",
    "urgent": "Urgent: see a doctor within days",
    "emergency": "EMERGENCY: go to hospital today",
}

# never "no referral needed" while warning signs are unanswered
SCREEN_OPEN = "Red-flag screen incomplete: no warning sign found so far, but not all were asked"
SCREEN_HOW = "Answer them with `footfix assess CASE --ask` (or `footfix interview`)."


def _words(identifier: str) -> str:
    """A phase's title from the knowledge base (never its internal id)."""
    from footfix.services.plain_words import phase_title

    return phase_title(identifier)


def _answer(r: AssessmentResult) -> Panel:
    lines = Text()
    if not r.assessed:
        lines.append(r.assess_note + "\n", style="bold yellow")
        return Panel(lines, title=f"footfix assessment - {r.case_id}", border_style="cyan")
    if r.referral == "none" and r.red_flag_screen_unanswered:
        lines.append(SCREEN_OPEN + "\n", style="bold yellow")
        from footfix.services.plain_words import plain

        unanswered = ", ".join(plain(s) for s in r.red_flag_screen_unanswered)
        lines.append("Still unanswered: " + unanswered + "\n")
        lines.append(SCREEN_HOW + "\n", style="yellow")
    else:
        lines.append(REFERRAL_WORDS[r.referral] + "\n", style=REFERRAL_STYLE[r.referral])
    if r.tissues:
        top = r.tissues[0]
        lines.append("Most likely painful tissue: ", style="bold")
        lines.append(f"{top.title} ({top.likelihood})\n")
    lines.append("Phase: ", style="bold")
    lines.append(_words(r.phase) + "\n")
    if r.root_causes:
        causes = ", ".join(
            c.title + ("" if c.side == "n/a" else f" ({c.side}, {c.relation} side)")
            for c in r.root_causes
        )
        lines.append("Root causes: ", style="bold")
        lines.append(causes + "\n")
    if r.expected_timeline:
        lines.append("Expected course: ", style="bold")
        lines.append(r.expected_timeline)
    return Panel(lines, title=Text(f"footfix assessment - {r.case_id}"), border_style="cyan")


def _flags(r: AssessmentResult) -> WordTable | None:
    if not r.red_flags:
        return None
    t = WordTable(title="Red flags (screened first)", show_lines=True, title_justify="left")
    t.add_column("Flag", style="bold red")
    t.add_column("Urgency")
    t.add_column("What to do")
    t.add_column("Because")
    for f in r.red_flags:
        t.add_row(f.title, f.urgency, plain(f.action), "\n".join(plain(b) for b in f.because))
    return t


def _tissues(r: AssessmentResult) -> WordTable:
    t = WordTable(title="What hurts - ranked tissues", show_lines=True, title_justify="left")
    t.add_column("#", justify="right")
    t.add_column("Tissue")
    t.add_column("Likelihood")
    t.add_column("For")
    t.add_column("Against")
    for i, tissue in enumerate(r.tissues[:5], 1):
        t.add_row(
            str(i),
            tissue.title,
            tissue.likelihood,
            "\n".join(plain(b) for b in tissue.because[:4]),
            "\n".join(plain(a) for a in tissue.against[:3]),
        )
    return t


def _causes(r: AssessmentResult) -> WordTable | None:
    if not r.root_causes:
        return None
    t = WordTable(title="Why - root causes", show_lines=True, title_justify="left")
    t.add_column("Cause")
    t.add_column("Side")
    t.add_column("Relation to painful foot")
    t.add_column("Because")
    for c in r.root_causes:
        t.add_row(c.title, c.side, c.relation, "\n".join(plain(b) for b in c.because[:4]))
    return t


def _plan(r: AssessmentResult) -> WordTable:
    t = WordTable(title=f"Plan - {_words(r.phase)}", show_lines=True, title_justify="left")
    t.add_column("Item")
    t.add_column("Category")
    t.add_column("Dose")
    t.add_column("Why")
    for p in r.plan:
        from footfix.services.plain_words import category_title, plain

        steps = ", ".join(category_title(c) for c in p.categories)
        t.add_row(p.title, steps, p.dose, "\n".join(plain(b) for b in p.because[:3]))
    return t


def _gate_and_unknowns(r: AssessmentResult) -> Group:
    parts: list[Text] = []
    if r.next_gate.phase:
        text = Text(f"Next gate - {_words(r.next_gate.phase)}\n", style="bold")
        for c in r.next_gate.criteria:
            mark = "[x]" if c in r.next_gate.met else "[ ]"
            text.append(f"  {mark} {plain(c)}\n")
        parts.append(text)
    if r.avoid:
        text = Text("Leave out for now\n", style="bold")
        for a in r.avoid:
            text.append(f"  - {a.title}: {plain(a.because[0])}\n")
        parts.append(text)
    if r.unknowns:
        text = Text("What would help most (unknown so far)\n", style="bold")
        for u in r.unknowns:
            text.append(f"  ? {plain(u.question)}\n", style="yellow")
            text.append(f"    {plain(u.why)}\n", style="dim")
        parts.append(text)
    return Group(*parts)


def _summary(result: AssessmentResult) -> Panel:
    """The same "This week" as the web's result page (services.result_summary)."""
    from footfix.services.result_summary import summarise

    s = summarise(result)
    lines = Text()
    lines.append(s.headline + "\n", style=REFERRAL_STYLE[result.referral])
    if s.screen_unanswered:
        named, more = s.screen_unanswered[:3], len(s.screen_unanswered) - 3
        lines.append(
            f"Still unanswered: {len(s.screen_unanswered)} warning signs ("
            + ", ".join(named)
            + (f" and {more} more" if more > 0 else "")
            + ")\n"
        )
        lines.append(SCREEN_HOW + "\n", style="yellow")
    if s.most_likely:
        lines.append("What probably hurts: ", style="bold")
        lines.append(s.most_likely + "\n")
    for cause in s.causes:
        if cause.startswith("The other leg matters"):
            lines.append("  " + cause + "\n", style="dim")
            continue
        lines.append("Why: ", style="bold")
        lines.append(cause + "\n")
    lines.append(f"\nThis week: {s.phase_title}\n", style="bold")
    for number, item in enumerate(s.this_week, 1):
        lines.append(f" {number}. {item}\n")
    if s.next_step:
        lines.append(f"\nNext step: {s.next_step}", style="bold")
        lines.append(", when these hold:\n" if s.still_to_do else "\n")
        for criterion in s.still_to_do:
            lines.append(f"  - {criterion}\n")
    if s.next_test:
        lines.append("\nThe next test to do: ", style="bold")
        lines.append(s.next_test + "\n")
    title = Text(f"footfix assessment - {result.case_id}")
    lines.rstrip()
    return Panel(lines, title=title, border_style="cyan")


def _short_plan(result: AssessmentResult) -> Text:
    focus = [p for p in result.plan if p.session == "focus"] or list(result.plan)
    text = Text("Today's exercises\n", style="bold")
    for p in focus[:5]:
        side = "" if p.side == "n/a" else f" ({p.side})"
        room = max(30, 90 - len(p.title + side))
        text.append(f"  - {p.title}{side}: {_first_clause(plain(p.dose), room)}\n")
    later = len(result.plan) - min(len(focus), 5)
    if later > 0:
        text.append(f"  and {later} more in the full plan\n", style="dim")
    return text


def _evidence(result: AssessmentResult) -> Text:
    text = Text("Evidence from other sources\n", style="bold")
    for note in result.evidence_notes:
        text.append(f"  - {plain(note)}\n")
    return text


def _first_clause(dose: str, limit: int = 60) -> str:
    """A dose's first sentence, cut to fit one line (the full dose is in --full)."""
    first = dose.split(". ")[0].rstrip(".")
    return first if len(first) <= limit else first[: limit - 1].rstrip(" ,;:") + "…"


def render(result: AssessmentResult, console: Console, *, full: bool = False) -> None:
    """The summary (one screen); ``full`` adds every table after it."""
    if not result.assessed:  # nothing ranked or planned yet: the first questions only
        console.print(_answer(result))
        console.print(_gate_and_unknowns(result))
        console.print(Text(result.disclaimer, style="dim italic"))
        return
    console.print(_summary(result))
    if not full:
        if result.plan:
            console.print(_short_plan(result))
        if result.evidence_notes:
            console.print(_evidence(result))
        console.print(
            Text(
                "Every table (what hurts and why, the plan in full with doses, the next gate, "
                f"what is unknown): add --full. {result.disclaimer}",
                style="dim italic",
            )
        )
        return
    for block in (_flags(result), _tissues(result), _causes(result), _plan(result)):
        if block is not None:
            console.print(block)
    console.print(_gate_and_unknowns(result))
    if result.evidence_notes:
        console.print(_evidence(result))
    console.print(
        Text(f"Knowledge base {result.knowledge_version}. {result.disclaimer}", style="dim italic")
    )
