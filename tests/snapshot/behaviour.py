"""The places and events the pipeline finds on the sample corpus, the seeds and the dev set, as plain data.

A snapshot of this (``tests/snapshot/behaviour.json``) was taken before the rule engine was
refactored (issue 14); ``test_behaviour_snapshot`` compares today's output with it. Texts from
``../shared`` are real articles that must not be copied into the project, so an event's evidence is
kept as a hash and places as offsets and ids, never as text.

Regenerate, in a commit that says why the behaviour changed::

    python -m tests.snapshot.behaviour --write
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SNAPSHOT = Path(__file__).with_name("behaviour.json")


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def _devset_documents(root: Path) -> Iterator[Any]:
    from geo.model import Document

    for path in sorted((root / "docs").glob("*.txt")):
        gold = json.loads((root / "gold" / (path.stem + ".json")).read_text(encoding="utf-8"))
        published = gold.get("published")
        yield Document(
            id=path.stem,
            text=path.read_text(encoding="utf-8"),
            published=date.fromisoformat(published) if published else None,
            outlet=gold.get("outlet"),
            url=gold.get("source"),
        )


def corpora() -> dict[str, list[Any]]:
    """Every corpus that is present here: the sample always, the seeds and dev set when beside the project."""
    from geo.documents import documents_from_paths, sample_corpus_path

    found: dict[str, list[Any]] = {"sample": list(documents_from_paths([sample_corpus_path()]))}
    if (SHARED / "seeds").is_dir():
        found["seeds"] = list(documents_from_paths([SHARED / "seeds"]))
    if (SHARED / "devset" / "docs").is_dir():
        found["devset"] = list(_devset_documents(SHARED / "devset"))
    return found


def behaviour(docs: list[Any]) -> dict[str, Any]:
    """Places per document and the merged events of the corpus, without any article text."""
    from gazetteer import Gazetteer
    from geo.events import events_from_documents
    from geo.resolve import places_from_document

    gaz = Gazetteer.load()
    places = {
        doc.id: [[p.mention.start, p.mention.end, p.place_id, p.precision] for p in places_from_document(doc, gaz)]
        for doc in docs
    }
    events = [
        {
            "id": ev.event_id,
            "type": ev.event_type,
            "sub_type": ev.sub_event_type,
            "date": [ev.date.value, ev.date.precision],
            "actors": [ev.actor1, ev.actor2],
            "place": ev.place.place_id if ev.place else None,
            "evidence": _digest(ev.evidence),
            "sources": sorted([s.document, s.start, s.end] for s in ev.sources),
        }
        for ev in events_from_documents(docs, gaz)
    ]
    return {"places": places, "events": events}


def snapshot() -> dict[str, Any]:
    return {name: behaviour(docs) for name, docs in corpora().items()}


if __name__ == "__main__":
    if "--write" not in sys.argv[1:]:
        sys.exit("usage: python -m tests.snapshot.behaviour --write")
    data = snapshot()
    SNAPSHOT.write_text(json.dumps(data, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {SNAPSHOT}: " + ", ".join(f"{k} {len(v['events'])} events" for k, v in data.items()))
