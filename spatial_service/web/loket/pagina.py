"""The frame of every resident's page (indienen, bevestigen, volgen, steunen, privacy): Dutch, a skip link, the
viewer's colours (web/static/loket.css), no inline script or style (the CSP of web/security.py), and
`Cache-Control: no-store` because these pages carry personal links (tokens) and the resident's own input.

Links are relative to a `<base>` of the request's root (`/` or `/g/<code>/`, set by gemeente.GemeentePrefix), so
one page works under both and behind a front proxy that keeps the path."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from starlette.requests import Request
from starlette.responses import HTMLResponse

from spatial_service.web.loket.database import TooMany

NO_STORE = {"Cache-Control": "no-store"}


def wachttijd(seconds: int) -> str:
    """How long to wait, as a resident reads it: seconds, minutes or hours."""
    if seconds < 120:
        return f"{seconds} seconden"
    if seconds < 7200:
        return f"{round(seconds / 60)} minuten"
    return f"{round(seconds / 3600)} uur"


def te_veel(many: TooMany) -> str:
    """The database's refusal of one request too many, with when to try again."""
    return f"{many} U kunt het over {wachttijd(many.retry_after)} opnieuw proberen."


def esc(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def root(request: Request) -> str:
    """The path every relative link of the page starts from: '/' or '/g/GM0402/'."""
    return f"{request.scope.get('root_path', '')}/"


def pagina(request: Request, titel: str, inhoud: str, *, status: int = 200,
           scripts: Iterable[str] = (), styles: Iterable[str] = (), headers: dict[str, str] | None = None
           ) -> HTMLResponse:
    """A whole page: `titel` in <title> and as its <h1>; `inhoud` is HTML made
    with esc() by the caller; `scripts` are module scripts and `styles` style sheets, relative to the root."""
    links = "".join(f'<link rel="stylesheet" href="{esc(s)}">' for s in (*styles, "static/loket.css"))
    # vendored libraries are classic scripts (MapLibre sets a global); our own code is ES modules
    code = "".join(f'<script src="{esc(s)}"></script>' if s.startswith("vendor/")
                   else f'<script type="module" src="{esc(s)}"></script>' for s in scripts)
    body = f"""<!doctype html>
<html lang="nl">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{esc(titel)} — Virtuele stad</title>
  <base href="{esc(root(request))}">
  <link rel="icon" href="data:,">
  {links}
</head>
<body class="loket">
  <a class="overslaan" href="#inhoud">Direct naar de inhoud</a>
  <header class="kop">
    <a class="kop-naam" href="./">Virtuele stad</a>
    <nav aria-label="Voor bewoners">
      <ul><li><a href="./">Kaart</a></li><li><a href="indienen">Initiatief indienen</a></li>
          <li><a href="privacy">Privacy</a></li></ul>
    </nav>
  </header>
  <main id="inhoud" tabindex="-1">
    <h1>{esc(titel)}</h1>
    {inhoud}
  </main>
  {code}
</body>
</html>
"""
    return HTMLResponse(body, status_code=status, headers={**NO_STORE, **(headers or {})})


def melding(request: Request, titel: str, tekst: str, *, status: int = 200, verder: str = "",
            headers: dict[str, str] | None = None) -> HTMLResponse:
    """A page that says one thing (a confirmation, a refusal): a paragraph of plain text plus optional HTML."""
    return pagina(request, titel, f'<p class="melding">{esc(tekst)}</p>{verder}', status=status, headers=headers)


def lijst_fouten(fouten: dict[str, str], velden: dict[str, str]) -> str:
    """The error summary at the top of a form: every message, each linking to its field (GOV.UK pattern, so a
    screen reader user hears them all and can jump to the field). `velden` maps a field to its element id."""
    if not fouten:
        return ""
    items = "".join(
        f'<li><a href="#{esc(velden.get(veld, ""))}">{esc(tekst)}</a></li>' if veld in velden
        else f"<li>{esc(tekst)}</li>"
        for veld, tekst in fouten.items())
    return (f'<div id="fouten" class="fouten" role="alert" tabindex="-1" aria-labelledby="fouten-kop">'
            f'<h2 id="fouten-kop">Er is iets niet goed</h2><ul>{items}</ul></div>')


def veld_fout(fouten: dict[str, str], field: str, help_id: str = "") -> tuple[str, str]:
    """The attributes (its help text and, with an error, the message) and the message paragraph of a field."""
    described = [help_id] if help_id else []
    message = ""
    if field in fouten:
        described.append(f"{field}-fout")
        message = f'<p class="veldfout" id="{field}-fout"><span class="sr">Fout: </span>{esc(fouten[field])}</p>'
    attrs = f' aria-describedby="{" ".join(described)}"' if described else ""
    return (attrs + (' aria-invalid="true"' if field in fouten else "")), message
