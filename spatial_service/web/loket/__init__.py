"""The resident's pages of the virtuele stad (issue 21): submit an initiative, confirm it, follow it, support one,
and the privacy statement. Server-rendered Dutch HTML on the database's `loket` functions (database.py: their own
pool, the only door of role buurtkaart_loket); every route also under /g/<code>/ (`per_gemeente`).

  GET/POST /indienen                      indienen.py
  GET/POST /bevestig/{token}              volgen.py   (GET shows a button: a mail scanner confirms nothing)
  GET      /volg/{token}, POST /volg/{token}/intrekken
  GET/POST /steun/{initiatief_id}         steunen.py
  GET/POST /steun/bevestig/{token}
  GET      /privacy                       privacy.py

Refusals the resident can act on come back as pages (never the JSON error body): a rule's refusal on the form with
the input kept, too many requests 429 with Retry-After, an unknown token 404, a form over its bounds 400/413/415.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from spatial_service.db.connection import DatabaseUnavailable
from spatial_service.web.http import per_gemeente
from spatial_service.web.loket import database, indienen, invoer, privacy, steunen, volgen
from spatial_service.web.loket.database import lifespan
from spatial_service.web.loket.pagina import melding, te_veel

__all__ = ["lifespan", "routes"]

Endpoint = Callable[[Request], Awaitable[Response]]


def _pages(endpoint: Endpoint) -> Endpoint:
    """What every page answers the same way: too many requests, a bad form, an unreachable database."""
    @functools.wraps(endpoint)
    async def page(request: Request) -> Response:
        try:
            return await endpoint(request)
        except database.TooMany as many:
            return melding(request, "Te veel verzoeken", te_veel(many),
                           status=429, headers={"Retry-After": str(many.retry_after)})
        except invoer.BadForm as bad:
            return melding(request, "Formulier niet verwerkt", str(bad), status=bad.status)
        except DatabaseUnavailable:
            return melding(request, "Even niet bereikbaar",
                           "De virtuele stad kan uw verzoek nu niet verwerken. Probeer het over enkele minuten "
                           "opnieuw; er is niets opgeslagen.", status=503, headers={"Retry-After": "60"})
    return page


def _route(path: str, get: Endpoint | None = None, post: Endpoint | None = None) -> Route:
    """One route per path (the OpenAPI document lists paths), its GET and POST endpoints chosen by method."""
    endpoints = {m: _pages(e) for m, e in (("GET", get), ("POST", post)) if e is not None}

    async def endpoint(request: Request) -> Response:
        return await endpoints[request.method if request.method in endpoints else "GET"](request)

    return per_gemeente(Route(path, endpoint, methods=list(endpoints)))


def routes() -> list[BaseRoute]:
    return [
        _route("/indienen", indienen.show, indienen.submit),
        _route("/bevestig/{token}", volgen.confirm_page, volgen.confirm),
        _route("/volg/{token}", volgen.follow),
        _route("/volg/{token}/intrekken", post=volgen.withdraw),
        _route("/steun/bevestig/{token}", steunen.confirm_page, steunen.confirm),
        _route("/steun/{initiatief_id}", steunen.show, steunen.submit),
        _route("/privacy", privacy.statement),
    ]
