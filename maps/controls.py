"""The layer control and the initial view, added last so every layer is registered first."""

from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template

__all__ = ["Controls"]


class Controls(MacroElement):  # type: ignore[misc]
    """Layer control (base maps and overlays) and a view fitted to the events."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function () {
  var map = {{ this._parent.get_name() }};
  var size = map.getSize();  // keep the events clear of the layer control and the legend
  map.fitBounds({{ this.bounds|tojson }}, {maxZoom: 9, paddingTopLeft: [40, 50],
    paddingBottomRight: [Math.min(320, size.x * 0.3), 40]});
  Promise.all(borderlens.pending).then(function () {
    borderlens.layerControl(map);
    document.body.setAttribute("data-borderlens", "ready");
  }, function (err) {
    document.body.setAttribute("data-borderlens", "failed");
    borderlens.fail(map, err);
  });
})();
{% endmacro %}
"""
    )

    def __init__(self, bounds: tuple[tuple[float, float], tuple[float, float]]) -> None:
        super().__init__()
        self._name = "Controls"
        self.bounds = [list(bounds[0]), list(bounds[1])]
