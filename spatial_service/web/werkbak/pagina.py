"""The frame of every werkbak page: Dutch, a skip link, a header with the user and the logout buttons, and
`Cache-Control: no-store`, so a page is never kept (the back button after logout shows nothing). No inline script
or style (the CSP of web/security.py): the look is web/static/werkbak.css."""

from __future__ import annotations

from html import escape

from starlette.responses import HTMLResponse

from spatial_service.web.werkbak.sessie import Gebruiker, csrf_veld

NO_STORE = "no-store"
STYLESHEET = "/static/werkbak.css"


def kop(wie: Gebruiker | None) -> str:
    if wie is None:
        return ('<header class="kop"><p class="naam"><a href="/werkbak/">Werkbak</a> '
                '<span class="onder">Buurtkaart</span></p></header>')
    gemeenten = ", ".join(wie.gemeenten) or "geen gemeente"
    return (f'<header class="kop"><p class="naam"><a href="/werkbak/">Werkbak</a> '
            f'<span class="onder">Buurtkaart</span></p>'
            f'<div class="wie"><p>Ingelogd als <strong>{escape(wie.rol)}</strong> '
            f'<span class="onder">({escape(gemeenten)})</span></p>'
            f'<form method="post" action="/werkbak/uitloggen">{csrf_veld(wie)}'
            '<button type="submit">Uitloggen</button></form>'
            f'<form method="post" action="/werkbak/uitloggen-overal">{csrf_veld(wie)}'
            '<button type="submit" class="tweede">Overal uitloggen</button></form></div></header>')


def pagina(titel: str, inhoud: str, wie: Gebruiker | None = None, status: int = 200) -> HTMLResponse:
    """A whole page: `titel` is text (escaped here), `inhoud` HTML made by the caller (its values escaped)."""
    html = ('<!doctype html>\n<html lang="nl"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{escape(titel)} · Werkbak · Buurtkaart</title>'
            f'<link rel="stylesheet" href="{STYLESHEET}"></head>'
            '<body><a class="overslaan" href="#inhoud">Naar de inhoud</a>'
            f'{kop(wie)}<main id="inhoud" tabindex="-1">{inhoud}</main></body></html>')
    return HTMLResponse(html, status_code=status, headers={"Cache-Control": NO_STORE})
