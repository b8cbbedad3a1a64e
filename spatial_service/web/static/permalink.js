// Permalinks: the URL fragment holds the map position, the filters, the base map and the selected item, e.g.
//   #kaart=14.2/52.22600/5.17620&thema=verkeer&jaar=2018&item=buurtdeal:12
// A link with only item=... opens that deal or initiative and zooms to it. The fragment never reaches a server,
// so the same link works on the live service and on any static host.
"use strict";

export const FILTER_NAMES = ["jaar", "thema", "status", "wijk"];

export function readHash(hash = location.hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const state = { filters: {}, view: null, item: params.get("item") || null, achtergrond: params.get("achtergrond") };
  for (const name of FILTER_NAMES) if (params.get(name)) state.filters[name] = params.get(name);
  const m = /^([\d.]+)\/(-?[\d.]+)\/(-?[\d.]+)$/.exec(params.get("kaart") || "");
  if (m) state.view = { zoom: Number(m[1]), center: [Number(m[3]), Number(m[2])] };
  return state;
}

export function writeHash(map, filters, item, achtergrond) {
  const params = new URLSearchParams();
  const c = map.getCenter();
  params.set("kaart", `${map.getZoom().toFixed(2)}/${c.lat.toFixed(5)}/${c.lng.toFixed(5)}`);
  for (const name of FILTER_NAMES) if (filters[name]) params.set(name, filters[name]);
  if (achtergrond) params.set("achtergrond", achtergrond);
  if (item) params.set("item", item);
  const hash = "#" + params.toString().replace(/%2F/g, "/").replace(/%3A/g, ":");
  if (hash !== location.hash) history.replaceState(null, "", hash);
}

export function itemLink(item) {
  const url = new URL(location.href);
  url.hash = `item=${item.soort}:${item.id}`;
  return url.href;
}
