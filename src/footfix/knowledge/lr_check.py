"""Likelihood ratios against their sources: each either follows from the sensitivity and
specificity it states, or says why it is an estimate (``footfix kb check`` runs this)."""

from __future__ import annotations

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
