"""Cross-checks of ``kb/interview.yaml`` against the case format and the other knowledge files.

Every question writes a real case field with a kind that fits it, every offered answer is a value
the case format allows, every red-flag symptom the rules read is asked on its own, and every
"would help most" question can be answered in the interview (or is marked for a clinician).
"""

from __future__ import annotations

from footfix.knowledge.case_fields import FieldInfo, case_fields, model_list_paths
from footfix.knowledge.conditions import Cond
from footfix.knowledge.interview_models import Condition, Interview, Question
from footfix.knowledge.kb import KnowledgeBase

# the kind of case field each answer kind writes
FIELD_KINDS = {
    "choice": {"enum"},
    "choices": {"enum_list"},
    "present": {"enum_list"},
    "yesno": {"bool"},
    "number": {"number"},
    "pair": {"number"},
    "distance": {"distance"},
    "text": {"text"},
}
SCREENED_LIST = "history.associated"  # red-flag symptoms the runner reports present or absent


def _condition_errors(where: str, cond: Condition, fields: dict[str, FieldInfo]) -> list[str]:
    info = fields.get(cond.field)
    if info is None and cond.op == "known" and cond.field in model_list_paths():
        return []
    if info is None:
        return [f"{where}: condition reads unknown case field '{cond.field}'"]
    if cond.op in ("<", ">") and info.kind != "number":
        return [f"{where}: '{cond.op}' on '{cond.field}', which is not a number"]
    if info.kind == "bool" and cond.op in ("==", "!=", "in"):
        bad = [v for v in cond.values if v not in ("yes", "no")]
        return [f"{where}: '{cond.field}' is yes or no, not {bad}"] if bad else []
    if info.kind in ("enum", "enum_list") and cond.op in ("==", "!=", "in"):
        bad = [v for v in cond.values if v not in info.values]
        return [f"{where}: '{cond.field}' cannot be {bad}"] if bad else []
    return []


def _question_errors(q: Question, fields: dict[str, FieldInfo], sections: set[str]) -> list[str]:
    where = f"interview.yaml:{q.id}"
    errors: list[str] = []
    if q.section not in sections:
        errors.append(f"{where}: unknown section '{q.section}'")
    info = fields.get(q.field)
    if info is None:
        return [*errors, f"{where}: unknown case field '{q.field}'"]
    in_item = q.field.rpartition(".")[0] in model_list_paths()
    if q.kind == "choices" and in_item and info.kind == "enum":
        pass  # one record per value chosen, e.g. one training change each
    elif info.kind not in FIELD_KINDS[q.kind]:
        errors.append(f"{where}: a {q.kind} answer cannot fill '{q.field}' ({info.kind})")
    if q.kind == "pair" and not info.sided:
        errors.append(f"{where}: '{q.field}' has no left and right")
    if q.kind in ("choice", "choices"):
        if not q.options:
            errors.append(f"{where}: a {q.kind} question needs options")
        bad = [o.value for o in q.options if o.value not in info.values]
        if bad:
            errors.append(f"{where}: the case format does not allow {bad} in '{q.field}'")
    if q.kind == "present" and q.value not in info.values:
        errors.append(f"{where}: '{q.value}' is not a value of '{q.field}'")
    if q.kind != "present" and q.value is not None:
        errors.append(f"{where}: only a present question takes a value")
    for cond in [*q.ask_if, *q.skip_if]:
        errors += _condition_errors(where, cond, fields)
    return errors


def _symptoms_read_by(cond: Cond) -> set[str]:
    from footfix.knowledge.conditions import referenced_ids

    prefix = SCREENED_LIST + ":"
    found = referenced_ids(cond).get("finding", set())
    return {f.removeprefix(prefix) for f in found if f.startswith(prefix)}


def check_interview(kb: KnowledgeBase) -> list[str]:
    interview: Interview = kb.interview
    fields = {f.path: f for f in case_fields()}
    sections = {s.id for s in interview.sections}
    errors: list[str] = []
    seen: set[str] = set()
    for q in interview.questions:
        if q.id in seen:
            errors.append(f"interview.yaml: question id '{q.id}' used twice")
        seen.add(q.id)
        errors += _question_errors(q, fields, sections)
    asked = {q.value for q in interview.questions if q.kind == "present" and q.screen}
    for flag in kb.red_flags:
        for symptom in sorted(_symptoms_read_by(flag.when) - asked):
            errors.append(
                f"interview.yaml: red flag '{flag.id}' reads {SCREENED_LIST}:{symptom}, "
                "which no screen question asks"
            )
    paths = [q.field for q in interview.questions]
    for u in kb.questions:
        covered = any(p == u.field or p.startswith(u.field + ".") for p in paths)
        if not covered and u.field not in interview.clinician_only:
            errors.append(
                f"interview.yaml: the unknown '{u.field}' (questions.yaml) is never asked; "
                "add a question or list it under clinician_only"
            )
    return errors
