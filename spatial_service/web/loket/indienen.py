"""GET /indienen: the form; POST /indienen: loket.indienen (nothing public is stored: a confirmation mail goes
out, the initiative exists only after its link is clicked). A refusal shows the form again with the database's
Dutch message at the field and at the top and every input kept, the drawn geometry too; a bot that filled the
honeypot gets the same "kijk in uw mail" page as a person, and nothing is stored or sent.

Where: the map (static/loket.js with static/tekenen.js) writes a GeoJSON geometry (EPSG:4326) into the hidden
field `geojson`; without a mouse a buurt is chosen from the list and a marker moved with the arrow keys; without
JavaScript the buurt alone is the location (the database then takes a point inside it).

At the root of a site of many gemeenten (BUURTKAART_LOKET_KIES_GEMEENTE_VANAF) GET first asks for the gemeente
and sends the resident on to /g/<code>/indienen."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from spatial_service.web.http import gemeente as gemeente_of
from spatial_service.web.loket import database, invoer
from spatial_service.web.loket.keuzes import Buurt, Thema, choices, gemeenten
from spatial_service.web.loket.pagina import esc, lijst_fouten, melding, pagina, root, te_veel, veld_fout
from spatial_service.web.loket.privacy import privacy_info, retention_text

FIELDS = ("titel", "omschrijving", "thema", "geojson", "buurtcode", "naam", "email", "toestemming")
# the form field -> the element a message links to
FIELD_IDS = {"titel": "titel", "omschrijving": "omschrijving", "thema": "thema", "waar": "buurtcode",
             "naam": "naam", "email": "email", "toestemming": "toestemming"}
INDIENEN_SQL = "SELECT loket.indienen(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"


def _theme_options(themes: list[Thema], chosen: str) -> str:
    options = ['<option value="">Kies een thema</option>']
    options += [f'<option value="{esc(t.code)}"{" selected" if t.code == chosen else ""}>{esc(t.naam)}</option>'
                for t in themes]
    return "".join(options)


def _buurt_options(buurten: list[Buurt], chosen: str) -> str:
    groups: dict[str, list[Buurt]] = {}
    for b in buurten:
        groups.setdefault(b.gemeentenaam, []).append(b)
    html = ['<option value="">Kies een buurt (of teken op de kaart)</option>']
    for name, items in groups.items():
        options = "".join(
            f'<option value="{esc(b.code)}" data-lon="{b.lon}" data-lat="{b.lat}"'
            f'{" selected" if b.code == chosen else ""}>{esc(b.naam)} (wijk {esc(b.wijknaam)})</option>'
            for b in items)
        html.append(f'<optgroup label="{esc(name)}">{options}</optgroup>' if len(groups) > 1 else options)
    return "".join(html)


def form_html(values: dict[str, str], fouten: dict[str, str], themes: list[Thema], buurten: list[Buurt],
              privacy: dict) -> str:
    v = {name: values.get(name, "") for name in FIELDS}
    helps = {"omschrijving": "omschrijving-hulp", "waar": "waar-hulp"}
    e = {name: veld_fout(fouten, name, helps.get(name, "")) for name in FIELD_IDS}
    summary = lijst_fouten(fouten, FIELD_IDS)
    consent = "" if v["toestemming"] != "ja" else " checked"
    return f"""
<p class="inleiding">Heeft u een idee voor uw straat of buurt? Zet het op de kaart. Na uw bevestiging per e-mail
  komt het bij de gemeente binnen; het wijkteam neemt contact met u op. Velden met * zijn verplicht.</p>
{summary}
<form method="post" action="indienen" class="loket-formulier" id="indienformulier" novalidate>
  <fieldset>
    <legend>Uw initiatief</legend>
    <label for="titel">Titel *</label>
    <input id="titel" name="titel" type="text" value="{esc(v["titel"])}" required{e["titel"][0]}>
    {e["titel"][1]}
    <label for="omschrijving">Omschrijving *</label>
    <p class="hulp" id="omschrijving-hulp">Wat wilt u doen of veranderen, en wat kunt u zelf (met buren) doen?</p>
    <textarea id="omschrijving" name="omschrijving" rows="5"
      required{e["omschrijving"][0]}>{esc(v["omschrijving"])}</textarea>
    {e["omschrijving"][1]}
    <label for="thema">Thema *</label>
    <select id="thema" name="thema" required{e["thema"][0]}>{_theme_options(themes, v["thema"])}</select>
    {e["thema"][1]}
  </fieldset>
  <fieldset class="waar">
    <legend>Waar *</legend>
    <p class="hulp" id="waar-hulp">Kies de buurt uit de lijst. Wilt u de plek precies aangeven, teken dan een punt
      of een gebied op de kaart, met de muis of met het toetsenbord (de markering op de kaart verschuift met de
      pijltjestoetsen).</p>
    <label for="buurtcode">Buurt</label>
    <select id="buurtcode" name="buurtcode"{e["waar"][0]}>{_buurt_options(buurten, v["buurtcode"])}</select>
    {e["waar"][1]}
    <div id="tekenen" class="tekenen" hidden>
      <fieldset class="vorm">
        <legend>Wat tekent u?</legend>
        <label class="keuze"><input type="radio" name="vorm" value="punt" checked> Een punt</label>
        <label class="keuze"><input type="radio" name="vorm" value="gebied"> Een gebied</label>
      </fieldset>
      <div id="tekenkaart" class="tekenkaart"></div>
      <div class="teken-knoppen">
        <button type="button" class="knop" id="punt-hier">Punt op de markering zetten</button>
        <button type="button" class="knop" id="punt-terug">Laatste punt weg</button>
        <button type="button" class="knop" id="gebied-af">Gebied afmaken</button>
        <button type="button" class="knop" id="tekening-wissen">Tekening wissen</button>
      </div>
      <p id="teken-status" class="teken-status" role="status" aria-live="polite"></p>
    </div>
    <input type="hidden" id="geojson" name="geojson" value="{esc(v["geojson"])}">
  </fieldset>
  <fieldset>
    <legend>Uw gegevens (niet openbaar)</legend>
    <p class="hulp">Alleen de gemeente ziet uw naam en e-mailadres; ze staan nooit op de kaart.</p>
    <label for="naam">Naam *</label>
    <input id="naam" name="naam" type="text" autocomplete="name" value="{esc(v["naam"])}" required{e["naam"][0]}>
    {e["naam"][1]}
    <label for="email">E-mailadres *</label>
    <input id="email" name="email" type="email" autocomplete="email" value="{esc(v["email"])}" required{e["email"][0]}>
    {e["email"][1]}
    <div class="toestemming">
      <input id="toestemming" name="toestemming" type="checkbox" value="ja"{consent}{e["toestemming"][0]}>
      <label for="toestemming">Ik geef toestemming: de gemeente gebruikt mijn naam en e-mailadres alleen om dit
        initiatief met mij te bespreken en mij te mailen over de voortgang. {esc(retention_text(privacy))}
        Zie <a href="privacy">de privacyverklaring</a>. *</label>
    </div>
    {e["toestemming"][1]}
  </fieldset>
  <div class="vangnet" aria-hidden="true">
    <label for="{invoer.HONEYPOT}">Laat dit veld leeg</label>
    <input id="{invoer.HONEYPOT}" name="{invoer.HONEYPOT}" type="text" tabindex="-1" autocomplete="off" value="">
  </div>
  <button type="submit" class="knop knop-hoofd">Initiatief indienen</button>
</form>
"""


async def _form_page(request: Request, values: dict[str, str], fouten: dict[str, str], status: int = 200,
                     headers: dict[str, str] | None = None) -> Response:
    themes, buurten = await choices(request)
    privacy = await privacy_info(request)
    return pagina(request, "Initiatief indienen", form_html(values, fouten, themes, buurten, privacy), status=status,
                  headers=headers,
                  styles=["vendor/maplibre-gl/maplibre-gl.css"],
                  scripts=["vendor/maplibre-gl/maplibre-gl.js", "static/loket.js"])


async def show(request: Request) -> Response:
    if gemeente_of(request) is None:
        served = await gemeenten(request)
        if len(served) >= request.app.state.settings.loket_kies_gemeente_vanaf:
            return _choose_gemeente(request, served)
    return await _form_page(request, {}, {})


def _choose_gemeente(request: Request, served: list[tuple[str, str]]) -> Response:
    """At the root of a site of many gemeenten: first the gemeente (a GET form, no script needed), then that
    gemeente's own form under /g/<code>/indienen, with only its buurten."""
    chosen = request.query_params.get("gemeente")
    if chosen in {code for code, _ in served}:
        return RedirectResponse(f"{root(request)}g/{chosen}/indienen", status_code=303)
    fouten = {} if chosen is None else {"gemeente": "Kies uw gemeente uit de lijst."}
    attrs, message = veld_fout(fouten, "gemeente", "gemeente-hulp")
    options = "".join(f'<option value="{esc(code)}">{esc(naam)}</option>' for code, naam in served)
    body = f"""
{lijst_fouten(fouten, {"gemeente": "gemeente"})}
<p class="inleiding">Heeft u een idee voor uw straat of buurt? Kies eerst uw gemeente; daarna zet u uw initiatief op
  de kaart van die gemeente.</p>
<form method="get" action="indienen" class="loket-formulier" novalidate>
  <label for="gemeente">Uw gemeente *</label>
  <p class="hulp" id="gemeente-hulp">Typ de eerste letters van de naam om in de lijst te springen.</p>
  <select id="gemeente" name="gemeente" required{attrs}><option value="">Kies een gemeente</option>{options}</select>
  {message}
  <button type="submit" class="knop knop-hoofd">Verder</button>
</form>
"""
    return pagina(request, "Initiatief indienen", body, status=400 if fouten else 200)


def sent_page(request: Request) -> Response:
    return melding(request, "Kijk in uw mail",
                   "We hebben u een e-mail gestuurd met een link. Pas als u op die link klikt en bevestigt, komt "
                   "uw initiatief bij de gemeente binnen. Geen mail gezien? Kijk ook bij de ongewenste e-mail.",
                   verder='<p><a href="./">Terug naar de kaart</a></p>')


async def submit(request: Request) -> Response:
    fields = await invoer.read_form(request)
    if invoer.is_bot(fields):
        return sent_page(request)
    try:
        await database.call(request, INDIENEN_SQL, (
            gemeente_of(request), invoer.optional(fields.get("titel")), invoer.optional(fields.get("omschrijving")),
            invoer.optional(fields.get("thema")), invoer.geometry_text(request, fields.get("geojson", "")),
            invoer.optional(fields.get("buurtcode")), invoer.optional(fields.get("naam")),
            invoer.optional(fields.get("email")), fields.get("toestemming") == "ja",
            invoer.client_address(request)))
    except database.Refused as refused:
        return await _form_page(request, fields, {refused.field or "algemeen": str(refused)}, status=400)
    except invoer.BadForm as bad:
        return await _form_page(request, fields, {"waar": str(bad)}, status=bad.status)
    except database.TooMany as many:
        # the form again with everything typed, so nothing is lost while the resident waits
        return await _form_page(request, fields, {"algemeen": te_veel(many)}, status=429,
                                headers={"Retry-After": str(many.retry_after)})
    return sent_page(request)
