"""Event records: the GeoDataFrame, the admin join, curated records, and GeoJSON that readers accept."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pyogrio
import pytest
from click.testing import CliRunner

from gazetteer import Gazetteer
from geo.cli import cli
from geo.errors import InputError
from geo.events import events_from_document
from geo.export import events_feature_collection
from geo.model import Document
from geo.records import COLUMNS, events_from_records, records_from_events


def test_admin_join_fills_down_to_the_place_level(gaz: Gazetteer) -> None:
    text = "Iranian drones struck Koya on Monday. Iranian artillery shelled the Kurdistan Region on Tuesday."
    events = events_from_document(Document("d", text, published=date(2022, 11, 16)), gaz)
    frame = records_from_events(events, gaz)
    koya = frame[frame["location"] == "Koya"].iloc[0]
    assert (koya["country"], koya["admin1"], koya["geo_precision"]) == ("IQ", "Erbil", 1)
    assert koya.geometry.geom_type == "Point"
    region = frame[frame["place_id"] == "region:kurdistan-region-iraq"].iloc[0]
    assert (region["country"], region["admin1"]) == ("IQ", None)
    assert region.geometry.geom_type in ("Polygon", "MultiPolygon")
    assert list(frame.columns) == [*COLUMNS, "geometry"]


def test_curated_records_csv(tmp_path: Path, gaz: Gazetteer) -> None:
    path = tmp_path / "mine.csv"
    path.write_text(
        "event_date,event_type,sub_event_type,location,latitude,longitude,actor1,actor2,notes,source\n"
        "2022-09-28,strike,drone_strike,Koya,,,IRGC,PDKI,three camps hit,https://example.org/a\n"
        "2022-09-28,strike,drone_strike,,95,44.1,IRGC,,,\n"
        "2022-09-28,strike,drone_strike,,36.1,abc,IRGC,,,\n"
        "2022-13-45,strike,drone_strike,Koya,,,IRGC,,,\n"
        "2022-09-28,parade,,Koya,,,,,,\n"
        "2022-09-29,meeting,talks,Qzxqzx,,,,,,\n"
        "2022-09-30,border_control,crossing_closure,,36.67,45.03,,,Haji Omaran closed,Rudaw\n",
        encoding="utf-8",
    )
    errors: list[InputError] = []
    events = events_from_records(path, gaz=gaz, errors=errors)
    assert [e.place.name if e.place else None for e in events] == ["Koya", None]
    assert [(err.line, err.reason.split(" ")[0]) for err in errors] == [
        (3, "latitude"),
        (4, "longitude"),
        (5, "event_date"),
        (6, "event_type"),
        (7, "location"),
    ]
    assert "95.0 is outside -90..90" in str(errors[0]) and "mine.csv' line 3" in str(errors[0])
    frame = records_from_events(events, gaz)
    assert frame.iloc[1]["admin1"] == "Erbil" and frame.iloc[1]["sources"][0]["outlet"] == "Rudaw"


def test_curated_record_joins_an_extracted_event(tmp_path: Path, runner: CliRunner) -> None:
    article = tmp_path / "a.jsonl"
    article.write_text(
        json.dumps({"id": "a", "text": "Iranian drones struck Koya on Monday.", "published": "2022-11-16"}) + "\n",
        encoding="utf-8",
    )
    records = tmp_path / "r.csv"
    records.write_text(
        "event_date,event_type,sub_event_type,location,actor1,source\n"
        "2022-11-14,strike,drone_strike,Koya,Military Forces of Iran,Rudaw\n",
        encoding="utf-8",
    )
    out = tmp_path / "events.geojson"
    result = runner.invoke(cli, ["events", str(article), "--records", str(records), "-o", str(out)])
    assert result.exit_code == 0, result.output
    (feature,) = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert feature["properties"]["source_count"] == 2


def test_events_command_writes_geojson_that_readers_accept(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "events.geojson"
    result = runner.invoke(cli, ["events", "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and "crs" not in data
    assert len(data["features"]) >= 8
    frame = pyogrio.read_dataframe(out)
    assert len(frame) == len(data["features"])
    for feature in data["features"]:
        props = feature["properties"]
        assert set(props) == set(COLUMNS)
        assert props["event_type"] in ("strike", "meeting", "border_control")
        assert all({"document", "outlet", "url", "published"} == set(s) for s in props["sources"])
    again = tmp_path / "again.geojson"
    runner.invoke(cli, ["events", "-o", str(again)])
    assert again.read_bytes() == out.read_bytes()


def test_events_csv(tmp_path: Path, runner: CliRunner) -> None:
    import csv

    out = tmp_path / "events.csv"
    result = runner.invoke(cli, ["events", "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows and set(rows[0]) >= {"event_id", "event_date", "event_type", "latitude", "longitude", "source"}


def test_bad_records_give_exit_code_1(tmp_path: Path, runner: CliRunner) -> None:
    records = tmp_path / "r.csv"
    records.write_text("event_date,event_type,location\n2022-01-01,riot,Koya\n", encoding="utf-8")
    result = runner.invoke(cli, ["events", "--records", str(records), "-o", str(tmp_path / "x.geojson")])
    assert result.exit_code == 1
    assert "r.csv' line 2: event_type 'riot'" in result.output


def test_feature_collection_without_places(gaz: Gazetteer) -> None:
    events = events_from_document(Document("d", "Iraq's minister held a phone call with his Iranian counterpart."), gaz)
    data = events_feature_collection(records_from_events(events, gaz))
    assert data["features"][0]["geometry"] is None


@pytest.mark.parametrize("bad", ['{"type": "Feature"}', "not json"])
def test_bad_geojson_records(tmp_path: Path, gaz: Gazetteer, bad: str) -> None:
    path = tmp_path / "r.geojson"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(InputError, match=r"r\.geojson"):
        events_from_records(path, gaz=gaz)
