// The accepted stands of a fair on a map (and the fair's place when no stand is placed yet).
// The same stands are listed beside the map, so nothing is lost without JavaScript.
(function () {
  "use strict";
  var element = document.getElementById("fair-map");
  if (!element || !window.L) { return; }
  var config = JSON.parse(element.getAttribute("data-config"));
  var map = L.map(element, { scrollWheelZoom: false }).setView(config.CENTER, config.ZOOM);
  L.tileLayer(config.TILE_URL, { attribution: config.ATTRIBUTION, maxZoom: 20 }).addTo(map);
  var points = config.POINTS || [];
  if (!points.length && config.PLACE) { points = [config.PLACE]; }
  var markers = points.map(function (point) {
    var title = point.number ? point.number + ": " + point.name : point.name;
    var marker = L.marker([point.lat, point.lon], { title: title, alt: title }).addTo(map);
    var label = document.createElement(point.url ? "a" : "span");
    if (point.url) { label.href = point.url; }
    label.textContent = title;
    marker.bindPopup(label);
    return marker;
  });
  if (markers.length) {
    map.fitBounds(L.featureGroup(markers).getBounds(), { maxZoom: 18, padding: [20, 20] });
  }
})();
