"""Villages the gazetteer keeps apart (they need support), taken where the document supports them.

About 130,000 small villages share their names with words, people and one
another, so the recognition lexicon leaves them out. After resolution this pass
looks at the names the document leaves unexplained: the unresolved names the
unknown-name pass found in place position ("villages near Darhol"), near misses
that land far from the document's other places ("Degala" read as Iran's
Dehlaq), and capitalised words no mention covers. Such a name becomes a
village when the text says it is a place ("the villages of A, B and C",
"Sherawa village", "Degala, a small town east of ...") and a village of that
name lies in the document's area, or, with no such words, when a village of
that name lies next to the document's other places (same district or
sub-district, or within :data:`geo.rules.villages.NEAR_KM`). Where the name
repeats, the village nearest those places wins. A spelling that only folds
like a known name (:func:`gazetteer.names.fold_key`) is tried for names in
place position, with keys long enough to be taken on their own, and only
inside the document's area. The words and distances are in
:mod:`geo.rules.villages`.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import math
import re
import weakref
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import shapely

from gazetteer import Entry, Gazetteer
from gazetteer.names import fold_key, key_variants, name_key, split_generic, strip_leading
from geo import _lexicon, _rulebook
from geo._cues import near_cue
from geo._name_rules import person_spans
from geo.model import Mention, Place
from geo.rules import villages as table

__all__ = ["VillageIndex", "support_villages", "village_index"]

_POINT_KINDS = ("populated_place", "crossing", "landmark")
_NO_CUE, _PLACE_POSITION, _VILLAGE_CUE = 0, 1, 2  # how strongly the words say "a place"
_FAR, _FOCUS, _NEAR = 0, 1, 2  # how closely the document's other places stand
_EARTH_KM = 6371.0


@dataclasses.dataclass(frozen=True)
class _Rules:
    cue_before: re.Pattern[str]
    cue_after: re.Pattern[str]
    apposition: re.Pattern[str]
    person_after: re.Pattern[str]
    run: re.Pattern[str]
    list_gap: re.Pattern[str]
    sentence_start: re.Pattern[str]
    last_words: frozenset[str]  # the last words of the cues before a name (looked at before the pattern)


def _phrases(words: Sequence[str]) -> str:
    return "|".join(r"\s+".join(re.escape(w) for w in phrase.split()) for phrase in words)


@functools.cache
def _rules() -> _Rules:
    """The tables of :mod:`geo.rules.villages` compiled."""
    nouns = _phrases(table.APPOSITION_NOUNS)
    return _Rules(
        cue_before=re.compile(rf"(?i:\b(?:{_phrases(table.CUES_BEFORE)})\s+(?:the\s+)?)$"),
        cue_after=re.compile(rf"\s+(?:{_phrases(table.CUES_AFTER)})\b", re.I),
        apposition=re.compile(table.APPOSITION.replace("{nouns}", nouns)),
        person_after=re.compile(rf"\s+(?:{_phrases(table.PERSON_AFTER)})\b"),
        run=re.compile(table.CAPITALISED_RUN.format(upper=table.UPPER)),
        list_gap=re.compile(table.LIST_GAP),
        sentence_start=re.compile(r"(?:^|[.!?:;\"“”]\s*|\n\s*|\(\s*)$"),
        last_words=frozenset(w for cue in table.CUES_BEFORE for w in (cue.split()[-1], "the")),
    )


class VillageIndex:
    """Lookups over the villages that need support, from the gazetteer's support table (no Entry per village).

    Built on first use, once per gazetteer; the first lookup reads the
    gazetteer's folded-name index and the village names (about 0.4 s).
    """

    def __init__(self, gaz: Gazetteer):
        self.gaz = gaz
        self.table = gaz.support_table()
        self.offset = len(gaz)
        self._keys: dict[int, frozenset[str]] = {}
        self._exact: dict[str, list[int]] = {}

    @functools.cached_property
    def _standalone(self) -> list[Entry]:
        return list(self.gaz)

    @functools.cached_property
    def _names(self) -> tuple[list[str], list[Any]]:
        return self.table.column("name").to_pylist(), self.table.column("alt_names").to_pylist()

    @functools.cached_property
    def _points(self) -> tuple[np.ndarray, np.ndarray]:
        return self.table.column("lat").to_numpy(), self.table.column("lon").to_numpy()

    def _name_keys(self, position: int) -> frozenset[str]:
        keys = self._keys.get(position)
        if keys is None:
            names, alts = self._names
            keys = frozenset(v for n in (names[position], *(alts[position] or ())) for v in key_variants(name_key(n)))
            self._keys[position] = keys
        return keys

    def exact(self, key: str) -> list[int]:
        """Rows (of ``entries.parquet``) of the villages with a name whose key is ``key`` (remembered per key)."""
        rows = self._exact.get(key)
        if rows is None:
            if len(self._exact) > 1 << 16:
                self._exact.clear()
            found = self.gaz.folded_rows(fold_key(key)) if self.table is not None and key else ()
            rows = self._exact[key] = [r for r in found if r >= self.offset and key in self._name_keys(r - self.offset)]
        return rows

    def folded(self, name: str) -> list[int]:
        """Rows of the entries whose names fold like ``name``, when its key is long enough.

        A shorter key ("Chuman", "Cmn") finds only entries taken alone (towns, not villages).
        """
        key = fold_key(name)
        if len(key) < table.MIN_FOLDED_KEY_TOWN:
            return []
        rows = self.gaz.folded_rows(key)
        return list(rows) if len(key) >= table.MIN_FOLDED_KEY else [r for r in rows if r < self.offset]

    def facts(self, row: int) -> tuple[float, float, tuple[str | None, str | None, str | None]]:
        """A row's point and its admin1, admin2 and admin3 ids."""
        if row < self.offset:
            e = self._standalone[row]
            return e.lat, e.lon, (e.admin1_id, e.admin2_id, e.admin3_id)
        position = row - self.offset
        lat, lon = self._points
        ids = tuple(self.table.column(c)[position].as_py() for c in ("admin1_id", "admin2_id", "admin3_id"))
        return float(lat[position]), float(lon[position]), ids  # type: ignore[return-value]

    @functools.cached_property
    def _rows(self) -> dict[str, int]:
        rows = {e.id: i for i, e in enumerate(self._standalone)}
        if self.table is not None:
            rows.update((v, i + self.offset) for i, v in enumerate(self.table.column("id").to_pylist()))
        return rows

    def row_of(self, place_id: str) -> int:
        """The row of an entry id (-1 for none)."""
        return self._rows.get(place_id, -1)

    def entry(self, row: int) -> Entry:
        """The entry of a row."""
        if row < self.offset:
            return self._standalone[row]
        entry = self.gaz.get(self.table.column("id")[row - self.offset].as_py())
        assert entry is not None
        return entry

    def closeness(self, key: str, row: int) -> float:
        """How closely ``key`` spells a row's name: the mean of the rapidfuzz ratio to the name it goes by
        and to its closest name (an alternate romanisation alone is weaker evidence)."""
        from rapidfuzz import fuzz

        if row < self.offset:
            e = self._standalone[row]
            primary, names = e.name, (e.name, *e.alt_names)
        else:
            primary, alts = self._names[0][row - self.offset], self._names[1][row - self.offset]
            names = (primary, *(alts or ()))
        best = max(fuzz.ratio(key, name_key(n)) for n in names)
        return (fuzz.ratio(key, name_key(primary)) + best) / 2


_indexes: weakref.WeakKeyDictionary[Gazetteer, VillageIndex] = weakref.WeakKeyDictionary()


def village_index(gaz: Gazetteer) -> VillageIndex:
    """The village index of a gazetteer, made once."""
    index = _indexes.get(gaz)
    if index is None:
        index = _indexes[gaz] = VillageIndex(gaz)
    return index


class _Area:
    """Where the document's resolved places stand: their points, districts, sub-districts and provinces."""

    def __init__(self, places: Sequence[Place], gaz: Gazetteer):
        lats, lons = [], []
        self.near_ids: set[str] = set()
        self.focus_ids: set[str] = set()
        self.regions: list[Any] = []
        for place in places:
            entry = gaz.get(place.place_id or "")
            if entry is None or entry.kind in ("country", "border") or place.mention.vague:
                continue
            if entry.kind in _POINT_KINDS and not entry.is_area:
                lats.append(entry.lat)
                lons.append(entry.lon)
            if entry.kind in ("adm2", "adm3"):
                self.near_ids.add(entry.id)
            if entry.kind == "adm1":
                self.focus_ids.add(entry.id)
            if entry.kind == "region" and entry.is_area:
                self.regions.append(entry.geometry)
            self.near_ids.update(i for i in (entry.admin2_id, entry.admin3_id) if i)
            if entry.admin1_id:
                self.focus_ids.add(entry.admin1_id)
        self.lat = np.radians(np.asarray(lats, dtype=float))
        self.lon = np.radians(np.asarray(lons, dtype=float))
        self.only_regions = not (lats or self.near_ids or self.focus_ids)  # then a region is the document's area
        self.empty = self.only_regions and not self.regions

    def support(self, lat: float, lon: float, ids: tuple[str | None, ...]) -> tuple[int, float]:
        """How closely the document's places stand to a point, and the distance to the nearest (km)."""
        distance = math.inf
        if len(self.lat):
            la, lo = math.radians(lat), math.radians(lon)
            h = np.sin((self.lat - la) / 2) ** 2 + np.cos(la) * np.cos(self.lat) * np.sin((self.lon - lo) / 2) ** 2
            distance = float(2 * _EARTH_KM * np.arcsin(np.sqrt(h.min())))
        admin1, admin2, admin3 = ids
        if distance <= table.NEAR_KM or (admin2 in self.near_ids) or (admin3 in self.near_ids):
            return _NEAR, distance
        if (
            distance <= table.FOCUS_KM
            or admin1 in self.focus_ids
            or (self.only_regions and any(shapely.contains_xy(r, lon, lat) for r in self.regions))
        ):
            return _FOCUS, distance
        return _FAR, distance


def _cue(text: str, mention: Mention) -> int:
    """Whether the words around a name call it a village or a small area (or at least a place).

    A name the unknown-name pass found stands in place position ("in X").
    """
    rules = _rules()
    start, end = mention.start, mention.end
    before = text[max(0, start - table.CUE_REACH) : start].split()
    after = text[end : end + 2]
    if (
        _key(mention.surface)[1]
        or (
            before
            and before[-1].lower() in rules.last_words
            and rules.cue_before.search(text, max(0, start - table.CUE_REACH), start)
        )
        or (after[:1].isspace() and rules.cue_after.match(text, end))
        or (after[:1] == "," and rules.apposition.match(text, end))
    ):
        return _VILLAGE_CUE
    return _PLACE_POSITION if mention.source == "unknown" else _NO_CUE


@functools.lru_cache(maxsize=1 << 14)
def _key(surface: str) -> tuple[str, bool]:
    """A name's lookup key without a leading article or trailing generic word, and whether it had a generic word."""
    key, hints = split_generic(strip_leading(name_key(surface))[0])
    return key, bool(hints)


def _choose(
    index: VillageIndex, area: _Area, surface: str, cue: int, *, folded: bool
) -> tuple[Entry, bool, float] | None:
    """The supported entry for a name: (entry, found by folding, confidence), or None."""
    key = _key(surface)[0]
    need = _FOCUS if cue else _NEAR
    scored = []
    for row in index.exact(key):
        level, distance = area.support(*index.facts(row))
        alone = cue == _VILLAGE_CUE and area.empty
        if level >= need or alone:
            scored.append(((level, 100.0, -distance, -row), row, False))
    if folded and cue and (not scored or max(scored)[0][0] < _NEAR):
        # a spelling that folds like a known name, only next to the document's places
        for row in index.folded(key):
            level, distance = area.support(*index.facts(row))
            if level == _NEAR:
                scored.append(((level, index.closeness(key, row), -distance, -row), row, True))
    if not scored or (area.empty and len(scored) > 1):
        return None  # none supported, or a name that repeats with nothing in the document to choose by
    _, best, by_folding = max(scored)
    return index.entry(best), by_folding, 1.0 / len(scored)


def _resolved(mention: Mention, entry: Entry, text: str, confidence: float, *, fuzzy: bool) -> Place:
    found = dataclasses.replace(mention, candidates=(entry.id,), source="fuzzy" if fuzzy else "name")
    precision = _precision(entry, near=near_cue(text, mention.start))
    return Place.from_entry(found, entry, precision=precision, confidence=confidence)


def _unresolved(mention: Mention) -> Place:
    mention = dataclasses.replace(mention, candidates=(), source="unknown")
    return Place(mention, None, None, None, None, None, None, None, None, 0.0)


def bind(precision: Callable[..., int]) -> None:
    """Take resolution's precision rule (geo.resolve.precision_of; passed in: resolve imports this module)."""
    global _precision
    _precision = precision


def _no_precision(entry: Entry, *, near: bool = False) -> int:
    raise RuntimeError("geo.villages.bind was not called: import geo.resolve")


_precision: Callable[..., int] = _no_precision


def support_villages(text: str, places: list[Place], gaz: Gazetteer) -> list[Place]:
    """``places`` (one document's, in order) with the villages its words or its other places support.

    Unresolved names in place position become villages, near misses that
    leave the document's area are read again (or left unresolved), and
    capitalised words no place covers become villages next to the document's
    other places. The result stays in text order, without overlaps.
    """
    if gaz.support_table() is None or not text:
        return places
    index = village_index(gaz)
    first = {id(p) for p in places}

    def area_of(now: list[Place]) -> _Area:  # a near miss the resolver made is no evidence of the area
        return _Area([p for p in now if p.resolved and (p.mention.source != "fuzzy" or id(p) not in first)], gaz)

    out = list(places)
    for _ in range(2):  # again once the villages found give the rest an area ("Darhol and Binpareza in Sidakan")
        area, changed = area_of(out), False
        for i, place in enumerate(out):
            if id(place) not in first or not _open(place, area, gaz):
                continue
            chosen = _choose(index, area, place.mention.surface, _cue(text, place.mention), folded=True)
            if chosen is not None:
                out[i] = _resolved(place.mention, chosen[0], text, chosen[2], fuzzy=chosen[1])
                changed = True
            elif place.resolved:
                out[i] = _unresolved(place.mention)  # a near miss across the border from the document's places
        if not changed:
            break
    return _with_runs(text, out, index, area_of(out), gaz)


def _open(place: Place, area: _Area, gaz: Gazetteer) -> bool:
    """Whether a place is open to a village: an unresolved name, or a near miss far from the document's places."""
    if place.mention.source == "unknown":
        return True
    if place.mention.source != "fuzzy" or place.kind not in _POINT_KINDS or area.empty:
        return False
    entry = gaz.get(place.place_id or "")
    return entry is not None and area.support(entry.lat, entry.lon, (entry.admin1_id, None, None))[0] == _FAR


def _respelt(index: VillageIndex, surface: str, known: set[int]) -> tuple[Entry, bool, float] | None:
    """A place the document names already (``known``: its rows), spelt another way ("Sidakan ... Sidekan")."""
    rows = [r for r in index.folded(_key(surface)[0]) if r in known]
    return (index.entry(rows[0]), True, 1.0) if rows else None


def _in_lower_case(text: str, surface: str) -> bool:
    """Whether the text also writes the name in lower case: a common word, not a name."""
    return re.search(rf"\b{re.escape(surface.lower())}\b", text) is not None


def _with_runs(text: str, places: list[Place], index: VillageIndex, area: _Area, gaz: Gazetteer) -> list[Place]:
    """``places`` and the villages named by capitalised words no place covers."""
    rules = _rules()
    starts = [p.mention.start for p in places]
    ends = [p.mention.end for p in places]
    doc_id = places[0].mention.doc_id if places else ""
    entries = _lexicon.for_gazetteer(gaz).entries
    not_places, demonyms = _rulebook.RULES.not_places, _rulebook.RULES.demonyms
    people: set[str] | None = None
    known = {index.row_of(p.place_id) for p in places if p.place_id}
    added: list[Place] = []
    listed_end = -1  # where the last village with a cue ended: the list after it shares the cue
    for match in rules.run.finditer(text):
        start, end = match.span()
        k = bisect.bisect_left(starts, end) - 1
        if k >= 0 and ends[k] > start:
            continue  # a place covers it
        surface = match.group()
        initial = rules.sentence_start.search(text, max(0, start - 3), start) is not None
        if initial and " " in surface:  # "In Sidakan": the first word is capitalised by the sentence
            first = surface.index(" ") + 1
            start, surface = start + first, surface[first:]
        words = surface.split()
        if words[0] in not_places or words[0].lower() in demonyms or " ".join(words).lower() in entries:
            continue
        key = _key(surface)[0]
        if not index.exact(key) and len(index.folded(key)) == 0:
            continue  # no village of this name, nor a spelling that folds like one
        mention = Mention(doc_id, start, end, text[start:end], (), "name")
        cue = _cue(text, mention)
        if not cue and (
            (k >= 0 and rules.list_gap.fullmatch(text, ends[k], start))
            or (k + 1 < len(starts) and rules.list_gap.fullmatch(text, end, starts[k + 1]))
        ):
            cue = _PLACE_POSITION  # listed with places: "Koya, Balisan and Bradost"
        if not cue and listed_end >= 0 and rules.list_gap.fullmatch(text, listed_end, start):
            cue = _VILLAGE_CUE
        if not cue and (initial or rules.person_after.match(text, end) or _in_lower_case(text, surface)):
            continue
        chosen = _choose(index, area, surface, cue, folded=cue == _VILLAGE_CUE) or _respelt(index, surface, known)
        if chosen is None:
            continue
        if people is None:
            people = person_spans(text, _rulebook.RULES.person_title.finditer(text))[1]
        if any(w in people for w in words):
            continue
        added.append(_resolved(mention, chosen[0], text, chosen[2], fuzzy=chosen[1]))
        after = rules.cue_after.match(text, end)
        listed_end = (after.end() if after else end) if cue == _VILLAGE_CUE else -1
    if not added:
        return places
    return sorted([*places, *added], key=lambda p: p.mention.start)
