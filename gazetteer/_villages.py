"""Every populated place of Iraq, Iran, Syria and eastern Turkey, from Who's On First (files 13-16).

A place GeoNames' city list already gave the gazetteer keeps its entry and gains
WOF's language-tagged names; the rest become new entries. Most of them are
villages with no known population: :func:`mark_support` flags those as needing
support, so recognition never takes them on their name alone.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from shapely.geometry import Point

from gazetteer import _sources as sources
from gazetteer._entries import Entry, clean_names, new_entry
from gazetteer.names import fold_key

COUNTRIES = ("IQ", "IR", "SY", "TR")
#: A place with at least this many people may be taken on its name alone.
STANDALONE_POPULATION = 1000
#: GeoNames feature codes of admin seats: a seat is named for itself even without a population.
SEAT_CODES = frozenset({"PPLC", "PPLA", "PPLA2", "PPLA3"})
#: Sources whose populated places are a selection already (GeoNames' cities500/15000, hand-curated).
SELECTED_SOURCES = frozenset({"geonames", "curated"})
#: A WOF place with no GeoNames id this close to a known place of the same folded name is that place.
SAME_PLACE_KM = 5.0
_LANGS_FIRST = ("eng", "und", "kur", "ckb", "ara", "fas", "tur")
#: The name languages kept per country: the ones English-language news of the region writes names in.
#: Turkish and Azerbaijani forms of Iranian towns ("Hoy" for Khoy, "Haş" for Khash) read as English words.
NAME_LANGUAGES = {
    "IQ": frozenset({"eng", "und", "kur", "ckb", "ara", "fas"}),
    "IR": frozenset({"eng", "und", "kur", "ckb", "ara", "fas"}),
    "SY": frozenset({"eng", "und", "kur", "ckb", "ara"}),
    "TR": frozenset({"eng", "und", "kur", "ckb", "tur"}),
}


def _names(row: dict[str, str], country: str) -> tuple[list[str], dict[str, str]]:
    """A row's names in the country's :data:`NAME_LANGUAGES`, English and untagged first, with each name's language."""
    tagged = [pair for pair in sources.tagged_names(row["names_lang"]) if pair[0] in NAME_LANGUAGES[country]]
    order = {lang: i for i, lang in enumerate(_LANGS_FIRST)}
    tagged.sort(key=lambda pair: order.get(pair[0], len(order)))
    langs: dict[str, str] = {}
    names = [row["gn_name"], row["name"]]
    for lang, name in tagged:
        langs.setdefault(name, lang)
        names.append(name)
    return [n for n in names if n], langs


def _merge(entry: Entry, names: list[str], langs: dict[str, str]) -> None:
    entry["alt_names"] = clean_names(entry["name"], [*entry["alt_names"], *names])
    known = entry.setdefault("name_langs", {})
    for name, lang in langs.items():
        known.setdefault(name, lang)


def _near_same_name(entry_points: np.ndarray, folded: dict[str, list[int]], row: dict[str, str]) -> int | None:
    lat, lon = float(row["latitude"]), float(row["longitude"])
    for name in (row["name"], row["gn_name"]):
        for i in folded.get(fold_key(name), ()):
            dlat = np.radians(entry_points[i, 1] - lat)
            dlon = np.radians(entry_points[i, 0] - lon) * np.cos(np.radians(lat))
            if 6371.0 * float(np.hypot(dlat, dlon)) <= SAME_PLACE_KM:
                return i
    return None


def places(src: Path, entries: list[Entry]) -> list[Entry]:
    """New entries for the WOF localities the gazetteer lacks; known places gain WOF's names in place."""
    by_id = {e["id"]: e for e in entries}
    towns = [e for e in entries if e["kind"] == "populated_place" and e["country"] in COUNTRIES]
    points = np.array([(e["geometry"].x, e["geometry"].y) for e in towns], dtype=float)
    folded: dict[str, list[int]] = {}
    for i, e in enumerate(towns):
        for name in (e["name"], *e["alt_names"]):
            folded.setdefault(fold_key(name), []).append(i)
    out: list[Entry] = []
    for country in COUNTRIES:
        for row in sources.wof_places(src, country):
            names, langs = _names(row, country)
            gid = row["geonameid"]
            known = by_id.get(f"geonames:{gid}") if gid else None
            if known is None and not gid:
                near = _near_same_name(points, folded, row)
                known = towns[near] if near is not None else None
            if known is not None:
                _merge(known, names, langs)
                if not known["feature_code"] and row["feature_code"]:
                    known["feature_code"] = row["feature_code"]
                continue
            name = row["name"] or row["gn_name"]
            entry = new_entry(
                f"geonames:{gid}" if gid else f"wof:{row['wof_id']}",
                name,
                "populated_place",
                Point(float(row["longitude"]), float(row["latitude"])),
                country=row["country"] or country,
                source="whosonfirst",
                admin_code=f"{country}.{row['gn_admin1']}" if row["gn_admin1"] else None,
                population=int(row["population"] or 0) or None,
                feature_code=row["feature_code"] or None,
                alt_names=clean_names(name, names),
                source_url=f"https://spelunker.whosonfirst.org/id/{row['wof_id']}/",
            )
            entry["name_langs"] = langs
            if entry["id"] in by_id:  # a GeoNames id used twice in WOF: keep the first
                continue
            by_id[entry["id"]] = entry
            out.append(entry)
    return out


def needs_support(entry: Entry) -> bool:
    """True for a populated place that only text around it can confirm (see the module docstring)."""
    if entry["kind"] != "populated_place" or entry["source"] in SELECTED_SOURCES:
        return False
    if entry["feature_code"] in SEAT_CODES:
        return False
    return (entry["population"] or 0) < STANDALONE_POPULATION


def mark_support(entries: list[Entry]) -> None:
    """Set ``needs_support`` on every entry."""
    for e in entries:
        e["needs_support"] = needs_support(e)
