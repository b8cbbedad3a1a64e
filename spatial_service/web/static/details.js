// The details panel of a deal or initiative and the text of a list item: the same words for the live and the
// static viewer (both read {stappen, items} from the data-source layer).
"use strict";

const euro = new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR", maximumFractionDigits: 0 });

export function esc(value) {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

export const itemKey = (item) => `${item.soort}:${item.id}`;
export const soortNaam = (soort) => (soort === "buurtdeal" ? "Buurtdeal" : "Initiatief");

export function itemSummary(item, symbols) {
  const parts = [soortNaam(item.soort)];
  if (item.jaar) parts.push(String(item.jaar));
  parts.push(item.thema_naam, `${item.status_naam} (${symbols.stepLabel(item.status)})`);
  if (item.wijknaam) parts.push(item.wijknaam);
  return parts.join(" · ");
}

function stepLine(item, stappen) {
  const at = stappen.findIndex((s) => s.code === item.status);
  const steps = stappen.map((s, i) => {
    const state = at < 0 ? "" : i < at ? "gedaan" : i === at ? "nu" : "";
    const word = state === "gedaan" ? "gedaan" : state === "nu" ? "huidige stap" : "nog niet";
    return `<li class="stap ${state}"${state === "nu" ? ' aria-current="step"' : ""}>
      <span class="stap-nr" aria-hidden="true">${state === "gedaan" ? "✓" : i + 1}</span>
      <span class="stap-naam">${esc(s.naam)}</span> <span class="stap-stand">(${word})</span></li>`;
  }).join("");
  const outside = at < 0 ? `<p class="buiten-stappen"><strong>${esc(item.status_naam)}</strong>: dit ${item.soort === "buurtdeal" ? "deal" : "initiatief"} loopt niet verder door de stappen.</p>` : "";
  return `<h3 id="stappen-kop">Stap in de werkwijze: ${at < 0 ? esc(item.status_naam) : `${at + 1} van ${stappen.length}, ${esc(item.status_naam)}`}</h3>
    <ol class="stappen" aria-labelledby="stappen-kop">${steps}</ol>${outside}`;
}

function commitments(afspraken) {
  const parties = [["bewoners", "Bewoners doen"], ["gemeente", "Gemeente doet"], ["partner", "Partner doet"]];
  let html = "";
  for (const [code, title] of parties) {
    const rows = afspraken.filter((a) => a.partij === code);
    if (!rows.length && code === "partner") continue;
    html += `<h3>${title}</h3><div class="afspraken-${code}">`;
    html += rows.length ? `<ul class="afspraken">${rows.map((a) => `<li class="${a.gereed ? "gereed" : "open"}">
        <span class="vink" aria-hidden="true">${a.gereed ? "✓" : "○"}</span> ${esc(a.omschrijving)}
        <span class="afspraak-stand">(${a.gereed ? "gedaan" : "nog niet gedaan"})</span></li>`).join("")}</ul>`
      : "<p>(nog geen afspraken)</p>";
    html += "</div>";
  }
  return html;
}

// `loket(path)` is the address of a resident's page, or null where there is none (a static site without a live
// service): then the support count shows without the "Ik steun dit" link
export function detailsHtml(item, data, symbols, permalink, loket = () => null) {
  const byKey = data.byKey;
  const rows = [["Thema", `${symbols.img(item.thema, item.status, 18)} ${esc(item.thema_naam)}`]];
  if (item.jaar) rows.push(["Jaar", esc(item.jaar)]);
  if (item.soort === "buurtdeal") rows.push(["Budget gemeente", euro.format(item.budget_gemeente || 0)]);
  if (item.ingediend_op) rows.push(["Ingediend", esc(item.ingediend_op)]);
  if (item.wijknaam) rows.push(["Waar", `${esc(item.buurtnaam || "")}${item.buurtnaam ? ", wijk " : "Wijk "}${esc(item.wijknaam)}`]);
  rows.push(["Steun in de buurtpeiling", item.steun_pct == null ? "(geen peiling)"
    : `${esc(item.steun_pct)}% voor (${esc(item.respondenten)} respondenten)`]);
  let support = "";
  if (item.soort === "initiatief") {
    const count = item.steunbetuigingen || 0;
    rows.push(["Steun via de virtuele stad", `${esc(count)} ${count === 1 ? "bewoner" : "bewoners"}`]);
    const link = loket(`steun/${item.id}`);
    if (link) support = `<p class="steunen"><a class="knop" href="${esc(link)}">Ik steun dit</a></p>`;
  }
  let origin = "";
  if (item.soort === "buurtdeal") {
    const ini = item.initiatief_id != null ? byKey.get(`initiatief:${item.initiatief_id}`) : null;
    origin = `<p class="herkomst">Komt voort uit het initiatief: ${ini
      ? `<a href="${esc(permalink(ini))}" data-item="${esc(itemKey(ini))}">${esc(ini.titel)}</a>`
      : esc(item.initiatief_titel || "(geen gepubliceerd initiatief)")}</p>`;
  } else {
    const deals = data.items.filter((d) => d.soort === "buurtdeal" && d.initiatief_id === item.id);
    if (deals.length) {
      origin = `<p class="herkomst">Leidde tot: ${deals.map((d) => `<a href="${esc(permalink(d))}" data-item="${esc(itemKey(d))}">buurtdeal ${esc(d.titel)}</a>`).join(", ")}</p>`;
    }
  }
  return `<div class="details-${item.soort}">
    <p class="details-soort">${soortNaam(item.soort)}</p>
    <h2 id="details-titel" tabindex="-1">${esc(item.titel)}</h2>
    ${item.omschrijving ? `<p>${esc(item.omschrijving)}</p>` : ""}
    <dl>${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join("")}</dl>
    ${stepLine(item, data.stappen)}
    ${item.soort === "buurtdeal" ? `<div class="afspraken-blok">${commitments(item.afspraken || [])}</div>` : ""}
    ${support}
    ${origin}
    <p class="permalink"><a href="${esc(permalink(item))}">Link naar ${item.soort === "buurtdeal" ? "deze buurtdeal" : "dit initiatief"}</a></p>
  </div>`;
}

export function buurtPopup(p) {
  const fmt = (v) => (v == null ? "onbekend" : esc(v));
  return `<div class="popup popup-buurt"><h3>${esc(p.naam)}</h3><dl>
    <dt>Wijk</dt><dd>${esc(p.wijknaam)}</dd><dt>Inwoners</dt><dd>${fmt(p.inwoners)}</dd>
    <dt>Rapportcijfer</dt><dd>${fmt(p.rapportcijfer_woonomgeving)}</dd><dt>Sociale cohesie</dt><dd>${fmt(p.sociale_cohesie)}</dd>
    <dt>Betrokkenheid</dt><dd>${p.betrokkenheid_buurt == null ? "onbekend" : esc(p.betrokkenheid_buurt) + "%"}</dd>
    <dt>Initiatieven</dt><dd>${esc(p.aantal_initiatieven)}</dd><dt>Buurtdeals</dt><dd>${esc(p.aantal_buurtdeals)}</dd>
    <dt>Budget deals</dt><dd>${euro.format(p.budget_buurtdeals || 0)}</dd>
    <dt>Cijfers uit</dt><dd>${fmt(p.cijfers_jaar)}</dd></dl></div>`;
}
