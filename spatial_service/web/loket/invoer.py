"""A resident's form, bounded before it is parsed: the body is capped (BUURTKAART_MAX_FORM_KB) while it streams
in, the number of fields is capped, and a drawn geometry's JSON nesting is measured (plancheck/limits.py) before
the database's GeoJSON parser sees it. Over a bound: TooLarge (413) or BadForm (400), both with a Dutch message.
What the fields must hold (title, e-mail, consent, a drawn area's size) is the database's rule, not checked here.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.requests import Request

from spatial_service.plancheck.errors import PlanError
from spatial_service.plancheck.limits import Limits
from spatial_service.web.http import BodyTooLarge, read_capped

MAX_FIELDS = 30
HONEYPOT = "website"  # a field people never see; a bot that fills every field fills it (indienen, steunen)


class BadForm(Exception):
    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def _form_limit(request: Request) -> int:
    return int(request.app.state.settings.max_form_kb * 1024)


async def read_form(request: Request) -> dict[str, str]:
    """The form's fields (the first value of each, stripped), or BadForm with the Dutch reason."""
    limit = _form_limit(request)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if not content_type and request.headers.get("content-length", "0") == "0":
        return {}  # a form without fields (a button only) is sent without a body by some clients
    if content_type != "application/x-www-form-urlencoded":
        raise BadForm("Stuur het formulier als application/x-www-form-urlencoded (zoals een browser dat doet).", 415)
    try:
        body = await read_capped(request, limit)
    except BodyTooLarge as big:
        raise BadForm(f"Het formulier is te groot ({big.size // 1024} kB; maximaal {limit // 1024} kB, instelling "
                      "BUURTKAART_MAX_FORM_KB). Teken een eenvoudiger gebied.", 413) from big
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=MAX_FIELDS, strict_parsing=False)
    except UnicodeDecodeError as exc:
        raise BadForm("Het formulier is geen geldige UTF-8-tekst.") from exc
    except ValueError as exc:  # more fields than MAX_FIELDS
        raise BadForm(f"Het formulier heeft te veel velden (maximaal {MAX_FIELDS}).") from exc
    fields: dict[str, str] = {}
    for name, value in pairs:
        fields.setdefault(name, value.replace("\x00", "").strip())
    return fields


def client_address(request: Request) -> str | None:
    """The visitor's address for the database's per-address limit (it keeps only a keyed hash). Behind nginx on
    loopback uvicorn has put X-Forwarded-For's visitor here (its forwarded_allow_ips)."""
    return request.client.host if request.client else None


def is_bot(fields: dict[str, str]) -> bool:
    return bool(fields.get(HONEYPOT))


def geometry_text(request: Request, raw: str) -> str | None:
    """The drawn geometry (GeoJSON text) or None; its nesting bounded before PostGIS parses it."""
    if not raw:
        return None
    try:
        Limits.of(request.app.state.settings).check_json_nesting(raw.encode("utf-8"))
    except PlanError as exc:
        raise BadForm(str(exc)) from exc
    return raw


def optional(value: str | None) -> str | None:
    """An empty field is NULL for the database (which then says, in Dutch, what is missing)."""
    return value if value else None
