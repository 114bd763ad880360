/* The users map. The build renders everything it needs (hooks/portal_pages.py,
 * partials/portal/organisations-map.html): the types with their label and
 * colour, the places to jump to, the texts, as JSON in the page; the filter,
 * legend and list (a table per type, each in a <details>) as HTML; the
 * organisations with their marker and territory in one file for every
 * language (data-organisations). This script only draws: no type, colour or
 * place is declared here.
 *
 * It is the page's only map script: Leaflet, its plugins, their styles and
 * the organisations are added when the map nears the reader's screen, so
 * that none of them holds back the page's first paint or its readiness (the
 * map pages preload the scripts and the organisations at low priority:
 * partials/portal/map-head.html).
 *
 * The base map is the site's own (Natural Earth land and borders, TopoJSON
 * from `make vendor-basemap`): nothing is requested from another server until
 * the reader picks the OpenStreetMap layer in the layer switcher. */
(function () {
  "use strict";

  var root = document.querySelector("[data-portal-map]");
  if (!root) return;
  var canvas = root.querySelector(".portal-map__canvas");
  var select = root.querySelector("[data-portal-filter]");
  var count = root.querySelector("[data-portal-count]");
  var list = document.getElementById(root.getAttribute("data-list"));
  var legend = root.querySelectorAll(".portal-map__legend li");
  var groups = list ? list.querySelectorAll("details[data-type]") : [];
  var text, map = null, pending = null;

  /* Start-up is cut into steps, each a task of its own well under 50 ms on a
   * phone, so that the page answers the reader while the map is being built:
   * STEP items at most per task, fewer when a step has taken BUDGET ms. */
  var STEP = {organisations: 50, markers: 50, territories: 20, basemap: 8};
  var BUDGET = 8;
  var nextTask = window.scheduler && typeof window.scheduler.yield === "function"
    ? function () { return window.scheduler.yield(); }
    : (function () {
      var channel = new MessageChannel(), waiting = [];
      channel.port1.onmessage = function () { waiting.shift()(); };
      return function () {
        return new Promise(function (resolve) { waiting.push(resolve); channel.port2.postMessage(null); });
      };
    })();

  function mark(name, detail) {  // user timings: DevTools and Lighthouse show them
    try { performance.mark("portal-map:" + name, {detail: detail}); } catch (error) { /* old browsers */ }
  }

  function bounds(b) { return L.latLngBounds([b[1], b[0]], [b[3], b[2]]); }  // [west, south, east, north]

  // calls `each` on every item, STEP[kind] at a time, a task per step (from the next one); `goOn`, when given, is
  // called before each step: the loop stops, and resolves to false, when it returns false
  function inSteps(kind, items, each, goOn) {
    var index = 0;
    function step() {
      if (goOn && !goOn()) return false;
      var started = performance.now(), end = Math.min(index + STEP[kind], items.length), from = index;
      while (index < end && (index === from || performance.now() - started < BUDGET)) each(items[index++]);
      mark("step", {kind: kind, count: index - from});
      if (index >= items.length) return true;
      return nextTask().then(step);
    }
    return nextTask().then(step);
  }

  // the same, STEP[kind] items at a time, each step handing `eachBatch` its items at once
  function inBatches(kind, items, eachBatch, goOn) {
    var index = 0;
    function step() {
      if (goOn && !goOn()) return false;
      var batch = items.slice(index, index += STEP[kind]);
      eachBatch(batch);
      mark("step", {kind: kind, count: batch.length});
      return index >= items.length || nextTask().then(step);
    }
    return nextTask().then(step);
  }

  // the filter: the list (the type's group, opened), count and legend follow at once; the map when it is built
  function visibleType() { return select.value; }
  function matches(type, code) { return !type || code === type; }
  select.addEventListener("change", function () {
    var type = visibleType();
    Array.prototype.forEach.call(groups, function (group) {
      var hide = !matches(type, group.getAttribute("data-type"));
      if (group.hidden !== hide) group.hidden = hide;
      if (type && !hide) group.open = true;
    });
    showCount(type);
    Array.prototype.forEach.call(legend, function (item) {
      item.classList.toggle("portal-map__legend--off", !!type && item.getAttribute("data-type") !== type);
    });
    if (map) map.show(type);
  });
  function showCount(type) {  // the legend has the count of each type
    var n = 0;
    Array.prototype.forEach.call(legend, function (item) {
      if (matches(type, item.getAttribute("data-type"))) n += Number(item.querySelector("[data-portal-type-count]").textContent);
    });
    text = text || JSON.parse(root.querySelector("[data-portal-map-data]").textContent).text;
    count.textContent = (n === 1 ? text.countOne : text.countOther).replace("{n}", String(n));
  }
  if (visibleType()) select.dispatchEvent(new Event("change"));  // a filter the browser restored

  // a link to an organisation's row opens its group (browsers without auto-expanding <details>)
  function openTarget() {
    var target = location.hash.length > 1 && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    var group = target && list && list.contains(target) && target.closest("details");
    if (group && !group.open) {
      group.open = true;
      target.scrollIntoView();
    }
  }
  openTarget();
  window.addEventListener("hashchange", openTarget);

  // from the list to the map: the "show on the map" buttons of the rows
  if (list) {
    list.addEventListener("click", function (event) {
      var button = event.target.closest("[data-portal-locate]");
      if (!button) return;
      canvas.scrollIntoView({behavior: "smooth", block: "center"});
      pending = button.closest("tr").id;
      if (map) map.locate();
    });
  }

  // nothing is done before the map comes near the reader's screen
  if ("IntersectionObserver" in window) {
    var observer = new IntersectionObserver(function (entries) {
      if (!entries.some(function (entry) { return entry.isIntersecting; })) return;
      observer.disconnect();
      start();
    }, {rootMargin: "50% 0px"});
    observer.observe(canvas);
  } else {
    start();
  }

  function start() {  // fetches Leaflet, its styles and the organisations, then makes the map in steps
    mark("start");
    var data = JSON.parse(root.querySelector("[data-portal-map-data]").textContent);
    text = data.text;
    var organisations = fetch(root.getAttribute("data-organisations")).then(function (response) {
      if (!response.ok) throw new Error("users map: " + response.status + " " + response.url);
      return response.json();
    });
    Promise.all([organisations, load("data-styles", stylesheet), load("data-scripts", script)]).then(function (got) {
      return nextTask().then(function () { draw(data, got[0]); });
    });
  }

  // the files listed in the root's `attribute`, added to the page in their order; resolves once all have loaded
  function load(attribute, add) {
    return Promise.all(root.getAttribute(attribute).split(" ").map(function (href) {
      return new Promise(function (resolve, reject) { add(href, resolve, reject); });
    }));
  }
  function stylesheet(href, loaded) {  // a style that fails to load leaves the map working, unstyled
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    link.onload = link.onerror = loaded;
    document.head.appendChild(link);
  }
  function script(href, loaded, failed) {  // run in the order they were added (async: false)
    var element = document.createElement("script");
    element.src = href;
    element.async = false;
    element.onload = loaded;
    element.onerror = function () { failed(new Error("users map: cannot load " + href)); };
    document.head.appendChild(element);
  }

  function draw(data, file) {
    var fallback = canvas.querySelector(".portal-map__fallback");
    if (fallback) fallback.remove();
    var leaflet = L.map(canvas, {scrollWheelZoom: false, minZoom: 2, maxZoom: 18, worldCopyJump: true});
    leaflet.fitBounds(bounds(data.places.mainland));
    nextTask().then(function () { layers(data, leaflet, file); });
  }

  function layers(data, leaflet, file) {
    // base layers: the site's own, shown first; OpenStreetMap only on request
    leaflet.createPane("portal-base").style.zIndex = 250;  // above tiles (200), under territories (400)
    var land = L.geoJSON(null, {
      pane: "portal-base",
      interactive: false,
      style: {color: "#8c8c8c", weight: 0.7, fillColor: "#f3efe6", fillOpacity: 1}
    });
    // the credit on the group, not on the land: L.geoJSON hands its options to each piece it
    // draws, and each would rewrite the attribution control once more
    var plain = L.layerGroup([land], {attribution: '<a href="https://www.naturalearthdata.com/">Natural Earth</a>'})
      .addTo(leaflet);
    fetch(root.getAttribute("data-basemap"))
      .then(function (response) { return response.json(); })
      .then(function (topo) {  // decoded and drawn a few pieces at a time
        var countries = topo.objects[Object.keys(topo.objects)[0]];
        return inSteps("basemap", pieces(topo, countries.geometries), function (piece) {
          land.addData(topojson.feature(topo, piece));
        });
      })
      .then(function () { mark("basemap"); });
    // a country's polygons in pieces of at most PIECE points (a larger polygon on its own),
    // so that no step draws much more than that
    function pieces(topo, geometries) {
      var PIECE = 1000, list = [];
      function size(arcs) {
        return arcs.reduce(function (sum, ring) {
          return sum + ring.reduce(function (n, arc) { return n + topo.arcs[arc < 0 ? ~arc : arc].length; }, 0);
        }, 0);
      }
      geometries.forEach(function (geometry) {
        if (geometry.type !== "MultiPolygon") return list.push(geometry);
        var piece = null;
        geometry.arcs.map(function (polygon) { return {arcs: polygon, points: size(polygon)}; })
          .sort(function (a, b) { return b.points - a.points; })  // a country's main land first
          .forEach(function (polygon) {
            if (!piece || piece.points + polygon.points > PIECE) list.push(piece = {type: "MultiPolygon", arcs: [], points: 0});
            piece.arcs.push(polygon.arcs);
            piece.points += polygon.points;
          });
      });
      return list;
    }

    var osm = L.tileLayer(data.tiles, {
      maxZoom: 18,
      attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
    });
    leaflet.on("baselayerchange", function (event) {
      canvas.classList.toggle("portal-map__canvas--tiles", event.layer === osm);
    });
    var baseLayers = {};
    baseLayers[text.plain] = plain;
    baseLayers[text.osm] = osm;
    var territories = L.featureGroup().addTo(leaflet);
    var overlays = {};
    overlays[text.territories] = territories;
    L.control.layers(baseLayers, overlays).addTo(leaflet);

    // the clusters take the markers STEP.markers at a time, a task each (addMarkers): their own
    // chunkedLoading looks at the clock only every 200 markers, too many for a phone's task
    var cluster = L.markerClusterGroup({showCoverageOnHover: false, maxClusterRadius: 40});
    leaflet.addLayer(cluster);
    var canvasRenderer = L.canvas({padding: 0.5});  // hundreds of territories draw faster on a canvas

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
    // polygons of rings of integer steps, in 1/scale of a degree
    function latLngsOf(polygons, scale) {
      return polygons.map(function (rings) {
        return rings.map(function (steps) {
          var ring = [], lon = 0, lat = 0;
          for (var i = 0; i < steps.length; i += 2) {
            lon += steps[i];
            lat += steps[i + 1];
            ring.push([lat / scale, lon / scale]);
          }
          return ring;
        });
      });
    }

    function entryOf(org) {
      var icon = L.divIcon({
        className: "portal-marker",
        html: '<span style="background:' + data.types[org.type].colour + '"></span>',
        iconSize: [24, 24]
      });
      var marker = L.marker(org.at, {icon: icon, title: org.name, alt: org.name, riseOnHover: true});
      marker.bindPopup(function () { return popupOf(org); });  // built when opened
      return {org: org, marker: marker, shape: null};
    }

    function territoryOf(entry) {  // decoded when first shown
      if (!entry.shape) {
        var colour = data.types[entry.org.type].colour;
        entry.shape = L.polygon(latLngsOf(entry.org.shape, file.scale), {
          renderer: canvasRenderer, color: colour, weight: 1.5, fillColor: colour, fillOpacity: 0.25
        });
        entry.shape.on("click", function () { entry.marker.openPopup(); });
      }
      return entry.shape;
    }

    var entries = [], byId = {}, generation = 0, loading = false;

    // the clusters take the markers in steps; resolves to true once they have them all
    // (false when a newer filter stopped it)
    function addMarkers(list, current) {
      var markers = list.map(function (entry) { return entry.marker; });
      return inBatches("markers", markers, function (batch) { cluster.addLayers(batch); }, current);
    }

    // territories follow the markers, in steps, from west to east: each step's drawing
    // (the canvas redraws the box of what was added) then covers a strip, not the whole map
    function addTerritories(list, current) {
      var shaped = list.filter(function (entry) { return entry.org.shape; });
      shaped.sort(function (a, b) { return a.org.at[1] - b.org.at[1]; });
      return inSteps("territories", shaped, function (entry) {
        territories.addLayer(territoryOf(entry));
      }, current).then(function (done) { if (done) mark("territories"); });
    }

    // what the filter asks for; a newer filter stops the markers and territories of an older one
    function show(type) {
      var mine = ++generation;
      function current() { return mine === generation; }
      cluster.clearLayers();
      territories.clearLayers();
      loading = true;
      var wanted = entries.filter(function (entry) { return matches(type, entry.org.type); });
      return addMarkers(wanted, current).then(function (done) {
        if (!done) return;
        loading = false;
        mark("markers", {count: wanted.length});
        locate();
        return addTerritories(wanted, current);
      });
    }

    function locate() {  // the row's marker, once the clusters have it (else after they load)
      var entry = pending && byId[pending];
      if (!entry || loading || !cluster.hasLayer(entry.marker)) return;
      // during a zoom's animation, zoomToShowLayer would wait for a move that has already ended
      // (markercluster 1.5): once the clusters have settled, then
      if (cluster._inZoomAnimation) return cluster.once("animationend", locate);
      pending = null;
      cluster.zoomToShowLayer(entry.marker, function () { entry.marker.openPopup(); });
    }

    // first the organisations' markers are made, in steps, then shown for the filter of the moment
    inSteps("organisations", file.organisations, function (org) {
      var entry = entryOf(org);
      entries.push(entry);
      byId[org.id] = entry;
    }).then(function () {
      map = {show: show, locate: locate};
      return show(visibleType());
    });

    Array.prototype.forEach.call(root.querySelectorAll("[data-place]"), function (button) {
      button.addEventListener("click", function () {
        leaflet.fitBounds(bounds(data.places[button.getAttribute("data-place")]));
      });
    });
  }
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
