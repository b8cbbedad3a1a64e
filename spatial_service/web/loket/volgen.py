"""The links in the resident's mails.

GET /bevestig/{token} shows a button and changes nothing: a mail scanner (or a link preview) that fetches the
link confirms nothing; POST /bevestig/{token} runs loket.bevestigen (single use) and shows the follow link.
GET /volg/{token} is the initiative's public story (loket.volgen: its steps, the deal and both sides'
commitments, support) and, while unpublished, a withdraw button: POST /volg/{token}/intrekken (loket.intrekken
erases the resident's data). Never the resident's name or e-mail: the function does not return them.
An unknown, used or expired token is a Dutch 404 page."""

from __future__ import annotations

import json
import re
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from spatial_service.web.loket import database, invoer
from spatial_service.web.loket.pagina import esc, melding, pagina

# what a token may look like before the database is asked (it decides whether it is one)
TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,200}$")
PARTIES = (("bewoners", "Bewoners doen"), ("gemeente", "Gemeente doet"), ("partner", "Partner doet"))


def unknown_page(request: Request) -> Response:
    return melding(request, "Link onbekend of verlopen",
                   "Deze link kennen we niet, hij is al gebruikt of hij is verlopen. Controleer of u de hele link "
                   "uit de mail heeft gebruikt.", status=404, verder='<p><a href="./">Naar de kaart</a></p>')


def token_of(request: Request) -> str | None:
    token = request.path_params["token"]
    return token if TOKEN.match(token) else None


def confirm_form(action: str, question: str, button: str) -> str:
    return (f'<p>{esc(question)}</p><form method="post" action="{esc(action)}">'
            f'<button type="submit" class="knop knop-hoofd" id="bevestigen">{esc(button)}</button></form>')


async def confirm_page(request: Request) -> Response:
    token = token_of(request)
    if token is None:
        return unknown_page(request)
    return pagina(request, "Initiatief bevestigen", confirm_form(
        f"bevestig/{token}", "Klik op de knop om uw initiatief in te dienen. Daarna komt het bij de gemeente binnen "
        "en krijgt u een persoonlijke link om het te volgen.", "Ja, dien mijn initiatief in"))


def follow_path(token: str, gemeentecode: str | None, request: Request) -> str:
    """The follow link relative to the page's root: under /g/<code>/ when the initiative was submitted there."""
    here = request.scope.get("root_path", "")
    return f"volg/{token}" if not gemeentecode or here else f"g/{gemeentecode}/volg/{token}"


async def confirm(request: Request) -> Response:
    token = token_of(request)
    if token is None:
        return unknown_page(request)
    try:
        rows = await database.call(request, "SELECT * FROM loket.bevestigen(%s)", (token,))
    except database.Unknown:
        return unknown_page(request)
    _id, follow, gemeentecode = rows[0]
    link = follow_path(follow, gemeentecode, request)
    return pagina(request, "Dank u, uw initiatief is binnen", f"""
<p class="melding">Uw initiatief is bij de gemeente binnen. Het wijkteam bekijkt het en neemt contact met u op.
  U krijgt een mail bij elke stap.</p>
<p>Met deze persoonlijke link volgt u uw initiatief (hij staat ook in de mail; deel hem niet):</p>
<p><a class="volglink" id="volglink" href="{esc(link)}">Mijn initiatief volgen</a></p>""")


def _date(value: object) -> str:
    return f' <span class="stap-datum">({esc(value)})</span>' if value else ""


WORKFLOW_SQL = "SELECT code, naam FROM publiek.workflowstap ORDER BY volgorde"


async def workflow(request: Request) -> list[tuple[str, str]]:
    """The steps of the workflow in order (the viewer's step line), from publiek on the tile pool."""
    async with request.app.state.pool.connection() as conn:
        return [(r[0], r[1]) for r in await (await conn.execute(WORKFLOW_SQL)).fetchall()]


def _step_line(status: str | None, steps: list[tuple[str, str]]) -> str:
    """Where the initiative stands in the whole workflow: done, now, not yet (words beside every mark)."""
    codes = [code for code, _ in steps]
    if status not in codes:
        return ""
    at = codes.index(status)
    items = []
    for i, (_code, name) in enumerate(steps):
        state, word = ("gedaan", "gedaan") if i < at else ("nu", "huidige stap") if i == at else ("", "nog niet")
        current = ' aria-current="step"' if i == at else ""
        items.append(f'<li class="stap {state}"{current}><span class="stap-nr" aria-hidden="true">'
                     f'{"✓" if i < at else i + 1}</span> {esc(name)} <span class="stap-stand">({word})</span></li>')
    return (f'<h2 id="werkwijze-kop">Stap {at + 1} van {len(steps)} in de werkwijze</h2>'
            f'<ol class="werkwijze" aria-labelledby="werkwijze-kop">{"".join(items)}</ol>')


def _steps(story: dict[str, Any]) -> str:
    steps = story.get("stappen") or []
    if not steps:
        return ""
    items = "".join(f'<li><span class="stap-naam">{esc(s.get("status_naam"))}</span>{_date(s.get("datum"))}</li>'
                    for s in steps)
    return f'<h2 id="stappen-kop">Stappen tot nu toe</h2><ol class="verloop" aria-labelledby="stappen-kop">{items}</ol>'


def _deal(deal: dict[str, Any] | None) -> str:
    if not deal:
        return ('<h2>Buurtdeal</h2><p>Er is nog geen buurtdeal. In een buurtdeal spreken bewoners en gemeente af wie '
                'wat doet.</p>')
    year = f'<dt>Jaar</dt><dd>{esc(deal["jaar"])}</dd>' if deal.get("jaar") else ""
    html = [f'<h2>Buurtdeal: {esc(deal.get("titel"))}</h2><dl class="gegevens">'
            f'<dt>Stand</dt><dd>{esc(deal.get("status_naam"))}</dd>{year}</dl>']
    agreements = deal.get("afspraken") or []
    for code, title in PARTIES:
        rows = [a for a in agreements if a.get("partij") == code]
        if not rows and code == "partner":
            continue
        html.append(f"<h3>{title}</h3>")
        if not rows:
            html.append("<p>(nog geen afspraken)</p>")
            continue
        html.append('<ul class="afspraken">' + "".join(
            f'<li class="{"gereed" if a.get("gereed") else "open"}"><span class="vink" aria-hidden="true">'
            f'{"✓" if a.get("gereed") else "○"}</span> {esc(a.get("omschrijving"))} <span class="afspraak-stand">'
            f'({"gedaan" if a.get("gereed") else "nog niet gedaan"})</span></li>' for a in rows) + "</ul>")
    return "".join(html)


def story_html(token: str, story: dict[str, Any], steps: list[tuple[str, str]]) -> str:
    published = ("Openbaar: het staat op de kaart." if story.get("gepubliceerd")
                 else "Nog niet openbaar: de gemeente bekijkt het eerst.")
    withdraw = ""
    if story.get("kan_intrekken"):
        withdraw = f"""
<h2>Intrekken</h2>
<form method="post" action="volg/{esc(token)}/intrekken" class="intrekken">
  <p>Zolang uw initiatief niet openbaar is, kunt u het intrekken. Dan wissen we ook uw naam en e-mailadres, en
    werkt deze link niet meer.</p>
  <div class="toestemming"><input type="checkbox" id="zeker" name="zeker" value="ja" required>
    <label for="zeker">Ja, ik wil mijn initiatief intrekken</label></div>
  <button type="submit" class="knop">Initiatief intrekken en mijn gegevens wissen</button>
</form>"""
    return f"""
<p class="soort">Uw initiatief</p>
<h2 class="titel">{esc(story.get("titel"))}</h2>
<p>{esc(story.get("omschrijving"))}</p>
<dl class="gegevens">
  <dt>Thema</dt><dd>{esc(story.get("thema_naam"))}</dd>
  <dt>Ingediend</dt><dd>{esc(story.get("ingediend_op"))}</dd>
  <dt>Stap nu</dt><dd class="stap-nu">{esc(story.get("status_naam"))}</dd>
  <dt>Op de kaart</dt><dd>{esc(published)}</dd>
  <dt>Steun</dt><dd>{esc(story.get("steun") or 0)} bewoners steunen dit</dd>
</dl>
{_step_line(story.get("status"), steps)}
{_steps(story)}
{_deal(story.get("deal"))}
{withdraw}
"""


async def follow(request: Request) -> Response:
    token = token_of(request)
    if token is None:
        return unknown_page(request)
    try:
        rows = await database.call(request, "SELECT loket.volgen(%s)", (token,))
    except database.Unknown:
        return unknown_page(request)
    story = rows[0][0]
    story = json.loads(story) if isinstance(story, str) else story
    if story is None:
        return unknown_page(request)
    return pagina(request, "Uw initiatief volgen", story_html(token, story, await workflow(request)))


async def withdraw(request: Request) -> Response:
    token = token_of(request)
    if token is None:
        return unknown_page(request)
    # the check box is the resident's "yes, really": a stray POST (a prefetch, a double click elsewhere) erases nothing
    if (await invoer.read_form(request)).get("zeker") != "ja":
        return melding(request, "Niet ingetrokken", "Vink 'Ja, ik wil mijn initiatief intrekken' aan en kies dan de "
                       "knop; er is niets ingetrokken.", status=400,
                       verder=f'<p><a href="volg/{esc(token)}">Terug naar uw initiatief</a></p>')
    try:
        await database.call(request, "SELECT loket.intrekken(%s)", (token,))
    except database.Unknown:
        return unknown_page(request)
    except database.Refused as refused:
        return melding(request, "Intrekken lukt niet", str(refused), status=400,
                       verder=f'<p><a href="volg/{esc(token)}">Terug naar uw initiatief</a></p>')
    return melding(request, "Uw initiatief is ingetrokken",
                   "Uw initiatief is ingetrokken en uw naam en e-mailadres zijn gewist. Deze volglink werkt niet meer.",
                   verder='<p><a href="./">Naar de kaart</a></p>')
