"""Maps of borderlens events: layered, interactive, self-contained when asked.

>>> from maps import map_from_events
>>> m = map_from_events("events.geojson", offline=True, title="IRGC strikes, autumn 2022")  # doctest: +SKIP
>>> m.save("map.html")  # doctest: +SKIP

Modules: ``event_layers`` (Strikes, Meetings, Border control), ``reference``
(base map, admin areas, the border, choropleth), ``controls`` (layer control,
view), ``assets`` (Leaflet and plugins, inlined offline), ``render`` (the map),
``image`` (the same layers as a static PNG or SVG page), ``report`` (a printable page).
"""

from maps.render import BorderMap, map_from_events

__all__ = ["BorderMap", "map_from_events"]
