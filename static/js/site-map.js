/* Site drawing on a Leaflet map with no tile server: the host country's outline and nearby
   sensitive areas are drawn from data shipped with the page. Writes GeoJSON into #id_geojson. */
(function () {
  "use strict";
  var el = document.getElementById("site-map");
  var dataEl = document.getElementById("map-data");
  if (!el || !dataEl || typeof L === "undefined") { return; }
  var data = JSON.parse(dataEl.textContent);
  var field = document.getElementById("id_geojson");
  var status = document.getElementById("map-status");
  var map = L.map(el, { attributionControl: false, zoomSnap: 0.25 });
  var country = data.country ? L.geoJSON(data.country, { style: { color: "#0b6e4f", weight: 2, fillColor: "#e6f4ea", fillOpacity: 0.6 } }).addTo(map) : null;
  var areas = L.geoJSON({ type: "FeatureCollection", features: (data.areas || []).map(function (a) {
    return { type: "Feature", geometry: a.geometry, properties: { name: a.name, type: a.type } };
  }) }, {
    style: { color: "#b45309", weight: 1, fillColor: "#f59e0b", fillOpacity: 0.25 },
    pointToLayer: function (f, latlng) { return L.circleMarker(latlng, { radius: 5, color: "#b45309" }); },
    onEachFeature: function (f, layer) { layer.bindTooltip(f.properties.name + " (" + f.properties.type + ")"); }
  }).addTo(map);
  L.control.scale({ imperial: false }).addTo(map);
  var siteLayer = L.layerGroup().addTo(map);
  var mode = "point";
  var vertices = [];

  function say(text) { if (status) { status.textContent = text; } }
  function write(geometry) { if (field) { field.value = geometry ? JSON.stringify(geometry) : ""; } }
  function drawSite(geometry) {
    siteLayer.clearLayers();
    if (!geometry) { return; }
    L.geoJSON(geometry, { style: { color: "#1d4ed8", weight: 3, fillOpacity: 0.3 },
      pointToLayer: function (f, latlng) { return L.circleMarker(latlng, { radius: 8, color: "#1d4ed8", fillOpacity: 0.8 }); } }).addTo(siteLayer);
  }
  function polygonGeometry() {
    var ring = vertices.map(function (v) { return [Number(v.lng.toFixed(6)), Number(v.lat.toFixed(6))]; });
    ring.push(ring[0]);
    return { type: "Polygon", coordinates: [ring] };
  }

  if (data.site) { drawSite(data.site); }
  var bounds = siteLayer.getLayers().length ? L.geoJSON(data.site).getBounds() : (country ? country.getBounds() : null);
  if (bounds && bounds.isValid()) { map.fitBounds(bounds, { padding: [20, 20], maxZoom: 9 }); } else { map.setView([35, 80], 3); }

  map.on("click", function (e) {
    if (!field) { return; }
    if (mode === "point") {
      var g = { type: "Point", coordinates: [Number(e.latlng.lng.toFixed(6)), Number(e.latlng.lat.toFixed(6))] };
      drawSite(g); write(g); say(el.dataset.pointSet || "Point placed.");
    } else {
      vertices.push(e.latlng);
      if (vertices.length >= 3) { var p = polygonGeometry(); drawSite(p); write(p); }
      else { siteLayer.clearLayers(); vertices.forEach(function (v) { L.circleMarker(v, { radius: 4 }).addTo(siteLayer); }); write(null); }
      say(vertices.length + " / 3+");
    }
  });
  document.querySelectorAll(".map-tools [data-mode]").forEach(function (b) {
    b.addEventListener("click", function () {
      mode = b.dataset.mode; vertices = [];
      document.querySelectorAll(".map-tools [data-mode]").forEach(function (o) { o.setAttribute("aria-pressed", o === b ? "true" : "false"); });
    });
  });
  var clear = document.querySelector(".map-tools [data-action=clear]");
  if (clear) { clear.addEventListener("click", function () { vertices = []; drawSite(null); write(null); }); }
  if (field) {
    field.addEventListener("change", function () {
      try { var g = JSON.parse(field.value); drawSite(g.geometry || g); } catch (err) { /* the server validates */ }
    });
  }
  void areas;
})();
