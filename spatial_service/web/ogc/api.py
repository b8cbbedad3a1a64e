"""/ogc: OGC API - Features (Part 1 core, Part 2 CRS, Part 3 filters) and OGC API - Tiles, served by tipg.

Why tipg (developmentseed, the library behind many PostGIS OGC APIs): it is async like this service, builds one SQL
statement per request in PostGIS (GeoJSON and MVT made by the database, not in Python), introspects our publiek
views for queryables, and mounts as an ASGI sub-application. pygeoapi (0.21 is the last for Python 3.11) needs
Flask, rasterio and a synchronous SQLAlchemy engine per collection, and its PostgreSQL provider also pages with
OFFSET. What tipg lacks we add here and in collections.py, without patching it: the catalogue's layers as
collections, Part 2 CRS (`crs`, `bbox-crs`, `Content-Crs`, `crs`/`storageCrs` in the collection metadata) and
keyset paging.

tipg uses asyncpg, so it has its own small pool (ogc/__init__.py): same database, same public login role as the
tile pool (resolved from the same `settings.public()` DSN), reading only the publiek views of the catalogue.
"""

from __future__ import annotations

import itertools
import json
import logging
from collections.abc import Iterable, Iterator
from typing import Annotated, Any

import asyncpg
import jinja2
import morecantile
import psycopg
import pyproj
import tipg.factory
from fastapi import APIRouter, FastAPI, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.datastructures import QueryParams
from starlette.exceptions import HTTPException
from starlette.templating import Jinja2Templates
from starlette.types import Message, Receive, Scope, Send
from tipg.collections import Collection
from tipg.dependencies import bbox_query
from tipg.errors import DEFAULT_STATUS_CODES, InvalidBBox, MissingCollectionCatalog, add_exception_handlers
from tipg.factory import Endpoints, OGCFeaturesFactory, OGCTilesFactory
from tipg.openapi import _update_openapi

from spatial_service.web.ogc import crs as crs_mod
from spatial_service.web.ogc.collections import FilterNotAllowed
from spatial_service.web.ogc.crs import PART2_CONFORMANCE, REQUEST_CRS, STORAGE_CRS, URIS, CrsError, RequestCrs

# PDOK's tiling scheme for the Netherlands in RD New (z0: one 256 px tile of 3440.64 m/px from the PDOK origin)
RD_NEW_QUAD = morecantile.TileMatrixSet.custom(
    [-285401.92, 22598.08, 595401.92, 903401.92], pyproj.CRS.from_epsg(28992), id="NetherlandsRDNewQuad",
    title="Nederland, RD New (EPSG:28992), zoals PDOK", minzoom=0, maxzoom=16)
TILE_MATRIX_SETS = morecantile.TileMatrixSets({}).register(
    {"WebMercatorQuad": morecantile.tms.get("WebMercatorQuad"), "WorldCRS84Quad": morecantile.tms.get("WorldCRS84Quad"),
     "NetherlandsRDNewQuad": RD_NEW_QUAD})

log = logging.getLogger(__name__)
TITLE = "Buurtkaart: buurtinitiatieven, buurtdeals en openbare ruimte (OGC API)"


# tipg adds its module-level common classes to every conformance answer; drop oas30 there too (in place: the
# conformance route reads that list)
tipg.factory.COMMON_CONFORMS[:] = [c for c in tipg.factory.COMMON_CONFORMS if not c.endswith("/oas30")]


def _csv_rows(data: Iterable[dict]) -> Iterator[str]:
    """tipg's CSV writer takes the header from the first row and raises StopIteration inside its generator when
    there is none (an empty page: a broken chunked answer). No rows, no lines; otherwise tipg's writer."""
    rows = iter(data)
    first = next(rows, None)
    if first is None:
        return iter(())
    return _tipg_csv_rows(itertools.chain([first], rows))


_tipg_csv_rows = tipg.factory.create_csv_rows
tipg.factory.create_csv_rows = _csv_rows  # the items routes look it up in the module at each request


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


_MARK = "BKPARAM"


class FeaturesFactory(TemplatedUrls, OGCFeaturesFactory):
    pass


class TilesFactory(TemplatedUrls, OGCTilesFactory):
    pass


class BuurtkaartEndpoints(TemplatedUrls, Endpoints):
    """tipg's Features + Tiles endpoints. The conformance also declares Part 2 (CRS), which we add, and not the
    oas30 classes tipg lists: FastAPI writes OpenAPI 3.1, which those classes do not cover."""

    @property
    def conforms_to(self) -> list[str]:
        return [*(c for c in super().conforms_to if not c.endswith("/oas30")), PART2_CONFORMANCE]

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


def collection_param(request: Request,
                     collectionId: Annotated[str, Path(description="Id van de collectie (laag uit de catalogus)")]
                     ) -> Collection:
    catalog = getattr(request.app.state, "collection_catalog", None)
    if not catalog:
        raise MissingCollectionCatalog("De collecties zijn nog niet geladen.")
    found = catalog["collections"].get(collectionId)
    if found is None:
        raise HTTPException(status_code=404, detail=f"Collectie '{collectionId[:80]}' bestaat niet; kies uit "
                                                    f"{', '.join(catalog['collections'])}.")
    return found


def bbox_in_crs(bbox: Annotated[str | None, Query(description="Ruimtelijk filter, in `bbox-crs` (standaard CRS84)")]
                = None) -> list[float] | None:
    """tipg's bbox check assumes degrees; this one checks against the range of the request's `bbox-crs`."""
    if not bbox:
        return None
    crs = REQUEST_CRS.get().bbox
    try:
        bounds = [float(v) for v in bbox.split(",")]
    except ValueError:
        raise InvalidBBox(f"Parameter 'bbox': '{bbox[:100]}' is geen lijst van 4 of 6 getallen.") from None
    if len(bounds) not in (4, 6):
        raise InvalidBBox(f"Parameter 'bbox': verwacht 4 of 6 getallen, kreeg {len(bounds)}.")
    if len(bounds) == 6:
        xs, ys = (bounds[0], bounds[3]), (bounds[1], bounds[4])
    else:
        xs, ys = (bounds[0], bounds[2]), (bounds[1], bounds[3])
    lo_x, lo_y, hi_x, hi_y = crs.limits
    if not all(lo_x <= x <= hi_x for x in xs) or not all(lo_y <= y <= hi_y for y in ys):
        raise InvalidBBox(f"Parameter 'bbox': {bounds} ligt buiten het bereik van {crs.uri}; geef `bbox-crs` op "
                          "als de bbox in een ander coördinatenstelsel staat.")
    return bounds


async def _invalid_parameter(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = "; ".join(f"parameter '{err['loc'][-1]}': {err['msg']}" for err in exc.errors()[:5])
    return JSONResponse({"code": "InvalidParameterValue", "description": f"Ongeldige invoer: {problems}"},
                        status_code=400)


# A pool connection the database dropped (restart, terminated backend, network) fails its next query with one of
# these; asyncpg then discards it. OgcApi retries a GET once on a fresh connection before answering 503.
CONNECTION_LOST: tuple[type[Exception], ...] = (
    OSError, asyncpg.PostgresConnectionError, asyncpg.InterfaceError, asyncpg.InternalClientError,
    asyncpg.exceptions.OperatorInterventionError)
RETRY_HEADER = b"x-buurtkaart-opnieuw"


async def _unavailable(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"code": "ServiceUnavailable", "description": "De database is even niet bereikbaar; "
                         f"probeer het zo opnieuw ({str(exc)[:120]})."}, status_code=503,
                        headers={RETRY_HEADER.decode(): "1"})


async def _internal(request: Request, exc: Exception) -> JSONResponse:
    """Anything unforeseen: logged in full, answered without internals (tipg would echo the database's text)."""
    log.error("OGC-verzoek %s mislukt", request.url.path, exc_info=exc)
    return JSONResponse({"code": "InternalError", "description": "Interne fout in de OGC API; zie het log van de "
                         "service."}, status_code=500)


def create_fastapi() -> FastAPI:
    # Swagger UI asks swagger.io's online validator about every public spec: a third party (security.py)
    app = FastAPI(title=TITLE, openapi_url="/api", docs_url="/api.html", swagger_ui_parameters={"validatorUrl": None})
    _update_openapi(app)
    templates = Jinja2Templates(env=jinja2.Environment(loader=jinja2.PackageLoader("tipg", "templates"),
                                                       autoescape=True))
    endpoints = BuurtkaartEndpoints(title=TITLE, templates=templates, collection_dependency=collection_param,
                                    with_tiles_viewer=True, supported_tms=TILE_MATRIX_SETS)
    app.include_router(endpoints.router)
    # OGC API Features Part 1 (/req/core/query-param-invalid): a bad parameter value is 400, where tipg says 422
    codes = {exc: 400 if code == 422 else code for exc, code in DEFAULT_STATUS_CODES.items()}
    # a filter value of the wrong type is the client's mistake; a query cut off by statement_timeout is load
    codes.update({FilterNotAllowed: 400, asyncpg.DataError: 400, asyncpg.UndefinedFunctionError: 400,
                  asyncpg.QueryCanceledError: 503})
    add_exception_handlers(app, codes)
    for unreachable in CONNECTION_LOST:
        app.add_exception_handler(unreachable, _unavailable)
    app.add_exception_handler(Exception, _internal)
    app.add_exception_handler(RequestValidationError, _invalid_parameter)
    app.dependency_overrides[bbox_query] = bbox_in_crs
    return app


def _relative(scope: Scope) -> str:
    path, root = scope["path"], scope.get("root_path", "")
    return path[len(root):] if root and path.startswith(root) else path


class OgcApi:
    """The ASGI app mounted at /ogc: parses Part 2's `crs`/`bbox-crs` for the request, adds `Content-Crs` to
    feature answers and the CRS lists to collection metadata, and hands everything else to tipg unchanged."""

    def __init__(self) -> None:
        self.fastapi = create_fastapi()
        self.state = self.fastapi.state
        self.ready = None  # set by ogc.lifespan: awaitable that loads the pool and catalog once

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.fastapi(scope, receive, send)
            return
        query = QueryParams(scope.get("query_string", b""))
        try:
            request_crs = RequestCrs(output=crs_mod.parse(query.get("crs"), "crs"),
                                     bbox=crs_mod.parse(query.get("bbox-crs"), "bbox-crs"))
        except CrsError as exc:
            await _json(send, 400, {"code": "InvalidParameterValue", "description": str(exc)})
            return
        if self.ready is not None:
            try:
                await self.ready()
            except (OSError, psycopg.Error, asyncpg.PostgresError) as exc:
                await _json(send, 503, {"code": "ServiceUnavailable", "description":
                                        f"De database is niet bereikbaar; probeer het zo opnieuw ({str(exc)[:120]})."})
                return
        parts = [p for p in _relative(scope).split("/") if p]
        # tipg's links (url_for) must come from tipg's router and start at /ogc: the outer app put its own
        # router and root in the scope
        scope = {**scope, "router": self.fastapi.router, "app_root_path": scope.get("root_path", "")}
        token = REQUEST_CRS.set(request_crs)
        try:
            if parts[:1] == ["collections"] and len(parts) >= 3 and parts[2] == "items":
                send = _with_content_crs(send, request_crs.output.uri)
            elif parts[:1] == ["collections"] and len(parts) <= 2:
                send = _with_crs_lists(send, self.state)
            if scope["method"] in ("GET", "HEAD") and await self._answered_unless_connection_lost(scope, receive, send):
                return
            await self.fastapi(scope, receive, send)
        finally:
            REQUEST_CRS.reset(token)

    async def _answered_unless_connection_lost(self, scope: Scope, receive: Receive, send: Send) -> bool:
        """Run the request; if it failed on a dropped database connection, send nothing and return False (the
        caller runs it once more, on a fresh connection)."""
        lost = False

        async def watch(message: Message) -> None:
            nonlocal lost
            if message["type"] == "http.response.start" and message["status"] == 503 and any(
                    k == RETRY_HEADER for k, _ in message.get("headers", [])):
                lost = True
            if not lost:
                await send(message)

        await self.fastapi(scope, receive, watch)
        return not lost


async def _json(send: Send, status: int, body: dict) -> None:
    data = json.dumps(body, ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode())]})
    await send({"type": "http.response.body", "body": data})


def _with_content_crs(send: Send, uri: str) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            message = {**message, "headers": [*message.get("headers", []), (b"content-crs", f"<{uri}>".encode())]}
        await send(message)
    return wrapped


def _with_crs_lists(send: Send, state: object) -> Send:
    """Collection metadata (JSON only; small): the CRSs we serve, the storage CRS and the catalogue title."""
    start: Message | None = None
    chunks: list[bytes] = []

    async def wrapped(message: Message) -> None:
        nonlocal start
        if message["type"] == "http.response.start":
            headers = dict(message.get("headers", []))
            if message["status"] != 200 or not headers.get(b"content-type", b"").startswith(b"application/json"):
                await send(message)
                start = None
                return
            start = message
            return
        if start is None:
            await send(message)
            return
        chunks.append(message.get("body", b""))
        if message.get("more_body"):
            return
        body = json.loads(b"".join(chunks))
        catalog = getattr(state, "collection_catalog", None) or {"collections": {}}
        for item in body.get("collections", [body] if "id" in body else []):
            item["crs"] = list(URIS)
            item["storageCrs"] = STORAGE_CRS
            known = catalog["collections"].get(item.get("id"))
            if known is not None and known.title:
                item["title"] = known.title
        data = json.dumps(body, ensure_ascii=False).encode()
        headers = [(k, v) for k, v in start.get("headers", []) if k != b"content-length"]
        await send({**start, "headers": [*headers, (b"content-length", str(len(data)).encode())]})
        await send({"type": "http.response.body", "body": data})

    return wrapped
