// Buurtmonitor in the virtuele stad: a choropleth of one indicator and year over buurten or wijken.
// The figures come as JSON (cijfers.json: classes computed in SQL) and are joined to the boundary tiles with
// feature-state, so the tiles carry no indicator-years. Own source with promoteId (the code), own layers,
// own panel section; viewer.js only has to load this file.
"use strict";

(function () {
  const state = { data: null, niveau: "buurt", codes: [] };
  let bron = null;  // the viewer's data-source layer (bron.js): the service live, data/ on the static site
  let lagen = {};
  const LAYERS = { vlak: "monitor-vlak", geen: "monitor-geen", rand: "monitor-rand" };
  // the tile layer of buurten and of wijken: their roles in the viewer's style (window.buurtkaart.lagen)
  const SOURCE_LAYER = { buurt: null, wijk: null };

  function esc(value) {
    return String(value ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  }

  function number(value, decimals) {
    if (value == null) return "geen waarde";
    return new Intl.NumberFormat("nl-NL", { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
  }

  // relative to the page: at /g/GM0402/ the same requests ask for that gemeente's figures only
  const here = (path) => new URL(path, document.baseURI).href;

  // Diagonal hatching for areas without a value (secret or unknown), so they never look like the lowest class.
  function hatch() {
    const size = 8;
    const data = new Uint8Array(size * size * 4);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const on = (x + y) % size < 2;
        data.set(on ? [110, 110, 110, 255] : [255, 255, 255, 150], (y * size + x) * 4);
      }
    }
    return { width: size, height: size, data };
  }

  function panel() {
    const body = document.createElement("div");
    body.innerHTML = `<form id="monitor-keuze">
        <label>Indicator <select id="monitor-indicator"><option value="">geen (kaart zonder cijfers)</option></select></label>
        <label>Jaar <select id="monitor-jaar"></select></label>
        <label>Gebieden <select id="monitor-niveau"><option value="buurt">buurten</option><option value="wijk">wijken</option></select></label>
        <label>Gemeente <select id="monitor-gemeente"></select></label>
        <label>Trend van <select id="monitor-gebied"><option value="">kies een gebied (of klik op de kaart)</option></select></label>
      </form>
      <div id="monitor-legenda" aria-live="polite"></div>
      <figure id="monitor-grafiek" aria-live="polite"></figure>
      <section id="monitor-budget" aria-labelledby="monitor-budget-titel"><h3 id="monitor-budget-titel">Buurtbudget per wijk</h3>
        <label>Budgetjaar <select id="monitor-budgetjaar"></select></label><div id="monitor-budget-tabel"></div></section>`;
    // the viewer's extension point (viewer.js) puts the section in the side panel, before the legend
    if (window.buurtkaart && window.buurtkaart.addPanelSection) return window.buurtkaart.addPanelSection("monitor", "Buurtmonitor", body);
    const section = document.createElement("section");
    section.id = "monitor";
    section.innerHTML = '<h2 id="monitor-kop">Buurtmonitor</h2>';
    section.setAttribute("aria-labelledby", "monitor-kop");
    section.appendChild(body);
    (document.getElementById("paneel") || document.body).appendChild(section);
    return section;
  }

  function fillYears(indicator) {
    const select = document.getElementById("monitor-jaar");
    const current = select.value;
    select.innerHTML = "";
    for (const year of indicator ? indicator.jaren : []) select.add(new Option(year, year));
    if ([...select.options].some((o) => o.value === current)) select.value = current;
    else if (select.options.length) select.value = select.options[select.options.length - 1].value;
  }

  function legend(data) {
    const el = document.getElementById("monitor-legenda");
    if (!data) { el.innerHTML = ""; return; }
    const ind = data.indicator;
    const g = data.grenzen || [];
    let html = `<h3>${esc(ind.naam)} (${esc(ind.eenheid)}), ${esc(data.jaar)}</h3>
      <p class="klassen-methode">5 klassen, kwantielen (elk ongeveer een vijfde van de ${data.niveau === "wijk" ? "wijken" : "buurten"});
      ${ind.hoger_is_beter ? "hoger is beter" : "lager is beter"} (donkerder = ${ind.hoger_is_beter ? "hoger" : "lager"})</p><ol class="klassen">`;
    if (g.length === 6) {
      for (let k = 0; k < 5; k++) {
        html += `<li class="klasse" data-klasse="${k + 1}"><span class="vlak" data-kleur="${esc(ind.kleuren[k])}"></span>
          <span>${number(g[k], ind.decimalen)} – ${number(g[k + 1], ind.decimalen)} ${esc(ind.eenheid)}</span></li>`;
      }
    }
    html += "</ol>";
    if (data.zonder_waarde.length) {
      html += `<div class="rij geen-waarde"><span class="vlak arcering"></span><span>geen waarde (geheim of onbekend):
        ${data.zonder_waarde.map((a) => esc(a.naam)).join(", ")}</span></div>`;
    }
    html += `<p class="bron">Bron: ${esc(ind.bron)}</p>`;
    el.innerHTML = html;
  }

  function chart(trend) {
    const el = document.getElementById("monitor-grafiek");
    const ind = trend.indicator;
    const rows = trend.reeks.filter((r) => r.waarde != null || r.streefwaarde != null);
    if (!rows.length) { el.innerHTML = `<figcaption>${esc(trend.naam)}: geen cijfers voor ${esc(ind.naam)}</figcaption>`; return; }
    const W = 280, H = 140, P = 28;
    const values = rows.flatMap((r) => [r.waarde, r.streefwaarde]).filter((v) => v != null);
    let lo = Math.min(...values), hi = Math.max(...values);
    if (lo === hi) { lo -= 1; hi += 1; }
    const pad = (hi - lo) * 0.15; lo -= pad; hi += pad;
    const years = rows.map((r) => r.jaar);
    const x = (year) => years.length === 1 ? W / 2 : P + (W - 2 * P) * (year - years[0]) / (years[years.length - 1] - years[0]);
    const y = (v) => H - P + 6 - (H - 2 * P) * (v - lo) / (hi - lo);
    const line = (key) => rows.filter((r) => r[key] != null).map((r) => `${x(r.jaar).toFixed(1)},${y(r[key]).toFixed(1)}`).join(" ");
    const last = [...rows].reverse().find((r) => r.waarde != null && r.streefwaarde != null);
    const verdict = last ? `${last.jaar}: ${number(last.waarde, ind.decimalen)}, streefwaarde ${number(last.streefwaarde, ind.decimalen)}: ${last.gehaald ? "gehaald" : "niet gehaald"}` : "geen streefwaarde";
    el.innerHTML = `<svg class="trend" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="Trend ${esc(ind.naam)} in ${esc(trend.naam)}">
        <polyline class="streeflijn" points="${line("streefwaarde")}" fill="none" stroke="#d95f02" stroke-width="2" stroke-dasharray="5 3"></polyline>
        <polyline class="waardelijn" points="${line("waarde")}" fill="none" stroke="#1b4f8a" stroke-width="2.5"></polyline>
        ${rows.filter((r) => r.waarde != null).map((r) => `<circle cx="${x(r.jaar).toFixed(1)}" cy="${y(r.waarde).toFixed(1)}" r="3.5" fill="${r.gehaald === false ? "#fff" : "#1b4f8a"}" stroke="#1b4f8a" stroke-width="1.5"></circle>`).join("")}
        ${years.map((yr) => `<text x="${x(yr).toFixed(1)}" y="${H - 4}" font-size="10" text-anchor="middle">${yr}</text>`).join("")}
      </svg>
      <figcaption><strong>${esc(trend.naam)}</strong> — ${esc(ind.naam)} (${esc(ind.eenheid)}).
        <span class="legenda-lijnen"><span class="lijn-waarde">━ waarde</span> <span class="lijn-streefwaarde">┅ streefwaarde</span></span>
        <span class="oordeel ${last && last.gehaald ? "gehaald" : "niet-gehaald"}">${esc(verdict)}</span></figcaption>
      <table class="trend-tabel"><thead><tr><th>Jaar</th><th>Waarde</th><th>Streefwaarde</th><th>Gehaald</th></tr></thead><tbody>
        ${rows.map((r) => `<tr><td>${r.jaar}</td><td>${number(r.waarde, ind.decimalen)}</td><td>${number(r.streefwaarde, ind.decimalen)}</td>
          <td>${r.gehaald == null ? "–" : r.gehaald ? "ja" : "nee"}</td></tr>`).join("")}</tbody></table>`;
  }

  async function showTrend(code) {
    const indicator = document.getElementById("monitor-indicator").value;
    if (!code || !indicator) return;
    chart(await bron.trend(code, indicator));
  }

  function clearStates(map) {
    for (const niveau of Object.keys(SOURCE_LAYER)) map.removeFeatureState({ source: "monitor", sourceLayer: SOURCE_LAYER[niveau] });
  }

  async function render(map) {
    const indicator = document.getElementById("monitor-indicator").value;
    const niveau = document.getElementById("monitor-niveau").value;
    const gemeente = document.getElementById("monitor-gemeente").value;
    clearStates(map);
    for (const id of Object.values(LAYERS)) if (map.getLayer(id)) map.removeLayer(id);
    state.data = null;
    if (!indicator) { legend(null); document.getElementById("monitor-grafiek").innerHTML = ""; window.buurtmonitorVersie = (window.buurtmonitorVersie || 0) + 1; return; }
    const year = document.getElementById("monitor-jaar").value;
    const data = await bron.cijfers({ indicator, jaar: year, niveau, gemeente });
    state.data = data;
    const sourceLayer = SOURCE_LAYER[niveau];
    for (const [code, v] of Object.entries(data.waarden)) map.setFeatureState({ source: "monitor", sourceLayer, id: code }, { klasse: v.klasse });
    const colours = data.indicator.kleuren;
    // under the objects, the wijk borders, the initiatives and the deals: the first style layer after the
    // national overview and the buurten
    const below = new Set([lagen.overzicht, lagen.buurt]);
    const before = (map.getStyle().layers.find((l) => l.source === "buurtkaart" && !below.has(l["source-layer"])) || {}).id;
    // the tiles carry the CBS code, whose digits 3-6 are the gemeente's (BU0402.., WK0402..)
    const inGemeente = ["==", ["slice", ["get", "code"], 2, 6], gemeente.slice(2)];
    map.addLayer({ id: LAYERS.vlak, type: "fill", source: "monitor", "source-layer": sourceLayer, filter: inGemeente,
      paint: { "fill-color": ["match", ["coalesce", ["feature-state", "klasse"], 0], 1, colours[0], 2, colours[1], 3, colours[2], 4, colours[3], 5, colours[4], "rgba(0,0,0,0)"],
               "fill-opacity": 0.8 } }, before);
    map.addLayer({ id: LAYERS.geen, type: "fill", source: "monitor", "source-layer": sourceLayer,
      filter: ["all", inGemeente, ["in", ["get", "code"], ["literal", data.zonder_waarde.map((a) => a.code)]]],
      paint: { "fill-pattern": "monitor-arcering" } }, before);
    map.addLayer({ id: LAYERS.rand, type: "line", source: "monitor", "source-layer": sourceLayer, filter: inGemeente,
      paint: { "line-color": "#333", "line-width": niveau === "wijk" ? 1.5 : 0.6 } }, before);
    legend(data);
    const areas = document.getElementById("monitor-gebied");
    const chosen = areas.value;
    areas.length = 1;
    const all = [...Object.entries(data.waarden).map(([code, v]) => ({ code, naam: v.naam })), ...data.zonder_waarde];
    for (const a of all.sort((p, q) => p.naam.localeCompare(q.naam, "nl"))) areas.add(new Option(a.naam, a.code));
    if ([...areas.options].some((o) => o.value === chosen)) areas.value = chosen;
    window.buurtmonitorVersie = (window.buurtmonitorVersie || 0) + 1;
    if (areas.value) await showTrend(areas.value);
  }

  const euro = new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR" });

  // The stored allocation (buurt_app.budget_verdelen) per wijk against what its published deals commit.
  async function budget(gemeenten) {
    const code = document.getElementById("monitor-gemeente").value;
    const g = gemeenten.find((x) => x.code === code);
    const years = document.getElementById("monitor-budgetjaar");
    const chosen = years.value;
    years.length = 0;
    for (const y of (g && g.budgetjaren) || []) years.add(new Option(y, y));
    const el = document.getElementById("monitor-budget-tabel");
    if (!years.length) { el.innerHTML = "<p>Geen budgetverdeling voor deze gemeente.</p>"; return; }
    years.value = [...years.options].some((o) => o.value === chosen) ? chosen : years.options[years.length - 1].value;
    const data = await bron.budget(code, years.value);
    const total = data.wijken.reduce((s, w) => s + Number(w.bedrag), 0);
    el.innerHTML = `<table class="budget-tabel" data-jaar="${esc(data.jaar)}"><thead><tr><th>Wijk</th><th>Budget</th><th>Toegezegd</th></tr></thead><tbody>
      ${data.wijken.map((w) => `<tr title="${esc(w.toelichting)}"><td>${esc(w.wijknaam)}${w.prioriteit ? " <abbr title=\"prioriteitswijk\">*</abbr>" : ""}</td>
        <td>${euro.format(w.bedrag)}</td><td>${euro.format(w.toegezegd)}</td></tr>`).join("")}</tbody>
      <tfoot><tr><th>Totaal</th><th class="budget-totaal">${euro.format(total)}</th><th></th></tr></tfoot></table>
      <p class="bron">* prioriteitswijk: extra gewicht (reden in de tooltip van de rij).</p>`;
  }

  async function start(map) {
    const meta = await bron.indicatoren();
    if (!meta.indicatoren.length) return;
    const css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = here("static/monitor.css");
    document.head.appendChild(css);
    panel();
    const select = document.getElementById("monitor-indicator");
    for (const ind of meta.indicatoren) select.add(new Option(`${ind.naam} (${ind.eenheid})`, ind.code));
    const gemeente = document.getElementById("monitor-gemeente");
    for (const g of meta.gemeenten) gemeente.add(new Option(g.naam, g.code));
    const byCode = new Map(meta.indicatoren.map((i) => [i.code, i]));
    await budget(meta.gemeenten);
    map.addImage("monitor-arcering", hatch());
    lagen = window.buurtkaart.lagen;
    SOURCE_LAYER.buurt = lagen.buurt;
    SOURCE_LAYER.wijk = lagen.wijk;
    map.addSource("monitor", { ...bron.tegelbron([lagen.wijk, lagen.buurt]),
      promoteId: { [lagen.buurt]: "code", [lagen.wijk]: "code" } });
    const form = document.getElementById("monitor-keuze");
    form.addEventListener("change", async (e) => {
      if (e.target.id === "monitor-gebied") { await showTrend(e.target.value); return; }
      if (e.target.id === "monitor-gemeente") {
        const g = meta.gemeenten.find((x) => x.code === e.target.value);
        if (g && g.bbox) map.fitBounds([[g.bbox[0], g.bbox[1]], [g.bbox[2], g.bbox[3]]], { padding: 20, duration: 0 });
        await budget(meta.gemeenten);
      }
      if (e.target.id === "monitor-indicator") fillYears(byCode.get(select.value));
      await render(map);
    });
    document.getElementById("monitor-budgetjaar").addEventListener("change", () => budget(meta.gemeenten));
    map.on("click", LAYERS.vlak, (e) => {
      const f = e.features && e.features[0];
      if (!f) return;
      document.getElementById("monitor-gebied").value = f.properties.code;
      showTrend(f.properties.code);
    });
    window.buurtmonitorKlaar = true;
  }

  // window.buurtkaart is made by viewer.js, a module: it runs after this classic script, before DOMContentLoaded
  document.addEventListener("DOMContentLoaded", async () => {
    try {
      const bk = await window.buurtkaart.klaar;
      bron = bk.bron;
      await start(bk.map);
    } catch (err) {
      const host = document.getElementById("paneel") || document.body;
      host.insertAdjacentHTML("beforeend", `<p class="fout">Buurtmonitor laden mislukt: ${esc(err.message || err)}</p>`);
    }
  });
})();
