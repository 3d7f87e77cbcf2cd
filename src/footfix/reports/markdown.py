"""An assessment as Markdown: for printing, sharing with a clinician, or pasting into notes."""

from __future__ import annotations

from footfix.domain.result import AssessmentResult


def _w(identifier: str) -> str:
    return identifier.replace("_", " ")


def to_markdown(r: AssessmentResult) -> str:
    out = [f"# footfix assessment: {r.case_id}", ""]
    referral: str = r.referral
    if referral == "none" and r.red_flag_screen_unanswered:
        open_signs = ", ".join(r.red_flag_screen_unanswered)
        referral = f"none found so far, but the red-flag screen is incomplete ({open_signs})"
    out += [f"**Referral:** {referral}  ", f"**Phase:** {_w(r.phase)}  "]
    if r.tissues:
        out.append(f"**Most likely tissue:** {r.tissues[0].title} ({r.tissues[0].likelihood})  ")
    if r.expected_timeline:
        out.append(f"**Expected course:** {r.expected_timeline}")
    out.append("")
    if r.red_flags:
        out += ["## Red flags", ""]
        for f in r.red_flags:
            out.append(
                f"- **{f.title}** ({f.urgency}): {f.action} Because: {'; '.join(f.because)}."
            )
        out.append("")
    out += [
        "## What hurts",
        "",
        "| # | Tissue | Likelihood | For | Against |",
        "|---|---|---|---|---|",
    ]
    for i, t in enumerate(r.tissues, 1):
        out.append(
            f"| {i} | {t.title} | {t.likelihood} | {'; '.join(t.because[:4])} | "
            f"{'; '.join(t.against[:3])} |"
        )
    out.append("")
    if r.root_causes:
        out += ["## Why: root causes", ""]
        for c in r.root_causes:
            side = "" if c.side == "n/a" else f" - {c.side} ({c.relation} side)"
            out.append(f"- **{c.title}**{side}: {'; '.join(c.because)}")
        out.append("")
    out += [f"## Plan ({_w(r.phase)})", ""]
    for p in r.plan:
        out.append(f"- **{p.title}** [{', '.join(p.categories)}] - {p.dose}")
        out.append(f"  - Why: {'; '.join(p.because)}")
    out.append("")
    if r.avoid:
        out += ["## Leave out for now", ""]
        out += [f"- **{a.title}**: {a.because[0]}" for a in r.avoid]
        out.append("")
    if r.next_gate.phase:
        out += [f"## Next gate: {_w(r.next_gate.phase)}", ""]
        out += [f"- [{'x' if c in r.next_gate.met else ' '}] {c}" for c in r.next_gate.criteria]
        out.append("")
    if r.unknowns:
        out += ["## What would help most", ""]
        out += [f"- {u.question} ({u.why})" for u in r.unknowns]
        out.append("")
    if r.evidence_notes:
        out += ["## Evidence from other sources", ""]
        out += [f"- {note}" for note in r.evidence_notes]
        out.append("")
    out += ["---", f"Knowledge base {r.knowledge_version}. {r.disclaimer}", ""]
    return "\n".join(out)
