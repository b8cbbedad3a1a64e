// The wijk panel of the virtuele stad (issue 10): choose a wijk in the "Wijk" filter and the panel shows what the
// wijk wants (its published wijkagenda), what was planned and done in the chosen year (the jaarschijf and its
// evaluation) and which buurtdeals serve which priority. Data: agenda/<wijkcode>.json next to the page (publiek only;
// at /g/GM0402/ the service answers only for that gemeente's wijken).
"use strict";

(function () {
  const fmtEuro = new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR", maximumFractionDigits: 0 });
  const escape = (v) => String(v ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

  function year(data, chosen) {
    if (chosen) return Number(chosen);
    // without a chosen year: the latest year with an evaluated jaarschijf, else the first of the agenda
    const evaluated = data.prioriteiten.flatMap((p) => p.jaarschijven.filter((j) => j.evaluatie).map((j) => j.jaar));
    if (evaluated.length) return Math.max(...evaluated);
    const first = data.prioriteiten.map((p) => p.jaar_van);
    return first.length ? Math.min(...first) : new Date().getFullYear();
  }

  function dealItem(d) {
    return `<li>${escape(d.titel)} <span class="agenda-klein">(${escape(d.status_naam)}, ${fmtEuro.format(d.budget_gemeente || 0)})</span></li>`;
  }

  function render(data, chosen) {
    const y = year(data, chosen);
    let html = `<h2>Wijkagenda ${escape(data.wijknaam)}</h2>`;
    if (!data.prioriteiten.length) {
      html += "<p>Deze wijk heeft (nog) geen gepubliceerde wijkagenda.</p>";
    }
    html += `<h3>Wat de wijk wil</h3><ul class="agenda-prioriteiten">`;
    for (const p of data.prioriteiten) {
      html += `<li><span class="vlak agenda-thema" data-kleur="${escape(p.thema_kleur)}" aria-hidden="true"></span>
        <strong>${escape(p.prioriteit)}</strong> <span class="agenda-klein">${escape(p.thema_naam)}, ${escape(p.jaar_van)}–${escape(p.jaar_tot)}, uit: ${escape(p.herkomst)}</span></li>`;
    }
    html += `</ul><h3>In ${y}</h3><ul class="agenda-jaar">`;
    for (const p of data.prioriteiten) {
      const slice = p.jaarschijven.find((j) => j.jaar === y);
      if (!slice) continue;
      const deals = p.buurtdeals.filter((d) => d.jaar === y);
      html += `<li><strong>${escape(p.prioriteit)}</strong>: ${escape(slice.doel)}
        <div class="agenda-evaluatie">${slice.evaluatie ? `Evaluatie: ${escape(slice.evaluatie)}${slice.toelichting ? ` — ${escape(slice.toelichting)}` : ""}` : "Nog niet geëvalueerd"}</div>
        ${deals.length ? `<div>Buurtdeals die hieraan bijdragen:</div><ul class="agenda-deals">${deals.map(dealItem).join("")}</ul>` : "<div>Nog geen buurtdeal voor deze prioriteit.</div>"}</li>`;
    }
    html += "</ul>";
    const spontaneous = data.spontaan.filter((d) => d.jaar === y);
    html += `<h3>Spontane buurtdeals ${y}</h3>`;
    html += spontaneous.length ? `<ul class="agenda-spontaan">${spontaneous.map(dealItem).join("")}</ul>` : "<p>Geen.</p>";
    return html;
  }

  async function show() {
    const panel = document.getElementById("wijkagenda");
    const form = document.getElementById("filters");
    if (!panel || !form) return;
    const wijk = form.elements.wijk.value;
    if (!wijk) { panel.innerHTML = ""; panel.hidden = true; return; }
    try {
      // through the viewer's data-source layer: the service live, data/agenda/ on the static site
      const { bron } = await window.buurtkaart.klaar;
      panel.innerHTML = render(await bron.agenda(wijk), form.elements.jaar.value);
    } catch (err) {
      panel.innerHTML = `<p class="fout">Wijkagenda laden mislukt: ${escape(err.message || err)}</p>`;
    }
    panel.hidden = false;
  }

  document.addEventListener("DOMContentLoaded", () => {
    const form = document.getElementById("filters");
    if (form) form.addEventListener("change", show);
  });
  window.buurtkaartAgenda = { show, render };
})();
