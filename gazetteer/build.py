"""Build the shipped gazetteer from the open data in ``shared/data``.

Usage::

    python -m gazetteer.build SOURCE_DIR [--out DIR]

Writes ``entries.parquet`` (GeoParquet, one row per place), ``names.parquet``
(the name index: folded name -> entry row) and ``common_words.tsv`` (names that
are also common English words) into ``gazetteer/data``. The same
sources give byte-identical files: rows are sorted, nothing depends on time or
on dictionary order, and files are written to a temporary name and renamed.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Sequence
from pathlib import Path

import shapely

from gazetteer import _entries, _regions
from gazetteer import _sources as sources
from gazetteer.entry import KINDS
from gazetteer.names import key_variants, name_key
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
}


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


def _assign_parents(entries: list[_entries.Entry], towns: list[dict[str, str]]) -> None:
    """Fill admin1/admin2 (names and ids) for admin areas, towns and curated places."""
    adm1 = {e["admin_code"]: e for e in entries if e["kind"] == "adm1" and e["admin_code"]}
    adm1_iso = {e["iso_code"]: e for e in entries if e["kind"] == "adm1"}
    counties = [e for e in entries if e["kind"] == "adm2" and e["country"] == "IR"]
    districts = {e["admin_code"]: e for e in entries if e["kind"] == "adm2" and e["country"] == "IQ"}
    tree = shapely.STRtree([c["geometry"] for c in counties])
    # The npm city list has admin2 codes but no ids: join it on name and position.
    npm = {(t["name"], round(float(t["latitude"]), 3), round(float(t["longitude"]), 3)): t for t in towns}
    for e in entries:
        parent = None
        if e["kind"] == "adm2":
            parent = adm1_iso.get(e.pop("province_code", None) or "") or adm1.get(
                (e["admin_code"] or "").rsplit(".", 1)[0]
            )
        elif e["kind"] in ("populated_place", "crossing", "landmark"):
            parent = adm1.get(e["admin_code"] or "")
        if parent is not None:
            e["admin1"], e["admin1_id"] = parent["name"], parent["id"]
        if e["kind"] not in ("populated_place", "crossing", "landmark"):
            continue
        district = None
        if e["country"] == "IR":
            hits = tree.query(e["geometry"], predicate="within")
            district = counties[int(hits[0])] if len(hits) else None
        elif e["country"] == "IQ":
            lon, lat = e["geometry"].x, e["geometry"].y
            town = npm.get((e["name"], round(lat, 3), round(lon, 3)))
            if town and town["admin2code"]:
                district = districts.get(f"IQ.{town['admin1code']}.{town['admin2code']}")
        if district is not None:
            e["admin2"], e["admin2_id"] = district["name"], district["id"]


def _importance(entries: list[_entries.Entry]) -> None:
    """Rank weight for bare-name lookups; see KIND_IMPORTANCE."""
    for e in entries:
        if e["kind"] == "populated_place":
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
        if e["kind"] != "populated_place":
            continue
        keys = {name_key(e["name"]), *(name_key(n) for n in e["alt_names"])}
        for parent_id in (e["admin1_id"], e["admin2_id"]):
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
    """Every entry, parents filled, in the shipped order."""
    counties_raw = sources.iran_counties(src)
    towns = sources.cities_npm(src)
    entries = _entries.countries(src)
    entries += _entries.admin1(src, counties_raw)
    entries += _entries.iran_counties(counties_raw)
    entries += _entries.iraq_districts(src, towns)
    entries += _entries.populated_places(src)
    entries.append(_halabja(entries))
    entries += _entries.curated_places(CURATED / "places.csv")
    entries += _regions.regions(CURATED / "regions.csv", entries, sources.border_lines(src))
    ids = [e["id"] for e in entries]
    if len(ids) != len(set(ids)):
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        raise sources.GazetteerError(f"duplicate entry ids: {dupes[:10]}")
    _apply_aliases(entries, [CURATED / "admin_aliases.csv", CURATED / "aliases.csv"])
    _assign_parents(entries, towns)
    _importance(entries)
    for e in entries:
        e["lon"], e["lat"] = _representative(e)
        e["geometry"] = shapely.orient_polygons(e["geometry"])  # RFC 7946 right-hand rule
        e.pop("label", None)
        e.pop("province_code", None)
    order = {kind: i for i, kind in enumerate(KINDS)}
    entries.sort(key=lambda e: (order[e["kind"]], e["country"] or "", e["id"]))
    return entries


def name_index(entries: list[_entries.Entry]) -> list[tuple[str, int, bool]]:
    """Sorted (key, row, canonical) triples: every name of every entry, with its variants."""
    triples: dict[tuple[str, int], bool] = {}
    for row, e in enumerate(entries):
        for i, name in enumerate([e["name"], *e["alt_names"]]):
            for variant in key_variants(name_key(name)):
                triples[(variant, row)] = triples.get((variant, row), False) or i == 0
    return sorted((key, row, canonical) for (key, row), canonical in triples.items())


def common_words(entries: list[_entries.Entry], *, threshold: float = 3.0) -> list[tuple[str, float]]:
    """Latin-script names that are also common English words, with their Zipf frequency.

    "Of", "Van" and "Now" are towns in the data; the recogniser reads this
    list to tell a word from a place. Computed here with wordfreq (a build-time
    dependency) so the product ships only the few hundred words that matter.
    """
    from wordfreq import zipf_frequency

    words: dict[str, float] = {}
    for e in entries:
        for name in [e["name"], *e["alt_names"]]:
            word = " ".join(name.casefold().split())
            if word in words or not word.isascii() or not word.replace(" ", "").isalpha():
                continue
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
    "population": "int64",
    "iso_code": "string",
    "iso_code_old": "string",
    "admin_code": "string",
    "feature_code": "string",
    "alt_names": "list",
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

    types = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64(), "list": pa.list_(pa.string())}
    columns = {name: pa.array([e[name] for e in entries], types[kind]) for name, kind in _COLUMNS.items()}
    geoms = [e["geometry"] for e in entries]
    columns["geometry"] = pa.array(shapely.to_wkb(geoms, output_dimension=2), pa.binary())
    from geo.export import geoparquet_metadata

    table = pa.table(columns).replace_schema_metadata({"geo": geoparquet_metadata(geoms, decimals=6)})
    atomic_write(out / "entries.parquet", lambda tmp: pq.write_table(table, tmp, compression="zstd"))
    keys, rows, canonical = zip(*name_index(entries), strict=True)
    names = pa.table(
        {"key": pa.array(keys, pa.string()), "row": pa.array(rows, pa.int32()), "canonical": pa.array(canonical)}
    )
    atomic_write(out / "names.parquet", lambda tmp: pq.write_table(names, tmp, compression="zstd"))
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
        counts[e["kind"]] = counts.get(e["kind"], 0) + 1
    print(
        f"wrote {len(entries)} entries to {args.out}: " + ", ".join(f"{k} {v}" for k, v in counts.items()),
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
