"""Evidence from other sources (watch files, stride video, a clinician's form) merged into a case.

A source produces an ``Evidence``: a partial case in the case-file vocabulary (for example
``{"gait": {"cadence_spm": 158, "overstride": {"left": True}}}``) plus human notes. What the case
file itself says wins; evidence fills what the case left unknown. Per-side pairs merge side by
side, and training changes are appended (one per kind). The merged case is validated again, so a
source can never smuggle in an out-of-range value.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from footfix.intake.case_model import CaseFile
from footfix.intake.load import parse_case


class Evidence(BaseModel):
    model_config = ConfigDict(frozen=True)

    source: str = Field(description="short label shown in explanations, e.g. 'watch' or 'video'")
    patch: dict[str, Any] = Field(default_factory=dict)
    notes: list[str] = Field(default_factory=list)


def _merge(base: Any, extra: Any) -> Any:
    if base is None:
        return extra
    if isinstance(base, dict) and isinstance(extra, dict):
        out = dict(base)
        for key, value in extra.items():
            out[key] = _merge(base.get(key), value)
        return out
    return base  # the case file's own statement wins


def _merge_changes(base: list[dict[str, Any]], extra: list[dict[str, Any]]) -> list[dict[str, Any]]:
    kinds = {item["change"] for item in base}
    return base + [item for item in extra if item["change"] not in kinds]


def merge_evidence(case: CaseFile, evidence: list[Evidence]) -> tuple[CaseFile, dict[str, str]]:
    """The case with evidence merged in, and which dotted field came from which source."""
    data = case.model_dump(exclude_none=True)
    provenance: dict[str, str] = {}
    for item in evidence:
        for section, fields in item.patch.items():
            if not isinstance(fields, dict):
                continue
            target = data.setdefault(section, {})
            for name, value in fields.items():
                if section == "history" and name == "training_changes":
                    before = target.get(name, [])
                    target[name] = _merge_changes(before, value)
                    if len(target[name]) > len(before):
                        provenance[f"{section}.{name}"] = item.source
                    continue
                merged = _merge(target.get(name), value)
                if merged != target.get(name):
                    provenance[f"{section}.{name}"] = item.source
                target[name] = merged
    return parse_case(data, source="case with evidence"), provenance
