"""The package's public API: importable from ``geo``, loaded only when used."""

from __future__ import annotations

import subprocess
import sys


def test_the_public_api_is_importable_from_geo_and_the_import_stays_cheap() -> None:
    code = (
        "import sys, geo\n"
        "assert 'geo.events' not in sys.modules and 'geopandas' not in sys.modules\n"
        "from geo import events_from_documents, records_from_events, write_geojson, Place, Mention\n"
        "assert events_from_documents.__module__ == 'geo.events'\n"
        "assert set(geo.__all__) - {'__version__'} == set(geo._API)\n"
        "for name in geo.__all__: getattr(geo, name)\n"
        "try:\n    geo.no_such_name\nexcept AttributeError:\n    pass\nelse:\n    raise SystemExit('no error')\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
