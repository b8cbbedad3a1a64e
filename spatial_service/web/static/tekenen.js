// A small drawing tool on a MapLibre map for the submit form (/indienen): a point, or an area made of vertices
// added one by one (a click, or the keyboard's marker), undone one by one and finished into a polygon. It draws on
// a GeoJSON source of its own and knows nothing of the form: the page (loket.js) reads geometry() into its field.
// No plugin: MapLibre's own sources and layers only, so nothing is downloaded at run time.
"use strict";

const SOURCE = "tekening";
const COLOUR = "#0b4f9c";
const DECIMALS = 1e6;  // about 0.1 m: more says nothing and only lengthens the form

const round = ([lon, lat]) => [Math.round(lon * DECIMALS) / DECIMALS, Math.round(lat * DECIMALS) / DECIMALS];
const feature = (geometry, rol) => ({ type: "Feature", properties: { rol }, geometry });

export function createDrawing(map) {
  let mode = "punt";       // "punt" | "gebied"
  let point = null;        // [lon, lat] in point mode
  let vertices = [];       // [[lon, lat], ...] in area mode
  let finished = false;    // the area is closed into a polygon

  map.addSource(SOURCE, { type: "geojson", data: { type: "FeatureCollection", features: [] } });
  map.addLayer({ id: "tekening-vlak", type: "fill", source: SOURCE, filter: ["==", ["get", "rol"], "vlak"],
                 paint: { "fill-color": COLOUR, "fill-opacity": 0.25 } });
  map.addLayer({ id: "tekening-lijn", type: "line", source: SOURCE, filter: ["in", ["get", "rol"], ["literal", ["lijn", "vlak"]]],
                 paint: { "line-color": COLOUR, "line-width": 3 } });
  map.addLayer({ id: "tekening-punten", type: "circle", source: SOURCE, filter: ["==", ["get", "rol"], "hoekpunt"],
                 paint: { "circle-radius": 5, "circle-color": "#fff", "circle-stroke-color": COLOUR, "circle-stroke-width": 3 } });

  function ring() {
    return [...vertices, vertices[0]];
  }

  function render() {
    const features = [];
    if (mode === "punt" && point) features.push(feature({ type: "Point", coordinates: point }, "hoekpunt"));
    if (mode === "gebied") {
      for (const v of vertices) features.push(feature({ type: "Point", coordinates: v }, "hoekpunt"));
      if (finished) features.push(feature({ type: "Polygon", coordinates: [ring()] }, "vlak"));
      else if (vertices.length > 1) features.push(feature({ type: "LineString", coordinates: vertices }, "lijn"));
    }
    map.getSource(SOURCE).setData({ type: "FeatureCollection", features });
  }

  const api = {
    get mode() { return mode; },
    get count() { return mode === "punt" ? (point ? 1 : 0) : vertices.length; },
    get finished() { return finished; },
    setMode(next) {
      if (next === mode) return;
      mode = next;
      point = null;
      vertices = [];
      finished = false;
      render();
    },
    // a point (point mode) or the next vertex (area mode); an area already finished starts again
    add(lngLat) {
      const at = round(Array.isArray(lngLat) ? lngLat : [lngLat.lng, lngLat.lat]);
      if (mode === "punt") point = at;
      else {
        if (finished) {
          vertices = [];
          finished = false;
        }
        vertices.push(at);
      }
      render();
    },
    undo() {
      if (mode === "punt") point = null;
      else if (finished) finished = false;
      else vertices.pop();
      render();
    },
    // true when the area could be closed (three vertices at least)
    finish() {
      if (mode !== "gebied" || vertices.length < 3) return false;
      finished = true;
      render();
      return true;
    },
    clear() {
      point = null;
      vertices = [];
      finished = false;
      render();
    },
    // the drawing as a GeoJSON geometry (EPSG:4326), or null while there is nothing whole to send
    geometry() {
      if (mode === "punt") return point ? { type: "Point", coordinates: point } : null;
      return finished ? { type: "Polygon", coordinates: [ring()] } : null;
    },
    // a geometry sent before (the form shown again after a refusal): drawn as it was
    load(geometry) {
      if (!geometry) return;
      if (geometry.type === "Point") {
        mode = "punt";
        point = round(geometry.coordinates);
      } else if (geometry.type === "Polygon" || geometry.type === "MultiPolygon") {
        const outer = geometry.type === "Polygon" ? geometry.coordinates[0] : geometry.coordinates[0][0];
        mode = "gebied";
        vertices = outer.slice(0, -1).map(round);
        finished = vertices.length >= 3;
      }
      render();
    },
  };
  render();
  return api;
}
