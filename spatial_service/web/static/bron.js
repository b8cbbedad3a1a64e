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
          if (source.url && source.url.startsWith("pmtiles://")) source.url = "pmtiles://" + url(source.url.slice(10));
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
