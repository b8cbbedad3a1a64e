"""The one module that knows tipg's internals (issue 23). Everything else in web/ogc/ imports tipg only from here.

tipg (pinned: tipg==1.6.1) has no extension points for what /ogc adds (Part 2 CRS, keyset paging, our filter
whitelist, faster links), so we override some of its private methods and patch two module globals. Those touches
are all below, in three groups:
- `install()`: the two module patches (conformance classes, CSV writer), applied explicitly by `create_fastapi()`
  at start-up, never on import;
- `TipgCollection`: tipg's PgCollection with its private hooks (`cql_where`, `_geom_expr`, `_features_query`,
  `_features_count_query`) routed to plain methods a subclass implements (collections.LayerCollection) without
  knowing tipg's SQL assembly or its internal column names (`tipg_geom`, `tipg_id`);
- `make_endpoints()`: tipg's Endpoints with our factories (`register_routes`, `url_for`, `conforms_to`).
`OVERRIDES` lists every tipg method we override; tests/ogc/test_contract.py fails when one of them no longer
exists in tipg with the same parameters, or when a patched global is no longer looked up where we patch it, so an
upgrade cannot silently bypass (say) the CQL operation whitelist.
"""

from __future__ import annotations

import contextvars
import itertools
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import asyncpg
import tipg.factory
from cql2 import Expr
from fastapi import APIRouter, Request
from morecantile.models import Tile, TileMatrixSet
from starlette.templating import Jinja2Templates
from tipg.collections import Catalog, Collection, Column, Feature, PgCollection, pg_get_collection_index
from tipg.collections import _quote_ident as quote_ident
from tipg.database import connection_factory
from tipg.dependencies import bbox_query, filter_query
from tipg.errors import (
    DEFAULT_STATUS_CODES,
    InvalidBBox,
    InvalidDatetimeColumnName,
    InvalidGeometryColumnName,
    InvalidPropertyName,
    MissingCollectionCatalog,
    MissingDatetimeColumn,
    MissingGeometryColumn,
    TiPgError,
)
from tipg.factory import Endpoints, EndpointsFactory, OGCFeaturesFactory, OGCTilesFactory
from tipg.openapi import _update_openapi as update_openapi
from tipg.settings import DatabaseSettings, FeaturesSettings

__all__ = [
    "DEFAULT_STATUS_CODES", "Catalog", "Collection", "Column", "DatabaseSettings", "FeaturesSettings",
    "InvalidBBox", "InvalidDatetimeColumnName", "InvalidGeometryColumnName", "InvalidPropertyName",
    "MissingCollectionCatalog", "MissingDatetimeColumn", "MissingGeometryColumn", "TiPgError", "TipgCollection",
    "bbox_query", "connection_factory", "filter_query", "install", "make_endpoints", "pg_get_collection_index",
    "quote_ident", "update_openapi",
]

# the names tipg's SELECT gives the geometry and the key of each row (PgCollection._select / _select_id)
GEOMETRY_FIELD = "tipg_geom"
ID_FIELD = "tipg_id"
DEFAULT_LIMIT = FeaturesSettings().default_features_limit
TEMPLATE_PACKAGE = "tipg"  # jinja2.PackageLoader(TEMPLATE_PACKAGE, "templates")

# the count of the current request (each runs in its own task), for the page's keyset boundary
_MATCHED: contextvars.ContextVar[int | None] = contextvars.ContextVar("ogc_matched", default=None)

# -- module patches -------------------------------------------------------------------------------------------

_ORIGINAL_CSV_ROWS = tipg.factory.create_csv_rows


def _csv_rows(data: Iterable[dict]) -> Iterator[str]:
    """tipg's CSV writer takes the header from the first row and raises StopIteration inside its generator when
    there is none (an empty page: a broken chunked answer). No rows, no lines; otherwise tipg's writer."""
    rows = iter(data)
    first = next(rows, None)
    if first is None:
        return iter(())
    return _ORIGINAL_CSV_ROWS(itertools.chain([first], rows))


def install() -> None:
    """Apply the two module patches (idempotent). tipg adds its module-level COMMON_CONFORMS to every
    conformance answer: drop the oas30 class there (FastAPI writes OpenAPI 3.1), in place, because the route reads
    that list; the items routes look `create_csv_rows` up in tipg.factory at each request."""
    tipg.factory.COMMON_CONFORMS[:] = [c for c in tipg.factory.COMMON_CONFORMS if not c.endswith("/oas30")]
    tipg.factory.create_csv_rows = _csv_rows


# -- the collection -------------------------------------------------------------------------------------------


class TipgCollection(PgCollection):
    """PgCollection whose private hooks call the plain methods below (defaults: tipg's own behaviour)."""

    # hooks for a subclass (no tipg internals needed) --------------------------------------------------------
    def check_cql(self, tree: Any) -> None:
        """Refuse a parsed CQL2 filter (its JSON tree) by raising; called before tipg builds SQL from it."""

    def tipg_handles_bbox(self) -> bool:
        """False: `bbox` is not in CRS84; extra_where() gets it instead of tipg."""
        return True

    def extra_where(self, bbox: list[float] | None, column: Column | None) -> list[Expr]:
        """Conditions ANDed to tipg's (bbox is given only when tipg_handles_bbox() is False)."""
        return []

    def output_srid(self) -> int:
        return 4326

    def finish_geometry(self, sql: str) -> str:
        """The geometry expression after transform/envelope/simplify (axis order, SRID for the GeoJSON)."""
        return sql

    def seek_key(self, where_sql: str, offset: int) -> Any | None:
        """The key of the row before `offset` in a walk of `where_sql` ordered by key, if known (keyset paging)."""
        return None

    def page_ended(self, where_sql: str, offset: int, last_key: Any, matched: int | None) -> None:
        """A page of the walk ordered by key ended at `offset` with `last_key`; `matched` is its count."""

    # tipg's hooks (OVERRIDES) -------------------------------------------------------------------------------
    def cql_where(self, ids: list[str] | None = None, datetime: list[str] | None = None,
                  bbox: list[float] | None = None, properties: list[tuple[str, Any]] | None = None,
                  cql: Expr | None = None, geom: str | None = None, dt: str | None = None,
                  tile: Tile | None = None, tms: TileMatrixSet | None = None) -> Expr | None:
        if cql is not None:
            self.check_cql(cql.to_json())
        ours = bbox is not None and not self.tipg_handles_bbox()
        where = super().cql_where(ids=ids, datetime=datetime, bbox=None if ours else bbox, properties=properties,
                                  cql=cql, geom=geom, dt=dt, tile=tile, tms=tms)
        exprs = [where] if where is not None else []
        exprs += self.extra_where(bbox if ours else None, self.get_geometry_column(geom))
        if not exprs:
            return None
        if len(exprs) == 1:
            return exprs[0]
        return Expr({"op": "and", "args": [e.to_json() for e in exprs]})

    def _geom_expr(self, geometry_column: Column | None, bbox_only: bool | None,
                   simplify: float | None) -> str | None:
        if geometry_column is None:
            return None
        srid = self.output_srid()
        g = f"CAST({quote_ident(geometry_column.name)} AS geometry)"
        if geometry_column.srid != srid:
            g = f"ST_Transform({g}, {int(srid)})"
        if bbox_only:
            g = f"ST_Envelope({g})"
        elif simplify:
            s = float(simplify)
            g = f"ST_SnapToGrid(ST_SimplifyPreserveTopology({g}, {s}), {s})"
        return self.finish_geometry(g)

    async def _features_count_query(self, conn: asyncpg.Connection, *, where: Expr | None = None,
                                    function_parameters: dict[str, str] | None) -> int:
        matched = await super()._features_count_query(conn, where=where, function_parameters=function_parameters)
        _MATCHED.set(matched)
        return matched

    async def _features_query(self, conn: asyncpg.Connection, *, where: Expr | None = None,
                              sortby: str | None = None, properties: list[str] | None = None,
                              geom: str | None = None, limit: int | None = None, offset: int | None = None,
                              bbox_only: bool | None = None, simplify: float | None = None,
                              geom_as_wkt: bool = False, function_parameters: dict[str, str] | None):
        """As tipg's, but a page that continues a walk ordered by key seeks (`key > K`) instead of OFFSET."""
        limit = limit or DEFAULT_LIMIT
        offset = offset or 0
        params: list[Any] = []
        where_sql = self._where_clause(where)
        keyed = sortby is None and self.id_column is not None
        after = self.seek_key(where_sql, offset) if keyed and offset else None
        parts = [self._select(properties=properties, geometry_column=self.get_geometry_column(geom),
                              bbox_only=bbox_only, simplify=simplify, geom_as_wkt=geom_as_wkt),
                 self._from(function_parameters, params), where_sql]
        if after is not None:
            params.append(after)
            parts.append(f"AND {quote_ident(self.id_column.name)} > ${len(params)}")
        parts += [self._sortby(sortby), f"LIMIT {int(limit)}"]
        if after is None:
            parts.append(f"OFFSET {int(offset)}")
        returned, last = 0, None
        for r in await conn.fetch(" ".join(parts), *params):
            props = dict(r)
            geometry = props.pop(GEOMETRY_FIELD)
            last = props.pop(ID_FIELD)
            returned += 1
            yield Feature(type="Feature", geometry=geometry, id=last, properties=props)
        if keyed and returned:
            self.page_ended(where_sql, offset + returned, last, _MATCHED.get())


# -- the endpoints --------------------------------------------------------------------------------------------

_MARK = "BKPARAM"


class TemplatedUrls:
    """tipg writes two links per feature with url_for, which walks the router's regexes each time: 2,000 calls
    for a page of 1,000 cost ~300 ms, many times the SQL. The URL for (base, route, parameter names) is made once
    with markers and then filled in; bounded, because the base comes from the Host header."""

    router: APIRouter

    def url_for(self, request: Request, name: str, **path_params: Any) -> str:
        names = tuple(sorted(path_params))
        values = [str(path_params[n]) for n in names]
        if any("/" in v or _MARK in v for v in values):
            return super().url_for(request, name, **path_params)  # type: ignore[misc]  (its own check and error)
        url = self._template(str(request.base_url), name, names)
        for i, value in enumerate(values):
            url = url.replace(f"{_MARK}{i}{_MARK}", value)
        return url

    def _template(self, base_url: str, name: str, names: tuple[str, ...]) -> str:
        cache: dict[tuple[str, str, tuple[str, ...]], str] = self.__dict__.setdefault("_url_templates", {})
        key = (base_url, name, names)
        found = cache.get(key)
        if found is None:
            if len(cache) >= 256:
                cache.clear()
            url_path = self.router.url_path_for(name, **{n: f"{_MARK}{i}{_MARK}" for i, n in enumerate(names)})
            found = cache[key] = str(url_path.make_absolute_url(base_url=base_url))
        return found


class FeaturesFactory(TemplatedUrls, OGCFeaturesFactory):
    pass


class TilesFactory(TemplatedUrls, OGCTilesFactory):
    pass


class BuurtkaartEndpoints(TemplatedUrls, Endpoints):
    """tipg's Features + Tiles endpoints. The conformance also declares what we add (Part 2, CRS), and not the
    oas30 classes tipg lists: FastAPI writes OpenAPI 3.1, which those classes do not cover."""

    extra_conformance: tuple[str, ...] = ()

    @property
    def conforms_to(self) -> list[str]:
        return [*(c for c in super().conforms_to if not c.endswith("/oas30")), *self.extra_conformance]

    def register_routes(self) -> None:
        """As tipg's Endpoints.register_routes, with the factories above."""
        self.ogc_features = FeaturesFactory(collections_dependency=self.collections_dependency,
                                            collection_dependency=self.collection_dependency,
                                            router_prefix=self.router_prefix, templates=self.templates,
                                            with_common=False)
        self.router.include_router(self.ogc_features.router)
        self.ogc_tiles = TilesFactory(collection_dependency=self.collection_dependency,
                                      router_prefix=self.router_prefix, templates=self.templates,
                                      supported_tms=self.supported_tms, with_viewer=self.with_tiles_viewer,
                                      with_common=False)
        self.router.include_router(self.ogc_tiles.router)


def make_endpoints(*, title: str, templates: Jinja2Templates, collection_dependency: Callable[..., Any],
                   supported_tms: Any, extra_conformance: Iterable[str]) -> BuurtkaartEndpoints:
    endpoints = BuurtkaartEndpoints(title=title, templates=templates, collection_dependency=collection_dependency,
                                    with_tiles_viewer=True, supported_tms=supported_tms)
    endpoints.extra_conformance = tuple(extra_conformance)  # read per request, by conforms_to
    return endpoints


# Every tipg method we override, as (tipg's class, method name, ours): tests/ogc/test_contract.py compares them.
OVERRIDES: tuple[tuple[type, str, type], ...] = (
    (PgCollection, "cql_where", TipgCollection),
    (PgCollection, "_geom_expr", TipgCollection),
    (PgCollection, "_features_query", TipgCollection),
    (PgCollection, "_features_count_query", TipgCollection),
    (EndpointsFactory, "url_for", TemplatedUrls),
    (Endpoints, "register_routes", BuurtkaartEndpoints),
    (Endpoints, "conforms_to", BuurtkaartEndpoints),
)
# tipg methods we call that are not public, and tipg routes that must look a patched global up at request time
CALLED: tuple[tuple[type, str], ...] = (
    (PgCollection, "_where_clause"), (PgCollection, "_select"), (PgCollection, "_from"),
    (PgCollection, "_sortby"), (PgCollection, "_select_id"),
)
PATCHED_GLOBALS: tuple[tuple[Callable[..., Any], str], ...] = (
    (OGCFeaturesFactory._items_route, "create_csv_rows"),
    (OGCFeaturesFactory._item_route, "create_csv_rows"),
    (EndpointsFactory._conformance_route, "COMMON_CONFORMS"),
)
