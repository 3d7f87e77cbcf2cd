"""The tissue differential: prior x likelihood ratios, normalised over the KB's tissues.

Only findings about the painful foot (or unsided ones) count. Scores are a naive-Bayes
posterior: findings are treated as independent, so they are weights of evidence rather than
calibrated probabilities.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from footfix.domain.finding import Finding
from footfix.domain.side import Side
from footfix.findings.finding_set import FindingSet
from footfix.knowledge.kb import KnowledgeBase


@dataclass(frozen=True)
class Ranked:
    tissue: str
    because: list[str]
    against: list[str]


def counted_findings(findings: FindingSet, kb: KnowledgeBase) -> list[Finding]:
    """The findings the differential uses: weighted, about the painful foot, once per id."""
    painful = findings.painful
    out: list[Finding] = []
    for fid in findings.ids():
        if fid not in kb.log_lr:
            continue
        hits = findings.on(fid, painful) if painful is not Side.BOTH else findings.anywhere(fid)
        if hits:
            out.append(hits[0])
    out.sort(key=lambda f: f.id)
    return out


def cluster_weights(counted: list[Finding], kb: KnowledgeBase) -> dict[str, dict[str, float]]:
    """Each counted finding's log ratios, with a cluster of dependent findings counted once:
    per tissue, only the member with the largest effect keeps its ratio (the others get 0)."""
    out = {f.id: dict(kb.log_lr[f.id]) for f in counted}
    members: dict[str, list[str]] = {}
    for f in counted:
        cluster = kb.weight_cluster.get(f.id)
        if cluster:
            members.setdefault(cluster, []).append(f.id)
    for ids in members.values():
        if len(ids) < 2:
            continue
        tissues = {t for i in ids for t in out[i]}
        for tissue in tissues:
            best = max(ids, key=lambda i: (abs(out[i].get(tissue, 0.0)), i))
            for i in ids:
                if i != best and tissue in out[i]:
                    out[i][tissue] = 0.0
    return out


def log_scores(counted: list[Finding], kb: KnowledgeBase) -> dict[str, float]:
    scores = dict(kb.log_prior)
    for ratios in cluster_weights(counted, kb).values():
        for tissue, value in ratios.items():
            scores[tissue] += value
    return scores


def normalise(log_scores_: dict[str, float]) -> dict[str, float]:
    top = max(log_scores_.values())
    exps = {t: math.exp(v - top) for t, v in log_scores_.items()}
    total = sum(exps.values())
    return {t: v / total for t, v in exps.items()}


def rank(findings: FindingSet, kb: KnowledgeBase) -> tuple[list[tuple[str, float]], list[Finding]]:
    """Tissues best first with their scores, and the findings that were counted."""
    counted = counted_findings(findings, kb)
    probs = normalise(log_scores(counted, kb))
    return sorted(probs.items(), key=lambda x: (-x[1], x[0])), counted


def explain(tissue: str, counted: list[Finding], kb: KnowledgeBase, texts: list[str]) -> Ranked:
    """The findings for and against one tissue, strongest first (``texts`` match ``counted``)."""
    weighted = []
    ratios = cluster_weights(counted, kb)
    for f, text in zip(counted, texts, strict=True):
        value = ratios[f.id].get(tissue)
        if value:
            weighted.append((value, text))
    weighted.sort(key=lambda x: -x[0])
    because = [t for v, t in weighted if v > 0]
    against = [t for v, t in reversed(weighted) if v < 0]
    return Ranked(tissue, because[:8], against[:6])
