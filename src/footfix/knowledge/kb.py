"""Load the knowledge base (``src/footfix/kb/*.yaml``), validate it, and index it for the engine.

The version of a knowledge base is a hash of its files' bytes: every result records it, so the
same input with the same knowledge always gives the same output, and a changed rule shows.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from footfix.knowledge.interop_models import FhirCodes, OutcomeMeasures, Schedules
from footfix.knowledge.interview_models import Interview
from footfix.knowledge.models import (
    Avoid,
    AvoidRule,
    Differential,
    Exercise,
    FindingDef,
    Meta,
    Phases,
    PlanRule,
    Question,
    RedFlag,
    Reference,
    RootCauseRule,
    Tissue,
)

FILES = (
    "meta.yaml",
    "references.yaml",
    "tissues.yaml",
    "findings.yaml",
    "findings_derived.yaml",
    "differential.yaml",
    "red_flags.yaml",
    "root_causes.yaml",
    "phases.yaml",
    "exercises.yaml",
    "avoid.yaml",
    "plan_rules.yaml",
    "questions.yaml",
    "interview.yaml",
    "outcome_measures.yaml",
    "fhir_codes.yaml",
    "schedule.yaml",
)

T = TypeVar("T")
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class KnowledgeError(Exception):
    """The knowledge base does not load; ``problems`` lists each issue with its file."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("knowledge base invalid: " + "; ".join(problems[:5]))


class ChangeWindow(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    before_onset_weeks: float = Field(ge=0, le=104)
    after_onset_weeks: float = Field(ge=0, le=52)


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    training_change_window: ChangeWindow
    max_unknowns: int = Field(ge=1, le=20)
    # Naive Bayes double-counts correlated findings; tempering the log ratios keeps scores honest.
    evidence_temper: float = Field(gt=0, le=1)
    tissues_shown: int = Field(ge=3, le=40)
    # scores rank, they are not calibrated probabilities: results say them in words
    likely_from: float = Field(default=0.5, gt=0, lt=1)
    possible_from: float = Field(default=0.15, gt=0, lt=1)
    # the plan's first items, by priority, form the focused session; the rest are "later"
    plan_focus_items: int = Field(default=7, ge=3, le=20)
    # below this many findings from the history, exam or gait, footfix says it cannot assess yet
    min_findings_to_assess: int = Field(default=2, ge=1, le=20)
    # what a near-empty case is asked first, in this order (fields of questions.yaml)
    first_questions: list[str] = Field(default_factory=list)


class PlanRules(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)
    rules: list[PlanRule]
    avoid_rules: list[AvoidRule]
    category_order: list[str]


@dataclass(frozen=True)
class KnowledgeBase:
    version: str
    meta: Meta
    settings: Settings
    references: dict[str, Reference]
    tissues: dict[str, Tissue]
    findings: dict[str, FindingDef]
    findings_by_field: dict[str, list[FindingDef]]
    findings_by_value: dict[str, dict[bool | str, list[FindingDef]]]  # equality findings
    numeric_findings: dict[str, list[FindingDef]]  # thresholds and side differences
    differential: Differential
    log_prior: dict[str, float]
    log_lr: dict[str, dict[str, float]]  # finding -> tissue -> log LR
    weight_sources: dict[str, list[str]]
    red_flags: list[RedFlag]
    root_causes: list[RootCauseRule]
    phases: Phases
    exercises: dict[str, Exercise]
    avoid: dict[str, Avoid]
    plan: PlanRules
    questions: list[Question]
    interview: Interview  # the questions asked of a runner (services/interview.py walks them)
    outcomes: OutcomeMeasures  # licence-safe outcome measures and the ones left out
    fhir_codes: FhirCodes  # every code a FHIR export writes
    schedule: Schedules  # the weekdays and times of calendar sessions
    tissue_groups: dict[str, str] = field(default_factory=dict)
    weight_cluster: dict[str, str] = field(default_factory=dict)  # finding -> cluster


def default_dir() -> Path:
    return Path(str(resources.files("footfix") / "kb"))


def _read(directory: Path) -> tuple[dict[str, Any], str]:
    digest = hashlib.sha256()
    raw: dict[str, Any] = {}
    problems = []
    for name in FILES:
        path = directory / name
        try:
            data = path.read_bytes()
        except OSError as err:
            problems.append(f"{name}: cannot be read ({err.strerror})")
            continue
        digest.update(name.encode() + b"\0" + data + b"\0")
        try:
            raw[name] = yaml.load(data, Loader=_Loader)
        except yaml.YAMLError as err:
            problems.append(f"{name}: not valid YAML ({err})")
    if problems:
        raise KnowledgeError(problems)
    return raw, digest.hexdigest()[:16]


def _validate(name: str, adapter: Callable[[Any], T], data: Any, problems: list[str]) -> T | None:
    try:
        return adapter(data)
    except ValidationError as err:
        for e in err.errors(include_url=False)[:20]:
            loc = ".".join(str(p) for p in e["loc"])
            problems.append(f"{name}: {loc}: {e['msg']}")
    except ValueError as err:
        problems.append(f"{name}: {err}")
    return None


def _list_of(model: type[T]) -> Callable[[Any], list[T]]:
    return TypeAdapter(list[model]).validate_python  # type: ignore[valid-type]


def _by_id(items: list[Any], name: str, problems: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in items:
        if item.id in out:
            problems.append(f"{name}: duplicate id '{item.id}'")
        out[item.id] = item
    return out


def build(directory: Path) -> KnowledgeBase:
    raw, version = _read(directory)
    return build_from_data(raw, version)


def build_from_data(raw: dict[str, Any], version: str) -> KnowledgeBase:
    """Validate the parsed YAML of every file (``raw``: file name → data) into one base."""
    problems: list[str] = []
    meta_raw = raw["meta.yaml"] or {}
    meta = _validate("meta.yaml", Meta.model_validate, meta_raw.get("meta"), problems)
    settings = _validate("meta.yaml", Settings.model_validate, meta_raw.get("settings"), problems)
    refs = _validate("references.yaml", _list_of(Reference), raw["references.yaml"], problems)
    tissues = _validate("tissues.yaml", _list_of(Tissue), raw["tissues.yaml"], problems)
    found = _validate("findings.yaml", _list_of(FindingDef), raw["findings.yaml"], problems)
    derived = _validate(
        "findings_derived.yaml", _list_of(FindingDef), raw["findings_derived.yaml"], problems
    )
    diff = _validate(
        "differential.yaml", Differential.model_validate, raw["differential.yaml"], problems
    )
    flags = _validate("red_flags.yaml", _list_of(RedFlag), raw["red_flags.yaml"], problems)
    causes = _validate(
        "root_causes.yaml", _list_of(RootCauseRule), raw["root_causes.yaml"], problems
    )
    phases = _validate("phases.yaml", Phases.model_validate, raw["phases.yaml"], problems)
    exercises = _validate("exercises.yaml", _list_of(Exercise), raw["exercises.yaml"], problems)
    avoid = _validate("avoid.yaml", _list_of(Avoid), raw["avoid.yaml"], problems)
    plan = _validate("plan_rules.yaml", PlanRules.model_validate, raw["plan_rules.yaml"], problems)
    questions = _validate("questions.yaml", _list_of(Question), raw["questions.yaml"], problems)
    interview = _validate(
        "interview.yaml", Interview.model_validate, raw["interview.yaml"], problems
    )
    outcomes = _validate(
        "outcome_measures.yaml",
        OutcomeMeasures.model_validate,
        raw["outcome_measures.yaml"],
        problems,
    )
    codes = _validate("fhir_codes.yaml", FhirCodes.model_validate, raw["fhir_codes.yaml"], problems)
    schedule = _validate("schedule.yaml", Schedules.model_validate, raw["schedule.yaml"], problems)
    if problems:
        raise KnowledgeError(problems)
    assert outcomes is not None and codes is not None and schedule is not None
    assert meta and settings and refs is not None and tissues is not None and found is not None
    assert questions is not None and interview is not None
    questions = _with_how_to(questions, raw["questions.yaml"], interview, problems)
    assert derived is not None and diff and flags is not None and causes is not None and phases
    assert exercises is not None and avoid is not None and plan and questions is not None
    assert interview is not None

    all_findings = _by_id([*found, *derived], "findings", problems)
    by_field: dict[str, list[FindingDef]] = {}
    by_value: dict[str, dict[bool | str, list[FindingDef]]] = {}
    numeric: dict[str, list[FindingDef]] = {}
    for defn in all_findings.values():
        by_field.setdefault(defn.field, []).append(defn)
        if defn.match.equals is not None:
            by_value.setdefault(defn.field, {}).setdefault(defn.match.equals, []).append(defn)
        else:
            numeric.setdefault(defn.field, []).append(defn)
    log_lr: dict[str, dict[str, float]] = {}
    weight_sources: dict[str, list[str]] = {}
    for w in diff.weights:
        if w.finding in log_lr:
            problems.append(f"differential.yaml: finding '{w.finding}' weighted twice")
        temper = settings.evidence_temper
        log_lr[w.finding] = {t: temper * math.log(v) for t, v in w.lr.items() if v != 1}
        weight_sources[w.finding] = list(w.sources)
    kb = KnowledgeBase(
        version=version,
        meta=meta,
        settings=settings,
        references=_by_id(refs, "references.yaml", problems),
        tissues=_by_id(tissues, "tissues.yaml", problems),
        findings=all_findings,
        findings_by_field=by_field,
        findings_by_value=by_value,
        numeric_findings=numeric,
        differential=diff,
        log_prior={t: math.log(p.p) for t, p in diff.priors.items()},
        log_lr=log_lr,
        weight_sources=weight_sources,
        red_flags=flags,
        root_causes=causes,
        phases=phases,
        exercises=_by_id(exercises, "exercises.yaml", problems),
        avoid=_by_id(avoid, "avoid.yaml", problems),
        plan=plan,
        questions=questions,
        interview=interview,
        outcomes=outcomes,
        fhir_codes=codes,
        schedule=schedule,
        tissue_groups={t.id: t.group for t in tissues},
        weight_cluster={w.finding: w.cluster for w in diff.weights if w.cluster},
    )
    _by_id(flags, "red_flags.yaml", problems)
    _by_id(causes, "root_causes.yaml", problems)
    if problems:
        raise KnowledgeError(problems)
    return kb


def _version_of(directory: Path) -> str:
    digest = hashlib.sha256()
    for name in FILES:
        data = (directory / name).read_bytes()
        digest.update(name.encode() + b"\0" + data + b"\0")
    return digest.hexdigest()[:16]


def _code_version() -> str:
    """A hash of the code that shapes a loaded knowledge base, so a code change rebuilds."""
    here = Path(__file__).parent
    digest = hashlib.sha256()
    for name in (
        "kb.py",
        "models.py",
        "conditions.py",
        "interview_models.py",
        "interop_models.py",
    ):
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:12]


def _cache_file(version: str) -> Path | None:
    if os.environ.get("FOOTFIX_NO_KB_CACHE"):
        return None
    from platformdirs import user_cache_dir

    name = f"kb-{version}-{_code_version()}.json"
    return Path(user_cache_dir("footfix")) / name


def _read_cache(cached: Path, version: str) -> dict[str, Any] | None:
    """The parsed YAML kept in the cache, or None (with a note) when the file is not sound.

    The cache is JSON, so reading it can never run code; it records the knowledge base's
    content hash and the SHA-256 of its own data, and is used only when both match.
    """
    try:
        document = json.loads(cached.read_text(encoding="utf-8"))
        data = document["data"]
        digest = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()
        if document["version"] != version or document["sha256"] != digest:
            raise ValueError("its checksum does not match")
        if not isinstance(data, dict) or set(data) != set(FILES):
            raise ValueError("it does not hold every knowledge-base file")
        return data
    except (OSError, ValueError, KeyError, TypeError) as err:
        logging.getLogger("footfix").warning(
            "note: the knowledge-base cache %s was unusable (%s); it is rebuilt.", cached, err
        )
        return None


def _write_cache(cached: Path, version: str, data: dict[str, Any]) -> None:
    text = json.dumps(data, sort_keys=True)
    document = {
        "version": version,
        "sha256": hashlib.sha256(text.encode()).hexdigest(),
        "data": json.loads(text),
    }
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(document), encoding="utf-8")
        os.replace(tmp, cached)  # atomic: a reader sees the whole file or none
    except OSError:
        pass


def _with_how_to(
    questions: list[Question], raw: Any, interview: Interview, problems: list[str]
) -> list[Question]:
    """Each test's how-to text comes from the interview question it names (``test:``)."""
    for entry in raw if isinstance(raw, list) else []:
        if isinstance(entry, dict) and "how_to" in entry:
            problems.append(
                f"questions.yaml:{entry.get('field')}: how-to texts live in interview.yaml; "
                "name the interview question with `test:` instead"
            )
    texts = {q.id: q.how_to for q in interview.questions}
    return [q.model_copy(update={"how_to": texts.get(q.test)}) if q.test else q for q in questions]


@cache
def load_default() -> KnowledgeBase:
    """The bundled knowledge base, loaded once per process.

    Parsing the YAML costs most of a load, so the parsed data is kept in the user's cache folder
    as JSON under the content hash (a changed file means a new hash and a fresh build, so the
    cache never serves stale knowledge) and validated again on every load like the YAML.
    """
    directory = default_dir()
    try:
        version = _version_of(directory)
        cached = _cache_file(version)
    except OSError:
        cached = None
    if cached is not None and cached.exists():
        data = _read_cache(cached, version)
        if data is not None:
            try:
                return build_from_data(data, version)
            except KnowledgeError:
                logging.getLogger("footfix").warning(
                    "note: the knowledge-base cache %s did not validate; it is rebuilt.", cached
                )
    raw, version = _read(directory)
    kb = build_from_data(raw, version)
    if cached is not None:
        if json.loads(json.dumps(raw, default=str)) != raw:
            return kb  # data JSON cannot carry as it is (dates, non-text keys): no cache
        _write_cache(cached, version, raw)
    return kb
