// The virtuele stad: MapLibre GL (served locally), style and legend from /style.json, labels from /labels.json.
"use strict";

const DEAL_LAYERS = ["buurtdeals-punt", "buurtdeals-vlak", "buurtdeals-rand"];
const INITIATIVE_LAYERS = ["initiatieven-punt", "initiatieven-vlak"];
const GEOMETRY_FILTERS = {};
const euro = new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR", maximumFractionDigits: 0 });

function esc(value) {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

function fill(select, items) {
  for (const item of items) {
    const option = document.createElement("option");
    option.value = item.code;
    option.textContent = item.naam;
    select.appendChild(option);
  }
}

function legend(lists) {
  const row = (swatch, text) => `<div class="rij">${swatch}<span>${esc(text)}</span></div>`;
  let html = "<h2>Symbolen</h2>";
  html += row('<span class="rond" style="background:#999;width:14px;height:14px"></span>', "Buurtdeal");
  html += row('<span class="rond" style="background:#999;width:6px;height:6px"></span>', "Initiatief");
  html += "<h2>Thema (vulling)</h2>";
  for (const t of lists.themas) html += row(`<span class="vlak" style="background:${esc(t.kleur)}"></span>`, t.naam);
  html += "<h2>Status (rand)</h2>";
  for (const s of lists.statussen) html += row(`<span class="ring" style="border-color:${esc(s.kleur)}"></span>`, s.naam);
  html += "<h2>Openbare ruimte</h2>";
  for (const o of lists.objectsoorten) html += row(`<span class="vlak" style="background:${esc(o.kleur)}"></span>`, o.meervoud);
  html += row('<span class="vlak" style="border:2px solid #4d4d4d;width:10px;height:10px"></span>', "Wijkgrens");
  html += row('<span class="vlak" style="border:1px dashed #8c8c8c;width:12px;height:12px"></span>', "Buurtgrens");
  document.getElementById("legenda").innerHTML = html;
}

function list(text) {
  const items = String(text || "").split("; ").filter(Boolean);
  return items.length ? `<ul>${items.map((i) => `<li>${esc(i)}</li>`).join("")}</ul>` : "<p>(nog geen afspraken)</p>";
}

function dealPopup(p) {
  return `<div class="popup popup-deal"><h3>${esc(p.titel)}</h3><dl>
    <dt>Jaar</dt><dd>${esc(p.jaar)}</dd><dt>Thema</dt><dd>${esc(p.thema_naam)}</dd>
    <dt>Status</dt><dd>${esc(p.status_naam)}</dd><dt>Budget gemeente</dt><dd>${euro.format(p.budget_gemeente || 0)}</dd></dl>
    <div class="afspraken"><h4>Bewoners doen</h4><div class="afspraken-bewoners">${list(p.afspraken_bewoners)}</div>
    <h4>Gemeente doet</h4><div class="afspraken-gemeente">${list(p.afspraken_gemeente)}</div>
    ${p.afspraken_partner ? `<h4>Partner doet</h4>${list(p.afspraken_partner)}` : ""}</div></div>`;
}

function initiativePopup(p) {
  return `<div class="popup popup-initiatief"><h3>${esc(p.titel)}</h3><p>${esc(p.omschrijving)}</p><dl>
    <dt>Thema</dt><dd>${esc(p.thema_naam)}</dd><dt>Status</dt><dd>${esc(p.status_naam)}</dd>
    <dt>Ingediend</dt><dd>${esc(p.ingediend_op)}</dd>
    ${p.steun_pct != null ? `<dt>Steun</dt><dd>${esc(p.steun_pct)}% (${esc(p.respondenten)} respondenten)</dd>` : ""}
    </dl></div>`;
}

function buurtPopup(p) {
  const fmt = (v) => (v == null ? "onbekend" : esc(v));
  return `<div class="popup popup-buurt"><h3>${esc(p.naam)}</h3><dl>
    <dt>Wijk</dt><dd>${esc(p.wijknaam)}</dd><dt>Inwoners</dt><dd>${fmt(p.inwoners)}</dd>
    <dt>Rapportcijfer</dt><dd>${fmt(p.rapportcijfer_woonomgeving)}</dd><dt>Sociale cohesie</dt><dd>${fmt(p.sociale_cohesie)}</dd>
    <dt>Betrokkenheid</dt><dd>${p.betrokkenheid_buurt == null ? "onbekend" : esc(p.betrokkenheid_buurt) + "%"}</dd>
    <dt>Initiatieven</dt><dd>${esc(p.aantal_initiatieven)}</dd><dt>Buurtdeals</dt><dd>${esc(p.aantal_buurtdeals)}</dd>
    <dt>Budget deals</dt><dd>${euro.format(p.budget_buurtdeals || 0)}</dd>
    <dt>Cijfers uit</dt><dd>${fmt(p.cijfers_jaar)}</dd></dl></div>`;
}

function applyFilters(map) {
  const form = document.getElementById("filters");
  const value = (name) => form.elements[name].value;
  const common = [];
  if (value("thema")) common.push(["==", ["get", "thema"], value("thema")]);
  if (value("status")) common.push(["==", ["get", "status"], value("status")]);
  if (value("wijk")) common.push(["==", ["get", "wijkcode"], value("wijk")]);
  const deals = value("jaar") ? [...common, ["==", ["get", "jaar"], Number(value("jaar"))]] : common;
  for (const [layers, extra] of [[DEAL_LAYERS, deals], [INITIATIVE_LAYERS, common]]) {
    for (const id of layers) {
      if (!map.getLayer(id)) continue;
      const parts = [GEOMETRY_FILTERS[id], ...extra].filter(Boolean);
      map.setFilter(id, parts.length ? ["all", ...parts] : null);
    }
  }
}

async function labels(map) {
  const response = await fetch("/labels.json");
  const data = await response.json();
  for (const f of data.features) {
    const el = document.createElement("div");
    el.className = `label label-${f.properties.soort}`;
    el.textContent = f.properties.naam;
    new maplibregl.Marker({ element: el }).setLngLat(f.geometry.coordinates).addTo(map);
  }
  const toggle = () => map.getContainer().classList.toggle("buurtlabels", map.getZoom() >= 13.5);
  map.on("zoomend", toggle);
  toggle();
}

// Edits reach the map by themselves: the service drops the changed tiles (LISTEN/NOTIFY); we notice that its
// invalidation counter moved and reload the tiles (unchanged ones come back as 304 Not Modified).
async function editVersion() {
  const v = await (await fetch("/versie.json", { cache: "no-store" })).json();
  return `${v.invalidaties}/${v.herverbonden}`;
}

// `seen` is read before the first tile is asked for, so an edit between that and the first poll still counts.
function followEdits(map, seen) {
  setInterval(async () => {
    try {
      const n = await editVersion();
      if (n !== seen) {
        const source = map.getSource("buurtkaart");
        if (source) source.setTiles(source.tiles);
      }
      seen = n;
    } catch (e) { /* service briefly unreachable: try again next round */ }
  }, 1000);
}

async function main() {
  const version = await editVersion();
  const style = await (await fetch("/style.json")).json();
  const meta = style.metadata;
  const lists = meta["buurtkaart:waardelijsten"];
  for (const layer of style.layers) if (layer.filter) GEOMETRY_FILTERS[layer.id] = layer.filter;
  fill(document.getElementById("filter-jaar"), lists.jaren.map((j) => ({ code: j, naam: j })));
  fill(document.getElementById("filter-thema"), lists.themas);
  fill(document.getElementById("filter-status"), lists.statussen);
  fill(document.getElementById("filter-wijk"), lists.wijken);
  legend(lists);
  const extent = meta["buurtkaart:extent"];
  const map = new maplibregl.Map({
    container: "kaart", style,
    bounds: extent ? [[extent[0], extent[1]], [extent[2], extent[3]]] : undefined,
    center: extent ? undefined : [5.17, 52.23], zoom: extent ? undefined : 12,
    attributionControl: { compact: true },
  });
  window.buurtkaartMap = map;
  map.addControl(new maplibregl.NavigationControl(), "top-right");
  map.addControl(new maplibregl.ScaleControl({ unit: "metric" }), "bottom-right");
  document.getElementById("filters").addEventListener("change", () => applyFilters(map));

  map.on("click", (e) => {
    const hits = map.queryRenderedFeatures(e.point, { layers: [...DEAL_LAYERS, ...INITIATIVE_LAYERS, "buurten-vlak"].filter((id) => map.getLayer(id)) });
    if (!hits.length) return;
    const f = hits[0];
    const html = f.sourceLayer === "buurtdeals" ? dealPopup(f.properties)
      : f.sourceLayer === "initiatieven" ? initiativePopup(f.properties) : buurtPopup(f.properties);
    new maplibregl.Popup({ maxWidth: "320px" }).setLngLat(e.lngLat).setHTML(html).addTo(map);
  });
  for (const id of [...DEAL_LAYERS, ...INITIATIVE_LAYERS]) {
    map.on("mouseenter", id, () => { map.getCanvas().style.cursor = "pointer"; });
    map.on("mouseleave", id, () => { map.getCanvas().style.cursor = ""; });
  }
  map.on("load", () => { labels(map); followEdits(map, version); window.buurtkaartReady = true; });
}

main().catch((err) => {
  document.getElementById("paneel").insertAdjacentHTML("beforeend", `<p class="fout">Kaart laden mislukt: ${esc(err)}</p>`);
});
