"""The findings of one case, indexed for the questions the rules ask."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from footfix.domain.finding import Finding
from footfix.domain.side import Side


class FindingSet:
    """Findings by id; several per id when seen on several sides."""

    __slots__ = ("by_id", "known_fields", "painful")

    def __init__(
        self, findings: Iterable[Finding], painful: Side, known_fields: frozenset[str] = frozenset()
    ) -> None:
        self.painful = painful
        # every dotted path (and its parents) the case sets, and each symptom answered yes or
        # no one at a time as FIELD:VALUE (findings.extract.ANSWERED_LISTS)
        self.known_fields = known_fields
        self.by_id: dict[str, list[Finding]] = {}  # read-only for callers
        for item in findings:
            self.by_id.setdefault(item.id, []).append(item)

    def __iter__(self) -> Iterator[Finding]:
        for items in self.by_id.values():
            yield from items

    def __len__(self) -> int:
        return sum(len(v) for v in self.by_id.values())

    def ids(self) -> set[str]:
        return set(self.by_id)

    def on(self, finding_id: str, side: Side) -> list[Finding]:
        """The finding where it says something about `side` (unsided ones always do)."""
        items = self.by_id.get(finding_id)
        if not items:
            return []
        return [f for f in items if f.side.covers(side)]

    def on_strict(self, finding_id: str, side: Side) -> list[Finding]:
        """Only findings seen on exactly that side (or on both)."""
        return [f for f in self.by_id.get(finding_id, ()) if f.side in (side, Side.BOTH)]

    def anywhere(self, finding_id: str) -> list[Finding]:
        return list(self.by_id.get(finding_id, ()))
