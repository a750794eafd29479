// The map of events: Leaflet (vendored), tiles only when the `tiles` setting gives a URL.
(function () {
  "use strict";
  var el = document.getElementById("map");
  var events = JSON.parse(document.getElementById("map-data").textContent);
  L.Icon.Default.imagePath = "/static/vendor/leaflet/images/";
  var map = L.map(el, { worldCopyJump: true, attributionControl: !!el.dataset.tiles });
  if (el.dataset.tiles) {
    L.tileLayer(el.dataset.tiles, { maxZoom: 18, attribution: "tiles: " + new URL(el.dataset.tiles.replace(/[{}]/g, ""), location.href).host }).addTo(map);
  } else {  // a plain background: a graticule so the eye can place the markers
    for (var lat = -60; lat <= 60; lat += 30) L.polyline([[lat, -180], [lat, 180]], { color: "#9bb", weight: 1, interactive: false }).addTo(map);
    for (var lon = -180; lon <= 180; lon += 30) L.polyline([[-85, lon], [85, lon]], { color: "#9bb", weight: 1, interactive: false }).addTo(map);
  }
  var markers = events.map(function (e) {
    var link = document.createElement("a");
    link.href = "/events/" + encodeURIComponent(e.id);
    link.textContent = e.where + " — " + e.type.replace(/_/g, " ") + " (" + (e.when.start || e.when.end || "time unknown") + ", " + e.claims + " claims)";
    return L.circleMarker([e.lat, e.lon], { radius: 5 + Math.min(e.claims, 10), color: "#b3261e", fillOpacity: 0.6 })
      .bindTooltip(e.where).bindPopup(link).addTo(map);
  });
  if (markers.length) map.fitBounds(L.featureGroup(markers).getBounds().pad(0.3), { maxZoom: 6 });
  else map.setView([20, 0], 2);
})();
