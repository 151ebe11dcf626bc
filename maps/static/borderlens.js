/* borderlens map runtime: event layers, popups, legend, time slider.
 *
 * Written for borderlens (MIT). Text from articles arrives as JSON data and is
 * only ever put on the page with textContent, never parsed as HTML; links are
 * made only for http and https URLs.
 */
(function () {
  "use strict";

  var SAFE_PROTOCOLS = { "http:": true, "https:": true };
  var PRECISION = {
    1: "the town itself",
    2: "near a town, or a small area",
    3: "a region, province or border"
  };

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function safeLink(url, label) {
    try {
      var parsed = new URL(url);
      if (SAFE_PROTOCOLS[parsed.protocol]) {
        var a = el("a", "bl-source", label);
        a.href = parsed.href;
        a.target = "_blank";
        a.rel = "noopener noreferrer";
        return a;
      }
    } catch (err) { /* not a URL: shown as text below */ }
    return el("span", "bl-source bl-nolink", label);
  }

  /* The evidence sentence with the place name marked: text nodes only. */
  function evidence(text, needle) {
    var box = el("blockquote", "bl-evidence");
    var at = needle ? text.toLowerCase().indexOf(needle.toLowerCase()) : -1;
    if (at < 0) {
      box.textContent = text;
      return box;
    }
    box.appendChild(document.createTextNode(text.slice(0, at)));
    box.appendChild(el("mark", null, text.slice(at, at + needle.length)));
    box.appendChild(document.createTextNode(text.slice(at + needle.length)));
    return box;
  }

  function Store(data) {
    this.data = data;
    this.s = data.strings;
    this.e = data.events;
  }
  /* A string of a column: each column has its own table (codes -1 mean none). */
  Store.prototype.str = function (column, index) { return index < 0 ? null : this.s[column][index]; };
  Store.prototype.count = function () { return this.e.type.length; };

  /* One event's popup, built as DOM nodes. */
  Store.prototype.popup = function (i) {
    var e = this.e, type = this.data.types[e.type[i]];
    var box = el("div", "bl-popup");
    var head = el("div", "bl-head");
    head.appendChild(el("span", "bl-type", type.label_one));
    var sub = this.str("sub", e.sub[i]);
    if (sub) { head.appendChild(el("span", "bl-sub", " · " + sub.replace(/_/g, " "))); }
    box.appendChild(head);
    var date = this.str("date", e.date[i]);
    box.appendChild(el("div", "bl-date", date ? date : "date unknown"));
    var place = this.str("place", e.place[i]) || "place unknown";
    var where = el("div", "bl-place", place);
    if (e.prec[i] > 0) {
      where.appendChild(el("span", "bl-prec", " (precision " + e.prec[i] + ": " + PRECISION[e.prec[i]] + ")"));
    }
    box.appendChild(where);
    var actors = [this.str("a1", e.a1[i]), this.str("a2", e.a2[i])].filter(Boolean);
    if (actors.length) { box.appendChild(el("div", "bl-actors", actors.join(" — "))); }
    var text = this.str("ev", e.ev[i]);
    if (text) { box.appendChild(evidence(text, this.str("hl", e.hl[i]))); }
    var sources = e.src[i];
    if (sources.length) {
      var list = el("ul", "bl-sources");
      for (var k = 0; k < sources.length; k += 3) {
        var url = this.str("src", sources[k]), outlet = this.str("src", sources[k + 1]), published = this.str("src", sources[k + 2]);
        var label = (outlet || "source") + (published ? ", " + published : "");
        var item = el("li");
        item.appendChild(url ? safeLink(url, label) : el("span", "bl-source bl-nolink", label));
        list.appendChild(item);
      }
      box.appendChild(list);
    }
    return box;
  };

  Store.prototype.tooltip = function (i) {
    var e = this.e;
    var date = this.str("date", e.date[i]) || "date unknown";
    return this.data.types[e.type[i]].label_one + ", " + (this.str("place", e.place[i]) || "place unknown") + ", " + date;
  };

  /* Day number of an event (for the slider); null when undated. */
  Store.prototype.day = function (i) { return this.e.day[i] < 0 ? null : this.e.day[i]; };

  var registry = { base: [], overlays: [] };

  function register(kind, name, layer, shown) {
    registry[kind].push({ name: name, layer: layer, shown: shown });
  }

  /* Event layers: clustered markers for towns, light areas and lines for regions and borders. */
  function eventLayers(map, data, options) {
    var store = new Store(data);
    var icons = {};
    function icon(type, precision) {
      var key = type + ":" + precision;
      if (!icons[key]) {
        var t = data.types[type];
        icons[key] = L.divIcon({
          className: "bl-marker bl-" + t.key + (precision === 2 ? " bl-near" : ""),
          html: "<span style=\"--bl-color:" + t.color + "\">" + t.symbol + "</span>",
          iconSize: [22, 22],
          iconAnchor: [11, 11],
          popupAnchor: [0, -10]
        });
      }
      return icons[key];
    }
    var layers = data.types.map(function (t) {
      var group = options.cluster ? L.markerClusterGroup({
        chunkedLoading: true,
        maxClusterRadius: 40,
        showCoverageOnHover: false,
        iconCreateFunction: function (cluster) {
          var n = cluster.getChildCount();
          return L.divIcon({
            className: "bl-cluster bl-" + t.key,
            html: "<span style=\"--bl-color:" + t.color + "\">" + n + "</span>",
            iconSize: [34, 34]
          });
        }
      }) : L.featureGroup();
      return { type: t, group: group, markers: [], areas: {}, areaLayer: L.featureGroup() };
    });
    var e = data.events;
    for (var i = 0; i < store.count(); i++) {
      var layer = layers[e.type[i]];
      if (e.shape[i] >= 0) {
        var key = e.shape[i];
        if (!layer.areas[key]) { layer.areas[key] = { events: [], shape: key, layer: null }; }
        layer.areas[key].events.push(i);
      } else if (e.lat[i] !== null) {
        var marker = L.marker([e.lat[i], e.lon[i]], { icon: icon(e.type[i], e.prec[i]), keyboard: false });
        marker.blIndex = i;
        marker.bindTooltip(function (m) { return el("span", null, store.tooltip(m.blIndex)); });  /* text, not HTML */
        marker.bindPopup(function (m) { return store.popup(m.blIndex); }, { maxWidth: 360 });
        layer.markers.push(marker);
      }
    }
    function areaPopup(area, visible) {
      var box = el("div", "bl-popup bl-area-popup");
      box.appendChild(el("div", "bl-head", visible.length + " " + (visible.length === 1 ? area.type.label_one : area.type.label_many).toLowerCase() + " in " + (store.str("place", e.place[visible[0]]) || "this area")));
      visible.slice(0, 25).forEach(function (i) { box.appendChild(store.popup(i)); });
      if (visible.length > 25) { box.appendChild(el("div", "bl-more", "and " + (visible.length - 25) + " more")); }
      return box;
    }
    function draw(maxDay) {
      layers.forEach(function (layer) {
        var keep = layer.markers.filter(function (m) {
          var d = store.day(m.blIndex);
          return maxDay === null || d === null || d <= maxDay;
        });
        layer.group.clearLayers();
        if (layer.group.addLayers) { layer.group.addLayers(keep); } else { keep.forEach(function (m) { layer.group.addLayer(m); }); }
        layer.areaLayer.clearLayers();
        layer.shown = keep.length;
        Object.keys(layer.areas).forEach(function (key) {
          var area = layer.areas[key];
          area.type = layer.type;
          var visible = area.events.filter(function (i) {
            var d = store.day(i);
            return maxDay === null || d === null || d <= maxDay;
          });
          if (!visible.length) { return; }
          var shape = L.geoJSON(data.shapes[area.shape], {
            style: { color: layer.type.color, weight: 3, opacity: 0.7, fillColor: layer.type.color, fillOpacity: 0.12, dashArray: "6 4" },
            interactive: true
          });
          shape.blCount = visible.length;
          var label = visible.length + " " + (visible.length === 1 ? layer.type.label_one : layer.type.label_many).toLowerCase() + " in " + (store.str("place", e.place[visible[0]]) || "this area");
          shape.bindTooltip(el("span", null, label), { sticky: true });  /* a string would be read as HTML */
          shape.bindPopup(function () { return areaPopup(area, visible); }, { maxWidth: 380, maxHeight: 360 });
          layer.areaLayer.addLayer(shape);
          layer.shown += visible.length;
        });
      });
      if (window.borderlens.onDraw) { window.borderlens.onDraw(layers); }
    }
    layers.forEach(function (layer) {
      var both = L.featureGroup([layer.areaLayer, layer.group]);
      layer.both = both;
      both.addTo(map);
      register("overlays", layer.type.label_many, both, true);
    });
    draw(null);
    window.borderlens.layers = layers;
    window.borderlens.store = store;
    window.borderlens.draw = draw;
    return { layers: layers, draw: draw, store: store };
  }

  /* A small time slider: show events up to a day; undated events always stay. */
  function timeSlider(map, data, draw) {
    var days = data.days;
    if (!days.length) { return null; }
    var Control = L.Control.extend({
      options: { position: "bottomleft" },
      onAdd: function () {
        var box = el("div", "bl-slider leaflet-bar");
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        var label = el("label", "bl-slider-label", "All dates");
        var input = el("input");
        input.type = "range";
        input.min = "0";
        input.max = String(days.length - 1);
        input.step = "1";
        input.value = String(days.length - 1);
        input.setAttribute("aria-label", "Show events up to this date");
        var all = el("button", "bl-slider-all", "All");
        all.type = "button";
        var note = el("div", "bl-slider-note", data.undated ? data.undated + " undated " + (data.undated === 1 ? "event" : "events") + " always shown" : "");
        function update() {
          var i = Number(input.value);
          label.textContent = "Up to " + data.day_labels[i];
          draw(days[i]);
        }
        input.addEventListener("input", update);
        all.addEventListener("click", function () {
          input.value = String(days.length - 1);
          label.textContent = "All dates";
          draw(null);
        });
        box.appendChild(label);
        box.appendChild(input);
        box.appendChild(all);
        box.appendChild(note);
        return box;
      }
    });
    var control = new Control();
    control.addTo(map);
    return control;
  }

  function legend(map, data, attribution) {
    var Control = L.Control.extend({
      options: { position: "bottomright" },
      onAdd: function () {
        var box = el("div", "bl-legend leaflet-bar");
        L.DomEvent.disableClickPropagation(box);
        data.types.forEach(function (t) {
          var row = el("div", "bl-legend-row");
          var sw = el("span", "bl-swatch bl-" + t.key, t.symbol);
          sw.style.setProperty("--bl-color", t.color);
          row.appendChild(sw);
          var label = t.label_many + " (" + t.count + ")";
          if (t.unplaced) { label += ", " + t.unplaced + " with no place, not drawn"; }
          row.appendChild(el("span", null, label));
          box.appendChild(row);
        });
        var how = el("div", "bl-legend-how");
        how.appendChild(el("div", null, "Filled mark: the town itself · ring: near a town"));
        how.appendChild(el("div", null, "Dashed area or line: an event placed only in a region, province or on the border"));
        box.appendChild(how);
        if (attribution) { box.appendChild(el("div", "bl-attribution", attribution)); }
        return box;
      }
    });
    new Control().addTo(map);
  }

  function title(map, text) {
    if (!text) { return; }
    var Control = L.Control.extend({
      options: { position: "topleft" },
      onAdd: function () { return el("div", "bl-title leaflet-bar", text); }
    });
    new Control().addTo(map);
  }

  /* A reference layer of areas or lines (names shown as text, never as HTML). */
  function referenceLayer(map, geojson, opts) {
    var layer = L.geoJSON(geojson, {
      style: function (feature) {
        var style = Object.assign({}, opts.style);
        if (feature.properties && feature.properties.fill) {
          style.fillColor = feature.properties.fill;
        }
        return style;
      },
      interactive: Boolean(opts.tooltip),
      onEachFeature: function (feature, shape) {
        if (!opts.tooltip) { return; }
        shape.bindTooltip(function () {
          var p = feature.properties || {};
          var text = p.name + (p.count !== undefined ? ": " + p.count + (p.count === 1 ? " event" : " events") : "");
          return el("span", null, text);
        }, { sticky: true });
      }
    });
    if (opts.base) {
      register("base", opts.name, layer, true);
      layer.addTo(map);
    } else {
      register("overlays", opts.name, layer, opts.shown);
      if (opts.shown) { layer.addTo(map); }
    }
    if (opts.back) { layer.bringToBack(); }
    return layer;
  }

  /* Country shapes beneath the tiles: what shows when the tiles cannot load. */
  function underlay(map, geojson, style) {
    var pane = map.createPane("bl-underlay");
    pane.style.zIndex = 150;
    pane.style.pointerEvents = "none";
    return L.geoJSON(geojson, { style: style, pane: "bl-underlay", interactive: false }).addTo(map);
  }

  function tiles(map, layers) {
    layers.forEach(function (t, i) {
      var layer = L.tileLayer(t.url, { attribution: t.attribution, maxZoom: t.max_zoom, subdomains: t.subdomains || "abc" });
      register("base", t.name, layer, i === 0);
      if (i === 0) { layer.addTo(map); }
    });
  }

  function layerControl(map) {
    var base = {}, overlays = {};
    registry.base.forEach(function (item) { base[item.name] = item.layer; });
    registry.overlays.forEach(function (item) {
      overlays[item.name] = item.layer;
      if (!item.shown && map.hasLayer(item.layer)) { map.removeLayer(item.layer); }
    });
    var control = L.control.layers(base, overlays, { collapsed: false, position: "topright" });
    control.addTo(map);
    window.borderlens.layerControl = control;
    return control;
  }

  /* Base85 (RFC 1924 alphabet, as Python's base64.b85encode writes it) to bytes. */
  var B85 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~";
  function b85decode(text) {
    var digits = new Int16Array(128).fill(-1);
    for (var d = 0; d < B85.length; d++) { digits[B85.charCodeAt(d)] = d; }
    var n = text.length, tail = n % 5;
    var out = new Uint8Array(Math.floor(n / 5) * 4 + (tail ? tail - 1 : 0));
    var o = 0;
    for (var i = 0; i < n; i += 5) {
      var acc = 0;
      for (var j = 0; j < 5; j++) {
        var value = i + j < n ? digits[text.charCodeAt(i + j)] : 84;
        if (value < 0) { throw new Error("the map data is damaged (not base85)"); }
        acc = acc * 85 + value;
      }
      for (var k = 3; k >= 0 && o < out.length; k--) {  // a padded last group keeps only its real bytes
        out[o++] = Math.floor(acc / Math.pow(256, k)) % 256;
      }
    }
    return out;
  }

  /* The page data: a JSON object, or gzip + base85 text for a large map (inflated by the browser). */
  function unpack(payload) {
    if (typeof payload !== "string") { return Promise.resolve(payload); }
    if (typeof DecompressionStream === "undefined") {
      return Promise.reject(new Error("this browser cannot unpack the map data (no DecompressionStream); use a current Chrome, Firefox, Safari or Edge"));
    }
    var bytes = b85decode(payload);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text().then(JSON.parse);
  }

  function fail(map, err) {
    var Control = L.Control.extend({
      options: { position: "topleft" },
      onAdd: function () { return el("div", "bl-title bl-error leaflet-bar", "The events could not be shown: " + (err && err.message ? err.message : String(err))); }
    });
    new Control().addTo(map);
  }

  window.borderlens = {
    pending: [],
    unpack: unpack,
    fail: fail,
    register: register,
    registry: registry,
    el: el,
    eventLayers: eventLayers,
    timeSlider: timeSlider,
    legend: legend,
    title: title,
    referenceLayer: referenceLayer,
    tiles: tiles,
    underlay: underlay,
    layerControl: layerControl
  };
})();
