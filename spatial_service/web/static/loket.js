// The submit form's "Waar" (/indienen, web/loket/indienen.py): a map of the buurten on which a resident draws a
// point or an area with the mouse, or without one: a buurt from the list puts the location marker in it, the
// arrow keys move the marker (Shift: further), Enter or "Punt op de markering zetten" puts a point (or the next
// vertex of an area) where it stands. What is drawn goes into the hidden field `geojson` as GeoJSON (EPSG:4326);
// after a refusal the page comes back with that field filled and the drawing is shown again. Without this script
// the form still works with the buurt alone.
import { createDrawing } from "./tekenen.js";

const STEP_PX = 10;
const BIG_STEP_PX = 50;
const UI = {
  "Map.Title": "Kaart om de plek aan te geven: klik om te tekenen, pijltjestoetsen verschuiven de kaart",
  "NavigationControl.ZoomIn": "Inzoomen", "NavigationControl.ZoomOut": "Uitzoomen",
  "AttributionControl.ToggleAttribution": "Bronvermelding tonen", "Marker.Title": "Locatiemarkering",
};
const $ = (id) => document.getElementById(id);

// the viewer's style with only what helps to find a place: the base map and the buurt and wijk areas and lines
function formStyle(style) {
  const roles = Object.fromEntries((style.metadata["buurtkaart:lagen"] || []).filter((l) => l.rol).map((l) => [l.rol, l.id]));
  const keep = new Set([roles.buurt, roles.wijk]);
  style.layers = style.layers.filter((l) => l.type === "raster" || l.type === "background"
    || (keep.has(l["source-layer"]) && (l.type === "fill" || l.type === "line")));
  return { style, buurtLayer: roles.buurt };
}

function say(text) {
  $("teken-status").textContent = text;
}

async function main() {
  const field = $("geojson");
  const select = $("buurtcode");
  $("tekenen").hidden = false;
  const response = await fetch(new URL("style.json", document.baseURI));
  if (!response.ok) throw new Error(`style.json: HTTP ${response.status}`);
  const { style, buurtLayer } = formStyle(await response.json());
  const extent = style.metadata["buurtkaart:extent"];
  const map = new maplibregl.Map({
    container: "tekenkaart", style, locale: UI, attributionControl: { compact: true },
    bounds: extent ? [[extent[0], extent[1]], [extent[2], extent[3]]] : undefined,
    center: extent ? undefined : [5.17, 52.23], zoom: extent ? undefined : 12,
  });
  window.loketMap = map;
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), "top-right");
  await new Promise((resolve) => map.once("load", resolve));
  const drawing = createDrawing(map);
  window.loketTekening = drawing;
  const buurtAreas = map.getStyle().layers.filter((l) => l["source-layer"] === buurtLayer && l.type === "fill").map((l) => l.id);

  const handle = document.createElement("button");
  handle.type = "button";
  handle.className = "markering";
  handle.id = "markering";
  handle.setAttribute("aria-label", "Locatiemarkering: verschuif met de pijltjestoetsen, Enter zet hier een punt");
  handle.setAttribute("aria-describedby", "teken-status");
  const marker = new maplibregl.Marker({ element: handle, draggable: true }).setLngLat(map.getCenter()).addTo(map);

  const buurtAt = (lngLat) => {
    const hit = map.queryRenderedFeatures(map.project(lngLat), { layers: buurtAreas })[0];
    return hit ? hit.properties : null;
  };
  const buurtZoom = Math.min(...map.getStyle().layers.filter((l) => buurtAreas.includes(l.id)).map((l) => l.minzoom || 0));
  const where = (lngLat) => {
    const b = buurtAt(lngLat);
    if (b) return `in buurt ${b.naam}${b.wijknaam ? ` (wijk ${b.wijknaam})` : ""}`;
    return map.getZoom() < buurtZoom ? "(zoom in om de buurt te zien)" : "buiten de buurten op de kaart";
  };
  const sync = () => {
    const geometry = drawing.geometry();
    field.value = geometry ? JSON.stringify(geometry) : "";
  };
  const describe = () => {
    if (drawing.mode === "punt") {
      const g = drawing.geometry();
      return g ? `Punt gezet ${where({ lng: g.coordinates[0], lat: g.coordinates[1] })}.` : "Nog geen punt gezet.";
    }
    if (drawing.finished) return `Gebied af met ${drawing.count} hoekpunten.`;
    return `${drawing.count} hoekpunt${drawing.count === 1 ? "" : "en"} gezet${drawing.count < 3 ? "; een gebied heeft er minstens 3 nodig" : "; kies Gebied afmaken als u klaar bent"}.`;
  };
  // the buurt of a point follows it in the list, so the two never disagree
  const followBuurt = (lngLat) => {
    const b = buurtAt(lngLat);
    if (b && b.code && [...select.options].some((o) => o.value === b.code)) select.value = b.code;
  };
  const put = (lngLat) => {
    drawing.add(lngLat);
    if (drawing.mode === "punt") followBuurt(lngLat);
    sync();
    say(describe());
  };

  // the form was shown again after a refusal: draw what was sent, and put the marker on it
  if (field.value) {
    try {
      const geometry = JSON.parse(field.value);
      drawing.load(geometry);
      for (const input of document.querySelectorAll('input[name="vorm"]')) input.checked = input.value === drawing.mode;
      const points = geometry.type === "Point" ? [geometry.coordinates]
        : geometry.type === "Polygon" ? geometry.coordinates[0] : geometry.coordinates[0][0];
      marker.setLngLat(points[0]);
      const lons = points.map((p) => p[0]);
      const lats = points.map((p) => p[1]);
      map.fitBounds([[Math.min(...lons), Math.min(...lats)], [Math.max(...lons), Math.max(...lats)]],
                    { maxZoom: 16, padding: 40, animate: false });
      sync();
      say(describe());
    } catch (e) {
      field.value = "";  // not ours: the database said what was wrong with it
    }
  } else if (select.value) {
    const chosen = select.selectedOptions[0];
    marker.setLngLat([Number(chosen.dataset.lon), Number(chosen.dataset.lat)]);
  }

  map.on("click", (e) => {
    marker.setLngLat(e.lngLat);
    put(e.lngLat);
  });
  marker.on("dragend", () => {
    if (drawing.mode === "punt") put(marker.getLngLat());
    else say(`Markering ${where(marker.getLngLat())}.`);
  });
  handle.addEventListener("keydown", (e) => {
    const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      put(marker.getLngLat());
      return;
    }
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    e.stopPropagation();  // the map's own keys would pan the map instead
    const step = e.shiftKey ? BIG_STEP_PX : STEP_PX;
    const at = map.project(marker.getLngLat());
    const next = map.unproject([at.x + move[0] * step, at.y + move[1] * step]);
    marker.setLngLat(next);
    const { width, height } = map.getContainer().getBoundingClientRect();
    const px = map.project(next);
    if (px.x < 20 || px.y < 20 || px.x > width - 20 || px.y > height - 20) map.panTo(next);
    if (drawing.mode === "punt") put(next);
    else say(`Markering ${where(next)}.`);
  });
  select.addEventListener("change", () => {
    const chosen = select.selectedOptions[0];
    if (!chosen || !chosen.value) return;
    const at = [Number(chosen.dataset.lon), Number(chosen.dataset.lat)];
    marker.setLngLat(at);
    map.jumpTo({ center: at, zoom: Math.max(map.getZoom(), 15) });
    if (drawing.mode === "punt" && !drawing.geometry()) {
      map.once("idle", () => say(`Markering ${where(at)}. Verschuif haar met de pijltjestoetsen voor een preciezere plek.`));
    }
  });
  for (const input of document.querySelectorAll('input[name="vorm"]')) {
    input.addEventListener("change", () => {
      drawing.setMode(input.value);
      sync();
      say(input.value === "punt" ? "Klik op de kaart of zet de markering om het punt te zetten."
        : "Klik op de kaart of zet de markering voor elk hoekpunt; kies daarna Gebied afmaken.");
    });
  }
  $("punt-hier").addEventListener("click", () => put(marker.getLngLat()));
  $("punt-terug").addEventListener("click", () => {
    drawing.undo();
    sync();
    say(describe());
  });
  $("gebied-af").addEventListener("click", () => {
    if (!drawing.finish()) say(drawing.mode === "gebied" ? "Een gebied heeft minstens 3 hoekpunten nodig."
      : "Kies eerst 'Een gebied' om een gebied te tekenen.");
    else say(describe());
    sync();
  });
  $("tekening-wissen").addEventListener("click", () => {
    drawing.clear();
    sync();
    say("Tekening gewist.");
  });
  window.loketKlaar = true;
}

// after a refusal the error summary gets the focus, so a screen reader reads what is wrong first
const errors = $("fouten");
if (errors) errors.focus();
if ($("tekenen")) {
  main().catch((e) => {
    // the form works without the map: the buurt from the list is enough
    $("tekenen").hidden = true;
    window.loketFout = String(e);
    window.loketKlaar = true;
  });
}
