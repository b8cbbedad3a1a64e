"""GET /openapi.json: the OpenAPI 3 document of the service's own routes (the OGC API under /ogc has its own, from
tipg: /ogc/api).

Built from the one route table (app.py's ROUTE_MODULES): every route is described once in OPERATIONS by its
path, and a route marked `http.per_gemeente` is listed a second time under /g/{gemeente}/, so the document
cannot list a path the service does not have or miss the /g/ copy of one it has (tests/service/test_openapi.py
checks both ways). Layer ids and gemeentecodes come from the running service (catalogue, publiek.gemeente), so
a client generated from it (and schemathesis in the tests) asks for real layers and gemeenten.
"""

from __future__ import annotations

import copy
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route

from spatial_service.web.http import MVT_TYPE, PER_GEMEENTE, service
from spatial_service.web.requests import MAX_ZOOM

ERROR = {"$ref": "#/components/schemas/Fout"}
JSON_OBJECT = {"type": "object"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*statuses: int, html: bool = False) -> dict[str, Any]:
    texts = {400: "Ongeldig verzoek (de melding zegt wat er mis is)", 404: "Niet gevonden",
             413: "Verzoek te groot", 503: "De database is (nog) niet bereikbaar, of het is te druk"}
    found = {}
    for status in statuses:
        entry = _json(ERROR, texts[status])
        if html and status in (400, 404):  # the viewer page of an unknown gemeente is an HTML page
            entry["content"]["text/html"] = {"schema": {"type": "string"}}
        found[str(status)] = entry
    return found


def _query(name: str, description: str, schema: dict[str, Any] | None = None, required: bool = False,
           example: str | None = None) -> dict[str, Any]:
    param: dict[str, Any] = {"name": name, "in": "query", "required": required, "description": description,
                             "schema": schema or {"type": "string"}}
    if example is not None:
        param["example"] = example
    return param


def _path(name: str, description: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "description": description,
            "schema": schema or {"type": "string"}}


def _object(*required: str) -> dict[str, Any]:
    return {"type": "object", "required": list(required)}


TILE_FILTERS = [
    _query("jaar", "Jaar of jaren (komma's), bv. 2017,2018", example="2018"),
    _query("thema", "Themacode(s), bv. verkeer,ontmoeten"),
    _query("status", "Statuscode(s)"),
    _query("wijk", "Wijkcode(s), bv. WK040201"),
    _query("gemeente", "Gemeentecode(s) (niet onder /g/{gemeente}/)"),
]
def _pages(ok: str, *statuses: int) -> dict[str, Any]:
    """The answers of a resident's page (web/loket/): HTML, also for its refusals; a path the router does not
    match (a malformed id, an unknown gemeente) gets the service's JSON error body."""
    texts = {400: "Geweigerd (het formulier opnieuw, met de melding)",
             404: "Onbekend, gebruikt of verlopen (token), of niet openbaar (initiatief)", 413: "Formulier te groot",
             415: "Geen formulier (application/x-www-form-urlencoded)",
             429: "Te veel verzoeken van dit adres (Retry-After)", 503: "De database is niet bereikbaar"}
    found: dict[str, Any] = {"200": _page(ok)}
    for status in statuses:
        entry = _page(texts[status])
        entry["content"]["application/json"] = {"schema": ERROR}
        if status == 400:  # a body that is not valid HTTP at all gets uvicorn's own plain-text 400
            entry["content"]["text/plain"] = {"schema": {"type": "string"}}
        found[str(status)] = entry
    return found


FORM_FIELDS = ("titel", "omschrijving", "thema", "geojson", "buurtcode", "naam", "email", "toestemming")


def _form(*fields: str) -> dict[str, Any]:
    return {"required": True, "content": {"application/x-www-form-urlencoded": {"schema": {
        "type": "object", "properties": {f: {"type": "string"} for f in fields}}}}}


TOKEN = _path("token", "De code uit de link in de mail", {"type": "string"})
PAGE_ERRORS = (400, 404, 503)
POST_ERRORS = (400, 404, 413, 415, 429, 503)
LAYERS = _path("layers", "Laag-id's gescheiden door komma's (de catalogus)", {"$ref": "#/components/schemas/Lagen"})
GENERAL = (400, 404, 503)

HTML = {"text/html": {"schema": {"type": "string"}}}


def _page(description: str) -> dict[str, Any]:
    # a copy each time: _pages adds the JSON and plain-text bodies of some answers to its own entry only
    return {"description": description, "content": dict(HTML)}


def _werkbak_pages(*statuses: int) -> dict[str, Any]:
    """The werkbak's answers: Dutch HTML pages, a 303 to the login page (or back), never kept (no-store)."""
    texts = {303: "Doorverwijzing (naar de inlogpagina, of terug na het inloggen)",
             400: "Formulier niet goed verstuurd", 401: "Inloggen niet gelukt (één melding voor elke reden)",
             403: "Geweigerd: het beveiligingsveld (CSRF) ontbreekt of klopt niet", 413: "Formulier te groot",
             429: "Te veel mislukte pogingen (afgeremd)", 503: "De database is niet bereikbaar"}
    return {str(s): ({"description": texts[s]} if s == 303 else _page(texts[s])) for s in statuses}


LOGIN_FORM = {"type": "object", "required": ["csrf", "naam", "wachtwoord"], "properties": {
    "csrf": {"type": "string"}, "naam": {"type": "string"}, "wachtwoord": {"type": "string"},
    "terug": {"type": "string"}}}

WERKBAK_ITEM = [_path("soort", "initiatief of buurtdeal"), _path("id", "Nummer")]


def _werkbak_post(summary: str, *extra: dict[str, Any]) -> dict[str, Any]:
    """A werkbak form (urlencoded, with the csrf field): a 303 back to the page, or the page with the refusal."""
    return {"post": {"summary": f"Werkbak: {summary}", "parameters": [*WERKBAK_ITEM, *extra], "responses": {
        **_werkbak_pages(303, 400, 403, 413, 503), "404": _page("Niet gevonden (of niet van de eigen gemeente)")}}}


# path (as in the route table) -> method -> operation
OPERATIONS: dict[str, dict[str, dict[str, Any]]] = {
    "/": {"get": {"summary": "De virtuele stad (viewer)", "responses": {
        "200": {"description": "De pagina", "content": {"text/html": {"schema": {"type": "string"}}}},
        **_errors(*GENERAL, html=True)}}},
    "/health": {"get": {"summary": "Gezondheid van de service", "responses": {
        "200": _json(_object("status", "database", "lagen"), "In orde"),
        "503": _json(_object("status", "database", "lagen"), "Gestoord"), **_errors(400, 404)}}},
    "/versie.json": {"get": {"summary": "Tellers van wijzigingen (de viewer volgt ze)", "responses": {
        "200": _json(_object("invalidaties", "herverbonden"), "Tellers"), **_errors(*GENERAL)}}},
    "/style.json": {"get": {"summary": "MapLibre-stijl van de virtuele stad", "responses": {
        "200": _json(_object("version", "sources", "layers", "metadata"), "De stijl"), **_errors(*GENERAL)}}},
    "/labels.json": {"get": {"summary": "Namen van wijken en buurten (GeoJSON)", "responses": {
        "200": {"description": "FeatureCollection",
                "content": {"application/geo+json": {"schema": _object("type", "features")}}},
        **_errors(*GENERAL)}}},
    "/details.json": {"get": {"summary": "Lijst en detailpaneel: initiatieven en buurtdeals", "responses": {
        "200": _json(_object("stappen", "items"), "Stappen en items"), **_errors(*GENERAL)}}},
    "/tiles/{layers}.json": {"get": {"summary": "TileJSON 3.0 van een of meer lagen",
                                     "parameters": [LAYERS, *TILE_FILTERS], "responses": {
        "200": _json(_object("tilejson", "tiles", "vector_layers"), "TileJSON"), **_errors(*GENERAL)}}},
    "/tiles/{layers}/{z}/{x}/{y}.pbf": {"get": {
        "summary": "Vectortegel (Mapbox Vector Tile) van een of meer lagen",
        "parameters": [LAYERS, _path("z", "Zoom", {"type": "integer", "minimum": 0, "maximum": MAX_ZOOM}),
                       _path("x", "Kolom (0 tot 2^z)", {"type": "integer", "minimum": 0}),
                       _path("y", "Rij (0 tot 2^z)", {"type": "integer", "minimum": 0}), *TILE_FILTERS],
        "responses": {"200": {"description": "De tegel (leeg als er niets ligt)",
                              "content": {MVT_TYPE: {"schema": {"type": "string", "format": "binary"}}}},
                      "304": {"description": "Ongewijzigd (If-None-Match)"}, **_errors(*GENERAL)}}},
    "/tiles/{rest}": {"get": {"summary": "Elk ander pad onder /tiles/: een Nederlandse 400 met het goede pad",
                              "parameters": [_path("rest", "Pad")], "responses": _errors(*GENERAL)}},
    "/static/{path}": {"get": {"summary": "Bestanden van de viewer", "parameters": [_path("path", "Bestand")],
                               "responses": {"200": {"description": "Het bestand", "content": {"*/*": {}}},
                                             **_errors(*GENERAL)}}},
    "/agenda/{wijkcode}.json": {"get": {"summary": "Wijkpaneel: de wijkagenda van een wijk",
                                        "parameters": [_path("wijkcode", "Wijkcode, bv. WK040201")],
                                        "responses": {"200": _json(JSON_OBJECT, "Het paneel"), **_errors(*GENERAL)}}},
    "/cijfers/indicatoren.json": {"get": {"summary": "Buurtmonitor: indicatoren, jaren en gemeenten", "responses": {
        "200": _json(_object("indicatoren", "gemeenten"), "Indicatoren"), **_errors(*GENERAL)}}},
    "/cijfers.json": {"get": {"summary": "Buurtmonitor: cijfers en klassen van een indicator in een jaar",
                              "parameters": [
                                  _query("indicator", "Indicatorcode", {"type": "string", "pattern": "^[a-z_]{1,60}$"},
                                         True, "sociale_cohesie"),
                                  _query("jaar", "Jaar", {"type": "string", "pattern": "^[0-9]{4}$"}, True, "2018"),
                                  _query("niveau", "buurt of wijk", {"type": "string", "enum": ["buurt", "wijk"]}),
                                  _query("gemeente", "Gemeentecode", {"type": "string", "pattern": "^GM[0-9]{4}$"})],
                              "responses": {"200": _json(JSON_OBJECT, "Cijfers"), **_errors(*GENERAL)}}},
    "/cijfers/trend.json": {"get": {"summary": "Buurtmonitor: de jaren van een gebied", "parameters": [
        _query("code", "Buurt-, wijk- of gemeentecode", {"type": "string"}, True, "BU04020101"),
        _query("indicator", "Indicatorcode", {"type": "string"}, True, "sociale_cohesie")],
        "responses": {"200": _json(JSON_OBJECT, "De trend"), **_errors(*GENERAL)}}},
    "/budget.json": {"get": {"summary": "Buurtbudget: verdeling per wijk en toegezegd", "parameters": [
        _query("gemeente", "Gemeentecode (onder /g/{gemeente}/ uit het pad)", {"type": "string"}, False, "GM0402"),
        _query("jaar", "Jaar", {"type": "string"}, True, "2017")],
        "responses": {"200": _json(_object("gemeente", "jaar", "wijken"), "De verdeling"), **_errors(*GENERAL)}}},
    "/plancheck": {"post": {
        "summary": "Plantoets: een plan als GeoJSON (WGS84, of met crs EPSG:28992), de bevindingen terug",
        "parameters": [_query("lijnbuffer", "Buffer om lijnen in meters", {"type": "string"}),
                       _query("zoekafstand", "Zoekafstand in meters", {"type": "string"})],
        "requestBody": {"required": True, "content": {"application/json": {"schema": JSON_OBJECT}}},
        "responses": {"200": _json(_object("type", "features"), "Bevindingen (GeoJSON FeatureCollection)"),
                      **_errors(400, 404, 413, 503)}}},
    "/indienen": {
        "get": {"summary": "Bewoners: een initiatief indienen (formulier; op een site van veel gemeenten eerst de "
                           "keuze van de gemeente)",
                "parameters": [_query("gemeente", "De gekozen gemeente (alleen op /indienen, niet onder /g/)",
                                      {"type": "string"})],
                "responses": {**_pages("Het formulier, of de keuze van de gemeente", *PAGE_ERRORS),
                              "303": {"description": "Naar het formulier van die gemeente: /g/{gemeente}/indienen"}}},
        "post": {"summary": "Bewoners: initiatief indienen; stuurt een bevestigingsmail (dubbele opt-in)",
                 "requestBody": _form(*FORM_FIELDS), "responses": _pages("Kijk in uw mail", *POST_ERRORS)}},
    "/bevestig/{token}": {
        "get": {"summary": "Bewoners: de bevestigingspagina (een knop; bevestigt zelf niets)", "parameters": [TOKEN],
                "responses": _pages("De pagina met de knop", *PAGE_ERRORS)},
        "post": {"summary": "Bewoners: bevestigen (eenmalig); het initiatief komt binnen", "parameters": [TOKEN],
                 "responses": _pages("Binnen, met de volglink", *POST_ERRORS)}},
    "/volg/{token}": {"get": {"summary": "Bewoners: het verhaal van het eigen initiatief", "parameters": [TOKEN],
                              "responses": _pages("Stappen, buurtdeal, afspraken", *PAGE_ERRORS)}},
    "/volg/{token}/intrekken": {"post": {
        "summary": "Bewoners: een niet-openbaar initiatief intrekken en de eigen gegevens wissen",
        "parameters": [TOKEN], "responses": _pages("Ingetrokken", *POST_ERRORS)}},
    "/steun/{initiatief_id}": {
        "get": {"summary": "Bewoners: 'Ik steun dit' (formulier)", "parameters": [
            _path("initiatief_id", "Id van een openbaar initiatief", {"type": "integer", "minimum": 0})],
                "responses": _pages("Het formulier", *PAGE_ERRORS)},
        "post": {"summary": "Bewoners: steunen; stuurt een bevestigingsmail", "parameters": [
            _path("initiatief_id", "Id van een openbaar initiatief", {"type": "integer", "minimum": 0})],
                 "requestBody": _form("email"), "responses": _pages("Kijk in uw mail", *POST_ERRORS)}},
    "/steun/bevestig/{token}": {
        "get": {"summary": "Bewoners: de bevestigingspagina van een steunbetuiging (een knop)",
                "parameters": [TOKEN], "responses": _pages("De pagina met de knop", *PAGE_ERRORS)},
        "post": {"summary": "Bewoners: steun bevestigen (eenmalig; één per adres)", "parameters": [TOKEN],
                 "responses": _pages("Bevestigd, met het aantal", *POST_ERRORS)}},
    "/privacy": {"get": {"summary": "Privacyverklaring van de bewonerspagina's",
                         "responses": _pages("De verklaring", *PAGE_ERRORS)}},
    "/g/{gemeente}": {"get": {"summary": "Naar /g/{gemeente}/ (de pagina heeft de slash nodig)",
                              "responses": {"308": {"description": "Doorverwijzing"},
                                            **_errors(*GENERAL, html=True)}}},
    "/werkbak/inloggen": {
        "get": {"summary": "Werkbak: de inlogpagina", "parameters": [
            _query("terug", "Pad in de werkbak om na het inloggen heen te gaan", example="/werkbak/"),
            _query("uit", "1 of overal: de melding na het uitloggen")],
            "responses": {"200": _page("De inlogpagina"), **_werkbak_pages(303), **_errors(404)}},
        "post": {"summary": "Werkbak: inloggen (PostgreSQL controleert naam en wachtwoord)",
                 "requestBody": {"required": True, "content": {"application/x-www-form-urlencoded": {
                     "schema": LOGIN_FORM}}},
                 "responses": {**_werkbak_pages(303, 400, 401, 403, 413, 429, 503), **_errors(404)}}},
    "/werkbak/uitloggen": {"get": {"summary": "Werkbak: de pagina om uit te loggen (ingelogd)", "responses": {
        "200": _page("De pagina"), **_werkbak_pages(303, 503), **_errors(404)}}, "post": {
        "summary": "Werkbak: uitloggen (formulier met het csrf-veld van de sessie)",
        "responses": {**_werkbak_pages(303, 400, 403, 413, 503), **_errors(404)}}},
    "/werkbak/uitloggen-overal": {"post": {
        "summary": "Werkbak: op alle apparaten uitloggen (formulier met het csrf-veld van de sessie)",
        "responses": {**_werkbak_pages(303, 400, 403, 413, 503), **_errors(404)}}},
    # the werkbak's pages (spatial_service/web/werkbak/: inbox, item, deal, publiceren, lijsten); logged in only,
    # otherwise a 303 to the login page. Forms carry the session's csrf field; {id} of another gemeente is a 404.
    "/werkbak/": {"get": {"summary": "Werkbak: de inbox (wat nu aandacht vraagt in de eigen wijken)", "responses": {
        "200": _page("De inbox"), **_werkbak_pages(303, 503), **_errors(404)}}},
    "/werkbak/lijsten": {"get": {"summary": "Werkbak: lijsten per wijk en jaar (de cijfers van de jaarrapportage)",
                                 "parameters": [_query("wijk", "Wijkcode (eigen wijk)", example="WK040201"),
                                                _query("jaar", "Jaar", example="2018")],
                                 "responses": {"200": _page("De lijsten"), **_werkbak_pages(303, 400, 503),
                                               **_errors(404)}}},
    "/werkbak/{soort}/{id}": {"get": {"summary": "Werkbak: een initiatief of buurtdeal", "parameters": WERKBAK_ITEM,
                                      "responses": {"200": _page("De pagina"), **_werkbak_pages(303, 503),
                                                    "404": _page("Niet gevonden (of niet van de eigen gemeente)")}}},
    "/werkbak/{soort}/{id}/geometrie.json": {"get": {
        "summary": "Werkbak: de geometrie van het item voor zijn kaart (GeoJSON, WGS84)", "parameters": WERKBAK_ITEM,
        "responses": {"200": {"description": "Feature", "content": {"application/geo+json": {"schema": JSON_OBJECT}}},
                      **_werkbak_pages(303, 503), **_errors(404)}}},
    "/werkbak/{soort}/{id}/stap": _werkbak_post("een volgende stap zetten (veld status), met een gespreksverslag"),
    "/werkbak/{soort}/{id}/verslag": _werkbak_post("een gespreksverslag bij de huidige stap"),
    "/werkbak/{soort}/{id}/prioriteit": _werkbak_post("koppelen aan een prioriteit van de wijkagenda"),
    "/werkbak/{soort}/{id}/buurtdeal": {
        "get": {"summary": "Werkbak: het formulier voor een buurtdeal uit dit initiatief", "parameters": WERKBAK_ITEM,
                "responses": {"200": _page("Het formulier"), **_werkbak_pages(303, 503),
                              "404": _page("Niet gevonden")}},
        **_werkbak_post("een buurtdeal met afspraken maken (en meteen sluiten)")},
    "/werkbak/{soort}/{id}/afspraak": _werkbak_post("een afspraak aan de buurtdeal toevoegen"),
    "/werkbak/{soort}/{id}/afspraak/{afspraak}/gereed": _werkbak_post(
        "een afspraak gereed melden", _path("afspraak", "Nummer van de afspraak")),
    "/werkbak/{soort}/{id}/publiceren": {
        "get": {"summary": "Werkbak: wat openbaar wordt (of is), vóór het bevestigen", "parameters": WERKBAK_ITEM,
                "responses": {"200": _page("Het voorbeeld"), **_werkbak_pages(303, 503),
                              "404": _page("Niet gevonden")}},
        **_werkbak_post("publiceren of intrekken bevestigen (veld gepubliceerd: ja of nee)")},
    "/openapi.json": {"get": {"summary": "Dit document", "responses": {
        "200": _json(_object("openapi", "paths"), "OpenAPI 3"), **_errors(*GENERAL)}}},
}
# Starlette's spelling of a path -> OpenAPI's (a Mount's files and the catch-all under /tiles/)
_SPELLING = {"/static": "/static/{path}", "/tiles/{rest:path}": "/tiles/{rest}"}
UNDOCUMENTED = ("/ogc", "/vendor/")  # tipg documents /ogc; vendored libraries are files, not an API


def documented_paths(table: list[BaseRoute]) -> list[tuple[str, bool]]:
    """(OpenAPI path, also under /g/{gemeente}) of every route in the table that is documented here."""
    found: list[tuple[str, bool]] = []
    for route in table:
        if not isinstance(route, Route | Mount) or route.path.startswith(UNDOCUMENTED):
            continue
        entry = (_SPELLING.get(route.path, route.path), bool(getattr(route, PER_GEMEENTE, False)))
        if entry not in found:  # a GET and a POST on one path may be two routes
            found.append(entry)
    return found


def document(table: list[BaseRoute], layer_ids: list[str], gemeenten: list[str]) -> dict[str, Any]:
    gemeente = _path("gemeente", "Gemeentecode (CBS), bv. GM0402", {"$ref": "#/components/schemas/Gemeente"})
    paths: dict[str, Any] = {}
    for path, per_gemeente in documented_paths(table):
        paths[path] = copy.deepcopy(OPERATIONS[path])
        if per_gemeente:
            scoped = copy.deepcopy(OPERATIONS[path])
            for operation in scoped.values():
                operation["parameters"] = [gemeente, *[p for p in operation.get("parameters", [])
                                                       if not (p["in"] == "query" and p["name"] == "gemeente"
                                                               and path.startswith("/tiles/"))]]
                operation["summary"] += " — van één gemeente"
            paths[f"/g/{{gemeente}}{path}"] = scoped
    if "/g/{gemeente}" in paths:
        paths["/g/{gemeente}"]["get"]["parameters"] = [gemeente]
    every = ",".join(layer_ids)
    return {
        "openapi": "3.0.3",
        "info": {"title": "Buurtkaart — tegelservice en virtuele stad", "version": "1",
                 "description": "Tegels, stijl, viewer, wijkpaneel, buurtmonitor en plantoets. Elke fout is "
                                "JSON {fout, status} met een Nederlandse melding. De OGC API staat onder /ogc "
                                "(eigen document: /ogc/api)."},
        "paths": paths,
        "components": {"schemas": {
            "Fout": {"type": "object", "required": ["fout", "status"],
                     "properties": {"fout": {"type": "string"}, "status": {"type": "integer"}}},
            # one layer or all of them; any other list of catalogue ids separated by commas works too
            "Lagen": {"type": "string", "enum": [*layer_ids, every]},
            "Gemeente": {"type": "string", "enum": gemeenten},
        }},
    }


async def openapi(request: Request) -> Response:
    svc = service(request)
    await svc.ready()
    doc = document(request.app.routes, list(svc.compiled), sorted(svc.value_lists.get("gemeentecode", ())))
    return JSONResponse(doc, headers={"Access-Control-Allow-Origin": "*", "Cache-Control": "no-cache"})


def routes() -> list[BaseRoute]:
    return [Route("/openapi.json", openapi)]
