"""Every query parameter of /ogc is checked here, before tipg or the `cql2` parser (Rust, not ours) sees it.

Why: `cql2` parses recursively on the thread FastAPI runs it in; 2,000 nested parentheses (a 14 KB URL), 2,000
`NOT`s or 2,000 `+` overflow that thread's stack and the whole process dies with a segmentation fault, and a
CQL2-JSON filter of 100 nested `not`s hits serde's recursion limit (an unforeseen exception: 500). So the values
are bounded first with linear scanners of our own (no parsing, no recursion): length, nesting depth, number of
terms; then ids, properties, sortby, datetime, bbox, limit and offset, and the parameter names themselves (OGC API
Features Part 1 /req/core/query-param-unknown: an unknown parameter is a 400, not silently ignored).

A refusal is an `OgcInputError`: the OGC exception JSON (`code`, `description`) with a Dutch description naming
the parameter and, where a limit was hit, the limit and its setting (BUURTKAART_OGC_...).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ciso8601 import parse_rfc3339

from spatial_service.settings import Settings
from spatial_service.web.ogc.tipg_adapter import FeaturesSettings

INT64 = 2**63 - 1
INTEGER_TYPES = frozenset({"smallint", "integer", "bigint", "smallserial", "serial", "bigserial"})


@dataclass(frozen=True)
class OgcLimits:
    """The bounds of one /ogc request (settings.py reads them from BUURTKAART_OGC_*)."""

    filter_chars: int = 4000   # BUURTKAART_OGC_FILTER_MAX_CHARS
    filter_depth: int = 20     # BUURTKAART_OGC_FILTER_MAX_DEPTH (brackets in CQL2 text; JSON gets 2 × this + 4)
    filter_terms: int = 100    # BUURTKAART_OGC_FILTER_MAX_TERMS (operators, keywords, function calls)
    param_chars: int = 1000    # BUURTKAART_OGC_PARAM_MAX_CHARS (any other parameter value)
    params: int = 30           # BUURTKAART_OGC_MAX_PARAMS (parameters in one request)
    ids: int = 100             # BUURTKAART_OGC_MAX_IDS
    fields: int = 50           # BUURTKAART_OGC_MAX_FIELDS (names in properties, in sortby)
    offset: int = 1_000_000    # BUURTKAART_OGC_MAX_OFFSET
    limit: int = 10_000        # tipg's own maximum (tipg_max_features_per_query)

    @classmethod
    def from_settings(cls, settings: Settings) -> OgcLimits:
        return cls(filter_chars=settings.ogc_filter_max_chars, filter_depth=settings.ogc_filter_max_depth,
                   filter_terms=settings.ogc_filter_max_terms, param_chars=settings.ogc_param_max_chars,
                   params=settings.ogc_max_params, ids=settings.ogc_max_ids, fields=settings.ogc_max_fields,
                   offset=settings.ogc_max_offset, limit=FeaturesSettings().max_features_per_query)

    @property
    def filter_json_depth(self) -> int:
        # a CQL2-JSON level is an object plus its args array; a polygon literal adds four
        return 2 * self.filter_depth + 4


class OgcInputError(ValueError):
    """A request refused before tipg sees it: HTTP `status` with the OGC exception JSON."""

    def __init__(self, description: str, *, code: str = "InvalidParameterValue", status: int = 400) -> None:
        super().__init__(description)
        self.code, self.status, self.description = code, status, description

    def body(self) -> dict[str, str]:
        return {"code": self.code, "description": self.description}


def _limit(parameter: str, what: str, found: int, limit: int, setting: str) -> OgcInputError:
    return OgcInputError(f"Parameter '{parameter}': {what} is {found}, de grens is {limit} "
                         f"(instelling BUURTKAART_{setting}).", code="LimitExceeded")


_OPERATOR_WORDS = frozenset({"and", "or", "not", "like", "between", "in", "is"})
_SYMBOLS = "=<>!+-*/"


def scan_cql2_text(text: str, limits: OgcLimits) -> None:
    """Depth (parentheses and brackets) and terms (operators, keywords, function calls) of a CQL2 text filter,
    in one pass over the characters; string literals ('...', '' escapes) and "quoted identifiers" are skipped."""
    depth = deepest = terms = 0
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in "'\"":
            end = i + 1
            while end < n:
                if text[end] == c:
                    if end + 1 < n and text[end + 1] == c:  # doubled quote: an escaped one
                        end += 2
                        continue
                    break
                end += 1
            if end >= n:
                raise OgcInputError(f"Parameter 'filter': de tekenreeks die begint op positie {i + 1} wordt niet "
                                    "afgesloten.")
            i = end + 1
            continue
        if c in "([":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > limits.filter_depth:
                raise _limit("filter", "de nesting (haakjes)", deepest, limits.filter_depth, "OGC_FILTER_MAX_DEPTH")
        elif c in ")]":
            depth -= 1
            if depth < 0:
                raise OgcInputError(f"Parameter 'filter': sluithaakje op positie {i + 1} zonder openingshaakje.")
        elif c in _SYMBOLS:
            terms += 1
            while i + 1 < n and text[i + 1] in "=<>":  # <=, >=, <>, != are one operator
                i += 1
        elif c.isalpha() or c == "_":
            end = i
            while end < n and (text[end].isalnum() or text[end] in "_:."):
                end += 1
            word = text[i:end].lower()
            after = end
            while after < n and text[after] == " ":
                after += 1
            if word in _OPERATOR_WORDS or (after < n and text[after] == "("):
                terms += 1
            i = end
            if terms > limits.filter_terms:
                break
            continue
        if terms > limits.filter_terms:
            break
        i += 1
    if terms > limits.filter_terms:
        raise _limit("filter", "het aantal termen (operatoren, functies)", terms, limits.filter_terms,
                     "OGC_FILTER_MAX_TERMS")
    if depth != 0:
        raise OgcInputError(f"Parameter 'filter': {depth} haakje(s) niet gesloten.")


def scan_cql2_json(text: str, limits: OgcLimits) -> None:
    """Depth ({ and [) and terms ("op" members) of a CQL2-JSON filter, one pass, strings skipped."""
    depth = terms = 0
    i, n = 0, len(text)
    last_string = None
    while i < n:
        c = text[i]
        if c == '"':
            end = i + 1
            while end < n and text[end] != '"':
                end += 2 if text[end] == "\\" else 1
            if end >= n:
                raise OgcInputError("Parameter 'filter': een JSON-tekenreeks wordt niet afgesloten.")
            last_string = text[i + 1:end] if end - i <= 4 else None
            i = end + 1
            continue
        if c in "{[":
            depth += 1
            if depth > limits.filter_json_depth:
                raise _limit("filter", "de nesting (JSON)", depth, limits.filter_json_depth, "OGC_FILTER_MAX_DEPTH")
        elif c in "}]":
            depth -= 1
            if depth < 0:
                raise OgcInputError("Parameter 'filter': ongeldige JSON (sluithaakje zonder openingshaakje).")
        elif c == ":" and last_string == "op":
            terms += 1
            if terms > limits.filter_terms:
                raise _limit("filter", "het aantal termen (\"op\")", terms, limits.filter_terms,
                             "OGC_FILTER_MAX_TERMS")
        if not c.isspace():
            last_string = None if c != ":" else last_string
        i += 1
    if depth != 0:
        raise OgcInputError("Parameter 'filter': ongeldige JSON (haakjes niet gesloten).")


@dataclass(frozen=True)
class Target:
    """What the guard knows of the collection a request is about (from the loaded catalog)."""

    fields: frozenset[str]
    id_type: str | None
    geometry_columns: frozenset[str] = frozenset()
    datetime_columns: frozenset[str] = frozenset()

    @property
    def has_datetime(self) -> bool:
        return bool(self.datetime_columns)


_TILE = re.compile(r"^-?\d{1,10}$")
_NUMBER = re.compile(r"^-?\d{1,19}$")


def check_query(items: list[tuple[str, str]], allowed: Iterable[str], target: Target | None,
                limits: OgcLimits) -> None:
    """Raise OgcInputError for the first thing wrong with the query string (names, counts, then each value)."""
    if len(items) > limits.params:
        raise OgcInputError(f"Het verzoek heeft {len(items)} parameters, de grens is {limits.params} "
                            "(instelling BUURTKAART_OGC_MAX_PARAMS).", code="LimitExceeded")
    allowed = set(allowed)
    seen: set[str] = set()
    for name, value in items:
        if name not in allowed and not (target is not None and name in target.fields and "filter" in allowed):
            known = ", ".join(sorted(allowed)) or "geen"
            raise OgcInputError(f"Onbekende parameter '{name[:60]}'; deze route kent: {known}.",
                                code="UnknownParameter")
        if name in seen:
            raise OgcInputError(f"Parameter '{name}' staat meer dan eens in het verzoek.")
        seen.add(name)
        if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
            raise OgcInputError(f"Parameter '{name}': de waarde bevat een stuurteken (zoals %00).")
        cap = limits.filter_chars if name == "filter" else limits.param_chars
        if len(value) > cap:
            setting = "OGC_FILTER_MAX_CHARS" if name == "filter" else "OGC_PARAM_MAX_CHARS"
            raise _limit(name, "de lengte", len(value), cap, setting)
    query = dict(items)
    if "filter" in query:
        language = query.get("filter-lang") or "cql2-text"
        if not query["filter"].strip():
            raise OgcInputError("Parameter 'filter': leeg; laat de parameter weg of geef een CQL2-filter.")
        if language == "cql2-json":
            scan_cql2_json(query["filter"], limits)
        elif language == "cql2-text":
            scan_cql2_text(query["filter"], limits)
        else:
            raise OgcInputError(f"Parameter 'filter-lang': '{language[:40]}' onbekend; kies cql2-text of cql2-json.")
    for name in ("limit", "offset"):
        if name in query:
            _check_count(name, query[name], limits.limit if name == "limit" else limits.offset)
    if "bbox" in query and query["bbox"].count(",") not in (3, 5):
        raise OgcInputError(f"Parameter 'bbox': verwacht 4 of 6 getallen gescheiden door komma's, kreeg "
                            f"{query['bbox'].count(',') + 1}.")
    if "simplify" in query:
        _check_number("simplify", query["simplify"], 0.0, 1e7)
    if "datetime" in query:
        _check_datetime(query["datetime"])
    for name in ("minzoom", "maxzoom"):
        if name in query and not re.fullmatch(r"\d{1,2}", query[name]):
            raise OgcInputError(f"Parameter '{name}': '{query[name][:20]}' is geen zoomniveau (0-30).")
    if target is not None:
        _check_target(query, target, limits)


def _check_datetime(value: str) -> None:
    parts = value.split("/")
    if len(parts) > 2:
        raise OgcInputError("Parameter 'datetime': verwacht één tijdstip of een interval 'begin/eind'.")
    for part in parts:
        if part in ("..", "") and len(parts) == 2:
            continue
        try:
            parse_rfc3339(part)
        except ValueError:
            raise OgcInputError(f"Parameter 'datetime': '{part[:40]}' is geen RFC 3339-tijdstip "
                                "(voorbeeld 2024-05-01T00:00:00Z).") from None
    if len(parts) == 2 and set(parts) <= {"..", ""}:
        raise OgcInputError("Parameter 'datetime': een interval open aan beide kanten filtert niets; geef "
                            "begin of eind.")


def _check_count(name: str, value: str, maximum: int) -> None:
    if not re.fullmatch(r"\d{1,12}", value.strip()):
        raise OgcInputError(f"Parameter '{name}': '{value[:40]}' is geen geheel getal van 0 of meer.")
    if int(value) > maximum:
        setting = "OGC_MAX_OFFSET" if name == "offset" else "tipg_max_features_per_query"
        raise _limit(name, "de waarde", int(value), maximum, setting)


def _check_number(name: str, value: str, lo: float, hi: float) -> None:
    try:
        number = float(value)
    except ValueError:
        raise OgcInputError(f"Parameter '{name}': '{value[:40]}' is geen getal.") from None
    if not lo <= number <= hi:  # also NaN and infinity
        raise OgcInputError(f"Parameter '{name}': {value[:40]} ligt niet tussen {lo:g} en {hi:g}.")


def _check_target(query: Mapping[str, str], target: Target, limits: OgcLimits) -> None:
    choose = ", ".join(sorted(target.fields))
    for name in ("properties", "sortby"):
        if name not in query:
            continue
        names = [p.strip() for p in query[name].split(",")]
        if len(names) > limits.fields:
            raise _limit(name, "het aantal velden", len(names), limits.fields, "OGC_MAX_FIELDS")
        for field in names:
            bare = field[1:].strip() if name == "sortby" and field[:1] in "+-" else field
            if name == "properties" and bare == "" and len(names) == 1:
                continue  # properties= : no properties (Part 1)
            if bare not in target.fields:
                raise OgcInputError(f"Parameter '{name}': onbekend veld '{bare[:60]}'; kies uit {choose}.",
                                    code="UnknownField")
    if "ids" in query:
        ids = query["ids"].split(",")
        if len(ids) > limits.ids:
            raise _limit("ids", "het aantal ids", len(ids), limits.ids, "OGC_MAX_IDS")
        for item in ids:
            if not valid_id(item, target):
                raise OgcInputError(f"Parameter 'ids': '{item[:40]}' is geen geldig id van deze collectie "
                                    f"({'geheel getal' if target.id_type in INTEGER_TYPES else 'tekst'}).")
    if "datetime" in query and not target.has_datetime:
        raise OgcInputError("Parameter 'datetime': deze collectie heeft geen datum of tijd; laat de parameter "
                            "weg.")
    for name, columns, what in (("geom-column", target.geometry_columns, "geometriekolom"),
                                ("datetime-column", target.datetime_columns, "datum- of tijdkolom")):
        if name in query and query[name] not in columns:
            raise OgcInputError(f"Parameter '{name}': '{query[name][:60]}' is geen {what} van deze collectie"
                                + (f"; kies {', '.join(sorted(columns))}." if columns else "."), code="UnknownField")


def valid_id(value: str, target: Target) -> bool:
    """An id that can exist in the collection: an integer key fits int64, any key at most 200 characters."""
    if target.id_type in INTEGER_TYPES:
        return bool(_NUMBER.fullmatch(value)) and abs(int(value)) <= INT64
    return 0 < len(value) <= 200


def check_tile(z: str, x: str, y: str, matrices: Mapping[str, tuple[int, int]]) -> None:
    """Tile coordinates inside the tile matrix set (`matrices`: zoom -> (width, height)); else a 404 as OGC API
    Tiles asks for a tile outside the matrix (a non-number is a 400)."""
    for name, value in (("tileMatrix", z), ("tileCol", x), ("tileRow", y)):
        if not _TILE.fullmatch(value):
            raise OgcInputError(f"Tegel: {name} '{value[:20]}' is geen geheel getal.")
    size = matrices.get(z)
    if size is None:
        raise OgcInputError(f"Tegel: niveau {z} bestaat niet in deze tegelmatrixset (kies "
                            f"{min(map(int, matrices))}-{max(map(int, matrices))}).", code="NotFound", status=404)
    width, height = size
    if not (0 <= int(x) < width and 0 <= int(y) < height):
        raise OgcInputError(f"Tegel {z}/{x}/{y} ligt buiten de tegelmatrix (kolom 0-{width - 1}, rij "
                            f"0-{height - 1}).", code="NotFound", status=404)


def safe_accept(value: str, limits: OgcLimits) -> str:
    """The Accept header as tipg's parser (dependencies.accept_media_type) can read it: that parser splits every
    media-range parameter at '=' into a dict and raised (500) on `text/html;q` or `q=1=2`. Parameters without
    exactly one '=' are dropped; the media types stay, so content negotiation is unchanged."""
    if len(value) > limits.param_chars:
        raise OgcInputError(f"Header 'Accept': de lengte is {len(value)}, de grens is {limits.param_chars} "
                            "(instelling BUURTKAART_OGC_PARAM_MAX_CHARS).", code="LimitExceeded")
    ranges = []
    for part in value.split(","):
        name, *params = part.split(";")
        kept = [p for p in params if p.count("=") == 1]
        ranges.append(";".join([name, *kept]))
    return ",".join(ranges)
