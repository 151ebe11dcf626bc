"""Recognition and resolution scored against the hand-annotated seed gold (tests/gold/toponyms.jsonl).

A predicted mention matches a gold mention when their spans overlap. Gold
mentions marked ``scored: false`` (vague phrases annotators could disagree on)
count neither way. Acc@161km: share of matched gold mentions whose predicted
place lies within 161 km of the gold place.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyproj
import pytest

from gazetteer import Gazetteer
from geo.documents import documents_from_paths
from geo.model import Place
from geo.resolve import places_from_document

GOLD = Path(__file__).parent / "gold" / "toponyms.jsonl"


def _overlap(gold: dict, place: Place) -> bool:
    return gold["start"] < place.mention.end and place.mention.start < gold["end"]


@pytest.fixture(scope="module")
def scores(seeds_dir: Path, gaz: Gazetteer) -> dict[str, float]:
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    geod = pyproj.Geod(ellps="WGS84")
    tp = fp = fn = near = judged = 0
    docs = list(documents_from_paths([seeds_dir]))
    assert len(docs) == 5
    for doc in docs:
        predicted = places_from_document(doc, gaz)
        golds = [g for g in gold if g["doc"] == doc.id]
        for g in golds:
            assert doc.text[g["start"] : g["end"]] == g["surface"], "gold offsets must slice the seed text"
        scored = [g for g in golds if g["scored"]]
        unscored = [g for g in golds if not g["scored"]]
        for p in predicted:
            if not any(_overlap(g, p) for g in scored) and not any(_overlap(g, p) for g in unscored):
                fp += 1
        for g in scored:
            hits = [p for p in predicted if _overlap(g, p)]
            if not hits:
                fn += 1
                continue
            tp += 1
            if g["place_id"] is None:
                continue
            target = gaz[g["place_id"]]
            best = hits[0]
            judged += 1
            if best.lat is not None:
                _, _, metres = geod.inv(target.lon, target.lat, best.lon, best.lat)
                near += metres <= 161_000
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    return {
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall),
        "acc161": near / judged,
        "judged": judged,
    }


def test_toponym_f1(scores: dict[str, float]) -> None:
    assert scores["f1"] >= 0.95, scores


def test_acc_at_161km(scores: dict[str, float]) -> None:
    assert scores["judged"] >= 100
    assert scores["acc161"] >= 0.97, scores
