// The map of a werkbak item page (spatial_service/web/werkbak/item.py): the public vector tiles (the virtuele stad's
// style) and, on top, the item's own geometry from its JSON route under /werkbak/, read as the logged-in person.
// No inline script (CSP): the page gives the URLs in data attributes of #kaart.
(function () {
  "use strict";
  const el = document.getElementById("kaart");
  if (!el || typeof maplibregl === "undefined") {
    return;
  }
  const map = new maplibregl.Map({ container: el, style: el.dataset.stijl, center: [5.17, 52.22], zoom: 12,
                                   attributionControl: { compact: true } });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }));
  window.werkbakKaart = map;
  const geometrie = fetch(el.dataset.geometrie, { credentials: "same-origin" })
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error("geometrie " + r.status))));

  function bounds(geometry) {
    const b = new maplibregl.LngLatBounds();
    const walk = (c) => (typeof c[0] === "number" ? b.extend(c) : c.forEach(walk));
    walk(geometry.coordinates);
    return b;
  }

  map.on("load", () => {
    geometrie.then((feature) => {
      map.addSource("werkbak-item", { type: "geojson", data: feature });
      if (feature.geometry.type === "Point") {
        map.addLayer({ id: "werkbak-item-punt", type: "circle", source: "werkbak-item",
                       paint: { "circle-radius": 9, "circle-color": "#0b4f9c", "circle-stroke-width": 3,
                                "circle-stroke-color": "#ffffff" } });
        map.jumpTo({ center: feature.geometry.coordinates, zoom: 16 });
      } else {
        map.addLayer({ id: "werkbak-item-vlak", type: "fill", source: "werkbak-item",
                       paint: { "fill-color": "#0b4f9c", "fill-opacity": 0.25 } });
        map.addLayer({ id: "werkbak-item-rand", type: "line", source: "werkbak-item",
                       paint: { "line-color": "#0b4f9c", "line-width": 3 } });
        map.fitBounds(bounds(feature.geometry), { padding: 40, maxZoom: 17, duration: 0 });
      }
      window.werkbakKaartKlaar = true;
    }).catch(() => {
      el.dataset.fout = "geometrie";
      window.werkbakKaartKlaar = true;
    });
  });
})();
