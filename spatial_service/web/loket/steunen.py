""""Ik steun dit" for a published initiative, confirmed by e-mail and counted once per address (the database's
rule): GET /steun/{id} the form (title and count from publiek.initiatief), POST /steun/{id} loket.steunen (a
confirmation mail), GET /steun/bevestig/{token} a button (a mail scanner confirms nothing), POST it
loket.steun_bevestigen. An initiative that is not published, or unknown, is a Dutch 404 page."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from spatial_service.web.loket import database, invoer
from spatial_service.web.loket.pagina import esc, lijst_fouten, melding, pagina, te_veel, veld_fout
from spatial_service.web.loket.privacy import privacy_info
from spatial_service.web.loket.volgen import confirm_form, token_of, unknown_page

INITIATIVE_SQL = "SELECT titel, coalesce(steunbetuigingen, 0) FROM publiek.initiatief WHERE id = %s"
MAX_ID = 2**31 - 1


async def _initiative(request: Request) -> tuple[int, str, int] | None:
    raw = request.path_params["initiatief_id"]
    if not raw.isascii() or not raw.isdigit() or not 0 < int(raw) <= MAX_ID:
        return None
    ident = int(raw)
    async with request.app.state.pool.connection() as conn:
        row = await (await conn.execute(INITIATIVE_SQL, (ident,))).fetchone()
    return None if row is None else (ident, row[0], row[1])


def not_public_page(request: Request) -> Response:
    return melding(request, "Initiatief niet gevonden",
                   "Dit initiatief bestaat niet of staat (nog) niet op de kaart; alleen openbare initiatieven kunt u "
                   "steunen.", status=404, verder='<p><a href="./">Naar de kaart</a></p>')


def form_html(ident: int, title: str, count: int, email: str, fouten: dict[str, str], days: object) -> str:
    attrs, message = veld_fout(fouten, "email", "email-hulp")
    kept = f" {days} dagen" if days is not None else ""
    return f"""
<p class="soort">Initiatief</p>
<h2 class="titel">{esc(title)}</h2>
<p class="steun-aantal">{esc(count)} bewoners steunen dit.</p>
{lijst_fouten(fouten, {"email": "email"})}
<form method="post" action="steun/{ident}" class="loket-formulier" novalidate>
  <label for="email">Uw e-mailadres *</label>
  <p class="hulp" id="email-hulp">We sturen u een link om uw steun te bevestigen; zo telt elke steun één keer. Uw
    adres is niet openbaar en wordt na{esc(kept)} gewist. Zie <a href="privacy">de privacyverklaring</a>.</p>
  <input id="email" name="email" type="email" autocomplete="email" required value="{esc(email)}"
   {attrs}>
  {message}
  <div class="vangnet" aria-hidden="true">
    <label for="{invoer.HONEYPOT}">Laat dit veld leeg</label>
    <input id="{invoer.HONEYPOT}" name="{invoer.HONEYPOT}" type="text" tabindex="-1" autocomplete="off" value="">
  </div>
  <button type="submit" class="knop knop-hoofd">Ik steun dit</button>
</form>
<p><a href="./#item=initiatief:{ident}">Terug naar het initiatief op de kaart</a></p>
"""


async def _form_page(request: Request, found: tuple[int, str, int], email: str, fouten: dict[str, str],
                     status: int = 200, headers: dict[str, str] | None = None) -> Response:
    days = (await privacy_info(request)).get("bewaartermijn_dagen")
    return pagina(request, "Ik steun dit", form_html(*found, email, fouten, days), status=status, headers=headers)


async def show(request: Request) -> Response:
    found = await _initiative(request)
    if found is None:
        return not_public_page(request)
    return await _form_page(request, found, "", {})


async def submit(request: Request) -> Response:
    found = await _initiative(request)
    if found is None:
        return not_public_page(request)
    fields = await invoer.read_form(request)
    if not invoer.is_bot(fields):
        try:
            await database.call(request, "SELECT loket.steunen(%s, %s, %s)",
                                (found[0], invoer.optional(fields.get("email")), invoer.client_address(request)))
        except database.Refused as refused:
            return await _form_page(request, found, fields.get("email", ""), {"email": str(refused)}, status=400)
        except database.Unknown:
            return not_public_page(request)
        except database.TooMany as many:
            return await _form_page(request, found, fields.get("email", ""),
                                    {"algemeen": te_veel(many)}, status=429,
                                    headers={"Retry-After": str(many.retry_after)})
    return melding(request, "Kijk in uw mail",
                   "We hebben u een e-mail gestuurd. Klik op de link erin en bevestig: dan telt uw steun.",
                   verder=f'<p><a href="./#item=initiatief:{found[0]}">Terug naar het initiatief</a></p>')


async def confirm_page(request: Request) -> Response:
    token = token_of(request)
    if token is None:
        return unknown_page(request)
    return pagina(request, "Steun bevestigen", confirm_form(
        f"steun/bevestig/{token}", "Klik op de knop om uw steun te bevestigen.", "Ja, ik steun dit initiatief"))


async def confirm(request: Request) -> Response:
    token = token_of(request)
    if token is None:
        return unknown_page(request)
    try:
        rows = await database.call(request, "SELECT * FROM loket.steun_bevestigen(%s)", (token,))
    except database.Unknown:
        return unknown_page(request)
    ident, count, new = rows[0]
    said = ("Dank u, uw steun telt." if new else
            "U steunde dit initiatief al; elke steun telt één keer.")
    return melding(request, "Steun bevestigd", f"{said} Nu steunen {count} bewoners dit initiatief.",
                   verder=f'<p><a href="./#item=initiatief:{ident}">Naar het initiatief op de kaart</a></p>')
