"""Load the knowledge base (``src/footfix/kb/*.yaml``), validate it, and index it for the engine.

The version of a knowledge base is a hash of its files' bytes: every result records it, so the
same input with the same knowledge always gives the same output, and a changed rule shows.
"""

from __future__ import annotations

import hashlib
import math
import os
import pickle
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

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
    if problems:
        raise KnowledgeError(problems)
    assert meta and settings and refs is not None and tissues is not None and found is not None
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
    for name in ("kb.py", "models.py", "conditions.py", "interview_models.py"):
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:12]


def _cache_file(version: str) -> Path | None:
    if os.environ.get("FOOTFIX_NO_KB_CACHE"):
        return None
    from platformdirs import user_cache_dir

    name = f"kb-{version}-{_code_version()}-py{sys.version_info[1]}.pickle"
    return Path(user_cache_dir("footfix")) / name


@cache
def load_default() -> KnowledgeBase:
    """The bundled knowledge base, loaded once per process.

    Parsing and validating the YAML costs a few hundred milliseconds, so the validated result is
    kept in the user's cache folder under the content hash; a changed file means a new hash and
    a fresh build, so the cache can never serve stale knowledge.
    """
    directory = default_dir()
    try:
        cached = _cache_file(_version_of(directory))
    except OSError:
        cached = None
    if cached is not None and cached.exists():
        try:
            with cached.open("rb") as handle:
                kb = pickle.load(handle)  # our own cache, keyed by the content hash
            if isinstance(kb, KnowledgeBase):
                return kb
        except Exception:  # a broken cache is rebuilt, never fatal
            pass
    kb = build(directory)
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(pickle.dumps(kb, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, cached)  # atomic: a reader sees the whole file or none
        except OSError:
            pass
    return kb
