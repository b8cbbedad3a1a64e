// Map symbols that carry meaning without colour: the THEME is the shape (and the fill colour), the STATUS is the
// number of its step in the workflow inside the symbol (and the ring colour). Drawn on a canvas, so no sprite or
// glyph server is needed (works offline and on a static host). The legend, the list and the details panel show
// the same pictures.
"use strict";

const RATIO = 2;

export function symbolKey(thema, status) {
  return `bk|${thema}|${status}`;
}

export function makeSymbols(lists, stappen) {
  // each theme's shape is its row's vorm (publiek.thema, buurt_vl.thema.vorm), not its place in the list
  const themas = new Map(lists.themas.map((t) => [t.code, t]));
  const statussen = new Map(lists.statussen.map((s) => [s.code, s]));
  const stap = new Map(stappen.map((s, i) => [s.code, i + 1]));

  function path(ctx, vorm, c, r) {
    ctx.beginPath();
    const poly = (n, start, radius = r) => {
      for (let i = 0; i < n; i++) {
        const a = start + (i * 2 * Math.PI) / n;
        ctx.lineTo(c + radius * Math.cos(a), c + radius * Math.sin(a));
      }
      ctx.closePath();
    };
    if (vorm === "vierkant") ctx.rect(c - r * 0.85, c - r * 0.85, r * 1.7, r * 1.7);
    else if (vorm === "driehoek") poly(3, -Math.PI / 2, r * 1.15);
    else if (vorm === "ruit") poly(4, -Math.PI / 2, r * 1.1);
    else if (vorm === "zeshoek") poly(6, 0);
    else if (vorm === "ster") {
      for (let i = 0; i < 10; i++) {
        const a = -Math.PI / 2 + (i * Math.PI) / 5;
        const rr = i % 2 ? r * 0.6 : r * 1.15;
        ctx.lineTo(c + rr * Math.cos(a), c + rr * Math.sin(a));
      }
      ctx.closePath();
    } else ctx.arc(c, c, r, 0, 2 * Math.PI);
  }

  function canvas(thema, status, size = 30) {
    const t = themas.get(thema) || { kleur: "#888888", vorm: "cirkel" };
    const s = statussen.get(status) || { kleur: "#444444" };
    const px = size * RATIO;
    const el = document.createElement("canvas");
    el.width = el.height = px;
    const ctx = el.getContext("2d", { willReadFrequently: true });  // read back at once: keep it off the GPU
    const c = px / 2;
    const r = px * 0.36;
    path(ctx, t.vorm, c, r);
    ctx.fillStyle = t.kleur;
    ctx.fill();
    ctx.lineJoin = "round";
    ctx.lineWidth = 3.5 * RATIO;
    ctx.strokeStyle = "#1f1f1f";
    ctx.stroke();
    ctx.lineWidth = 2 * RATIO;
    ctx.strokeStyle = s.kleur;
    ctx.stroke();
    if (!status) return el;  // a theme alone (legend): the shape without a step
    const label = stap.has(status) ? String(stap.get(status)) : "×";
    ctx.font = `bold ${Math.round(px * 0.4)}px "DejaVu Sans", sans-serif`;
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.lineWidth = 3 * RATIO;
    ctx.strokeStyle = "#ffffff";
    ctx.strokeText(label, c, c + RATIO);
    ctx.fillStyle = "#111111";
    ctx.fillText(label, c, c + RATIO);
    return el;
  }

  return {
    themas,
    stap,
    shapeName: (thema) => (themas.get(thema) || {}).vorm || "cirkel",
    stepLabel: (status) => (stap.has(status) ? `stap ${stap.get(status)} van ${stappen.length}` : "buiten de stappen"),
    // <img> for HTML (legend, list, details): alt text empty, the meaning is always written next to it
    img(thema, status, size = 22) {
      const img = document.createElement("img");
      img.src = canvas(thema, status, size).toDataURL();
      img.width = img.height = size;
      img.alt = "";
      img.className = "symbool";
      return img.outerHTML;
    },
    // MapLibre asks for a symbol it does not have yet (styleimagemissing): draw it
    install(map) {
      map.on("styleimagemissing", (e) => {
        const [prefix, thema, status] = e.id.split("|");
        if (prefix !== "bk" || map.hasImage(e.id)) return;
        const el = canvas(thema, status);
        const data = el.getContext("2d", { willReadFrequently: true }).getImageData(0, 0, el.width, el.height);
        map.addImage(e.id, { width: el.width, height: el.height, data: data.data }, { pixelRatio: RATIO });
      });
    },
  };
}

// The symbol layers that replace the coloured circles of the service's style (points) and mark areas.
export function symbolLayers(style) {
  const icon = ["concat", "bk|", ["get", "thema"], "|", ["get", "status"]];
  const layout = (size) => ({ "icon-image": icon, "icon-size": size, "icon-allow-overlap": true,
    "icon-ignore-placement": true });
  // stopped work (publiek.status.gestopt) fades as in QGIS, by the factor the service's style names
  const stopped = style.metadata["buurtkaart:waardelijsten"].statussen.filter((s) => s.gestopt).map((s) => s.code);
  const paint = { "icon-opacity": ["case", ["in", ["get", "status"], ["literal", stopped]],
    style.metadata["buurtkaart:vervaagd"], 1] };
  // by the role of the tile layer (style metadata), not by layer id: a point layer of deals or initiatives becomes
  // symbols of that size; deal outlines and initiative areas get a symbol in the middle
  const roles = Object.fromEntries(style.metadata["buurtkaart:lagen"].map((l) => [l.id, l.rol]));
  const POINT = { buurtdeal: 1, initiatief: 0.72 };
  const AREA = { buurtdeal: ["line", 0.85], initiatief: ["fill", 0.65] };
  const out = [];
  for (const layer of style.layers) {
    const role = roles[layer["source-layer"]];
    const spec = layer.type === "circle" && POINT[role];
    if (spec) {
      out.push({ id: layer.id, type: "symbol", source: layer.source, "source-layer": layer["source-layer"],
        filter: layer.filter, layout: layout(spec), paint });
    } else {
      out.push(layer);
    }
    const area = AREA[role];
    if (area && layer.type === area[0]) {
      out.push({ id: `${layer["source-layer"]}-symbool`, type: "symbol", source: layer.source,
        "source-layer": layer["source-layer"], filter: ["==", ["geometry-type"], "Polygon"],
        layout: layout(area[1]), paint });
    }
  }
  return out;
}
