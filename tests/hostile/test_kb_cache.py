"""The knowledge-base cache is JSON checked against hashes: it cannot run code, and a bad one
is rebuilt with a note."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from footfix.knowledge import kb as kb_module


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("FOOTFIX_NO_KB_CACHE", raising=False)
    kb_module.load_default.cache_clear()
    yield tmp_path / "footfix"
    kb_module.load_default.cache_clear()


def _fresh() -> kb_module.KnowledgeBase:
    kb_module.load_default.cache_clear()
    return kb_module.load_default()


def test_the_cache_is_json_and_gives_the_same_knowledge(cache_home: Path) -> None:
    built = _fresh()
    (cached,) = cache_home.glob("kb-*")
    assert cached.suffix == ".json"
    document = json.loads(cached.read_text())
    assert document["version"] == built.version
    again = _fresh()
    assert again == built


@pytest.mark.parametrize(
    "damage",
    [
        lambda doc: b"\x80\x04\x95 not json, e.g. a planted pickle",
        lambda doc: json.dumps({**doc, "data": {**doc["data"], "meta.yaml": None}}).encode(),
        lambda doc: json.dumps({**doc, "version": "0" * 16}).encode(),
    ],
    ids=["pickle bytes", "edited data", "other version"],
)
def test_a_bad_cache_is_rebuilt_with_a_note(
    cache_home: Path, caplog: pytest.LogCaptureFixture, damage
) -> None:  # type: ignore[no-untyped-def]
    built = _fresh()
    (cached,) = cache_home.glob("kb-*")
    cached.write_bytes(damage(json.loads(cached.read_text())))
    with caplog.at_level(logging.WARNING, logger="footfix"):
        again = _fresh()
    assert again == built
    assert "knowledge-base cache" in caplog.text and "rebuilt" in caplog.text
    assert json.loads(cached.read_text())["version"] == built.version  # written anew
