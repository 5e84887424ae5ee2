// The premises on a map: every listed unit on the listing, the one unit on its page. The
// addresses are printed beside the map, so nothing is lost without JavaScript.
(function () {
  "use strict";
  var element = document.getElementById("premises-map");
  if (!element || !window.L) { return; }
  var config = JSON.parse(element.getAttribute("data-config"));
  var map = L.map(element, { scrollWheelZoom: false }).setView(config.CENTER, config.ZOOM);
  L.tileLayer(config.TILE_URL, { attribution: config.ATTRIBUTION, maxZoom: 19 }).addTo(map);
  var markers = (config.POINTS || []).map(function (point) {
    var marker = L.marker([point.lat, point.lon], { title: point.name }).addTo(map);
    if (point.url) {
      var link = document.createElement("a");
      link.href = point.url;
      link.textContent = point.name;
      marker.bindPopup(link);
    }
    return marker;
  });
  if (markers.length) {
    map.fitBounds(L.featureGroup(markers).getBounds(), { maxZoom: 16, padding: [20, 20] });
  }
})();
