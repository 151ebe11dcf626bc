"""Every export format round-trips the same events, read back by the library that reads it."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest
import shapely
from click.testing import CliRunner
from geojson_pydantic import FeatureCollection

from geo.cli import cli
from geo.documents import documents_from_paths, sample_corpus_path
from geo.events import events_from_documents
from geo.export import EXPORTERS
from geo.records import COLUMNS, records_from_events


@pytest.fixture(scope="module")
def frame() -> gpd.GeoDataFrame:
    return records_from_events(events_from_documents(documents_from_paths([sample_corpus_path()])))


def _read(fmt: str, path: Path) -> gpd.GeoDataFrame:
    if fmt == "parquet":
        return gpd.read_parquet(path)
    if fmt == "csv":
        rows = list(csv.DictReader(path.open(encoding="utf-8")))
        points = [shapely.Point(float(r["longitude"]), float(r["latitude"])) if r["latitude"] else None for r in rows]
        return gpd.GeoDataFrame(rows, geometry=points, crs="EPSG:4326")
    return pyogrio.read_dataframe(path, layer="events" if fmt == "gpkg" else None)


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
def test_round_trip(frame: gpd.GeoDataFrame, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"events.{fmt}"
    EXPORTERS[fmt](frame, path)
    back = _read(fmt, path)
    assert len(back) == len(frame)
    assert list(back["event_id"]) == list(frame["event_id"])
    if fmt == "csv":  # points only: check the coordinates
        pairs = zip(frame[["latitude", "longitude"]].values, back[["latitude", "longitude"]].values, strict=True)
        for (lat, lon), (blat, blon) in pairs:
            if lat != lat:  # NaN: no place, so empty cells
                assert (blat, blon) == ("", "")
                continue
            assert abs(float(lat) - float(blat)) < 1e-7 and abs(float(lon) - float(blon)) < 1e-7
        return
    for original, read in zip(frame.geometry, back.geometry, strict=True):
        assert (original is None) == (read is None or read.is_empty)
        if original is not None:
            assert shapely.equals_exact(shapely.normalize(original), shapely.normalize(read), tolerance=1e-7)
    again = tmp_path / f"again.{fmt}"
    EXPORTERS[fmt](frame, again)
    assert again.read_bytes() == path.read_bytes()  # deterministic


def test_geojson_is_rfc7946(frame: gpd.GeoDataFrame, tmp_path: Path) -> None:
    path = tmp_path / "events.geojson"
    EXPORTERS["geojson"](frame, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    FeatureCollection.model_validate(data)
    assert "crs" not in data
    for feature in data["features"]:
        geometry = feature["geometry"]
        if geometry is None:
            continue
        shape = shapely.geometry.shape(geometry)
        for polygon in getattr(shape, "geoms", [shape]):
            if polygon.geom_type == "Polygon":
                assert polygon.exterior.is_ccw, "right-hand rule: exterior rings counterclockwise"
                assert all(not ring.is_ccw for ring in polygon.interiors)
        text = json.dumps(geometry["coordinates"])
        assert all(
            len(n.split(".")[1]) <= 7
            for n in text.replace("[", " ").replace("]", " ").replace(",", " ").split()
            if "." in n
        )


def test_geopackage_layers(frame: gpd.GeoDataFrame, tmp_path: Path) -> None:
    path = tmp_path / "events.gpkg"
    EXPORTERS["gpkg"](frame, path)
    layers = {name for name, _ in pyogrio.list_layers(path)}
    assert layers == {"events", "strike", "meeting", "border_control"}
    counts = {name: len(pyogrio.read_dataframe(path, layer=name)) for name in ("strike", "meeting", "border_control")}
    assert sum(counts.values()) == len(frame)
    sources = json.loads(pyogrio.read_dataframe(path, layer="events")["sources"][0])
    assert {"document", "outlet", "url", "published"} <= set(sources[0])


def test_geoparquet_keeps_nested_sources(frame: gpd.GeoDataFrame, tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    EXPORTERS["parquet"](frame, path)
    back = gpd.read_parquet(path)
    assert list(back.columns) == [*COLUMNS, "geometry"]
    assert back.crs is not None and back.crs.equals("OGC:CRS84")
    assert list(back["sources"].iloc[0][0]) == ["document", "outlet", "url", "published"]


def test_export_command(tmp_path: Path, runner: CliRunner) -> None:
    events_file = tmp_path / "e.geojson"
    assert runner.invoke(cli, ["events", "-o", str(events_file)]).exit_code == 0
    for fmt in EXPORTERS:
        out = tmp_path / f"out.{fmt}"
        result = runner.invoke(cli, ["export", str(events_file), "--format", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert len(_read(fmt, out)) == len(json.loads(events_file.read_text(encoding="utf-8"))["features"])
    bad = runner.invoke(cli, ["export", "--format", "xls", "-o", str(tmp_path / "x")])
    assert bad.exit_code == 2
