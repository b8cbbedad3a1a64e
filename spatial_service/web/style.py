"""TileJSON 3.0 and the MapLibre style of the virtuele stad, built from the catalogue and the publiek value lists.

Colours of themes, statuses and object kinds come from the value lists (publiek.thema/status/objectsoort), the
same rows QGIS styles from, so a new colour is one UPDATE, not a code change; a [[publiek]] layer with a `soort`
is drawn from its objectsoort row (colour, outline, geometry types), so a new kind needs no code here either.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from psycopg import AsyncConnection, sql

from spatial_service.core.kaartstijl import FADED_OPACITY
from spatial_service.db import gemeente as scope
from spatial_service.tiles.sql import LayerSql, field_type

COMPOSITE_SOURCE = "buurtkaart"
FALLBACK_COLOUR = "#888888"
# How the viewer draws a core layer follows from the publiek view it shows (the data contract), not from its id in
# the catalogue; the style's metadata names each layer's role, from which viewer.js, symbolen.js and monitor.js
# find their layers. A layer of one object kind is drawn from its `soort` instead (kind_layers).
ROLES = {"publiek.gemeente_overzicht": "overzicht", "publiek.wijk": "wijk", "publiek.buurt": "buurt",
         "publiek.initiatief": "initiatief", "publiek.buurtdeal": "buurtdeal"}
def tilejson(layers: list[LayerSql], base_url: str, query: str, extent: tuple[float, ...] | None,
             field_types: dict[str, dict[str, str]]) -> dict[str, Any]:
    ids = ",".join(layer.id for layer in layers)
    suffix = f"?{query}" if query else ""
    bounds = list(extent) if extent else [-180.0, -85.0511, 180.0, 85.0511]
    minzoom = min(layer.layer.minzoom for layer in layers)
    maxzoom = max(layer.layer.maxzoom for layer in layers)
    return {
        "tilejson": "3.0.0",
        "name": ids,
        "description": "; ".join(layer.layer.titel for layer in layers),
        "scheme": "xyz",
        "tiles": [f"{base_url}tiles/{ids}/{{z}}/{{x}}/{{y}}.pbf{suffix}"],
        "minzoom": minzoom,
        "maxzoom": maxzoom,
        "bounds": bounds,
        "center": [round((bounds[0] + bounds[2]) / 2, 5), round((bounds[1] + bounds[3]) / 2, 5),
                   max(minzoom, 12)],
        "attribution": "Gemeente — Buurtkaart",
        "vector_layers": [
            {"id": layer.id, "description": layer.layer.titel, "minzoom": layer.layer.minzoom,
             "maxzoom": layer.layer.maxzoom,
             # the integer key travels as the MVT feature id, not as a property
             "fields": {name: field_type(field_types[layer.layer.bron][name]) for name in layer.layer.velden
                        if name != layer.id_column}}
            for layer in layers
        ],
    }


async def value_lists(conn: AsyncConnection, gemeente: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """The lists the viewer fills its filters and legend from; the wijken and years of one gemeente only when
    `gemeente` is given (a checked code)."""
    async def rows(query: str | sql.Composable) -> list[dict[str, Any]]:
        cur = await conn.execute(query)
        names = [d.name for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in await cur.fetchall()]

    return {
        "themas": await rows("SELECT code, naam, kleur, vorm FROM publiek.thema ORDER BY volgorde"),
        "statussen": await rows("SELECT code, naam, kleur, gestopt FROM publiek.status ORDER BY volgorde"),
        "objectsoorten": await rows("SELECT code, naam, meervoud, kleur, rand, symbool, grootte::float8 AS grootte, "
                                    "geometrietypes FROM publiek.objectsoort ORDER BY volgorde"),
        "wijken": await rows(sql.SQL("SELECT code, naam FROM publiek.wijk{} ORDER BY code").format(
            scope.condition(gemeente))),
        "stappen": await rows("SELECT code, naam FROM publiek.workflowstap ORDER BY volgorde"),
        "jaren": [r["jaar"] for r in await rows(sql.SQL("SELECT DISTINCT jaar FROM publiek.buurtdeal{} ORDER BY jaar")
                                                  .format(scope.condition(gemeente)))],
    }


def _match(prop: str, rows: list[dict[str, Any]]) -> list[Any]:
    expr: list[Any] = ["match", ["get", prop]]
    for row in rows:
        expr += [row["code"], row["kleur"]]
    return [*expr, FALLBACK_COLOUR]


def faded(opacity: float, statuses: list[dict[str, Any]]) -> float | list[Any]:
    """`opacity`, lowered for stopped work (buurt_vl.status.gestopt, the flag QGIS fades by) by FADED_OPACITY."""
    stopped = [row["code"] for row in statuses if row["gestopt"]]
    if not stopped:
        return opacity
    return ["case", ["in", ["get", "status"], ["literal", stopped]], round(opacity * FADED_OPACITY, 3), opacity]


def kind_layers(layer_id: str, kind: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Style layers for a [[publiek]] layer of one object kind, from its buurt_vl.objectsoort row: an area,
    point and/or line layer per allowed geometry type (one type: the layer's own id), in the kind's colours."""
    if kind is None:
        return []
    colour, edge = kind["kleur"], kind["rand"] or kind["kleur"]
    by_type = {
        "MULTIPOLYGON": ("vlak", {"type": "fill", "filter": ["==", ["geometry-type"], "Polygon"],
                                  "paint": {"fill-color": colour, "fill-opacity": 0.55, "fill-outline-color": edge}}),
        "LINESTRING": ("lijn", {"type": "line", "filter": ["==", ["geometry-type"], "LineString"],
                                "paint": {"line-color": colour, "line-width": 2.5}}),
        "POINT": ("punt", {"type": "circle", "filter": ["==", ["geometry-type"], "Point"],
                           "paint": {"circle-color": colour, "circle-radius": round(1.25 * float(kind["grootte"]), 2),
                                     "circle-stroke-color": "#ffffff",
                                     "circle-stroke-width": 0.8}}),
    }
    wanted = [t for t in by_type if t in kind["geometrietypes"]]  # areas below lines below points
    return [{"id": layer_id if len(wanted) == 1 else f"{layer_id}-{by_type[t][0]}", **by_type[t][1]}
            for t in wanted]


def style(layers: list[LayerSql], base_url: str, lists: dict[str, list[dict[str, Any]]],
          basemap: dict[str, Any] | None = None) -> dict[str, Any]:
    """The style; `basemap` (web/basemap.py) goes into the metadata: the viewer adds it only once it answered,
    so without a network the map is the plain one at once, without failing tile requests."""
    ids = [layer.id for layer in layers]
    src = COMPOSITE_SOURCE
    point = ["==", ["geometry-type"], "Point"]
    polygon = ["==", ["geometry-type"], "Polygon"]
    thema = _match("thema", lists["themas"])
    status = _match("status", lists["statussen"])
    soorten = lists["objectsoorten"]
    statussen = lists["statussen"]
    sources: dict[str, Any] = {src: {"type": "vector", "url": f"{base_url}tiles/{','.join(ids)}.json"}}
    style_layers: list[dict[str, Any]] = [
        {"id": "achtergrond", "type": "background", "paint": {"background-color": "#f4f1ea"}},
    ]

    def add(role: str, entries: Callable[[str], list[dict[str, Any]]]) -> None:
        for layer in layers:
            if ROLES.get(layer.layer.bron) == role:
                style_layers.extend({"source": src, "source-layer": layer.id, **entry} for entry in entries(layer.id))

    # the national view (zoom 5-8): each gemeente shaded by how much is going on there, one blue for "nothing
    # published" up to dark for the busiest; a single hue, readable for colour-blind users and in grey
    activity = ["+", ["get", "aantal_initiatieven"], ["get", "aantal_buurtdeals"]]
    add("overzicht", lambda i: [
        {"id": f"{i}-vlak", "type": "fill",
         "paint": {"fill-color": ["interpolate", ["linear"], activity, 0, "#eff3ff", 50, "#9ecae1", 250, "#3182bd",
                                  1000, "#08519c"], "fill-opacity": 0.85}},
        {"id": f"{i}-grens", "type": "line", "paint": {"line-color": "#ffffff", "line-width": 0.7}},
    ])
    add("buurt", lambda i: [
        {"id": f"{i}-vlak", "type": "fill", "paint": {"fill-color": "#ffffff", "fill-opacity": 0.35}},
        {"id": f"{i}-grens", "type": "line", "paint": {"line-color": "#8c8c8c", "line-width": 0.8,
                                                       "line-dasharray": [3, 2]}},
    ])
    for layer in layers:
        if layer.layer.soort:
            kind = next((r for r in soorten if r["code"] == layer.layer.soort), None)
            style_layers.extend({"source": src, "source-layer": layer.id, **entry}
                                for entry in kind_layers(layer.id, kind))
    add("wijk", lambda i: [{"id": f"{i}-grens", "type": "line", "paint": {"line-color": "#4d4d4d", "line-width": 2}}])
    # stopped work fades, as in QGIS: the map shows what is alive
    add("initiatief", lambda i: [
        {"id": f"{i}-vlak", "type": "fill", "filter": polygon,
         "paint": {"fill-color": thema, "fill-opacity": faded(0.3, statussen), "fill-outline-color": status}},
        {"id": f"{i}-punt", "type": "circle", "filter": point,
         "paint": {"circle-color": thema, "circle-radius": 5, "circle-opacity": faded(0.85, statussen),
                   "circle-stroke-color": status, "circle-stroke-width": 2,
                   "circle-stroke-opacity": faded(1, statussen)}},
    ])
    add("buurtdeal", lambda i: [
        {"id": f"{i}-vlak", "type": "fill", "filter": polygon,
         "paint": {"fill-color": thema, "fill-opacity": faded(0.45, statussen), "fill-outline-color": status}},
        {"id": f"{i}-rand", "type": "line", "filter": polygon,
         "paint": {"line-color": status, "line-width": 2.5, "line-opacity": faded(1, statussen)}},
        {"id": f"{i}-punt", "type": "circle", "filter": point,
         "paint": {"circle-color": thema, "circle-radius": 8, "circle-opacity": faded(1, statussen),
                   "circle-stroke-color": status, "circle-stroke-width": 3,
                   "circle-stroke-opacity": faded(1, statussen)}},
    ])
    return {
        "version": 8,
        "name": "Buurtkaart — virtuele stad",
        "metadata": {"buurtkaart:waardelijsten": lists, "buurtkaart:basiskaart": basemap or {},
                     "buurtkaart:vervaagd": FADED_OPACITY,
                     "buurtkaart:lagen": [{"id": layer.id, "titel": layer.layer.titel,
                                           "filters": list(layer.layer.filters),
                                           "rol": ROLES.get(layer.layer.bron)} for layer in layers]},
        "sources": sources,
        "layers": style_layers,
    }
