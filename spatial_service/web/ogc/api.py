"""/ogc: OGC API - Features (Part 1 core, Part 2 CRS, Part 3 filters) and OGC API - Tiles, served by tipg.

Why tipg (developmentseed, the library behind many PostGIS OGC APIs): it is async like this service, builds one SQL
statement per request in PostGIS (GeoJSON and MVT made by the database, not in Python), introspects our publiek
views for queryables, and mounts as an ASGI sub-application. pygeoapi (0.21 is the last for Python 3.11) needs
Flask, rasterio and a synchronous SQLAlchemy engine per collection, and its PostgreSQL provider also pages with
OFFSET. What tipg lacks we add here and in collections.py: the catalogue's layers as collections, Part 2 CRS
(`crs`, `bbox-crs`, `Content-Crs`, `crs`/`storageCrs` in the collection metadata), keyset paging, and the input
bounds of limits.py. Where that needs tipg's internals (private hooks, two module patches), tipg_adapter.py does
it, applied explicitly at start-up; no other module here touches them.

tipg uses asyncpg, so it has its own small pool (ogc/__init__.py): same database, same public login role as the
tile pool (resolved from the same `settings.public()` DSN), reading only the publiek views of the catalogue.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Annotated, Any, Literal
from urllib.parse import parse_qsl

import asyncpg
import jinja2
import morecantile
import psycopg
import pyproj
from cql2 import Expr
from fastapi import FastAPI, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.datastructures import QueryParams
from starlette.exceptions import HTTPException
from starlette.templating import Jinja2Templates
from starlette.types import Message, Receive, Scope, Send

from spatial_service.web.ogc import crs as crs_mod
from spatial_service.web.ogc import tipg_adapter
from spatial_service.web.ogc.collections import FilterNotAllowed
from spatial_service.web.ogc.crs import PART2_CONFORMANCE, REQUEST_CRS, STORAGE_CRS, URIS, CrsError, RequestCrs
from spatial_service.web.ogc.limits import (
    OgcInputError,
    OgcLimits,
    Target,
    check_query,
    check_tile,
    safe_accept,
    valid_id,
)
from spatial_service.web.ogc.tipg_adapter import (
    DEFAULT_STATUS_CODES,
    Collection,
    InvalidBBox,
    InvalidDatetimeColumnName,
    InvalidGeometryColumnName,
    InvalidPropertyName,
    MissingCollectionCatalog,
    MissingDatetimeColumn,
    MissingGeometryColumn,
    bbox_query,
    filter_query,
)
from spatial_service.web.rewriting import rewriting_send

# PDOK's tiling scheme for the Netherlands in RD New (z0: one 256 px tile of 3440.64 m/px from the PDOK origin)
RD_NEW_QUAD = morecantile.TileMatrixSet.custom(
    [-285401.92, 22598.08, 595401.92, 903401.92], pyproj.CRS.from_epsg(28992), id="NetherlandsRDNewQuad",
    title="Nederland, RD New (EPSG:28992), zoals PDOK", minzoom=0, maxzoom=16)
TILE_MATRIX_SETS = morecantile.TileMatrixSets({}).register(
    {"WebMercatorQuad": morecantile.tms.get("WebMercatorQuad"), "WorldCRS84Quad": morecantile.tms.get("WorldCRS84Quad"),
     "NetherlandsRDNewQuad": RD_NEW_QUAD})

log = logging.getLogger(__name__)
TITLE = "Buurtkaart: buurtinitiatieven, buurtdeals en openbare ruimte (OGC API)"


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


def bbox_in_crs(request: Request,
                bbox: Annotated[str | None, Query(description="Ruimtelijk filter, in `bbox-crs` (standaard CRS84)")]
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
    try:
        lo_x, lo_y, hi_x, hi_y = crs_mod.limits_of(crs, getattr(request.app.state, "crs_areas", {}))
    except CrsError as exc:
        raise InvalidBBox(str(exc)) from None
    if not all(lo_x <= x <= hi_x for x in xs) or not all(lo_y <= y <= hi_y for y in ys):
        raise InvalidBBox(f"Parameter 'bbox': {bounds} ligt buiten het bereik van {crs.uri}; geef `bbox-crs` op "
                          "als de bbox in een ander coördinatenstelsel staat.")
    return bounds


def parsed_filter(
        query: Annotated[str | None, Query(description="CQL2-filter (Part 3) op de queryables", alias="filter")] = None,
        filter_lang: Annotated[Literal["cql2-text", "cql2-json"] | None,
                               Query(description="cql2-text (standaard) of cql2-json", alias="filter-lang")] = None,
) -> Expr | None:
    """tipg's filter dependency, with cql2's parse error (a bare Exception) as a Dutch 400. The value was bounded
    by limits.py before this runs: cql2 never sees a filter deep enough to overflow its stack."""
    if query is None:
        return None
    try:
        return Expr(Expr(query).to_json())  # the JSON round trip as tipg does it (CRS84 literals, see tipg)
    except Exception as exc:  # cql2 raises Exception itself for any syntax error
        first = str(exc).strip().splitlines()[-1].strip(" =")[:120] if str(exc).strip() else "onleesbaar"
        raise FilterNotAllowed(f"Parameter 'filter': geen geldig CQL2 ({filter_lang or 'cql2-text'}): {first}."
                               ) from None


def _document(app: FastAPI) -> None:
    """The OpenAPI document says what we answer: 400/404/503 with the OGC exception JSON (no 422: Part 1 wants
    400), and the Part 2 parameters `crs` and `bbox-crs`, which our wrapper (OgcApi) reads."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        doc = generate()
        schemas = doc.setdefault("components", {}).setdefault("schemas", {})
        schemas["OgcException"] = {"type": "object", "required": ["code", "description"],
                                   "properties": {"code": {"type": "string"}, "description": {"type": "string"}}}
        error = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/OgcException"}}}}
        crs_values = {"type": "string", "enum": list(URIS)}
        for path, operations in doc["paths"].items():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                responses.pop("422", None)
                params = operation.get("parameters", [])
                if any(p["name"] == "f" and "html" in json.dumps(p.get("schema")) for p in params):
                    responses.setdefault("200", {"description": "OK"}).setdefault("content", {}).setdefault(
                        "text/html", {"schema": {"type": "string"}})
                responses["400"] = {"description": "Ongeldige of onbekende parameter, of een grens overschreden",
                                    **error}
                responses["404"] = {"description": "Collectie, object of tegel bestaat niet", **error}
                responses["503"] = {"description": "Database even niet bereikbaar of te druk", **error}
                if path.endswith("/items") or path.endswith("/items/{itemId}"):
                    params = operation.setdefault("parameters", [])
                    params.append({"name": "crs", "in": "query", "required": False, "schema": crs_values,
                                   "description": "CRS van het antwoord (Part 2); standaard CRS84"})
                    if path.endswith("/items"):
                        params.append({"name": "bbox-crs", "in": "query", "required": False, "schema": crs_values,
                                       "description": "CRS van `bbox` (Part 2); standaard CRS84"})
        schemas.pop("HTTPValidationError", None)
        schemas.pop("ValidationError", None)
        app.openapi_schema = doc
        return doc

    app.openapi = openapi  # type: ignore[method-assign]


def _ogc_error(status: int):
    """tipg's handlers answer {"detail": ...}; OGC API wants the exception JSON with `code` and `description`."""
    async def handler(request: Request, exc: Exception) -> JSONResponse:
        if status >= 500:
            return await _internal(request, exc)
        return JSONResponse({"code": type(exc).__name__, "description": str(exc)[:500]}, status_code=status)
    return handler


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    code = {404: "NotFound", 405: "MethodNotAllowed"}.get(exc.status_code, "InvalidParameterValue")
    description = exc.detail if exc.status_code != 405 else "Alleen GET (en HEAD) is toegestaan."
    return JSONResponse({"code": code, "description": str(description)[:500]}, status_code=exc.status_code,
                        headers=getattr(exc, "headers", None))


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
    tipg_adapter.install()  # tipg's two module patches, here at start-up (see tipg_adapter)
    # Swagger UI asks swagger.io's online validator about every public spec: a third party (security.py)
    app = FastAPI(title=TITLE, openapi_url="/api", docs_url="/api.html", swagger_ui_parameters={"validatorUrl": None})
    tipg_adapter.update_openapi(app)
    templates = Jinja2Templates(env=jinja2.Environment(
        loader=jinja2.PackageLoader(tipg_adapter.TEMPLATE_PACKAGE, "templates"), autoescape=True))
    endpoints = tipg_adapter.make_endpoints(title=TITLE, templates=templates, collection_dependency=collection_param,
                                            supported_tms=TILE_MATRIX_SETS, extra_conformance=[PART2_CONFORMANCE])
    app.include_router(endpoints.router)
    # OGC API Features Part 1 (/req/core/query-param-invalid): a bad parameter value is 400, where tipg says 422
    codes = {exc: 400 if code == 422 else code for exc, code in DEFAULT_STATUS_CODES.items()}
    # a filter value of the wrong type is the client's mistake; a query cut off by statement_timeout is load
    codes.update({FilterNotAllowed: 400, asyncpg.DataError: 400, asyncpg.UndefinedFunctionError: 400,
                  asyncpg.DatatypeMismatchError: 400, asyncpg.QueryCanceledError: 503,
                  # Part 1: an unknown field is a bad parameter (tipg says 404); a collection without a time
                  # column given `datetime` likewise (tipg says 500)
                  InvalidPropertyName: 400, MissingDatetimeColumn: 400, InvalidDatetimeColumnName: 400,
                  InvalidGeometryColumnName: 400, MissingGeometryColumn: 400})
    for exc_class, code in codes.items():
        app.add_exception_handler(exc_class, _ogc_error(code))
    app.add_exception_handler(HTTPException, _http_error)
    for unreachable in CONNECTION_LOST:
        app.add_exception_handler(unreachable, _unavailable)
    app.add_exception_handler(Exception, _internal)
    app.add_exception_handler(RequestValidationError, _invalid_parameter)
    app.dependency_overrides[bbox_query] = bbox_in_crs
    app.dependency_overrides[filter_query] = parsed_filter
    _document(app)
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
        self.limits = OgcLimits()  # ogc.lifespan sets them from the settings
        self._routes: list[tuple[re.Pattern[str], frozenset[str]]] | None = None
        self._matrices = {tms: {m.id: (m.matrixWidth, m.matrixHeight) for m in TILE_MATRIX_SETS.get(tms).tileMatrices}
                          for tms in TILE_MATRIX_SETS.list()}

    def documented_parameters(self, path: str) -> frozenset[str] | None:
        """The query parameters the OpenAPI document gives for GET `path` (None: no such route). The document is
        the contract, so a parameter we do not describe is unknown (Part 1 /req/core/query-param-unknown)."""
        if self._routes is None:
            routes = []
            for template, operations in self.fastapi.openapi()["paths"].items():
                pattern = re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template.rstrip("/") or "/"))
                names = frozenset(p["name"] for p in operations.get("get", {}).get("parameters", [])
                                  if p["in"] == "query")
                routes.append((re.compile(f"^{pattern}/?$"), names))
            self._routes = routes
        for pattern, names in self._routes:
            if pattern.match(path):
                return names
        return None

    def guard(self, parts: list[str], scope: Scope) -> None:
        """Refuse (OgcInputError) what tipg and cql2 must never see; limits.py says why."""
        path = "/" + "/".join(parts)
        allowed = self.documented_parameters(path)
        if allowed is None:
            return  # tipg answers 404 (and its own /api, /api.html)
        raw = scope.get("query_string", b"")
        try:
            items = parse_qsl(raw.decode("utf-8"), keep_blank_values=True, strict_parsing=False,
                              errors="strict", max_num_fields=self.limits.params + 1)
        except (UnicodeDecodeError, ValueError):
            raise OgcInputError("De parameters zijn geen geldige UTF-8 of bevatten te veel velden "
                                f"(grens {self.limits.params}, instelling BUURTKAART_OGC_MAX_PARAMS).") from None
        target = None
        catalog = getattr(self.state, "collection_catalog", None)
        if parts[:1] == ["collections"] and len(parts) >= 2 and catalog is not None:
            collection = catalog["collections"].get(parts[1])
            if collection is not None:
                target = Target(fields=frozenset(c.name for c in collection.properties if not c.is_geometry),
                                id_type=collection.id_column.type if collection.id_column else None,
                                geometry_columns=frozenset(c.name for c in collection.geometry_columns),
                                datetime_columns=frozenset(c.name for c in collection.datetime_columns))
        check_query(items, allowed, target, self.limits)
        if target is not None and len(parts) == 4 and parts[2] == "items" and not valid_id(parts[3], target):
            raise OgcInputError(f"Object '{parts[3][:40]}' bestaat niet in collectie '{parts[1]}'.", code="NotFound",
                                status=404)
        if len(parts) == 7 and parts[2] == "tiles" and parts[3] in self._matrices:
            check_tile(parts[4], parts[5], parts[6], self._matrices[parts[3]])

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
        try:
            self.guard(parts, scope)
        except OgcInputError as exc:
            await _json(send, exc.status, exc.body())
            return
        # tipg's links (url_for) must come from tipg's router and start at /ogc: the outer app put its own
        # router and root in the scope
        scope = {**scope, "router": self.fastapi.router, "app_root_path": scope.get("root_path", "")}
        headers = scope.get("headers", [])
        if any(k == b"accept" for k, _ in headers):
            try:
                scope["headers"] = [(k, safe_accept(v.decode("latin-1"), self.limits).encode("latin-1"))
                                    if k == b"accept" else (k, v) for k, v in headers]
            except OgcInputError as exc:
                await _json(send, exc.status, exc.body())
                return
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

    def metadata(start: Message) -> bool:
        headers = dict(start.get("headers", []))
        return start["status"] == 200 and headers.get(b"content-type", b"").startswith(b"application/json")

    def rewrite(start: Message, data: bytes) -> tuple[list[tuple[bytes, bytes]], bytes]:
        body = json.loads(data)
        catalog = getattr(state, "collection_catalog", None) or {"collections": {}}
        for item in body.get("collections", [body] if "id" in body else []):
            item["crs"] = list(URIS)
            item["storageCrs"] = STORAGE_CRS
            known = catalog["collections"].get(item.get("id"))
            if known is not None and known.title:
                item["title"] = known.title
        return start.get("headers", []), json.dumps(body, ensure_ascii=False).encode()

    return rewriting_send(send, metadata, rewrite)
