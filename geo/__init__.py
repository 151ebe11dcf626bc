"""borderlens: map security events on the Iran–Iraq border from news reports.

The pipeline, one module per stage: ``geo.documents`` (read articles),
``geo.toponyms`` (find place names), ``geo.resolve`` (pick gazetteer entries),
``geo.events`` and ``geo.records`` (event records), ``geo.export`` (files),
``geo.store`` (a GeoPackage of accumulated events), ``geo.scale`` (the same on Dask).
The values they pass on live in ``geo.model``; ``geo.pipeline`` gathers one run's inputs
(articles, curated records, events files, a store) into events or records, and ``geo.cli``
is the ``borderlens`` command over it.

The public API is importable from here (``from geo import events_from_documents``).
Importing this package stays cheap: each name is imported from its stage when first used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# name -> the stage module that defines it
_API = {
    "Document": "geo.model",
    "documents_from_paths": "geo.documents",
    "sample_corpus_path": "geo.documents",
    "Mention": "geo.model",
    "mentions_from_document": "geo.toponyms",
    "mentions_from_text": "geo.toponyms",
    "Place": "geo.model",
    "places_from_document": "geo.resolve",
    "resolve_mentions": "geo.resolve",
    "Event": "geo.model",
    "Source": "geo.model",
    "events_from_document": "geo.events",
    "events_from_documents": "geo.events",
    "merge_events": "geo.merge",
    "events_from_records": "geo.records",
    "records_from_events": "geo.records",
    "write_csv": "geo.export",
    "write_geojson": "geo.export",
    "write_geopackage": "geo.export",
    "write_geoparquet": "geo.export",
    "ingest": "geo.store",
    "InputReport": "geo.pipeline",
    "events_from_inputs": "geo.pipeline",
    "ingest_inputs": "geo.pipeline",
    "records_from_inputs": "geo.pipeline",
    "records_from_store": "geo.store",
    "BorderlensError": "geo.errors",
    "InputError": "geo.errors",
}

__all__ = [
    "BorderlensError",
    "Document",
    "Event",
    "InputError",
    "InputReport",
    "Mention",
    "Place",
    "Source",
    "__version__",
    "documents_from_paths",
    "events_from_document",
    "events_from_documents",
    "events_from_inputs",
    "events_from_records",
    "ingest",
    "ingest_inputs",
    "mentions_from_document",
    "mentions_from_text",
    "merge_events",
    "places_from_document",
    "records_from_events",
    "records_from_inputs",
    "records_from_store",
    "resolve_mentions",
    "sample_corpus_path",
    "write_csv",
    "write_geojson",
    "write_geopackage",
    "write_geoparquet",
]

if TYPE_CHECKING:
    from geo.documents import documents_from_paths, sample_corpus_path
    from geo.errors import BorderlensError, InputError
    from geo.events import events_from_document, events_from_documents
    from geo.export import write_csv, write_geojson, write_geopackage, write_geoparquet
    from geo.merge import merge_events
    from geo.model import Document, Event, Mention, Place, Source
    from geo.pipeline import InputReport, events_from_inputs, ingest_inputs, records_from_inputs
    from geo.records import events_from_records, records_from_events
    from geo.resolve import places_from_document, resolve_mentions
    from geo.store import ingest, records_from_store
    from geo.toponyms import mentions_from_document, mentions_from_text


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'geo' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
