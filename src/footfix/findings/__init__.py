"""A case (with any merged evidence) -> the findings the knowledge base knows."""

from footfix.findings.extract import extract_findings
from footfix.findings.finding_set import FindingSet

__all__ = ["FindingSet", "extract_findings"]
