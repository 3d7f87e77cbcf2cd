"""Likelihood ratios against their sources: each either follows from the sensitivity and
specificity it states, or says why it is an estimate (``footfix kb check`` runs this)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from footfix.knowledge.models import Accuracy, Reference, Weight

# a stated ratio may round the computed one: within 10 % (or 0.1 for small negative ratios)
REL_TOLERANCE = 0.10
ABS_TOLERANCE = 0.1


def ratio_from(acc: Accuracy) -> float:
    if acc.reads == "positive":
        return acc.sens / (1 - acc.spec)
    return (1 - acc.sens) / acc.spec


def check_weights(weights: list[Weight], references: dict[str, Reference]) -> list[str]:
    errors: list[str] = []
    for w in weights:
        where = f"differential.yaml:{w.finding}"
        if w.accuracy is not None:
            acc = w.accuracy
            if acc.reads == "positive" and acc.spec >= 1:
                errors.append(f"{where}: specificity 1 gives no finite ratio; mark an estimate")
                continue
            stated = w.lr.get(acc.target)
            computed = ratio_from(acc)
            if stated is None:
                errors.append(f"{where}: accuracy target '{acc.target}' has no ratio")
            elif abs(stated - computed) > max(REL_TOLERANCE * computed, ABS_TOLERANCE):
                errors.append(
                    f"{where}: ratio {stated:g} for {acc.target} does not match sensitivity "
                    f"{acc.sens:g} / specificity {acc.spec:g} (= {computed:.2f})"
                )
            continue
        if w.estimate:
            continue
        reporting = [s for s in w.sources if s in references and references[s].reports_accuracy]
        if reporting:
            errors.append(
                f"{where}: cites {', '.join(reporting)}, which report accuracy figures; give "
                "them (accuracy) or say why the ratio is an estimate (estimate)"
            )
    return errors


# a ratio without an `estimate` text whose sources report no accuracy: graded, and said so
GRADED_REASON = (
    "graded by the knowledge-base authors: its sources describe the finding without "
    "sensitivity and specificity"
)
TABLE_START = "<!-- estimates:start (generated: python -m footfix.knowledge.lr_check) -->"
TABLE_END = "<!-- estimates:end -->"


@dataclass(frozen=True)
class Estimate:
    finding: str
    ratios: str  # the weight's ratios, strongest first
    sources: tuple[str, ...]
    reason: str
    stated: bool  # the weight says why itself (else GRADED_REASON)


def estimates(weights: list[Weight]) -> list[Estimate]:
    """Every ratio that is not recomputed from sensitivity and specificity, with its reason."""
    out = []
    for w in weights:
        if w.accuracy is not None:
            continue
        strongest = sorted(w.lr.items(), key=lambda kv: -abs(math.log(kv[1])))
        ratios = ", ".join(f"{tissue} {lr:g}" for tissue, lr in strongest)
        reason = " ".join((w.estimate or GRADED_REASON).split())
        out.append(Estimate(w.finding, ratios, tuple(w.sources), reason, bool(w.estimate)))
    return out


def review_table(weights: list[Weight]) -> str:
    """The docs table of estimates awaiting clinician review: those with a stated reason in
    full, the graded ones counted (``footfix kb check --estimates`` lists them all)."""
    found = estimates(weights)
    stated = [e for e in found if e.stated]
    rows = [
        "| Finding | Ratios (strongest first) | Sources | Why it is an estimate |",
        "|---|---|---|---|",
    ]
    for e in stated:
        cells = (e.finding, e.ratios, ", ".join(e.sources), e.reason)
        rows.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    graded = len(found) - len(stated)
    verified = len(weights) - len(found)
    rows += [
        "",
        f"{verified} ratios are recomputed from their sources' sensitivity and specificity. "
        f"{graded} more are graded estimates ({GRADED_REASON}); "
        "`footfix kb check --estimates` lists every one.",
    ]
    return "\n".join([TABLE_START, *rows, TABLE_END])


if __name__ == "__main__":  # print the table docs/clinical-safety.md holds
    from footfix.knowledge.kb import load_default

    print(review_table(load_default().differential.weights))
