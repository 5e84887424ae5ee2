// The directory map: markers of the filtered organizations, loaded from the page's GeoJSON.
// The page lists the same organizations below the map, so nothing is lost without JavaScript.
(function () {
  "use strict";
  var element = document.getElementById("directory-map");
  if (!element || !window.L) { return; }
  var config = JSON.parse(element.getAttribute("data-config"));
  var map = L.map(element, { scrollWheelZoom: false }).setView(config.CENTER, config.ZOOM);
  L.tileLayer(config.TILE_URL, { attribution: config.ATTRIBUTION, maxZoom: 19 }).addTo(map);

  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }

  fetch(element.getAttribute("data-geojson"), { headers: { Accept: "application/json" } })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      var layer = L.geoJSON(data, {
        onEachFeature: function (feature, marker) {
          var p = feature.properties;
          marker.bindPopup('<a href="' + encodeURI(p.url) + '">' + escapeHtml(p.name) + "</a>" +
            (p.city ? "<br>" + escapeHtml(p.city) : ""));
        }
      }).addTo(map);
      if (data.features.length) { map.fitBounds(layer.getBounds(), { maxZoom: 15, padding: [20, 20] }); }
    })
    .catch(function () { element.setAttribute("data-error", "1"); });
})();
