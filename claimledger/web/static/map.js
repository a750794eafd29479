// The map of events: Leaflet and Leaflet.markercluster (vendored), tiles only when the
// `tiles` setting gives a URL. It asks /api/map for what is in view after every move:
// each event when few are inside, else grid cells with their counts (a cell is drawn
// as a cluster; the client clusters what is near on screen, summing the counts).
(function () {
  "use strict";
  var el = document.getElementById("map");
  var status = document.getElementById("map-status");
  L.Icon.Default.imagePath = "/static/vendor/leaflet/images/";
  var map = L.map(el, { worldCopyJump: true, maxZoom: 18, attributionControl: !!el.dataset.tiles });  // the clusters need a maxZoom
  if (el.dataset.tiles) {
    L.tileLayer(el.dataset.tiles, { maxZoom: 18, attribution: "tiles: " + new URL(el.dataset.tiles.replace(/[{}]/g, ""), location.href).host }).addTo(map);
  } else {  // a plain background: a graticule so the eye can place the markers
    for (var lat = -60; lat <= 60; lat += 30) L.polyline([[lat, -180], [lat, 180]], { color: "#9bb", weight: 1, interactive: false }).addTo(map);
    for (var lon = -180; lon <= 180; lon += 30) L.polyline([[-85, lon], [85, lon]], { color: "#9bb", weight: 1, interactive: false }).addTo(map);
  }

  function clusterIcon(n) {
    var size = n < 10 ? "small" : n < 100 ? "medium" : "large";
    var label = document.createElement("span");
    label.textContent = n.toLocaleString();
    var inner = document.createElement("div");
    inner.appendChild(label);
    return L.divIcon({ html: inner, className: "marker-cluster marker-cluster-" + size, iconSize: L.point(40, 40) });
  }
  var layer = L.markerClusterGroup({
    showCoverageOnHover: false, maxClusterRadius: 48,
    iconCreateFunction: function (cluster) {
      return clusterIcon(cluster.getAllChildMarkers().reduce(function (n, m) { return n + m.options.count; }, 0));
    }
  }).addTo(map);

  function link(href, text) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }
  function marker(f, west, east) {
    var p = f.properties, lon = f.geometry.coordinates[0], lat = f.geometry.coordinates[1];
    while (lon < west) lon += 360;  // the copy of the world in view
    while (lon > east) lon -= 360;
    if (p.count === 1) {
      var text = p.where + (p.type ? " — " + p.type.replace(/_/g, " ") + " (" + (p.when || "time unknown") + ", " + p.claims + " claims)" : "");
      return L.circleMarker([lat, lon], { count: 1, radius: 5 + Math.min(p.claims || 1, 10), color: "#b3261e", fillOpacity: 0.6 })
        .bindTooltip(p.where).bindPopup(link("/events/" + encodeURIComponent(p.id), text));
    }
    var b = p.bbox, area = L.latLngBounds([b[1], b[0]], [b[3], b[2]]);
    var list = link("/map/events?bbox=" + b.join(","), "list these " + p.count.toLocaleString() + " events");
    var group = L.marker([lat, lon], { count: p.count, icon: clusterIcon(p.count) })
      .bindTooltip(p.count.toLocaleString() + " events around " + p.where);
    return group.on("click", function () {  // zoom in; where they share one point, list them
      if (area.getNorthEast().equals(area.getSouthWest())) group.bindPopup(list).openPopup();
      else map.fitBounds(area.pad(0.2));
    });
  }

  var pending = null, fitted = false;
  function load(bounds, zoom) {
    if (pending) pending.abort();
    pending = new AbortController();
    var box = [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()].map(function (x) { return x.toFixed(4); });
    return fetch("/api/map?bbox=" + box.join(",") + "&zoom=" + zoom, { signal: pending.signal })
      .then(function (r) { if (!r.ok) throw new Error("/api/map answered " + r.status); return r.json(); })
      .then(function (found) {
        layer.clearLayers();
        layer.addLayers(found.features.map(function (f) { return marker(f, bounds.getWest(), bounds.getEast()); }));
        status.textContent = found.total.toLocaleString() + " events in view" +
          (found.clustered ? ", counted per area: zoom in to see each" : "");
        return found;
      })
      .catch(function (e) { if (e.name !== "AbortError") status.textContent = "The map could not load its events: " + e.message; });
  }
  map.on("moveend", function () { if (fitted) load(map.getBounds(), map.getZoom()); });
  // first the whole world, to frame the events; then whatever the view holds
  map.setView([20, 0], 2);
  load(L.latLngBounds([-90, -180], [90, 180]), 2).then(function (found) {
    var placed = found ? found.features.map(function (f) { return [f.geometry.coordinates[1], f.geometry.coordinates[0]]; }) : [];
    if (placed.length) map.fitBounds(L.latLngBounds(placed).pad(0.3), { maxZoom: 6, animate: false });
    fitted = true;
    load(map.getBounds(), map.getZoom());
  });
})();
