// The virtuele stad: one code base for the live service and the static site (bron.js tells them apart).
// MapLibre GL is served locally; style, labels and details come from the data-source layer.
//
// Extension point for other modules (agenda.js, monitor.js, ...): `window.buurtkaart` exists as soon as this
// module runs; `await window.buurtkaart.klaar` resolves when the map and its data are there. See DEVELOPING.md.
"use strict";

import { createSource } from "./bron.js";
import { makeSymbols, symbolLayers } from "./symbolen.js";
import { buurtPopup, detailsHtml, esc, itemKey, itemSummary } from "./details.js";
import { FILTER_NAMES, itemLink, readHash, writeHash } from "./permalink.js";
import { setupBasemap } from "./basiskaart.js";

// the style layers of the deals and the initiatives: every layer drawn from the tile layer whose role (in the
// style's metadata, from its publiek view) is buurtdeal or initiatief; filled in once the style is there
let DEAL_LAYERS = [];
let INITIATIVE_LAYERS = [];
const GEOMETRY_FILTERS = {};
const UI = {
  "Map.Title": "Kaart: pijltjestoetsen verschuiven, plus en min zoomen",
  "NavigationControl.ZoomIn": "Inzoomen", "NavigationControl.ZoomOut": "Uitzoomen",
  "NavigationControl.ResetBearing": "Noorden boven", "AttributionControl.ToggleAttribution": "Bronvermelding tonen",
  "AttributionControl.MapFeedback": "Kaartfout melden", "ScaleControl.Meters": "m", "ScaleControl.Kilometers": "km",
  "Marker.Title": "Kaartmarkering", "Popup.Close": "Sluiten",
};

const listeners = {};

// The Content-Security-Policy admits no style attributes (security.py): a colour that comes from data is written
// as data-kleur and set through the DOM here, for this module and the extensions (agenda.js, monitor.js) alike.
function applyColour(el) {
  if (el.dataset && el.dataset.kleur) el.style.background = el.dataset.kleur;
  for (const child of el.querySelectorAll("[data-kleur]")) child.style.background = child.dataset.kleur;
}
new MutationObserver((records) => {
  for (const r of records) for (const n of r.addedNodes) if (n.nodeType === Node.ELEMENT_NODE) applyColour(n);
}).observe(document.documentElement, { childList: true, subtree: true });
let resolveReady;
const api = {
  klaar: new Promise((resolve) => { resolveReady = resolve; }),
  map: null,
  bron: null,
  data: null,
  symbols: null,
  // the tile layer of each role ({buurtdeal: "buurtdeals", buurt: "buurten", ...}), from the style's metadata
  lagen: {},
  // {jaar, thema, status, wijk}: the current filter values ("" = all)
  filters: () => Object.fromEntries(FILTER_NAMES.map((n) => [n, document.getElementById(`filter-${n}`).value])),
  // events: "filter" (filters), "details" (item or null), "beweeg" (map moved)
  on(name, fn) { (listeners[name] = listeners[name] || []).push(fn); },
  emit(name, value) { for (const fn of listeners[name] || []) fn(value); },
  // a section of the side panel, before the legend; returns its body element
  addPanelSection(id, title, element) {
    const section = document.createElement("section");
    section.id = id;
    section.className = "paneel-sectie";
    section.setAttribute("aria-labelledby", `${id}-kop`);
    section.innerHTML = `<h2 id="${id}-kop">${esc(title)}</h2>`;
    if (element) section.appendChild(element);
    document.getElementById("legenda-sectie").before(section);
    return section;
  },
  // a block in the legend (title + element)
  addLegendBlock(title, element) {
    const block = document.createElement("div");
    block.className = "legenda-blok";
    block.innerHTML = `<h3>${esc(title)}</h3>`;
    if (element) block.appendChild(element);
    document.getElementById("legenda").appendChild(block);
    return block;
  },
  openDetails: (key) => openDetails(key),
  closeDetails: () => closeDetails(),
};
window.buurtkaart = api;

function fill(select, items) {
  for (const item of items) {
    const option = document.createElement("option");
    option.value = item.code;
    option.textContent = item.naam;
    select.appendChild(option);
  }
}

function legend(lists, symbols) {
  const row = (swatch, text) => `<li class="rij">${swatch}<span>${esc(text)}</span></li>`;
  const first = lists.themas[0] ? lists.themas[0].code : "";
  let html = `<h3>Thema: vorm en kleur</h3><ul>`;
  for (const t of lists.themas) html += row(symbols.img(t.code, "", 22), `${t.naam} (${symbols.shapeName(t.code)})`);
  html += `</ul><h3>Status: cijfer = stap in de werkwijze</h3><ul>`;
  for (const s of lists.statussen) html += row(symbols.img(first, s.code, 22), `${s.naam} (${symbols.stepLabel(s.code)})`);
  html += `</ul><h3>Grootte</h3><ul>`;
  html += row(symbols.img(first, "", 22), "Groot symbool: buurtdeal");
  html += row(symbols.img(first, "", 15), "Klein symbool: initiatief");
  html += `</ul><h3>Openbare ruimte</h3><ul>`;
  for (const o of lists.objectsoorten) html += row(`<span class="vlak" data-kleur="${esc(o.kleur)}"></span>`, o.meervoud);
  html += row('<span class="vlak wijkgrens"></span>', "Wijkgrens (doorgetrokken lijn)");
  html += row('<span class="vlak buurtgrens"></span>', "Buurtgrens (stippellijn)");
  html += row('<span class="vlak gemeenteschaal"></span>',
    "Ver uitgezoomd: gemeenten, hoe donkerder hoe meer initiatieven en buurtdeals");
  document.getElementById("legenda").innerHTML = html + "</ul>";
}

function matches(item, f) {
  if (f.thema && item.thema !== f.thema) return false;
  if (f.status && item.status !== f.status) return false;
  if (f.wijk && item.wijkcode !== f.wijk) return false;
  if (f.jaar && item.soort === "buurtdeal" && String(item.jaar) !== f.jaar) return false;
  return true;
}

function applyFilters(map, f) {
  const common = [];
  if (f.thema) common.push(["==", ["get", "thema"], f.thema]);
  if (f.status) common.push(["==", ["get", "status"], f.status]);
  if (f.wijk) common.push(["==", ["get", "wijkcode"], f.wijk]);
  const deals = f.jaar ? [...common, ["==", ["get", "jaar"], Number(f.jaar)]] : common;
  for (const [layers, extra] of [[DEAL_LAYERS, deals], [INITIATIVE_LAYERS, common]]) {
    for (const id of layers) {
      if (!map.getLayer(id)) continue;
      const parts = [GEOMETRY_FILTERS[id], ...extra].filter(Boolean);
      map.setFilter(id, parts.length ? ["all", ...parts] : null);
    }
  }
}

// At most this many items in the list: with all gemeenten together tens of thousands are in view at once, more
// than a page (or a screen reader) can take; the count above the list says how many there are.
const LIST_MAX = 250;

// The list: the text alternative to the map. It shows what the filters let through AND what lies in the map's
// current extent, so panning the map (also with the keyboard) changes it.
function renderList() {
  const { map, data, symbols } = api;
  if (!map || !data) return;
  const f = api.filters();
  const b = map.getBounds();
  const shown = data.items.filter((it) => matches(it, f)
    && it.bbox[2] >= b.getWest() && it.bbox[0] <= b.getEast() && it.bbox[3] >= b.getSouth() && it.bbox[1] <= b.getNorth());
  const total = data.items.filter((it) => matches(it, f)).length;
  document.getElementById("lijst-aantal").textContent =
    `${shown.length} van ${total} ${total === 1 ? "item" : "items"} in beeld`
    + (shown.length > LIST_MAX ? `; de eerste ${LIST_MAX} staan hieronder (zoom in of filter voor de rest)` : "");
  // a re-render (the map moved, an edit arrived) must not take the keyboard focus away from the list
  const active = document.activeElement && document.activeElement.closest && document.activeElement.closest("#lijst .item");
  const focusKey = active ? active.dataset.item : null;
  document.getElementById("lijst").innerHTML = shown.slice(0, LIST_MAX).map((it) => `<li>
      <button type="button" class="item" data-item="${esc(itemKey(it))}">${symbols.img(it.thema, it.status, it.soort === "buurtdeal" ? 22 : 16)}
        <span class="item-tekst"><span class="item-titel">${esc(it.titel)}</span>
        <span class="item-meta">${esc(itemSummary(it, symbols))}</span></span></button></li>`).join("");
  if (focusKey) {
    const again = listButton(focusKey);
    (again || document.getElementById("lijst-sectie")).focus();  // gone from view: stay in the list
  }
}

let selected = null;
let opener = null;  // what opened the details: focus goes back there on close

function listButton(key) {
  return [...document.querySelectorAll("#lijst .item")].find((b) => b.dataset.item === key) || null;
}

function openDetails(key, { zoom = false, focus = true } = {}) {
  const { data, symbols, map } = api;
  const item = data && data.byKey.get(key);
  if (!item) return false;
  selected = key;
  const panel = document.getElementById("details");
  panel.querySelector(".details-inhoud").innerHTML = detailsHtml(item, data, symbols, itemLink, api.bron.loket);
  panel.hidden = false;
  document.body.classList.add("met-details");
  openDrawer(true);
  // on a phone the map shrinks above the opened drawer: always bring the item into that smaller view
  const drawer = window.matchMedia("(max-width: 640px)").matches;
  if (drawer) map.resize();
  if (zoom) {
    const [w, s, e, n] = item.bbox;
    map.fitBounds([[w, s], [e, n]], { maxZoom: 16, padding: drawer ? 20 : 60, animate: false });
  } else if (drawer || !map.getBounds().contains([item.lon, item.lat])) {
    map.easeTo({ center: [item.lon, item.lat], duration: 0 });
  }
  if (focus) document.getElementById("details-titel").focus();
  updateHash();
  api.emit("details", item);
  return true;
}

function closeDetails() {
  selected = null;
  document.getElementById("details").hidden = true;
  document.body.classList.remove("met-details");
  updateHash();
  api.emit("details", null);
  // the list may have been drawn anew meanwhile: then the same item's new button
  const target = opener && !document.body.contains(opener) && opener.dataset ? listButton(opener.dataset.item) : opener;
  if (target && document.body.contains(target)) target.focus();
  opener = null;
}

function openDrawer(open) {
  const button = document.getElementById("paneel-knop");
  document.body.classList.toggle("paneel-open", open);
  button.setAttribute("aria-expanded", String(open));
  button.textContent = open ? "Paneel sluiten" : "Filters, lijst en legenda";
  if (api.map) api.map.resize();  // on a phone the map's height changes with the drawer
}

let basemap = null;
function updateHash() {
  if (!api.map) return;
  const choice = basemap ? basemap.current() : null;
  const defaultChoice = api.basemapDefault;
  writeHash(api.map, api.filters(), selected, choice && choice !== defaultChoice ? choice : null);
}

// Wijk names from WIJK_ZOOM, buurt names (instead) from BUURT_ZOOM; none below, where a whole country of names
// would only cover the map. Only the names in view are on the page: with all gemeenten together there are some
// 17,000, and MapLibre moves every marker on every frame.
const WIJK_ZOOM = 10.5;
const BUURT_ZOOM = 13.5;
// room kept free around a name, in pixels, so that two names never touch
const LABEL_MARGIN = 2;

// No two names overlap (collision handling, as MapLibre does for its own symbols; it cannot draw these names
// itself without a glyph server). Greedy in rank order: wijk names before buurt names, the larger area first;
// a name whose box would meet one already placed is hidden until the view gives it room.
function placeLabels(map, shown, features, sizes) {
  const rank = (i) => [features[i].properties.soort === "wijk" ? 0 : 1, -(features[i].properties.oppervlakte || 0), i];
  const order = [...shown.keys()].map((i) => [rank(i), i])
    .sort((a, b) => a[0][0] - b[0][0] || a[0][1] - b[0][1] || a[0][2] - b[0][2]).map((x) => x[1]);
  const placed = [];
  for (const i of order) {
    const el = shown.get(i).getElement();
    let size = sizes.get(i);
    if (!size) {
      size = [el.offsetWidth, el.offsetHeight];  // 0 while its kind is hidden by the stylesheet: measure again
      if (size[0]) sizes.set(i, size);
    }
    const p = map.project(features[i].geometry.coordinates).round();  // where the Marker puts it: whole pixels
    const box = [p.x - size[0] / 2 - LABEL_MARGIN, p.y - size[1] / 2 - LABEL_MARGIN,
      p.x + size[0] / 2 + LABEL_MARGIN, p.y + size[1] / 2 + LABEL_MARGIN];
    const free = !placed.some((q) => q[0] < box[2] && box[0] < q[2] && q[1] < box[3] && box[1] < q[3]);
    el.classList.toggle("label-verborgen", !free);
    if (free) placed.push(box);
  }
  // for the browser tests: how often the names were placed (they wait for the next placement after a move)
  window.buurtkaartNamen = (window.buurtkaartNamen || 0) + 1;
}

async function labels(map, pending) {
  const data = await pending;
  const markers = new Map();  // feature index -> its marker, while it is shown
  const marker = (f) => {
    const el = document.createElement("div");
    el.className = `label label-${f.properties.soort}`;
    el.textContent = f.properties.naam;
    el.setAttribute("aria-hidden", "true");  // the names are in the list and the details as text
    const m = new maplibregl.Marker({ element: el }).setLngLat(f.geometry.coordinates);
    el.removeAttribute("tabindex");
    el.removeAttribute("role");
    el.removeAttribute("aria-label");
    return m;
  };
  const sizes = new Map();  // feature index -> its label's [width, height] in pixels, measured once
  let queued = false;
  const place = () => {
    if (queued) return;
    queued = true;
    // while zooming the names move apart or together: place them again once per frame
    requestAnimationFrame(() => {
      queued = false;
      placeLabels(map, markers, data.features, sizes);
    });
  };
  const update = () => {
    const zoom = map.getZoom();
    const kind = zoom >= BUURT_ZOOM ? "buurt" : zoom >= WIJK_ZOOM ? "wijk" : null;
    map.getContainer().classList.toggle("buurtlabels", kind === "buurt");
    const view = map.getBounds();
    data.features.forEach((f, i) => {
      const want = f.properties.soort === kind && view.contains(f.geometry.coordinates);
      const shown = markers.get(i);
      if (want && !shown) markers.set(i, marker(f).addTo(map));
      else if (!want && shown) {
        shown.remove();
        markers.delete(i);
      }
    });
    placeLabels(map, markers, data.features, sizes);
  };
  map.on("moveend", update);
  map.on("zoom", place);
  map.on("rotate", place);
  update();
}

function indexData(data) {
  data.byKey = new Map(data.items.map((it) => [itemKey(it), it]));
  return data;
}

async function main() {
  // the map's worker starts while the style and the details are on their way (MapLibre parses its code twice)
  maplibregl.prewarm();
  const bron = createSource();
  api.bron = bron;
  const submit = bron.loket("indienen");
  if (submit) {
    document.getElementById("indienen-link").href = submit;
    document.getElementById("indienen").hidden = false;
  }
  const names = bron.labels();
  // the map waits for its style only; the details (list, panel) arrive meanwhile
  const details = bron.details();
  const style = await bron.style();
  const meta = style.metadata;
  const place = meta["buurtkaart:gemeentenaam"];  // one gemeente's map (/g/GM0402/ or its static site)
  if (place) {
    document.title = `Virtuele stad ${place} — Buurtkaart`;
    document.querySelector("#paneel h1").textContent = `Virtuele stad ${place}`;
  }
  const lists = meta["buurtkaart:waardelijsten"];
  const symbols = makeSymbols(lists, lists.stappen);
  api.symbols = symbols;
  style.layers = symbolLayers(style);
  for (const layer of style.layers) if (layer.filter) GEOMETRY_FILTERS[layer.id] = layer.filter;
  for (const l of meta["buurtkaart:lagen"]) if (l.rol) api.lagen[l.rol] = l.id;
  const drawnFrom = (sourceLayer) => style.layers.filter((l) => l["source-layer"] === sourceLayer).map((l) => l.id);
  DEAL_LAYERS = drawnFrom(api.lagen.buurtdeal);
  INITIATIVE_LAYERS = drawnFrom(api.lagen.initiatief);
  const BUURT_AREAS = style.layers.filter((l) => l["source-layer"] === api.lagen.buurt && l.type === "fill")
    .map((l) => l.id);
  fill(document.getElementById("filter-jaar"), lists.jaren.map((j) => ({ code: String(j), naam: String(j) })));
  fill(document.getElementById("filter-thema"), lists.themas);
  fill(document.getElementById("filter-status"), lists.statussen);
  fill(document.getElementById("filter-wijk"), lists.wijken);
  legend(lists, symbols);

  const state = readHash();
  for (const [name, value] of Object.entries(state.filters)) document.getElementById(`filter-${name}`).value = value;
  const extent = meta["buurtkaart:extent"];
  const map = new maplibregl.Map({
    container: "kaart", style, locale: UI,
    bounds: !state.view && extent ? [[extent[0], extent[1]], [extent[2], extent[3]]] : undefined,
    center: state.view ? state.view.center : extent ? undefined : [5.17, 52.23],
    zoom: state.view ? state.view.zoom : extent ? undefined : 12,
    attributionControl: { compact: true },
  });
  api.map = map;
  window.buurtkaartMap = map;
  symbols.install(map);
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), "top-right");
  map.addControl(new maplibregl.ScaleControl({ unit: "metric" }), "bottom-right");

  document.getElementById("filters").addEventListener("change", () => {
    const f = api.filters();
    applyFilters(map, f);
    renderList();
    updateHash();
    api.emit("filter", f);
  });
  document.getElementById("filters-wissen").addEventListener("click", () => {
    for (const name of FILTER_NAMES) document.getElementById(`filter-${name}`).value = "";
    document.getElementById("filters").dispatchEvent(new Event("change"));
  });
  document.getElementById("paneel-knop").addEventListener("click", () => {
    openDrawer(!document.body.classList.contains("paneel-open"));
  });
  document.getElementById("details-sluiten").addEventListener("click", closeDetails);
  document.addEventListener("click", (e) => {
    const target = e.target.closest("[data-item]");
    if (!target) return;
    e.preventDefault();
    if (target.classList.contains("item")) opener = target;
    openDetails(target.dataset.item);
  });
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && !document.getElementById("details").hidden
        && document.getElementById("details").contains(document.activeElement)) closeDetails();
  });
  window.addEventListener("hashchange", () => {
    const s = readHash();
    if (s.item && s.item !== selected) openDetails(s.item, { zoom: !s.view });
  });

  map.on("click", (e) => {
    const layers = [...DEAL_LAYERS, ...INITIATIVE_LAYERS, ...BUURT_AREAS].filter((id) => map.getLayer(id));
    const hits = map.queryRenderedFeatures(e.point, { layers });
    if (!hits.length) return;
    const f = hits.find((h) => h.sourceLayer !== api.lagen.buurt) || hits[0];
    if (f.sourceLayer === api.lagen.buurtdeal || f.sourceLayer === api.lagen.initiatief) {
      opener = map.getCanvas();
      openDetails(`${f.sourceLayer === api.lagen.buurtdeal ? "buurtdeal" : "initiatief"}:${f.id}`, { focus: false });
    } else {
      new maplibregl.Popup({ maxWidth: "320px" }).setLngLat(e.lngLat).setHTML(buurtPopup(f.properties)).addTo(map);
    }
  });
  for (const id of [...DEAL_LAYERS, ...INITIATIVE_LAYERS]) {
    map.on("mouseenter", id, () => { map.getCanvas().style.cursor = "pointer"; });
    map.on("mouseleave", id, () => { map.getCanvas().style.cursor = ""; });
  }
  // what benchmarks/viewer_bench.py measures: the first complete rendering ('load') and all settled ('idle')
  map.once("load", () => performance.mark("buurtkaart:eerste-beeld"));
  map.once("idle", () => performance.mark("buurtkaart:rust"));
  map.on("moveend", () => { renderList(); updateHash(); api.emit("beweeg", map.getBounds()); });

  await new Promise((resolve) => map.on("load", resolve));
  api.data = indexData(await details);
  applyFilters(map, api.filters());  // from a permalink; the layers exist only now
  api.basemapDefault = (meta["buurtkaart:basiskaart"] || {}).keuze || "geen";
  basemap = setupBasemap(map, meta["buurtkaart:basiskaart"], document.getElementById("basiskaart"),
    state.achtergrond, () => updateHash());
  renderList();
  if (state.item) openDetails(state.item, { zoom: !state.view, focus: true });
  updateHash();
  labels(map, names).catch((err) => console.warn("namen van wijken en buurten ontbreken", err));
  bron.follow(map, async () => {
    api.data = indexData(await bron.details());
    renderList();
  });
  window.buurtkaartReady = true;
  resolveReady(api);
  document.dispatchEvent(new CustomEvent("buurtkaart:klaar", { detail: api }));
}

main().catch((err) => {
  document.getElementById("meldingen").insertAdjacentHTML("beforeend", `<p class="fout">Kaart laden mislukt: ${esc(err)}</p>`);
  console.error(err);
});
