// The data-source layer: the one place that knows whether this viewer runs against the live tile service or as
// a static site (`buurtkaart export-site`). Everything else in the viewer asks this object for its data.
//   kind      "live" | "statisch" (from <body data-bron>)
//   style()   the MapLibre style (static: its source rewritten to the PMTiles archive next to the page)
//   labels()  GeoJSON of wijk/buurt names;  details()  {stappen, items} for the list and the details panel
//   follow(map, onChange)  live only: reload tiles and details when an edit reached the service
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
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return response.json();
  };
  if (kind === "statisch") {
    return {
      kind,
      url,
      async style() {
        await loadScript(url("vendor/pmtiles/pmtiles.js"));
        const protocol = new window.pmtiles.Protocol();
        window.maplibregl.addProtocol("pmtiles", protocol.tile);
        const style = await json("data/style.json");
        for (const source of Object.values(style.sources)) {
          if (source.url && source.url.startsWith("pmtiles://")) {
            const archive = url(source.url.slice(10));
            source.url = "pmtiles://" + archive;
            protocol.add(new window.pmtiles.PMTiles(cachedRanges(archive)));
          }
        }
        return style;
      },
      labels: () => json("data/labels.json"),
      details: () => json("data/details.json"),
      follow() { /* a static site does not change under an open page */ },
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
    style: () => json("style.json"),
    labels: () => json("labels.json"),
    details: () => json("details.json", { cache: "no-cache" }),
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
