// The data-source layer: the one place that knows whether this viewer runs against the live tile service or as
// a static site (`buurtkaart export-site`). Everything else in the viewer asks this object for its data.
//   kind      "live" | "statisch" (from <body data-bron>)
//   style()   the MapLibre style (static: its source rewritten to the PMTiles archive next to the page)
//   labels()  GeoJSON of wijk/buurt names;  details()  {stappen, items} for the list and the details panel
//   follow(map, onChange)  live only: reload tiles and details when an edit reached the service
//   agenda(wijkcode)                          the wijkagenda panel of a wijk (agenda.js)
//   indicatoren(), cijfers({indicator, jaar, niveau, gemeente}), trend(code, indicator), budget(gemeente, jaar)
//                                             the buurtmonitor's figures (monitor.js)
//   tegelbron(lagen)                          a MapLibre vector source of these tile layers (live: the service's
//                                             TileJSON; static: the same PMTiles archive as the map)
//   loket(path)                               the address of a resident's page (indienen, steun/12): live the
//                                             service's own; static the live service named by export-site
//                                             (<body data-loket>), or null when none is: then there is no link
// Live these are the service's routes; static the files export-site wrote under data/ from the same SQL.
"use strict";

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const el = document.createElement("script");
    el.src = src;
    el.onload = resolve;
    el.onerror = () => reject(new Error(`${src} laadt niet`));
    document.head.appendChild(el);
  });
}

// The archive's byte ranges, kept for the session (bounded, least recently used out first). MapLibre drops tiles
// it no longer shows, and the browser's HTTP cache keeps ranges in 1 KiB blocks, so a tile seen again would
// otherwise be fetched again, wholly or its unaligned head: with this, no byte of the archive travels twice.
function cachedRanges(url, limitBytes = 32 * 1024 * 1024) {
  const fetcher = new window.pmtiles.FetchSource(url);
  const kept = new Map();
  let size = 0;
  return {
    getKey: () => url,
    async getBytes(offset, length, signal, etag) {
      const key = `${offset}:${length}:${etag || ""}`;
      const hit = kept.get(key);
      if (hit) {
        kept.delete(key);
        kept.set(key, hit);
        return hit;
      }
      const result = await fetcher.getBytes(offset, length, signal, etag);
      kept.set(key, result);
      size += result.data.byteLength;
      for (const [k, v] of kept) {
        if (size <= limitBytes) break;
        kept.delete(k);
        size -= v.data.byteLength;
      }
      return result;
    },
  };
}

export function createSource(kind = document.body.dataset.bron || "live", base = document.baseURI) {
  const url = (path) => new URL(path, base).href;
  const json = async (path, options) => {
    const response = await fetch(url(path), options);
    if (!response.ok) {
      // the service says in Dutch what is wrong ({"fout": ...}); a static host only its status
      const said = await response.json().then((b) => b && b.fout, () => null);
      throw new Error(said || `${path}: HTTP ${response.status}`);
    }
    return response.json();
  };
  const q = encodeURIComponent;
  if (kind === "statisch") {
    let archive = null;  // the PMTiles archive of the style's source, for tegelbron()
    const live = document.body.dataset.loket;
    return {
      kind,
      url,
      loket: (path) => (live ? new URL(path, live).href : null),
      async style() {
        await loadScript(url("vendor/pmtiles/pmtiles.js"));
        const protocol = new window.pmtiles.Protocol();
        window.maplibregl.addProtocol("pmtiles", protocol.tile);
        const style = await json("data/style.json");
        for (const source of Object.values(style.sources)) {
          if (source.url && source.url.startsWith("pmtiles://")) {
            archive = url(source.url.slice(10));
            source.url = "pmtiles://" + archive;
            protocol.add(new window.pmtiles.PMTiles(cachedRanges(archive)));
          }
        }
        return style;
      },
      labels: () => json("data/labels.json"),
      details: () => json("data/details.json"),
      follow() { /* a static site does not change under an open page */ },
      agenda: (wijk) => json(`data/agenda/${q(wijk)}.json`),
      indicatoren: () => json("data/cijfers/indicatoren.json"),
      cijfers: ({ indicator, jaar, niveau, gemeente }) =>
        json(`data/cijfers/${q(gemeente)}/${q(indicator)}/${q(jaar)}-${q(niveau)}.json`),
      // one file per area holds the trend of every indicator: fewer files than areas x indicators
      async trend(code, indicator) {
        const all = await json(`data/cijfers/trend/${q(code)}.json`);
        if (!all[indicator]) throw new Error(`Indicator ${indicator} bestaat niet.`);
        return all[indicator];
      },
      budget: (gemeente, jaar) => json(`data/budget/${q(gemeente)}/${q(jaar)}.json`),
      // the archive holds every tile layer; the source's own promoteId etc. are the caller's
      tegelbron: () => ({ type: "vector", url: "pmtiles://" + archive }),
    };
  }
  const version = async () => {
    const v = await json("versie.json", { cache: "no-store" });
    return `${v.invalidaties}/${v.herverbonden}`;
  };
  // read before the first tile is asked for, so an edit between that and the first poll still counts
  const first = version().catch(() => "");
  return {
    kind,
    url,
    loket: (path) => url(path),
    style: () => json("style.json"),
    labels: () => json("labels.json"),
    details: () => json("details.json", { cache: "no-cache" }),
    agenda: (wijk) => json(`agenda/${q(wijk)}.json`),
    indicatoren: () => json("cijfers/indicatoren.json"),
    cijfers: ({ indicator, jaar, niveau, gemeente }) =>
      json(`cijfers.json?indicator=${q(indicator)}&jaar=${q(jaar)}&niveau=${q(niveau)}&gemeente=${q(gemeente)}`),
    trend: (code, indicator) => json(`cijfers/trend.json?code=${q(code)}&indicator=${q(indicator)}`),
    budget: (gemeente, jaar) => json(`budget.json?gemeente=${q(gemeente)}&jaar=${q(jaar)}`),
    tegelbron: (lagen) => ({ type: "vector", url: url(`tiles/${lagen.join(",")}.json`) }),
    // Edits reach the map by themselves: the service drops the changed tiles (LISTEN/NOTIFY); we notice that its
    // invalidation counter moved and reload the tiles (unchanged ones come back as 304 Not Modified).
    async follow(map, onChange) {
      let seen = await first;
      setInterval(async () => {
        try {
          const n = await version();
          if (n !== seen) {
            const source = map.getSource("buurtkaart");
            if (source) source.setTiles(source.tiles);
            if (onChange) onChange();
          }
          seen = n;
        } catch (e) { /* service briefly unreachable: try again next round */ }
      }, 1000);
    },
  };
}
