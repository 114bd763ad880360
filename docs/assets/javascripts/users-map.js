/* The users map. The build renders everything it needs (hooks/portal_pages.py,
 * partials/portal/organisations-map.html): the organisations with their
 * marker and territory, the types with their label and colour, the places to
 * jump to, the texts, as JSON in the page; the filter, legend and list as HTML.
 * This script only draws: no type, colour or place is declared here.
 *
 * The base map is the site's own (Natural Earth land and borders, TopoJSON
 * from `make vendor-basemap`): nothing is requested from another server until
 * the reader picks the OpenStreetMap layer in the layer switcher. */
(function () {
  "use strict";

  var root = document.querySelector("[data-portal-map]");
  if (!root || typeof L === "undefined") return;
  var data = JSON.parse(root.querySelector("[data-portal-map-data]").textContent);
  var text = data.text;
  var canvas = root.querySelector(".portal-map__canvas");
  var select = root.querySelector("[data-portal-filter]");
  var count = root.querySelector("[data-portal-count]");
  var table = document.getElementById(root.getAttribute("data-list"));
  var fallback = canvas.querySelector(".portal-map__fallback");
  if (fallback) fallback.remove();

  function bounds(b) { return L.latLngBounds([b[1], b[0]], [b[3], b[2]]); }  // [west, south, east, north]

  var map = L.map(canvas, { scrollWheelZoom: false, minZoom: 2, maxZoom: 18, worldCopyJump: true });
  map.fitBounds(bounds(data.places.mainland));

  // base layers: the site's own, shown first; OpenStreetMap only on request
  map.createPane("portal-base").style.zIndex = 250;  // above tiles (200), under territories (400)
  var plain = L.geoJSON(null, {
    pane: "portal-base",
    interactive: false,
    style: { color: "#8c8c8c", weight: 0.7, fillColor: "#f3efe6", fillOpacity: 1 },
    attribution: '<a href="https://www.naturalearthdata.com/">Natural Earth</a>'
  }).addTo(map);
  fetch(root.getAttribute("data-basemap"))
    .then(function (response) { return response.json(); })
    .then(function (topo) {
      plain.addData(topojson.feature(topo, topo.objects[Object.keys(topo.objects)[0]]));
    });
  var osm = L.tileLayer(data.tiles, {
    maxZoom: 18,
    attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
  });
  map.on("baselayerchange", function (event) {
    canvas.classList.toggle("portal-map__canvas--tiles", event.layer === osm);
  });
  var baseLayers = {};
  baseLayers[text.plain] = plain;
  baseLayers[text.osm] = osm;
  var territories = L.featureGroup().addTo(map);
  var overlays = {};
  overlays[text.territories] = territories;
  L.control.layers(baseLayers, overlays).addTo(map);

  // chunked: 300 markers never block the page for long
  var cluster = L.markerClusterGroup({
    showCoverageOnHover: false, maxClusterRadius: 40, chunkedLoading: true, chunkInterval: 40
  });
  map.addLayer(cluster);
  var canvasRenderer = L.canvas({ padding: 0.5 });  // hundreds of territories draw faster on a canvas

  function element(tag, content) {
    var node = document.createElement(tag);
    if (content) node.textContent = content;
    return node;
  }

  function link(href, label) {
    var a = element("a", label);
    a.href = href;
    if (data.embedded) {
      a.target = "_blank";
      a.rel = "noopener";
    }
    return a;
  }

  function popupOf(org) {
    var box = element("div");
    box.className = "portal-map__popup";
    box.appendChild(element("strong", org.name));
    box.appendChild(element("div", data.types[org.type].label + (org.seat ? " · " + org.seat : "")));
    var links = element("div");
    if (org.portal) links.appendChild(link(org.portal, text.portal));
    if (org.website) links.appendChild(link(org.website, text.website));
    if (links.childNodes.length) box.appendChild(links);
    return box;
  }

  // a territory as the build encodes it (geotrek_portal/users_map.py, encode_shape):
  // polygons of rings of integer steps, in 1/data.scale of a degree
  function latLngsOf(polygons) {
    return polygons.map(function (rings) {
      return rings.map(function (steps) {
        var ring = [], lon = 0, lat = 0;
        for (var i = 0; i < steps.length; i += 2) {
          lon += steps[i];
          lat += steps[i + 1];
          ring.push([lat / data.scale, lon / data.scale]);
        }
        return ring;
      });
    });
  }

  var entries = data.organisations.map(function (org) {
    var colour = data.types[org.type].colour;
    var icon = L.divIcon({
      className: "portal-marker",
      html: '<span style="background:' + colour + '"></span>',
      iconSize: [24, 24]
    });
    var marker = L.marker(org.at, { icon: icon, title: org.name, alt: org.name, riseOnHover: true });
    marker.bindPopup(function () { return popupOf(org); });  // built when opened
    return { org: org, marker: marker, shape: null, row: table ? document.getElementById(org.id) : null };
  });

  function territoryOf(entry) {  // built when first shown
    if (!entry.shape) {
      var colour = data.types[entry.org.type].colour;
      entry.shape = L.polygon(latLngsOf(entry.org.shape), {
        renderer: canvasRenderer, color: colour, weight: 1.5, fillColor: colour, fillOpacity: 0.25
      });
      entry.shape.on("click", function () { entry.marker.openPopup(); });
    }
    return entry.shape;
  }
  var byId = {};
  entries.forEach(function (entry) { byId[entry.org.id] = entry; });

  // from the list to the map: the "show on the map" buttons of the rows
  if (table) {
    table.addEventListener("click", function (event) {
      var button = event.target.closest("[data-portal-locate]");
      var entry = button && byId[button.closest("tr").id];
      if (!entry) return;
      canvas.scrollIntoView({ behavior: "smooth", block: "center" });
      cluster.zoomToShowLayer(entry.marker, function () { entry.marker.openPopup(); });
    });
  }

  // territories follow in a task of their own: the markers and the list answer first
  var territoriesTask = null;
  function showTerritories(type) {
    clearTimeout(territoriesTask);
    territoriesTask = setTimeout(function () {
      territories.clearLayers();
      entries.forEach(function (entry) {
        if (entry.org.shape && (!type || entry.org.type === type)) territories.addLayer(territoryOf(entry));
      });
    }, 0);
  }

  function show(type) {
    var markers = [];
    cluster.clearLayers();
    entries.forEach(function (entry) {
      var visible = !type || entry.org.type === type;
      if (entry.row) entry.row.hidden = !visible;
      if (visible) markers.push(entry.marker);
    });
    cluster.addLayers(markers);
    showTerritories(type);
    count.textContent = (markers.length === 1 ? text.countOne : text.countOther).replace("{n}", String(markers.length));
    Array.prototype.forEach.call(root.querySelectorAll(".portal-map__legend li"), function (item) {
      item.classList.toggle("portal-map__legend--off", !!type && item.getAttribute("data-type") !== type);
    });
  }

  select.addEventListener("change", function () { show(select.value); });
  show(select.value);

  Array.prototype.forEach.call(root.querySelectorAll("[data-place]"), function (button) {
    button.addEventListener("click", function () {
      map.fitBounds(bounds(data.places[button.getAttribute("data-place")]));
    });
  });
})();

/* The users page's "copy the code" button, shown only when it can work */
(function () {
  "use strict";
  var button = document.querySelector("[data-portal-copy]");
  if (!button || !navigator.clipboard) return;
  var source = document.getElementById(button.getAttribute("data-portal-copy"));
  var label = button.textContent;
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(source.value).then(function () {
      button.textContent = button.getAttribute("data-copied");
      setTimeout(function () { button.textContent = label; }, 2000);
    });
  });
})();
