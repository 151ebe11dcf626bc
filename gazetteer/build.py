"""Build the shipped gazetteer from the open data in ``shared/data``.

Usage::

    python -m gazetteer.build SOURCE_DIR [--out DIR]

Writes ``entries.parquet`` (GeoParquet, one row per place: first, in one row
group, the entries that may be taken on their name alone, then the villages
that need support), ``names.parquet`` (the name index of the first group:
name key -> entry row), ``folded.parquet`` (every entry's transliteration-folded
keys -> entry rows, see :func:`gazetteer.names.fold_key`) and
``common_words.tsv`` (names that are also common English words) into
``gazetteer/data``. The same sources give byte-identical files: rows are
sorted, nothing depends on time or on dictionary order, and files are written
to a temporary name and renamed.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import shapely

from gazetteer import _curated, _entries, _iraq, _regions, _villages
from gazetteer import _sources as sources
from gazetteer.entry import KINDS
from gazetteer.gazetteer import STANDALONE_ROWS_KEY
from gazetteer.names import folded_keys, key_variants, name_key
from geo.atomic import atomic_write

HERE = Path(__file__).parent
CURATED = HERE / "curated"
DATA = HERE / "data"

# How much a bare name ("Kurdistan", "Erbil") leans towards each kind of entry
# when nothing in the text says which is meant; populated places use their
# population. A town outranks the admin area named after it (see _seat_boost).
KIND_IMPORTANCE = {
    "country": 1e9,
    "region": 1e8,
    "border": 1e6,
    "adm1": 4e5,
    "adm2": 3e4,
    "crossing": 2e4,
    "landmark": 1e4,
    "adm3": 5e3,
}
# A village that needs support ranks below every place named for itself.
SUPPORT_IMPORTANCE = 10.0


def _apply_aliases(entries: list[_entries.Entry], paths: Sequence[Path]) -> None:
    """Add curated alternate names; a ``preferred`` alias becomes the display name."""
    by_id = {e["id"]: e for e in entries}
    by_iso = {e["iso_code"]: e for e in entries if e["iso_code"] and e["kind"] in ("country", "adm1")}
    trusted: set[str] = set()
    for path in paths:
        if not path.is_file():
            continue
        with path.open(encoding="utf-8", newline="") as fh:
            for line, row in enumerate(csv.DictReader(fh), start=2):
                target = row["target"]
                entry = by_iso.get(target[4:]) if target.startswith("iso:") else by_id.get(target)
                if entry is None:
                    raise sources.GazetteerError(
                        f"{path.name} line {line}: no entry {target!r} for alias {row['alias']!r}"
                    )
                trusted.add(row["alias"])
                if row.get("preferred") == "1":
                    old = entry["name"]
                    entry["name"] = row["alias"]
                    entry["alt_names"] = [old, *entry["alt_names"]]
                else:
                    entry["alt_names"] = [*entry["alt_names"], row["alias"]]
                entry["alt_names"] = _entries.clean_names(entry["name"], entry["alt_names"], trusted=frozenset(trusted))


def _halabja(entries: list[_entries.Entry]) -> _entries.Entry:
    """Halabja governorate (IQ.19): GeoNames names it, no open source draws it."""
    town = next(e for e in entries if e["id"] == "geonames:96205")
    return _entries.new_entry(
        "adm1:halabja-governorate",
        "Halabja",
        "adm1",
        town["geometry"],
        country="IQ",
        source="geonames",
        admin_code="IQ.19",
        alt_names=["Halabja Governorate", "Halabja Province", "Halabjah", "Helebce", "هەڵەبجە", "حلبجة"],
        note="point at Halabja town: no open boundary; the area lies inside the Sulaymaniyah polygon",
    )


def _assign_parents(entries: list[_entries.Entry]) -> None:
    """Fill admin1/admin2 (names and ids) for admin areas, towns and curated places.

    Iranian points take the county polygon that holds them, Iraqi points the
    OCHA district and sub-district (:func:`gazetteer._iraq.assign_areas`).
    """
    adm1 = {e["admin_code"]: e for e in entries if e["kind"] == "adm1" and e["admin_code"]}
    adm1_iso = {e["iso_code"]: e for e in entries if e["kind"] == "adm1"}
    counties = [e for e in entries if e["kind"] == "adm2" and e["country"] == "IR"]
    for e in entries:
        parent = None
        if e["kind"] == "adm2" and e["source"] != "ocha":
            parent = adm1_iso.get(e.pop("province_code", None) or "") or adm1.get(
                (e["admin_code"] or "").rsplit(".", 1)[0]
            )
        elif e["kind"] in ("populated_place", "crossing", "landmark"):
            parent = adm1.get(e["admin_code"] or "")
        if parent is not None:
            e["admin1"], e["admin1_id"] = parent["name"], parent["id"]
    _admin1_by_position(entries)
    points = [e for e in entries if e["country"] == "IR" and e["kind"] in ("populated_place", "crossing", "landmark")]
    tree = shapely.STRtree([c["geometry"] for c in counties])
    point_idx, county_idx = tree.query([e["geometry"] for e in points], predicate="within")
    found: dict[int, int] = {}
    for p, c in zip(point_idx.tolist(), county_idx.tolist(), strict=True):
        found[p] = min(found.get(p, c), c)
    for p, c in sorted(found.items()):
        points[p]["admin2"], points[p]["admin2_id"] = counties[c]["name"], counties[c]["id"]
    _iraq.assign_areas(entries)


def _admin1_by_position(entries: list[_entries.Entry]) -> None:
    """A point with no admin code (a curated one) takes the province polygon that holds it."""
    provinces = [e for e in entries if e["kind"] == "adm1" and e["geometry"].area > 0]
    points = [e for e in entries if e["admin1_id"] is None and e["geometry"].geom_type == "Point"]
    tree = shapely.STRtree([p["geometry"] for p in provinces])
    point_idx, area_idx = tree.query([e["geometry"] for e in points], predicate="within")
    found: dict[int, int] = {}
    for p, a in zip(point_idx.tolist(), area_idx.tolist(), strict=True):
        found[p] = min(found.get(p, a), a)
    for p, a in sorted(found.items()):
        points[p]["admin1"], points[p]["admin1_id"] = provinces[a]["name"], provinces[a]["id"]


def _importance(entries: list[_entries.Entry]) -> None:
    """Rank weight for bare-name lookups; see KIND_IMPORTANCE."""
    for e in entries:
        if e["needs_support"]:
            base = float(e["population"] or SUPPORT_IMPORTANCE)
        elif e["kind"] == "populated_place":
            base = float(e["population"] or 100)
            if e["feature_code"] == "PPLC":
                base = max(base, 5e6)
        else:
            base = KIND_IMPORTANCE[e["kind"]] + float(e["population"] or 0)
        e["importance"] = base
    _seat_boost(entries)


def _seat_boost(entries: list[_entries.Entry]) -> None:
    """A town named like its own governorate or county outranks that area (Duhok, Ilam, Halabja)."""
    by_id = {e["id"]: e for e in entries}
    best: dict[str, _entries.Entry] = {}
    for e in entries:
        if e["kind"] != "populated_place" or e["needs_support"]:
            continue
        keys = {name_key(e["name"]), *(name_key(n) for n in e["alt_names"])}
        for parent_id in (e["admin1_id"], e["admin2_id"], e["admin3_id"]):
            parent = by_id.get(parent_id or "")
            if parent is None or name_key(parent["name"]) not in keys:
                continue
            current = best.get(parent["id"])
            if current is None or (e["population"] or 0) > (current["population"] or 0):
                best[parent["id"]] = e
    for parent_id, town in sorted(best.items()):
        town["importance"] = max(town["importance"], by_id[parent_id]["importance"] + 1)


def _representative(e: _entries.Entry) -> tuple[float, float]:
    """A point on the entry: Natural Earth's label point when it falls inside, else one on the geometry."""
    geom = e["geometry"]
    label: tuple[float, float] | None = e.get("label")
    if label is not None and shapely.contains_xy(geom, *label):
        return label
    if geom.geom_type in ("LineString", "MultiLineString"):
        point = shapely.line_interpolate_point(shapely.line_merge(geom), 0.5, normalized=True)
        if point.is_empty:
            point = geom.representative_point()
    else:
        point = geom.representative_point()
    return round(float(point.x), 6), round(float(point.y), 6)


def collect(src: Path) -> list[_entries.Entry]:
    """Every entry, parents filled, in the shipped order (see :func:`shipped_order`)."""
    counties_raw = sources.iran_counties(src)
    towns = sources.cities_npm(src)
    entries = _entries.countries(src)
    entries += _entries.admin1(src, counties_raw)
    entries += _entries.iran_counties(counties_raw)
    point_districts = _entries.iraq_districts(src, towns)
    entries += _iraq.areas(src, entries + point_districts, CURATED / "iraq_districts.csv")
    entries += _entries.populated_places(src)
    entries.append(_halabja(entries))
    entries += _entries.curated_places(CURATED / "places.csv")
    entries += _curated.sourced_points(CURATED / "sourced_points.csv", entries)
    entries += _villages.places(src, entries)
    entries += _curated.crossings(CURATED / "crossings.csv", entries)
    entries += _regions.regions(CURATED / "regions.csv", entries, sources.border_lines(src))
    ids = [e["id"] for e in entries]
    if len(ids) != len(set(ids)):
        dupes = sorted(i for i, n in Counter(ids).items() if n > 1)
        raise sources.GazetteerError(f"duplicate entry ids: {dupes[:10]}")
    _apply_aliases(entries, [CURATED / "admin_aliases.csv", CURATED / "aliases.csv"])
    _assign_parents(entries)
    _curated.link_counterparts(entries)
    _villages.mark_support(entries)
    _importance(entries)
    for e in entries:
        e["lon"], e["lat"] = _representative(e)
        e["geometry"] = shapely.orient_polygons(e["geometry"])  # RFC 7946 right-hand rule
        langs = e.pop("name_langs", None) or {}
        e["alt_langs"] = [langs.get(n, "") for n in e["alt_names"]]
        e.pop("label", None)
        e.pop("province_code", None)
    entries.sort(key=shipped_order)
    return entries


def shipped_order(e: _entries.Entry) -> tuple[bool, int, str, str]:
    """Entries taken on their name alone first, then by kind (most general first), country and id."""
    return (e["needs_support"], KINDS.index(e["kind"]), e["country"] or "", e["id"])


def name_index(entries: list[_entries.Entry]) -> list[tuple[str, int, bool]]:
    """Sorted (key, row, canonical) triples: every name of every entry taken alone, with its variants."""
    triples: dict[tuple[str, int], bool] = {}
    for row, e in enumerate(entries):
        if e.get("needs_support"):
            continue
        for i, name in enumerate([e["name"], *e["alt_names"]]):
            for variant in key_variants(name_key(name)):
                triples[(variant, row)] = triples.get((variant, row), False) or i == 0
    return sorted((key, row, canonical) for (key, row), canonical in triples.items())


def folded_index(entries: list[_entries.Entry]) -> list[tuple[str, int]]:
    """Sorted (folded key, row) pairs for every name of every entry, villages included."""
    pairs: set[tuple[str, int]] = set()
    for row, e in enumerate(entries):
        for name in [e["name"], *e["alt_names"]]:
            pairs.update((key, row) for key in folded_keys(name))
    return sorted(pairs)


#: The frequency written for a hand-listed name of ``curated/word_names.csv``: above any cutoff.
LISTED_WORD = 9.0


def common_words(entries: list[_entries.Entry], *, threshold: float = 3.0) -> list[tuple[str, float]]:
    """Latin-script names that are also common English words, with their Zipf frequency.

    "Of", "Van" and "Now" are towns in the data; the recogniser reads this
    list to tell a word from a place. Computed here with wordfreq (a build-time
    dependency) so the product ships only the few hundred words that matter.
    Names ``curated/word_names.csv`` lists (personal names, Arabic common
    nouns that name sub-districts: "Al Salam", "Kanan") are written with
    :data:`LISTED_WORD`, so no cutoff lets them in on their own.
    """
    from wordfreq import zipf_frequency

    with (CURATED / "word_names.csv").open(encoding="utf-8", newline="") as fh:
        listed = {name_key(row["name"]) for row in csv.DictReader(fh)}
    words: dict[str, float] = {}
    for e in entries:
        for name in [e["name"], *e["alt_names"]]:
            word = " ".join(name.casefold().split())
            if word in words:
                continue
            if name_key(name) in listed:  # every spelling of it ("Al-Salam", "Al Salam")
                words[word] = LISTED_WORD
            elif word.isascii() and word.replace(" ", "").isalpha():
                words[word] = zipf_frequency(word, "en")
    return sorted((w, f) for w, f in words.items() if f >= threshold)


_COLUMNS: dict[str, str] = {
    "id": "string",
    "name": "string",
    "kind": "string",
    "country": "string",
    "admin1": "string",
    "admin1_id": "string",
    "admin2": "string",
    "admin2_id": "string",
    "admin3": "string",
    "admin3_id": "string",
    "pcode": "string",
    "population": "int64",
    "iso_code": "string",
    "iso_code_old": "string",
    "admin_code": "string",
    "feature_code": "string",
    "alt_names": "list",
    "alt_langs": "list",
    "needs_support": "bool",
    "counterpart_id": "string",
    "point_basis": "string",
    "source": "string",
    "source_url": "string",
    "note": "string",
    "importance": "float64",
    "lon": "float64",
    "lat": "float64",
}


def write(entries: list[_entries.Entry], out: Path) -> None:
    """Write ``entries.parquet``, ``names.parquet`` and ``common_words.tsv`` into ``out``.

    The GeoParquet is written with pyarrow and fixed metadata (no ``crs``
    member: GeoParquet's default, OGC:CRS84, is lon/lat WGS84), so its bytes
    depend only on the entries, not on pyproj's or geopandas' state.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {
        "string": pa.string(),
        "int64": pa.int64(),
        "float64": pa.float64(),
        "bool": pa.bool_(),
        "list": pa.list_(pa.string()),
    }
    columns = {name: pa.array([e[name] for e in entries], types[kind]) for name, kind in _COLUMNS.items()}
    geoms = [e["geometry"] for e in entries]
    columns["geometry"] = pa.array(shapely.to_wkb(geoms, output_dimension=2), pa.binary())
    from geo.export import geoparquet_metadata

    standalone = sum(1 for e in entries if not e["needs_support"])
    metadata = {"geo": geoparquet_metadata(geoms, decimals=6), STANDALONE_ROWS_KEY: str(standalone).encode()}
    table = pa.table(columns).replace_schema_metadata(metadata)

    def write_entries(tmp: str) -> None:
        # Two row groups: the loader reads the first at start and the villages only when asked.
        with pq.ParquetWriter(tmp, table.schema, compression="zstd") as writer:
            for start, stop in ((0, standalone), (standalone, len(entries))):
                if stop > start:
                    writer.write_table(table.slice(start, stop - start), row_group_size=stop - start)

    atomic_write(out / "entries.parquet", write_entries)
    keys, rows, canonical = zip(*name_index(entries), strict=True)
    names = pa.table(
        {"key": pa.array(keys, pa.string()), "row": pa.array(rows, pa.int32()), "canonical": pa.array(canonical)}
    )
    atomic_write(out / "names.parquet", lambda tmp: pq.write_table(names, tmp, compression="zstd"))
    grouped: dict[str, list[int]] = {}
    for key, row in folded_index(entries):
        grouped.setdefault(key, []).append(row)
    folded = pa.table(
        {"key": pa.array(list(grouped), pa.string()), "rows": pa.array(list(grouped.values()), pa.list_(pa.int32()))}
    )
    atomic_write(out / "folded.parquet", lambda tmp: pq.write_table(folded, tmp, compression="zstd"))
    lines = "".join(f"{word}\t{freq:.2f}\n" for word, freq in common_words(entries))
    atomic_write(out / "common_words.tsv", lambda tmp: Path(tmp).write_text(lines, encoding="utf-8"))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gazetteer.build", description=__doc__.split("\n\n")[0])
    parser.add_argument("source_dir", type=Path, help="folder with the open data and its SOURCES.md")
    parser.add_argument("--out", type=Path, default=DATA, help=f"output folder (default: {DATA})")
    args = parser.parse_args(argv)
    entries = collect(args.source_dir)
    write(entries, args.out)
    counts: dict[str, int] = {}
    for e in entries:
        kind = e["kind"] + (" (needs support)" if e["needs_support"] else "")
        counts[kind] = counts.get(kind, 0) + 1
    print(
        f"wrote {len(entries)} entries to {args.out}: " + ", ".join(f"{k} {v}" for k, v in counts.items()),
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
