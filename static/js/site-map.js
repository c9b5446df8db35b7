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
  var map = L.map(el, { attributionControl: true, zoomSnap: 0.25 });
  map.attributionControl.setPrefix(false);
  if (el.dataset.attribution) { map.attributionControl.addAttribution(el.dataset.attribution); }
  var latField = document.getElementById("id_latitude");
  var lonField = document.getElementById("id_longitude");
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
  function write(geometry) {
    if (field) { field.value = geometry ? JSON.stringify(geometry) : ""; }
    // The typed coordinates follow a drawn point and are emptied for a polygon, so the server
    // never sees stale numbers beside a new drawing.
    var point = geometry && geometry.type === "Point";
    if (latField) { latField.value = point ? geometry.coordinates[1] : ""; }
    if (lonField) { lonField.value = point ? geometry.coordinates[0] : ""; }
  }
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
      else { siteLayer.clearLayers(); vertices.forEach(function (v) { L.circleMarker(v, { radius: 4, interactive: false }).addTo(siteLayer); }); write(null); }
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
  function typedPoint() {
    if (!latField || !lonField || latField.value === "" || lonField.value === "") { return; }
    var lat = Number(latField.value), lon = Number(lonField.value);
    if (!isFinite(lat) || !isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) { return; }
    var g = { type: "Point", coordinates: [lon, lat] };
    drawSite(g);
    if (field) { field.value = JSON.stringify(g); }
    map.setView([lat, lon], Math.max(map.getZoom(), 8));
  }
  if (latField) { latField.addEventListener("change", typedPoint); }
  if (lonField) { lonField.addEventListener("change", typedPoint); }

  // Offline reference layers of the host country: provinces and places (static GeoJSON).
  var lang = (el.dataset.lang || "en").slice(0, 2);
  function localName(p) { return p["name_" + lang] || p.name; }
  function fetchJson(url) { return url ? fetch(url).then(function (r) { return r.ok ? r.json() : null; }) : Promise.resolve(null); }
  fetchJson(el.dataset.admin1).then(function (fc) {
    if (!fc) { return; }
    L.geoJSON(fc, { interactive: false, style: { color: "#6b7280", weight: 1, dashArray: "4 3", fill: false } }).addTo(map);
    fc.features.forEach(function (f) {
      var c = L.geoJSON(f).getBounds().getCenter();
      L.tooltip({ permanent: true, direction: "center", className: "admin1-label", interactive: false })
        .setLatLng(c).setContent(localName(f.properties)).addTo(adminLabels);
    });
    toggleAdminLabels();
  });
  var adminLabels = L.layerGroup();
  function toggleAdminLabels() {
    if (map.getZoom() >= 5 && map.getZoom() < 9) { adminLabels.addTo(map); } else { adminLabels.remove(); }
  }
  map.on("zoomend", toggleAdminLabels);

  var places = [];
  var placeLayer = L.layerGroup().addTo(map);
  var labelLayer = L.layerGroup().addTo(map);
  function fold(t) { return (t || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  fetchJson(el.dataset.places).then(function (fc) {
    if (!fc) { return; }
    fc.features.forEach(function (f) {
      var p = f.properties, ll = L.latLng(f.geometry.coordinates[1], f.geometry.coordinates[0]);
      var m = L.circleMarker(ll, { radius: p.population >= 1000000 ? 5 : p.population >= 100000 ? 4 : 2.5,
        color: "#374151", weight: 1, fillColor: "#ffffff", fillOpacity: 1, interactive: false }).addTo(placeLayer);
      places.push({ p: p, ll: ll, marker: m, keys: [p.name].concat(p.names || []).map(fold) });
    });
    labelPlaces();
  });
  // Label the largest places in view, so the map reads like a small-scale atlas at any zoom.
  function labelPlaces() {
    labelLayer.clearLayers();
    var b = map.getBounds();
    places.filter(function (x) { return b.contains(x.ll); }).slice(0, 14).forEach(function (x) {
      L.tooltip({ permanent: true, direction: "right", className: "place-label", interactive: false })
        .setLatLng(x.ll).setContent(x.p.name).addTo(labelLayer);
    });
  }
  map.on("moveend", labelPlaces);

  var search = document.getElementById("place-search");
  var results = document.getElementById("place-results");
  var resultsStatus = document.getElementById("place-results-status");
  function jump(x) {
    map.setView(x.ll, 10);
    L.popup().setLatLng(x.ll).setContent(document.createTextNode(x.p.name + (x.p.admin1 ? ", " + x.p.admin1 : ""))).openOn(map);
  }
  function runSearch() {
    var q = fold(search.value.trim());
    results.textContent = "";
    if (q.length < 2) { resultsStatus.textContent = ""; return; }
    // Prefix matches first, then any substring; within each, the larger place first.
    var hits = places.filter(function (x) { return x.keys.some(function (k) { return k.indexOf(q) === 0; }); });
    places.forEach(function (x) { if (hits.indexOf(x) < 0 && x.keys.some(function (k) { return k.indexOf(q) > 0; })) { hits.push(x); } });
    hits.slice(0, 8).forEach(function (x) {
      var li = document.createElement("li"), b = document.createElement("button");
      b.type = "button"; b.className = "button secondary";
      b.textContent = x.p.name + (x.p.admin1 ? " (" + x.p.admin1 + ")" : "");
      b.addEventListener("click", function () { jump(x); el.focus(); });
      li.appendChild(b); results.appendChild(li);
    });
    resultsStatus.textContent = hits.length ? (el.dataset.found || "") + " " + hits.length : (el.dataset.noneFound || "");
  }
  if (search) {
    search.addEventListener("input", runSearch);
    search.addEventListener("keydown", function (e) {
      if (e.key === "Enter") { e.preventDefault(); var first = results.querySelector("button"); if (first) { first.click(); } }
    });
  }
  void areas;
})();
