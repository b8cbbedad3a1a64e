"""GET /privacy: the privacy statement (what, why, how long, who sees it, rights, contact), its periods read from
the database (`loket.privacy()`, the retention settings the erasure itself uses), so the page can never promise
another period than `buurtkaart opschonen` keeps."""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from spatial_service.web.loket import database
from spatial_service.web.loket.pagina import esc, pagina


async def privacy_info(request: Request) -> dict[str, Any]:
    rows = await database.call(request, "SELECT loket.privacy()", ())
    info = rows[0][0] if rows else {}
    return json.loads(info) if isinstance(info, str) else dict(info or {})


def retention_text(info: dict[str, Any]) -> str:
    days, hours = info.get("bewaartermijn_dagen"), info.get("bevestigen_binnen_uren")
    parts = []
    if hours is not None:
        parts.append(f"Bevestigt u niet binnen {hours} uur, dan wissen we alles wat u invulde.")
    if days is not None:
        parts.append(f"Uw naam en e-mailadres worden {days} dagen na de laatste stap van uw initiatief gewist.")
    return " ".join(parts)


def statement_html(info: dict[str, Any]) -> str:
    days = info.get("bewaartermijn_dagen")
    hours = info.get("bevestigen_binnen_uren")
    mails = info.get("mail_bewaartermijn_dagen")
    contact = info.get("contact") or "de functionaris gegevensbescherming van uw gemeente"
    return f"""
<p class="inleiding">Op deze pagina leest u welke gegevens de virtuele stad van u vraagt, waarom, hoe lang we ze
  bewaren en welke rechten u heeft.</p>
<h2>Welke gegevens</h2>
<ul>
  <li>Bij een initiatief: uw <strong>naam</strong> en <strong>e-mailadres</strong>, en wat u over het initiatief
    schrijft en op de kaart tekent.</li>
  <li>Bij "Ik steun dit": uw <strong>e-mailadres</strong>.</li>
  <li>Van elk verzoek een versleutelde afgeleide van uw internetadres (geen adres zelf), alleen om te voorkomen dat
    iemand het formulier misbruikt met heel veel verzoeken.</li>
</ul>
<h2>Waarom</h2>
<p>Met uw naam en e-mailadres bespreekt het wijkteam uw initiatief met u en krijgt u bericht als het een stap
  verder is. Met het e-mailadres bij steun tellen we elke steun één keer. De grondslag is uw toestemming
  (AVG artikel 6 lid 1 onder a); zonder die toestemming kunt u niet indienen.</p>
<h2>Wie ziet ze</h2>
<p>Alleen medewerkers van de gemeente die initiatieven behandelen. Uw naam en e-mailadres staan nooit op de kaart,
  in een export, in open data of op een openbare pagina. Het initiatief zelf (titel, omschrijving, plek) wordt
  openbaar als de gemeente het publiceert.</p>
<h2>Hoe lang</h2>
<ul>
  <li>Bevestigt u niet{f" binnen {esc(hours)} uur" if hours is not None else ""}, dan wissen we alles wat u
    invulde.</li>
  <li>Uw naam en e-mailadres worden{f" {esc(days)} dagen" if days is not None else ""} na de laatste stap van uw
    initiatief gewist, met uw volglink; het initiatief blijft, zonder uw gegevens. Een e-mailadres waarmee u een
    initiatief steunde, wissen we{f" {esc(days)} dagen" if days is not None else ""} na uw steun (uw steun blijft
    meetellen).</li>
  <li>Een verstuurde mail bewaren we{f" {esc(mails)} dagen" if mails is not None else " korte tijd"}, daarna wissen
    we hem.</li>
</ul>
<h2>Uw rechten</h2>
<p>U mag uw gegevens inzien, laten verbeteren of laten wissen, en uw toestemming intrekken. Zolang uw initiatief
  niet openbaar is, trekt u het zelf in via de persoonlijke link in uw mail: dan wissen we meteen uw gegevens.
  U kunt ook een klacht indienen bij de Autoriteit Persoonsgegevens.</p>
<h2>Contact</h2>
<p>Vragen over uw gegevens? Neem contact op met {esc(contact)}.</p>
"""


async def statement(request: Request) -> Response:
    return pagina(request, "Privacyverklaring", statement_html(await privacy_info(request)))
