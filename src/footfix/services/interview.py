"""Use case: walk the interview of ``kb/interview.yaml`` and build a case file (format 1).

The session knows the next question given the answers so far, and handles back, skip and "don't
know"; any interface (the terminal now, a web wizard later) only asks and shows. Answers are
validated against the case format as they come, so a finished session is always a valid case.
Its ``state()`` is plain data that an interface keeps after every answer and resumes from.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from footfix.errors import ErrorKind, FootfixError
from footfix.intake.case_model import CaseFile
from footfix.knowledge.case_fields import model_list_paths
from footfix.knowledge.interview_models import Condition, Interview, Question, Section
from footfix.knowledge.kb import KnowledgeBase, load_default
from footfix.private_files import write_private

Case = dict[str, Any]
DONT_KNOW_WORDS = frozenset({"dk", "don't know", "dont know", "not sure", "ns", "unsure", "-"})
ABSENT_LIST = "history.associated_absent"  # where a "no" to a screened symptom goes
STATE_FORMAT = 1


class InvalidAnswer(FootfixError):
    """The answer does not fit the question; the message says what would (invalid input)."""

    kind = ErrorKind.INVALID_INPUT


# --- reading and writing dotted paths in a case ---------------------------------------------
def get_path(case: Mapping[str, Any], path: str) -> Any:
    node: Any = case
    for part in path.split("."):
        if isinstance(node, list):  # a list of records: the values of every item
            values = [item.get(part) for item in node if isinstance(item, dict)]
            node = [v for v in values if v is not None] or None
            continue
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def _set_path(case: Case, path: str, value: Any) -> None:
    *parents, leaf = path.split(".")
    node = case
    for part in parents:
        child = node.get(part)
        if not isinstance(child, dict):
            child = node[part] = {}
        node = child
    if value is None:
        node.pop(leaf, None)
    else:
        node[leaf] = value


def _prune(node: Any) -> Any:
    """Drop empty sub-records left by cleared answers (an empty list is an answer: none)."""
    if isinstance(node, dict):
        out = {k: _prune(v) for k, v in node.items()}
        return {k: v for k, v in out.items() if v is not None and v != {}}
    return node


# --- conditions --------------------------------------------------------------------------
def _as_text(value: Any) -> list[str]:
    if value is True:
        return ["yes"]
    if value is False:
        return ["no"]
    if isinstance(value, list):
        return [str(v) for v in value]
    if isinstance(value, dict):  # a per-side pair: either side
        return [t for v in value.values() if v is not None for t in _as_text(v)]
    return [] if value is None else [str(value)]


def holds(cond: Condition, case: Mapping[str, Any]) -> bool:
    """An unknown field never satisfies a condition (so ``!=`` needs a known value too)."""
    value = get_path(case, cond.field)
    if cond.op == "known":
        return value not in (None, [], {})
    texts = _as_text(value)
    if not texts:
        return False
    if cond.op in ("<", ">"):
        numbers = [float(v) for v in texts if re.fullmatch(r"-?\d+(\.\d+)?", v)]
        limit = float(cond.values[0])
        return any(n < limit if cond.op == "<" else n > limit for n in numbers)
    hit = any(t in cond.values for t in texts)
    return not hit if cond.op == "!=" else hit


def applies(q: Question, case: Mapping[str, Any]) -> bool:
    return all(holds(c, case) for c in q.ask_if) and not any(holds(c, case) for c in q.skip_if)


def is_answered(q: Question, case: Mapping[str, Any]) -> bool:
    if q.kind == "present":
        said = (get_path(case, q.field) or []) + (get_path(case, ABSENT_LIST) or [])
        return q.value in said
    return get_path(case, q.field) is not None


def screen_unanswered(
    case: CaseFile | Mapping[str, Any], kb: KnowledgeBase | None = None
) -> list[Question]:
    """The red-flag screen questions this case leaves open (and that apply to it)."""
    kb = kb or load_default()
    data = case.model_dump(exclude_none=True) if isinstance(case, CaseFile) else case
    return [
        q
        for q in kb.interview.questions
        if q.screen and applies(q, data) and not is_answered(q, data)
    ]


def screen_label(q: Question) -> str:
    """A short name for a screen question: the symptom, or the field's last word."""
    return (q.value or q.field.rpartition(".")[2]).replace("_", " ")


def screen_labels(case: CaseFile | Mapping[str, Any]) -> list[str]:
    return [screen_label(q) for q in screen_unanswered(case)]


def questions_for_fields(fields: Iterable[str], kb: KnowledgeBase | None = None) -> list[Question]:
    """Interview questions that answer the given case fields (a "would help most" list)."""
    kb = kb or load_default()
    wanted = list(fields)
    return [
        q
        for q in kb.interview.questions
        if any(q.field == f or q.field.startswith(f + ".") for f in wanted)
    ]


# --- parsing one answer --------------------------------------------------------------------
def _number(text: str, q: Question) -> float:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise InvalidAnswer(f"give a number from {q.low:g} to {q.high:g}") from None
    if not q.low <= value <= q.high:
        raise InvalidAnswer(f"give a number from {q.low:g} to {q.high:g}")
    return int(value) if value.is_integer() else value


def _option(token: str, q: Question) -> str:
    if token.isdigit() and 1 <= int(token) <= len(q.options):
        return q.options[int(token) - 1].value
    for o in q.options:
        if token in (o.value, o.value.replace("_", " "), o.label.lower()):
            return o.value
    choices = ", ".join(f"{i}={o.value}" for i, o in enumerate(q.options, 1))
    raise InvalidAnswer(f"'{token}' is not one of: {choices}")


def parse_answer(q: Question, raw: str) -> Any:
    """The case value for a typed answer; ``None`` means "don't know"."""
    text = raw.strip().lower()
    if text in DONT_KNOW_WORDS or (not text and not q.screen):
        return None
    if not text:
        raise InvalidAnswer("answer yes, no or not sure: every warning sign needs its own answer")
    if q.kind in ("yesno", "present"):
        if text in ("y", "yes"):
            return True
        if text in ("n", "no"):
            return False
        raise InvalidAnswer("answer yes, no or not sure" if q.screen else "answer yes or no")
    if q.kind == "choice":
        return _option(text, q)
    if q.kind == "choices":
        if text in ("none", "no", "0") and q.allow_none:
            return []
        tokens = [t.strip() for t in re.split(r"[,;]", text) if t.strip()]
        if len(tokens) == 1 and " " in tokens[0]:  # "minimal shoes" is one option, "1 3" two
            try:
                return [_option(tokens[0], q)]
            except InvalidAnswer:
                tokens = tokens[0].split()
        return list(dict.fromkeys(_option(t, q) for t in tokens))
    if q.kind == "number":
        return _number(text, q)
    if q.kind == "pair":
        parts = text.replace(",", " ").split()
        if len(parts) != 2:
            raise InvalidAnswer("give two numbers: left then right, e.g. '10 8'")
        return {"left": _number(parts[0], q), "right": _number(parts[1], q)}
    if q.kind == "distance":
        match = re.fullmatch(r"([-\u2212]?\d+(?:[.,]\d+)?)\s*(km|mi)", text)
        if match is None:
            raise InvalidAnswer("give a number and km or mi, e.g. '5 km'")
        amount, unit = match.group(1).replace("\u2212", "-"), match.group(2)
        value = float(amount.replace(",", "."))
        if not q.low <= value <= q.high:  # a number out of range: say what is allowed
            allowed = f"{q.low:g} or more" if value < q.low else f"{q.high:g} or less"
            raise InvalidAnswer(f"the distance must be {allowed} ({amount} {unit} was entered)")
        return {"value": int(value) if value.is_integer() else value, "unit": unit}
    return raw.strip()  # text: as typed


# --- the session -------------------------------------------------------------------------
@dataclass(frozen=True)
class Step:
    """What an interface shows: the question, its section, and where the runner is."""

    question: Question
    section: Section
    new_section: bool  # the first question of its section in this session
    asked: int  # questions answered so far
    remaining: int  # questions still to come that apply now (this one included)


class InterviewSession:
    """One runner's answers. ``only`` limits it to some question ids, asked in that order."""

    def __init__(
        self,
        case: Mapping[str, Any] | None = None,
        *,
        asked: Iterable[str] = (),
        only: Iterable[str] | None = None,
        kb: KnowledgeBase | None = None,
    ) -> None:
        self.kb = kb or load_default()
        self.spec: Interview = self.kb.interview
        self.case: Case = copy.deepcopy(dict(case)) if case else {"case_format": 1}
        self.asked: list[str] = list(asked)  # in order: `back` walks it backwards
        self._deferred: list[str] = []
        self._shown_sections: set[str] = set()
        self._by_id = {q.id: q for q in self.spec.questions}
        if only is None:
            self._pool = list(self.spec.questions)
        else:  # in the order given: e.g. the open warning signs first, then what helps most
            self._pool = [self._by_id[i] for i in dict.fromkeys(only) if i in self._by_id]
        self._sections = {s.id: s for s in self.spec.sections}

    # -- state ----------------------------------------------------------------------------
    def state(self) -> dict[str, Any]:
        state = {"state_format": STATE_FORMAT, "asked": list(self.asked), "case": _prune(self.case)}
        if self._deferred:  # skipped for now: they come back at the end after a resume too
            state["deferred"] = list(self._deferred)
        return state

    @classmethod
    def resume(cls, state: Mapping[str, Any], kb: KnowledgeBase | None = None) -> InterviewSession:
        if state.get("state_format") != STATE_FORMAT or not isinstance(state.get("case"), dict):
            raise InvalidAnswer("the saved answers are not in a format this footfix reads")
        known = {q.id for q in (kb or load_default()).interview.questions}
        asked = [a for a in state.get("asked", []) if a in known]
        session = cls(state["case"], asked=asked, kb=kb)
        session._deferred = [d for d in state.get("deferred", []) if d in known]
        return session

    def question(self, question_id: str) -> Question:
        return self._by_id[question_id]

    # -- walking ----------------------------------------------------------------------------
    def _open(self, q: Question) -> bool:
        return q.id not in self.asked and applies(q, self.case) and not is_answered(q, self.case)

    def next_step(self) -> Step | None:
        """The next question to ask, or ``None`` when the interview is done."""
        todo = [q for q in self._pool if self._open(q)]
        fresh = [q for q in todo if q.id not in self._deferred]
        if not fresh and self._deferred:  # skipped ones come back once, at the end
            fresh = [q for q in todo if q.id in self._deferred]
        if not fresh:
            return None
        q = fresh[0]
        new_section = q.section not in self._shown_sections
        self._shown_sections.add(q.section)
        return Step(q, self._sections[q.section], new_section, len(self.asked), len(todo))

    def answer(self, question_id: str, raw: str) -> Any:
        """Record a typed answer (or "don't know"); returns the case value stored."""
        q = self._by_id[question_id]
        value = parse_answer(q, raw)
        before = copy.deepcopy(self.case)
        self._store(q, value)
        try:
            CaseFile.model_validate(_prune(self.case))
        except ValidationError as err:
            self.case = before
            problem = "; ".join(e["msg"].removeprefix("Value error, ") for e in err.errors())
            raise InvalidAnswer(problem) from None
        self._mark_asked(q)
        return value

    def open_signs(self, question_id: str) -> list[Question]:
        """This warning-sign question and the others of its section still open."""
        q = self._by_id[question_id]
        return [
            o
            for o in self._pool
            if o.kind == "present" and o.section == q.section and self._open(o)
        ]

    def none_of_these(self, question_id: str) -> int:
        """The runner has none of the open warning signs (shown to them first): all "no"."""
        signs = self.open_signs(question_id)
        for sign in signs:
            self.answer(sign.id, "no")
        return len(signs)

    def dont_know(self, question_id: str) -> None:
        q = self._by_id[question_id]
        self._store(q, None)
        self._mark_asked(q)

    def skip(self, question_id: str) -> None:
        """Leave it for now: it comes back once at the end; skipped again, it stays unknown."""
        if question_id in self._deferred:
            self.dont_know(question_id)
        else:
            self._deferred.append(question_id)

    def back(self) -> Question | None:
        """Undo the last answer; that question is asked next. ``None`` at the start."""
        while self.asked:
            q = self._by_id[self.asked.pop()]
            if q in self._pool:
                self._store(q, None)
                self._deferred = [d for d in self._deferred if d != q.id]
                return q
        return None

    def shown_value(self, question_id: str) -> str | None:
        """The stored answer in the words the runner would type (to show after `back`)."""
        q = self._by_id[question_id]
        if q.kind == "present":
            if q.value in (get_path(self.case, q.field) or []):
                return "yes"
            return "no" if q.value in (get_path(self.case, ABSENT_LIST) or []) else None
        value = get_path(self.case, q.field)
        if value is None:
            return None
        if isinstance(value, dict):
            if "unit" in value:
                return f"{value['value']:g} {value['unit']}"
            return f"{value.get('left')} {value.get('right')}"
        texts = _as_text(value)
        return ", ".join(texts) if texts else "none"

    def _mark_asked(self, q: Question) -> None:
        self.asked = [a for a in self.asked if a != q.id] + [q.id]
        self._deferred = [d for d in self._deferred if d != q.id]

    def _store(self, q: Question, value: Any) -> None:
        parent, _, leaf = q.field.rpartition(".")
        if q.kind == "present":
            for path in (q.field, ABSENT_LIST):
                items = [v for v in (get_path(self.case, path) or []) if v != q.value]
                _set_path(self.case, path, items or None)
            if value is not None:
                target = q.field if value else ABSENT_LIST
                _set_path(self.case, target, [*(get_path(self.case, target) or []), q.value])
        elif parent in model_list_paths():
            records = get_path(self.case, parent)
            records = records if isinstance(records, list) else []
            if q.kind == "choices":  # one record per value chosen
                old = {r.get(leaf): r for r in records if isinstance(r, dict)}
                chosen = None if value is None else [old.get(v, {leaf: v}) for v in value]
                _set_path(self.case, parent, chosen)
            else:  # a detail shared by every record
                for record in records:
                    if value is None:
                        record.pop(leaf, None)
                    else:
                        record[leaf] = value
        else:
            _set_path(self.case, q.field, value)

    # -- result ------------------------------------------------------------------------------
    def finished_case(self, case_id: str | None = None) -> Case:
        """The answers as a case file (format 1), validated."""
        case: Case = _prune(self.case)
        if case_id and not case.get("id"):
            case = {
                "case_format": 1,
                "id": case_id,
                **{k: v for k, v in case.items() if k not in ("case_format", "id")},
            }
        CaseFile.model_validate(case)
        return case


# --- files: the case and the answers kept as they go ------------------------------------------
def partial_path(out: Path) -> Path:
    """Where the answers so far are kept, beside the case file they will become."""
    return out.with_name(out.name + ".partial")


def save_partial(out: Path, session: InterviewSession) -> None:
    write_private(partial_path(out), yaml.safe_dump(session.state(), sort_keys=False))


def load_partial(out: Path, kb: KnowledgeBase | None = None) -> InterviewSession | None:
    path = partial_path(out)
    if not path.exists():
        return None
    try:
        state = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as err:
        raise InvalidAnswer(f"{path} cannot be read: {err}") from None
    if not isinstance(state, dict):
        raise InvalidAnswer(f"{path} holds no saved answers")
    return InterviewSession.resume(state, kb)


def session_from_case_file(path: Path, only: Iterable[str] | None = None) -> InterviewSession:
    """Resume from a case file: what it already says is kept and not asked again."""
    from footfix.intake.load import load_case

    case = load_case(path)  # IntakeError when it is not a valid case
    return InterviewSession(case.model_dump(mode="json", exclude_none=True), only=only)


def write_case(out: Path, case: Case) -> None:
    write_private(out, yaml.safe_dump(case, sort_keys=False, allow_unicode=True))
    partial_path(out).unlink(missing_ok=True)
