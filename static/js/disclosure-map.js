// The register's map: the filtered projects' sites as markers (GeoJSON from the same filters
// as the list beside it), each linking to the project page. The list holds the same projects,
// so the map adds an overview and nothing that is only reachable by pointer.
(function () {
  "use strict";
  var el = document.getElementById("register-map");
  if (!el || !window.L || !window.fetch) { return; }
  var map = L.map(el, { worldCopyJump: true }).setView([35, 70], 3);
  fetch(el.getAttribute("data-url"), { headers: { Accept: "application/json" } })
    .then(function (r) { return r.json(); })
    .then(function (data) {
      var outlines = null;
      if (data.outlines) {
        outlines = L.geoJSON(data.outlines, { style: { color: "#64748b", weight: 0.8, fillColor: "#f8fafc", fillOpacity: 1 }, interactive: false }).addTo(map);
      }
      var layer = L.geoJSON(data, {
        pointToLayer: function (feature, latlng) {
          return L.circleMarker(latlng, { radius: 7, color: "#14532d", weight: 2, fillColor: "#16a34a", fillOpacity: 0.8 });
        },
        onEachFeature: function (feature, marker) {
          var a = document.createElement("a");
          a.href = feature.properties.url;
          a.textContent = feature.properties.reference + " · " + feature.properties.name;
          marker.bindPopup(a);
        }
      }).addTo(map);
      // Fit the host countries (so a marker is seen in its country), else the markers alone.
      var bounds = outlines && data.outlines.features.length ? outlines.getBounds() : null;
      if (data.features.length) { bounds = bounds ? bounds.extend(layer.getBounds()) : layer.getBounds(); }
      if (bounds) { map.fitBounds(bounds, { maxZoom: 7, padding: [20, 20] }); }
    })
    .catch(function () { el.setAttribute("data-error", "1"); });
})();
