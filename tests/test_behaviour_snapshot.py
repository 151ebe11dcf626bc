"""Refactors keep behaviour: the places and events found equal the committed snapshot.

The snapshot (tests/snapshot/behaviour.json) changes only in a commit that says why
(``python -m tests.snapshot.behaviour --write``).
"""

from __future__ import annotations

import json

import pytest
from snapshot.behaviour import SNAPSHOT, behaviour, corpora

_CORPORA = corpora()
_EXPECTED = json.loads(SNAPSHOT.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["sample", "seeds", "devset"])
def test_places_and_events_equal_the_snapshot(name: str) -> None:
    if name not in _CORPORA:
        pytest.skip(f"the {name} corpus is not beside the project")
    got = json.loads(json.dumps(behaviour(_CORPORA[name])))
    want = _EXPECTED[name]
    assert got["places"].keys() == want["places"].keys()
    for doc_id, places in want["places"].items():
        assert got["places"][doc_id] == places, f"places of {doc_id} changed"
    assert got["events"] == want["events"]
