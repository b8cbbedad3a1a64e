"""Web security headers on every answer, and the OGC API's HTML pages without third parties.

The NCSC guidelines for web applications and the internet.nl test (which Dutch gemeenten are held to) ask for a
Content-Security-Policy, X-Content-Type-Options, a Referrer-Policy and frame-ancestors. One policy serves the
virtuele stad, the per-gemeente viewer and the static site: our own origin plus the configured base-map host
(settings.basemap / basemap_url), nothing else.

tipg's HTML pages (and FastAPI's Swagger page at /ogc/api.html) load Bootstrap, jQuery, Leaflet and Swagger UI from
CDNs and OpenStreetMap's tiles, which would tell third parties every visitor's address. `SecurityHeaders` rewrites
those pages as they leave the service: each CDN file to the same version vendored through npm (served under
/vendor/ogc/), the OSM tiles to the configured base map, and every inline script gets the response's CSP nonce (the
templates are tipg's; their inline scripts are theirs, user values in them are escaped by Jinja). Nothing is
copied from tipg: a tipg upgrade that adds a CDN file shows as a request to another host in the browser test.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from urllib.parse import urlparse

from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from spatial_service.errors import BuurtkaartError
from spatial_service.paths import PACKAGE_DIR
from spatial_service.settings import Settings
from spatial_service.web.basemap import basemap_config
from spatial_service.web.rewriting import rewriting_send

NODE_MODULES = PACKAGE_DIR / "viewer" / "node_modules"
VENDOR_PATH = "/vendor/ogc"

# the npm package folder each vendored CDN file is served from (npm versions pinned in viewer/package.json)
OGC_PACKAGES: dict[str, str] = {
    "bootstrap": "bootstrap/dist", "jquery": "jquery/dist", "leaflet": "leaflet/dist", "proj4": "proj4/dist",
    "proj4leaflet": "proj4leaflet/src", "protomaps-leaflet": "protomaps-leaflet/dist",
    "maplibre-gl": "maplibre-gl/dist", "swagger-ui": "swagger-ui-dist",
}
# what tipg's templates and FastAPI's Swagger page ask a CDN for -> (package, file) served by us
CDN_FILES: dict[str, tuple[str, str]] = {
    "https://cdnjs.cloudflare.com/ajax/libs/twitter-bootstrap/4.5.3/css/bootstrap.min.css":
        ("bootstrap", "css/bootstrap.min.css"),
    # tipg takes Bootstrap's script from a state website; the bundle adds the Popper its dropdown needs
    "https://files.dnr.state.mn.us/lib/bootstrap4/javascripts/bootstrap.min.js":
        ("bootstrap", "js/bootstrap.bundle.min.js"),
    "https://cdnjs.cloudflare.com/ajax/libs/jquery/3.6.0/jquery.min.js": ("jquery", "jquery.min.js"),
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet/1.9.4/leaflet.css": ("leaflet", "leaflet.css"),
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet/1.9.4/leaflet.js": ("leaflet", "leaflet.js"),
    "https://unpkg.com/protomaps-leaflet@4.0.1/dist/protomaps-leaflet.js":
        ("protomaps-leaflet", "protomaps-leaflet.js"),
    "https://unpkg.com/proj4@2.3.14/dist/proj4.js": ("proj4", "proj4.js"),
    "https://unpkg.com/proj4leaflet@1.0.2/src/proj4leaflet.js": ("proj4leaflet", "proj4leaflet.js"),
    "https://unpkg.com/maplibre-gl@5.9.0/dist/maplibre-gl.css": ("maplibre-gl", "maplibre-gl.css"),
    "https://unpkg.com/maplibre-gl@5.9.0/dist/maplibre-gl.js": ("maplibre-gl", "maplibre-gl.js"),
    "https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui-bundle.js": ("swagger-ui", "swagger-ui-bundle.js"),
    "https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui.css": ("swagger-ui", "swagger-ui.css"),
    "https://fastapi.tiangolo.com/img/favicon.png": ("swagger-ui", "favicon-32x32.png"),
}
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
_OSM_ATTRIBUTION = re.compile(r"attribution:\s*'[^']*OpenStreetMap[^']*'")
_SCRIPT_OR_STYLE = re.compile(rb"<(script|style)(?=[\s>])")
# tipg 1.6.1's tilematrixset.html writes the bounding box as Python's repr, a script error that leaves the map blank
_PYTHON_BBOX = re.compile(r"BoundingBox\(left=([-\d.e+]+), bottom=([-\d.e+]+), right=([-\d.e+]+), top=([-\d.e+]+)\)")
# no base map: Leaflet still asks for tiles; an empty GIF keeps those requests on the page itself
NO_TILES = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"

REFERRER_POLICY = "same-origin"  # the base map's host gets no referrer: it need not know which page asked
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
# static files are not fingerprinted: an hour, revalidated by ETag; vendored npm files change only with the lock file
STATIC_CACHE = "public, max-age=3600"
VENDOR_CACHE = "public, max-age=86400"
PAGE_CACHE = "no-cache"
# the werkbak's answers (pages, redirects, refusals) are never kept: after logout the back button shows nothing
WERKBAK_CACHE = "no-store"


@dataclass(frozen=True)
class Policy:
    """The headers for one service, computed once from the settings."""

    basemap_hosts: tuple[str, ...]
    basemap_tiles: str
    basemap_attribution: str
    frame_ancestors: str

    def csp(self, nonce: str = "", *, inline_styles: bool = False) -> str:
        """The Content-Security-Policy. `nonce` admits the inline scripts of one rewritten page; tipg's pages also
        carry style attributes, which only 'unsafe-inline' for styles allows (scripts never get it)."""
        hosts = "".join(f" {h}" for h in self.basemap_hosts)
        script = f"'self' 'nonce-{nonce}'" if nonce else "'self'"
        style = "'self' 'unsafe-inline'" if inline_styles else "'self'"
        return ("default-src 'self'; "
                f"script-src {script}; "
                f"style-src {style}; "
                f"img-src 'self' data: blob:{hosts}; "
                f"connect-src 'self'{hosts}; "
                "worker-src 'self' blob:; child-src 'self' blob:; font-src 'self' data:; "
                "object-src 'none'; base-uri 'self'; form-action 'self'; "
                f"frame-ancestors {self.frame_ancestors}")

    def common(self) -> list[tuple[str, str]]:
        """Headers every answer carries, whatever its type."""
        found = [("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", REFERRER_POLICY),
                 ("Permissions-Policy", PERMISSIONS_POLICY)]
        if self.frame_ancestors == "'none'":
            found.append(("X-Frame-Options", "DENY"))  # for browsers that predate frame-ancestors
        return found

    def static_host(self) -> list[tuple[str, str]]:
        """What a static host of `buurtkaart export-site` should send (docs/deployment.md; the nginx test host)."""
        return [("Content-Security-Policy", self.csp()), *self.common()]


def nginx_headers(settings: Settings) -> list[str]:
    """`add_header` lines for an nginx that serves the static site (docs/deployment.md shows them)."""
    return [f'add_header {name} "{value}" always;' for name, value in policy(settings).static_host()]


class SecuritySettingError(BuurtkaartError):
    pass


# what a frame-ancestors source list may hold: 'none' or 'self', or sites (scheme and host, optional port)
_FRAME_SOURCE = re.compile(r"'none'|'self'|https?://[A-Za-z0-9.-]+(:\d{1,5})?")


def policy(settings: Settings) -> Policy:
    """The headers for these settings; a value that would break the header is refused here, at start-up."""
    sources = settings.frame_ancestors.split()
    alone = "'none'" not in sources or len(sources) == 1  # 'none' cannot be combined
    if not sources or not alone or not all(_FRAME_SOURCE.fullmatch(s) for s in sources):
        raise SecuritySettingError(
            f"BUURTKAART_FRAME_ANCESTORS='{settings.frame_ancestors[:80]}' is geen geldige lijst: verwacht 'none', "
            "'self' of de adressen van sites die de kaart mogen insluiten, zoals https://www.hilversum.nl "
            "(gescheiden door spaties).")
    config = basemap_config(settings)
    hosts = []
    for option in config["opties"]:
        parsed = urlparse(option["url"])
        if parsed.scheme and parsed.netloc and f"{parsed.scheme}://{parsed.netloc}" not in hosts:
            hosts.append(f"{parsed.scheme}://{parsed.netloc}")
    chosen = next(o for o in config["opties"] if o["code"] == config["keuze"])
    return Policy(basemap_hosts=tuple(hosts), basemap_tiles=chosen["url"] or NO_TILES,
                  basemap_attribution=chosen["attributie"],
                  frame_ancestors=settings.frame_ancestors)


def routes() -> list[BaseRoute]:
    """The vendored files of the OGC API's HTML pages, one folder per npm package (not all of node_modules)."""
    return [Mount(f"{VENDOR_PATH}/{name}", StaticFiles(directory=NODE_MODULES / folder, check_dir=False))
            for name, folder in OGC_PACKAGES.items()]


def rewrite_ogc_page(html: bytes, pol: Policy, nonce: str, root_path: str = "") -> bytes:
    """tipg's page with our vendored files, our base map and the nonce on every inline script and style."""
    text = html.decode("utf-8")
    for cdn, (package, file) in CDN_FILES.items():
        text = text.replace(cdn, f"{root_path}{VENDOR_PATH}/{package}/{file}")
    text = text.replace(OSM_TILES, pol.basemap_tiles)
    text = _PYTHON_BBOX.sub(lambda m: f"[{m[1]}, {m[2]}, {m[3]}, {m[4]}]", text)
    attribution = pol.basemap_attribution.replace("\\", "\\\\").replace("'", "\\'")
    text = _OSM_ATTRIBUTION.sub(lambda _m: f"attribution: '{attribution}'", text)
    return _SCRIPT_OR_STYLE.sub(lambda m: b"<" + m.group(1) + f' nonce="{nonce}"'.encode(), text.encode("utf-8"))


def _cache_default(path: str) -> str:
    if path.startswith("/werkbak/") or path == "/werkbak":
        return WERKBAK_CACHE
    if "/vendor/" in path:  # also under /g/<code>/
        return VENDOR_CACHE
    if "/static/" in path:
        return STATIC_CACHE
    return PAGE_CACHE


class SecurityHeaders:
    """ASGI middleware, outermost: every answer gets the common headers and a cache policy unless its route set
    one; HTML pages get the CSP, and the OGC API's HTML pages are rewritten (see the module's docstring). Tiles
    pass with a few precomputed header pairs added and nothing else done."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.policy = policy(settings)
        self._common = [(k.lower().encode(), v.encode()) for k, v in self.policy.common()]
        self._csp_page = self.policy.csp().encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["path"].startswith("/ogc") and scope["method"] == "GET":
            await self._ogc(scope, receive, send)
            return
        await self.app(scope, receive, self._with_headers(send, scope["path"]))

    def _with_headers(self, send: Send, path: str) -> Send:
        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = self._headers(message.get("headers", []), path, self._csp_page)
            await send(message)

        return wrapped

    def _headers(self, headers: list[tuple[bytes, bytes]], path: str, csp: bytes) -> list[tuple[bytes, bytes]]:
        names = {name.lower() for name, _ in headers}
        # an answer that passed another SecurityHeaders already (an OGC process behind a tile worker) keeps its own
        extra = [(n, v) for n, v in self._common if n not in names]
        if b"cache-control" not in names:
            extra.append((b"cache-control", _cache_default(path).encode()))
        if b"content-security-policy" not in names:
            extra.append((b"content-security-policy", csp))
        return [*headers, *extra]

    async def _ogc(self, scope: Scope, receive: Receive, send: Send) -> None:
        """HTML pages of the OGC API are buffered (they are small) and rewritten; JSON and tiles stream on."""
        path: str = scope["path"]
        root_path = scope.get("root_path", "")  # the router below sets the mount's own in this same dict
        nonce = secrets.token_urlsafe(16)
        csp_html = self.policy.csp(nonce, inline_styles=True).encode()

        def page(start: Message) -> bool:
            headers = start.get("headers", [])
            html = any(n.lower() == b"content-type" and v.startswith(b"text/html") for n, v in headers)
            rewritten = any(n.lower() == b"content-security-policy" for n, _ in headers)  # by the OGC process
            return html and not rewritten

        def rewrite(start: Message, body: bytes) -> tuple[list[tuple[bytes, bytes]], bytes]:
            return (self._headers(start.get("headers", []), path, csp_html),
                    rewrite_ogc_page(body, self.policy, nonce, root_path))

        # the rewritten page passes _with_headers too, which then finds its headers there and adds nothing
        await self.app(scope, receive, rewriting_send(self._with_headers(send, path), page, rewrite))
