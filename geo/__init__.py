"""borderlens: map security events on the Iran–Iraq border from news reports.

The pipeline, one module per stage: ``geo.documents`` (read articles),
``geo.toponyms`` (find place names), ``geo.resolve`` (pick gazetteer entries),
``geo.events`` and ``geo.records`` (event records), ``geo.export`` (files).
Importing this package is cheap; each stage is imported when first used.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
