// The base map (PDOK BRT-Achtergrondkaart by default, see spatial_service/web/basemap.py). One tile is probed
// first; only when it answers is the raster layer added, so without a network the plain map stays, at once and
// without failing tile requests. The choice is a radio group in the panel.
"use strict";

const PROBE_MS = 2500;

function probe(template, center) {
  const z = 12;
  const n = 2 ** z;
  const x = Math.floor(((center.lng + 180) / 360) * n);
  const lat = (center.lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.asinh(Math.tan(lat)) / Math.PI) / 2) * n);
  const url = template.replace("{z}", z).replace("{x}", x).replace("{y}", y);
  return new Promise((resolve) => {
    const img = new Image();
    const timer = setTimeout(() => { img.src = ""; resolve(false); }, PROBE_MS);
    img.crossOrigin = "anonymous";
    img.onload = () => { clearTimeout(timer); resolve(true); };
    img.onerror = () => { clearTimeout(timer); resolve(false); };
    img.src = url;
  });
}

export function setupBasemap(map, config, container, initial, onChange) {
  const options = (config && config.opties) || [];
  let current = null;
  const status = document.createElement("p");
  status.id = "basiskaart-status";
  status.setAttribute("role", "status");
  const fieldset = document.createElement("fieldset");
  fieldset.innerHTML = "<legend>Achtergrondkaart</legend>" + options.map((o) => `<label class="keuze">
      <input type="radio" name="achtergrond" value="${o.code}"> ${o.naam}</label>`).join("");
  container.append(fieldset, status);

  function remove() {
    if (map.getLayer("basiskaart")) map.removeLayer("basiskaart");
    if (map.getSource("basiskaart")) map.removeSource("basiskaart");
  }

  async function choose(code) {
    const option = options.find((o) => o.code === code) || options.find((o) => o.code === "geen");
    if (!option) return;
    current = option.code;
    fieldset.querySelector(`input[value="${option.code}"]`).checked = true;
    remove();
    map.getContainer().dataset.basiskaart = "geen";
    if (!option.url) { status.textContent = "Kaart zonder achtergrond."; onChange(current); return; }
    status.textContent = `${option.naam} laden…`;
    const ok = await probe(option.url, map.getCenter());
    if (current !== option.code) return;  // chosen again meanwhile
    if (!ok) {
      status.textContent = `${option.naam} is niet bereikbaar: de kaart toont de buurten zonder achtergrond.`;
      map.getContainer().dataset.basiskaart = "onbereikbaar";
      onChange(current);
      return;
    }
    map.addSource("basiskaart", { type: "raster", tiles: [option.url], tileSize: 256, attribution: option.attributie });
    const first = map.getStyle().layers.find((l) => l.type !== "background");
    map.addLayer({ id: "basiskaart", type: "raster", source: "basiskaart", paint: { "raster-opacity": 0.85 } },
      first ? first.id : undefined);
    map.getContainer().dataset.basiskaart = option.code;
    status.textContent = `Achtergrond: ${option.naam}.`;
    onChange(current);
  }

  fieldset.addEventListener("change", (e) => choose(e.target.value));
  choose(initial || (config && config.keuze) || "geen");
  return { current: () => current, choose };
}
