"""The build script: same sources in, byte-identical files out, equal to what ships."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from gazetteer import build
from gazetteer.gazetteer import DATA_DIR
from geo.errors import GazetteerError

pytestmark = pytest.mark.build


BUILT = ("common_words.tsv", "entries.parquet", "folded.parquet", "names.parquet")


def digest(folder: Path) -> dict[str, str]:
    """Hashes of the files the build writes (data/ also holds the hand-written folding.tsv)."""
    return {
        name: hashlib.sha256((folder / name).read_bytes()).hexdigest() for name in BUILT if (folder / name).exists()
    }


def test_build_is_deterministic_and_matches_the_shipped_files(shared_data: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    assert build.main([str(shared_data), "--out", str(first)]) == 0
    assert build.main([str(shared_data), "--out", str(second)]) == 0
    assert digest(first) == digest(second)
    assert set(digest(first)) == set(BUILT)
    assert sorted(p.name for p in first.iterdir()) == sorted(BUILT)
    assert digest(first) == digest(DATA_DIR), "shipped gazetteer is stale: run python -m gazetteer.build ../shared/data"
    assert not list(first.glob(".*.tmp*"))


def test_build_names_the_missing_source(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="missing"):
        build.collect(tmp_path)


def test_name_index_covers_every_name() -> None:
    entries = [
        {"name": "Al-Anbar", "alt_names": ["Anbar Province", "الأنبار"]},
        {"name": "Erbil", "alt_names": ["Hawler"]},
    ]
    index = build.name_index(entries)  # type: ignore[arg-type]
    assert ("al anbar", 0, True) in index
    assert ("anbar", 0, True) in index  # article dropped: still the canonical name
    assert ("انبار", 0, False) in index
    assert ("hawler", 1, False) in index
    assert index == sorted(index)
