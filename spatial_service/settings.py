"""Settings from the environment (prefix BUURTKAART_), one object, read once at start-up."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from spatial_service.paths import LOCAL_DIR, PROJECT_ROOT

DEFAULT_PORT = 55432
DEFAULT_DBNAME = "buurtkaart"


def _env(name: str, default: str) -> str:
    return os.environ.get(f"BUURTKAART_{name}", default)


def default_cluster_dir() -> Path:
    """Project-local when the postgres user can reach it; else a per-project folder under /var/lib.

    A clone under /root is not traversable for the postgres user, and initdb refuses to run as root.
    """
    local = LOCAL_DIR / "pgdata"
    if os.geteuid() != 0 or _traversable_by_others(PROJECT_ROOT):
        return local
    digest = hashlib.sha1(str(PROJECT_ROOT).encode()).hexdigest()[:10]
    return Path("/var/lib/buurtkaart") / digest / "pgdata"


def _traversable_by_others(path: Path) -> bool:
    return all(p.stat().st_mode & 1 for p in [path, *path.parents])


@dataclass(frozen=True)
class Settings:
    cluster_dir: Path = field(default_factory=lambda: Path(_env("PGDATA", str(default_cluster_dir()))))
    port: int = field(default_factory=lambda: int(_env("PGPORT", str(DEFAULT_PORT))))
    dbname: str = field(default_factory=lambda: _env("DBNAME", DEFAULT_DBNAME))
    # DSNs; empty means "the local cluster". Use service= names or PGPASSFILE, never passwords here.
    admin_dsn: str = field(default_factory=lambda: _env("ADMIN_DSN", ""))
    editor_dsn: str = field(default_factory=lambda: _env("DSN", ""))
    public_dsn: str = field(default_factory=lambda: _env("PUBLIC_DSN", ""))
    # read replica (hot standby) the tile service reads tiles from; empty = read from public_dsn. The service
    # LISTENs on public_dsn (the primary: a standby refuses LISTEN) and applies an invalidation only once the
    # replica has replayed past the primary's WAL position at the notification (bounded by replay_wait_s).
    replica_dsn: str = field(default_factory=lambda: _env("REPLICA_DSN", ""))
    lag_warn_s: float = field(default_factory=lambda: float(_env("LAG_WARN_S", "5")))
    replay_wait_s: float = field(default_factory=lambda: float(_env("REPLAY_WAIT_S", "30")))
    host: str = field(default_factory=lambda: _env("HOST", "127.0.0.1"))
    http_port: int = field(default_factory=lambda: int(_env("HTTP_PORT", "8765")))
    # spatial service: tile cache size (MB, bounded memory), pool size, base map of the virtuele stad:
    # BASEMAP = standaard | grijs (PDOK BRT-Achtergrondkaart) | geen; BASEMAP_URL = an own XYZ raster template
    # (wins over BASEMAP). The viewer falls back to the plain map when the base map is unreachable.
    tile_cache_mb: int = field(default_factory=lambda: int(_env("TILE_CACHE_MB", "64")))
    pool_size: int = field(default_factory=lambda: int(_env("POOL_SIZE", "8")))
    basemap: str = field(default_factory=lambda: _env("BASEMAP", "standaard"))
    basemap_url: str = field(default_factory=lambda: _env("BASEMAP_URL", ""))
    # who may show the pages in a frame (CSP frame-ancestors): 'none', or the gemeente's own site that embeds the
    # virtuele stad, e.g. "https://www.hilversum.nl"
    frame_ancestors: str = field(default_factory=lambda: _env("FRAME_ANCESTORS", "'none'"))
    # Limits on what reaches a parser we did not write (json, shapely, GDAL/fiona, ezdxf), checked before it
    # parses; a plan over one is refused with a Dutch 400 naming the limit (spatial_service/plancheck/limits.py).
    max_body_mb: float = field(default_factory=lambda: float(_env("MAX_BODY_MB", "5")))  # POST /plancheck
    max_file_mb: float = field(default_factory=lambda: float(_env("MAX_FILE_MB", "50")))  # plan files (CLI)
    max_nesting: int = field(default_factory=lambda: int(_env("MAX_NESTING", "20")))  # JSON levels, DXF blocks
    max_features: int = field(default_factory=lambda: int(_env("MAX_FEATURES", "10000")))
    max_vertices: int = field(default_factory=lambda: int(_env("MAX_VERTICES", "250000")))
    # a resident's form (POST /indienen, /steun/...): the body is refused past this size before it is parsed
    max_form_kb: float = field(default_factory=lambda: float(_env("MAX_FORM_KB", "64")))
    # from this many gemeenten on, /indienen at the root (no /g/<code>/) first asks for the gemeente: one list of
    # every buurt of a region is long, of the whole country (~14,000) unusable
    loket_kies_gemeente_vanaf: int = field(default_factory=lambda: int(_env("LOKET_KIES_GEMEENTE_VANAF", "10")))
    # the live service the static site (`buurtkaart export-site`) links its "Initiatief indienen" and "Ik steun
    # dit" to, e.g. https://kaart.hilversum.nl/g/GM0402/; empty: the static site has no such links
    loket_url: str = field(default_factory=lambda: _env("LOKET_URL", ""))
    # where the OGC API's own processes listen (http://127.0.0.1:PORT); set by `serve --ogc-workers N`. Empty:
    # the service runs /ogc itself
    ogc_upstream: str = field(default_factory=lambda: _env("OGC_UPSTREAM", ""))
    # OGC API (/ogc) input bounds, checked before tipg and its CQL2 parser see a request (web/ogc/limits.py;
    # docs/deployment.md lists them): filter length, nesting depth and terms; any other value's length; the number
    # of parameters, ids and field names; the largest offset
    ogc_filter_max_chars: int = field(default_factory=lambda: int(_env("OGC_FILTER_MAX_CHARS", "4000")))
    ogc_filter_max_depth: int = field(default_factory=lambda: int(_env("OGC_FILTER_MAX_DEPTH", "20")))
    ogc_filter_max_terms: int = field(default_factory=lambda: int(_env("OGC_FILTER_MAX_TERMS", "100")))
    ogc_param_max_chars: int = field(default_factory=lambda: int(_env("OGC_PARAM_MAX_CHARS", "1000")))
    ogc_max_params: int = field(default_factory=lambda: int(_env("OGC_MAX_PARAMS", "30")))
    ogc_max_ids: int = field(default_factory=lambda: int(_env("OGC_MAX_IDS", "100")))
    ogc_max_fields: int = field(default_factory=lambda: int(_env("OGC_MAX_FIELDS", "50")))
    ogc_max_offset: int = field(default_factory=lambda: int(_env("OGC_MAX_OFFSET", "1000000")))
    # the residents' pages (issue 21) connect as a login of buurtkaart_loket, which may only call loket.*
    loket_dsn: str = field(default_factory=lambda: _env("LOKET_DSN", ""))
    # the mail sender (spatial_service/mail/) connects as a login of buurtkaart_post: only the outbox functions
    post_dsn: str = field(default_factory=lambda: _env("POST_DSN", ""))
    # the address residents reach the service at, for the links in mails; empty = http://{host}:{http_port}
    publieke_url_instelling: str = field(default_factory=lambda: _env("PUBLIEKE_URL", ""))
    # SMTP for the outbox (spatial_service/mail/). Empty host: no mail is sent, mails wait in the outbox.
    # TLS = geen | starttls | tls. The password is read from a file, never from the environment or a command line.
    smtp_host: str = field(default_factory=lambda: _env("SMTP_HOST", ""))
    smtp_port: int = field(default_factory=lambda: int(_env("SMTP_PORT", "25")))
    smtp_tls: str = field(default_factory=lambda: _env("SMTP_TLS", "geen"))
    smtp_afzender: str = field(default_factory=lambda: _env("SMTP_AFZENDER", ""))
    smtp_gebruiker: str = field(default_factory=lambda: _env("SMTP_GEBRUIKER", ""))
    smtp_wachtwoord_bestand: str = field(default_factory=lambda: _env("SMTP_WACHTWOORD_BESTAND", ""))
    # The werkbak (issue 22; docs/deployment.md). WERKBAK_LOGIN_DSN: the conninfo a login is checked with (the
    # user's name and password are added; pg_hba.conf decides how: SCRAM, LDAP); empty = the local cluster's
    # loopback listener. WERKBAK_DSN: the pool the users' queries run on (role buurtkaart_werkbak, SET ROLE to the
    # user); empty = the local cluster's socket.
    werkbak_login_dsn: str = field(default_factory=lambda: _env("WERKBAK_LOGIN_DSN", ""))
    werkbak_dsn: str = field(default_factory=lambda: _env("WERKBAK_DSN", ""))
    werkbak_pool_size: int = field(default_factory=lambda: int(_env("WERKBAK_POOL_SIZE", "4")))
    # session timeouts in seconds: idle (no request), absolute (since the login)
    werkbak_idle_s: int = field(default_factory=lambda: int(_env("WERKBAK_IDLE_S", "1800")))
    werkbak_absolute_s: int = field(default_factory=lambda: int(_env("WERKBAK_ABSOLUTE_S", "36000")))
    # login throttling: at most this many failed logins per account and per address within the window (seconds)
    werkbak_window_s: int = field(default_factory=lambda: int(_env("WERKBAK_POGING_VENSTER_S", "900")))
    werkbak_max_account: int = field(default_factory=lambda: int(_env("WERKBAK_POGING_MAX_ACCOUNT", "5")))
    werkbak_max_address: int = field(default_factory=lambda: int(_env("WERKBAK_POGING_MAX_ADRES", "20")))
    # the largest form a werkbak page accepts (bytes)
    werkbak_max_form: int = field(default_factory=lambda: int(_env("WERKBAK_MAX_FORMULIER", "65536")))

    @property
    def socket_dir(self) -> Path:
        return self.cluster_dir

    @property
    def service_file(self) -> Path:
        """The pg_service.conf naming this cluster: .local/pg_service.conf for the checkout's own cluster, else
        next to the other cluster's data directory, so a second cluster (the benchmark's in /tmp) never rewrites
        the file QGIS was started with."""
        if self.cluster_dir == default_cluster_dir():
            return LOCAL_DIR / "pg_service.conf"
        return self.cluster_dir.parent / "pg_service.conf"

    def local_dsn(self, user: str = "postgres", dbname: str | None = None) -> str:
        return f"host={self.socket_dir} port={self.port} dbname={dbname or self.dbname} user={user}"

    def admin(self, dbname: str | None = None) -> str:
        return self.admin_dsn or self.local_dsn("postgres", dbname)

    def editor(self, dbname: str | None = None) -> str:
        return self.editor_dsn or self.local_dsn(LOCAL_EDITOR_LOGIN, dbname)

    def public(self, dbname: str | None = None) -> str:
        return self.public_dsn or self.local_dsn(LOCAL_PUBLIC_LOGIN, dbname)

    def loket(self, dbname: str | None = None) -> str:
        """The residents' pages: a login that may only call the functions of schema loket."""
        return self.loket_dsn or self.local_dsn(LOCAL_LOKET_LOGIN, dbname)

    def post(self, dbname: str | None = None) -> str:
        """The mail sender: a login that may only take, mark and count mails of the outbox."""
        return self.post_dsn or self.local_dsn(LOCAL_POST_LOGIN, dbname)

    @property
    def publieke_url(self) -> str:
        """Where residents reach the service (mail links), without a trailing slash."""
        return (self.publieke_url_instelling or f"http://{self.host}:{self.http_port}").rstrip("/")
    def werkbak(self, dbname: str | None = None) -> str:
        """The werkbak's pool: the pool role, which SET ROLEs to each user."""
        return self.werkbak_dsn or self.local_dsn(LOCAL_WERKBAK_LOGIN, dbname)

    def werkbak_login(self, dbname: str | None = None) -> str:
        """Where a werkbak login is checked: the local cluster's loopback listener, where pg_hba.conf asks the
        password (the socket trusts whoever reaches it)."""
        return self.werkbak_login_dsn or f"host={LOOPBACK} port={self.port} dbname={dbname or self.dbname}"

    def tiles(self, dbname: str | None = None) -> str:
        """Where tiles are read: the replica when one is configured, else the public DSN itself."""
        return self.replica_dsn or self.public(dbname)


# Login roles the local cluster creates for the group roles of the data model (socket-only, no password).
LOCAL_EDITOR_LOGIN = "buurtkaart_gis"
LOCAL_PUBLIC_LOGIN = "buurtkaart_tiles"
LOCAL_READER_LOGIN = "buurtkaart_kijker"
LOCAL_LOKET_LOGIN = "buurtkaart_bewoners"
LOCAL_POST_LOGIN = "buurtkaart_postbode"
# The werkbak's pool role (made by layers/prelude.sql; the local cluster gives it LOGIN). Its name is fixed: the
# grants name it, and `buurtkaart werkbak gebruiker toevoegen` makes it a member of each user.
LOCAL_WERKBAK_LOGIN = "buurtkaart_werkbak"
WERKBAK_GROUP = "buurtkaart_wijkteam"
# The local cluster's TCP listener (werkbak logins only; pg_hba.conf rejects every other TCP connection).
LOOPBACK = "127.0.0.1"


def get_settings() -> Settings:
    return Settings()
