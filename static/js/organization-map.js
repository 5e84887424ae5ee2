// A small map of one organization's address; the address itself is printed beside it.
(function () {
  "use strict";
  var element = document.getElementById("organization-map");
  if (!element || !window.L) { return; }
  var config = JSON.parse(document.currentScript.getAttribute("data-config"));
  var point = [parseFloat(element.getAttribute("data-lat")), parseFloat(element.getAttribute("data-lon"))];
  var map = L.map(element, { scrollWheelZoom: false }).setView(point, 15);
  L.tileLayer(config.TILE_URL, { attribution: config.ATTRIBUTION, maxZoom: 19 }).addTo(map);
  L.marker(point, { title: element.getAttribute("data-name") }).addTo(map);
})();
