/* Users map: one marker per row of the organisations table under the map.
 * The table is the source (rendered at build time from
 * data/organisations.geojson); the map, the filter and the count follow it,
 * and the table stays readable without JavaScript. Marker colours come from
 * the legend's swatches (CSS), so they are declared once. */
(function () {
  "use strict";

  var root = document.querySelector("[data-portal-map]");
  var table = root && document.getElementById(root.getAttribute("data-list"));
  if (!root || !table || typeof L === "undefined") return;

  var canvas = root.querySelector(".portal-map__canvas");
  var select = root.querySelector("[data-portal-filter]");
  var count = root.querySelector("[data-portal-count]");
  var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));

  var map = L.map(canvas, { scrollWheelZoom: false });
  L.tileLayer(root.getAttribute("data-tiles"), {
    attribution: root.getAttribute("data-attribution"),
    maxZoom: 18
  }).addTo(map);
  var markers = L.featureGroup().addTo(map);

  function colourOf(type) {
    var swatch = root.querySelector(".portal-swatch--" + type);
    return swatch ? getComputedStyle(swatch).backgroundColor : "#3d6b1f";
  }

  function popupOf(row) {
    var box = document.createElement("div");
    var name = document.createElement("strong");
    name.textContent = row.cells[0].textContent;
    var type = document.createElement("div");
    type.textContent = row.cells[1].textContent + " · " + row.cells[2].textContent;
    var links = row.cells[3].cloneNode(true);
    links.removeAttribute("class");
    Array.prototype.forEach.call(links.querySelectorAll("button"), function (b) { b.remove(); });
    box.appendChild(name);
    box.appendChild(type);
    box.appendChild(links);
    return box;
  }

  var entries = rows.map(function (row) {
    var marker = L.circleMarker(
      [parseFloat(row.getAttribute("data-lat")), parseFloat(row.getAttribute("data-lon"))],
      { radius: 9, color: "#fff", weight: 2, fillColor: colourOf(row.getAttribute("data-type")), fillOpacity: 0.9 }
    );
    marker.bindPopup(popupOf(row));
    marker.bindTooltip(row.cells[0].textContent);
    // from the list to the map: a button next to the links
    var button = document.createElement("button");
    button.type = "button";
    button.className = "portal-organisations__locate";
    button.textContent = root.getAttribute("data-on-map");
    button.addEventListener("click", function () {
      canvas.scrollIntoView({ behavior: "smooth", block: "center" });
      map.setView(marker.getLatLng(), Math.max(map.getZoom(), 9));
      marker.openPopup();
    });
    row.cells[3].appendChild(document.createTextNode(" "));
    row.cells[3].appendChild(button);
    return { row: row, marker: marker };
  });

  function show(type) {
    var shown = 0;
    markers.clearLayers();
    entries.forEach(function (entry) {
      var visible = !type || entry.row.getAttribute("data-type") === type;
      entry.row.hidden = !visible;
      if (visible) {
        markers.addLayer(entry.marker);
        shown += 1;
      }
    });
    count.textContent = (shown === 1 ? root.getAttribute("data-count-one") : root.getAttribute("data-count-other"))
      .replace("{n}", String(shown));
    if (shown) map.fitBounds(markers.getBounds(), { padding: [30, 30], maxZoom: 9 });
    else map.setView([46.6, 2.4], 5);  // mainland France
  }

  select.addEventListener("change", function () { show(select.value); });
  show(select.value);
})();
