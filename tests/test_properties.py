"""Properties of every GeoJSON borderlens writes, over arbitrary events (hypothesis).

- ``borderlens events`` GeoJSON and ``export --format geojson`` are valid RFC 7946: a FeatureCollection
  geojson-pydantic accepts, no ``crs`` member, longitudes in -180..180 and latitudes in -90..90,
  polygon rings closed and wound by the right-hand rule (exteriors counterclockwise, holes clockwise).
- Reading an events file back (the reader ``map``/``export``/``report`` use) and writing it again
  gives the same file: no field is lost or changed.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gazetteer import Gazetteer
from geo.cli import cli
from geo.dates import EventDate
from geo.events import EVENT_TYPES
from geo.export import dumps, events_feature_collection, write_geojson
from geo.model import Event, Mention, Place, Source
from geo.records import records_from_events

# A place of every geometry kind the gazetteer has: towns (points), admin areas, regions (polygons,
# some with several parts) and borders (lines).
PLACE_IDS = [
    "region:kurdistan-region-iraq",
    "region:iran-iraq-border",
    "region:northern-iraq",
]
TEXT = st.text(max_size=40)
MAYBE_TEXT = st.none() | st.text(min_size=1, max_size=20)


@pytest.fixture(scope="module")
def place_ids(gaz: Gazetteer) -> list[str]:
    """Ids of entries of each kind: a few of each, the region's own first."""
    chosen = [i for i in PLACE_IDS if i in gaz]
    for kind in ("country", "adm1", "adm2", "populated_place", "border", "crossing", "region"):
        chosen += [e.id for e in gaz if e.kind == kind and e.country in ("IQ", "IR", None)][:4]
    return sorted(set(chosen))


def _date() -> st.SearchStrategy[EventDate]:
    day = st.dates().map(lambda d: EventDate(d.isoformat(), 1, d.isoformat()))
    month = st.dates().map(lambda d: EventDate(d.isoformat()[:7], 3, None))
    year = st.integers(1900, 2100).map(lambda y: EventDate(f"{y:04d}", 3, str(y)))
    return st.sampled_from([EventDate(None, None, None)]) | day | month | year


@st.composite
def events(draw: st.DrawFn, place_ids: list[str], gaz: Gazetteer) -> list[Event]:
    out = []
    for n in range(draw(st.integers(0, 6))):
        doc = f"doc-{n}"
        surface = draw(TEXT)
        mention = Mention(doc, 0, len(surface), surface, (), "records")
        choice = draw(st.sampled_from(["entry", "point", "none"]))
        place: Place | None
        if choice == "entry":
            entry = gaz[draw(st.sampled_from(place_ids))]
            place = Place.from_entry(mention, entry, precision=draw(st.integers(1, 3)), confidence=1.0)
        elif choice == "point":
            lat = draw(st.floats(-90, 90, allow_nan=False))
            lon = draw(st.floats(-180, 180, allow_nan=False))
            place = Place(mention, f"point:{lat:.6f},{lon:.6f}", surface or None, "point", None, None, lat, lon, 1, 1.0)
        else:
            place = None
        sources = tuple(
            Source(
                f"{doc}-{k}",
                draw(MAYBE_TEXT),
                draw(st.none() | st.just("https://example.org/a?b=1&c=\"'")),
                draw(st.none() | st.dates().map(str)),
                0,
                0,
            )
            for k in range(draw(st.integers(1, 3)))
        )
        out.append(
            Event(
                draw(st.sampled_from(EVENT_TYPES)),
                draw(st.text(min_size=1, max_size=15)),
                draw(_date()),
                draw(MAYBE_TEXT),
                draw(MAYBE_TEXT),
                place,
                draw(TEXT),
                sources,
                draw(TEXT),
            )
        )
    return out


def _ring_area(ring: list[list[float]]) -> float:
    """Twice the signed area (shoelace): positive when counterclockwise."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring))


def _positions(coords: Any) -> list[list[float]]:
    if coords and isinstance(coords[0], (int, float)):
        return [coords]
    return [p for part in coords for p in _positions(part)]


def assert_rfc7946(text: str) -> None:
    from geojson_pydantic import FeatureCollection

    data = json.loads(text)
    FeatureCollection.model_validate(data)  # raises on anything that is not GeoJSON
    assert data["type"] == "FeatureCollection" and "crs" not in data
    for feature in data["features"]:
        assert "crs" not in feature and feature["type"] == "Feature"
        geometry = feature["geometry"]
        if geometry is None:
            continue
        assert "crs" not in geometry
        for lon, lat, *rest in _positions(geometry["coordinates"]):
            assert -180 <= lon <= 180 and -90 <= lat <= 90 and not rest, (lon, lat)
        polygons = {"Polygon": [geometry["coordinates"]], "MultiPolygon": geometry["coordinates"]}.get(
            geometry["type"], []
        )
        for rings in polygons:
            for number, ring in enumerate(rings):
                assert len(ring) >= 4 and ring[0] == ring[-1]
                area = _ring_area(ring)
                assert area > 0 if number == 0 else area < 0, f"ring {number} of {feature['id']} wound the wrong way"


SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(data=st.data())
def test_events_and_export_geojson_are_rfc7946(
    data: st.DataObject, gaz: Gazetteer, place_ids: list[str], tmp_path: Path
) -> None:
    frame = records_from_events(data.draw(events(place_ids, gaz)), gaz)
    assert_rfc7946(dumps(events_feature_collection(frame)))  # what 'borderlens events' writes
    path = tmp_path / "export.geojson"
    write_geojson(frame, path)  # what 'borderlens export --format geojson' writes
    assert_rfc7946(path.read_text(encoding="utf-8"))


@SETTINGS
@given(data=st.data())
def test_reading_an_events_file_and_writing_it_again_loses_nothing(
    data: st.DataObject, gaz: Gazetteer, place_ids: list[str], tmp_path: Path
) -> None:
    frame = records_from_events(data.draw(events(place_ids, gaz)), gaz)
    first = tmp_path / "events.geojson"
    write_geojson(frame, first)
    again = tmp_path / "again.geojson"
    result = CliRunner().invoke(cli, ["-q", "export", str(first), "--format", "geojson", "-o", str(again)])
    assert result.exit_code == 0, result.output
    assert json.loads(again.read_text(encoding="utf-8")) == json.loads(first.read_text(encoding="utf-8"))
    assert again.read_bytes() == first.read_bytes()
