"""Validation of what a client asks for: layer ids, z/x/y and filter parameters, with Dutch messages.

Everything is checked against whitelists (the catalogue, the value lists in publiek) before any SQL runs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from spatial_service.errors import BuurtkaartError
from spatial_service.tiles.sql import LayerSql
from spatial_service.web.cache import TileKey

MAX_ZOOM = 22
MAX_VALUES = 50
# Query parameter -> filter column: the public word for it where the column name is technical.
PARAM_ALIASES = {"wijk": "wijkcode", "gemeente": "gemeentecode"}
_INT = re.compile(r"^[0-9]{1,9}$")
_TEXT_VALUE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


class RequestError(BuurtkaartError):
    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class TileRequest:
    layers: tuple[LayerSql, ...]
    # layer id -> {column: values}
    filters: dict[str, dict[str, list]]
    key: TileKey  # the tile (z/x/y) and what the cache tells tiles apart by


def parse_layers(text: str, compiled: Mapping[str, LayerSql]) -> tuple[LayerSql, ...]:
    ids = text.split(",")
    if not text or any(not i for i in ids):
        raise RequestError(f"Ongeldige lagenlijst '{text[:80]}': geef laagnamen gescheiden door komma's, "
                           f"bv. {','.join(list(compiled)[:2])}.")
    unknown = [i for i in ids if i not in compiled]
    if unknown:
        raise RequestError(f"Onbekende laag '{unknown[0][:60]}'. Beschikbare lagen: {', '.join(compiled)}.", 404)
    if len(set(ids)) != len(ids):
        raise RequestError(f"Laag dubbel gevraagd in '{text[:80]}': noem elke laag één keer.")
    return tuple(compiled[i] for i in ids)


def parse_int(name: str, text: str) -> int:
    if not _INT.match(text):
        raise RequestError(f"Ongeldige {name} '{text[:20]}': verwacht een geheel getal ≥ 0.")
    return int(text)


def parse_zxy(z_text: str, x_text: str, y_text: str) -> tuple[int, int, int]:
    z = parse_int("zoom (z)", z_text)
    if z > MAX_ZOOM:
        raise RequestError(f"Zoom {z} buiten bereik: z moet tussen 0 en {MAX_ZOOM} liggen.")
    x = parse_int("kolom (x)", x_text)
    y = parse_int("rij (y)", y_text)
    limit = 2**z - 1
    if x > limit or y > limit:
        raise RequestError(f"Tegel {z}/{x}/{y} bestaat niet: bij zoom {z} lopen x en y van 0 tot en met {limit}.")
    return z, x, y


def parse_filters(query: Mapping[str, str], multi: Mapping[str, list[str]], layers: tuple[LayerSql, ...],
                  value_lists: Mapping[str, frozenset[str]]) -> dict[str, dict[str, list]]:
    """Query parameters -> per layer {column: values}. A filter applies to the requested layers that have it;
    a filter none of them has, an unknown parameter or an unknown value is an error."""
    allowed = sorted({f for layer in layers for f in layer.layer.filters})
    result: dict[str, dict[str, list]] = {}
    for param in query:
        column = PARAM_ALIASES.get(param, param)
        if column not in allowed:
            names = ", ".join(_public_name(c) for c in allowed) or "geen (deze lagen hebben geen filters)"
            raise RequestError(f"Onbekende of niet toepasbare parameter '{param[:40]}' voor laag/lagen "
                               f"{','.join(layer.id for layer in layers)}. Toegestane filters: {names}.")
        raw = multi[param]
        if len(raw) > 1:
            raise RequestError(f"Parameter '{param[:40]}' staat er meer dan eens; geef meerdere waarden als één lijst "
                               "met komma's (bv. thema=verkeer,ontmoeten).")
        values = raw[0].split(",")
        if not raw[0] or len(values) > MAX_VALUES:
            raise RequestError(f"Parameter '{param[:40]}' is leeg of heeft meer dan {MAX_VALUES} waarden.")
        for layer in layers:
            if column not in layer.layer.filters:
                continue
            kind = layer.filter_types[column]
            parsed = [_parse_value(param, column, kind, v, value_lists) for v in values]
            result.setdefault(layer.id, {})[column] = sorted(set(parsed))
    return result


def _public_name(column: str) -> str:
    return next((p for p, c in PARAM_ALIASES.items() if c == column), column)


def _parse_value(param: str, column: str, kind: str, value: str,
                 value_lists: Mapping[str, frozenset[str]]) -> int | str:
    if kind == "integer":
        years = value_lists.get("jaar") if column == "jaar" else None  # the CHECK's range, read by the service
        if years and not (_INT.match(value) and str(int(value)) in years):
            first, last = min(map(int, years)), max(map(int, years))
            raise RequestError(f"Ongeldige waarde '{value[:20]}' voor parameter '{param}': verwacht een jaartal "
                               f"van {first} tot en met {last}.")
        if not _INT.match(value):
            raise RequestError(f"Ongeldige waarde '{value[:20]}' voor parameter '{param}': verwacht een getal.")
        return int(value)
    if not _TEXT_VALUE.match(value):
        raise RequestError(f"Ongeldige waarde '{value[:40]}' voor parameter '{param}': alleen letters, cijfers, "
                           "'_' en '-'.")
    known = value_lists.get(column)
    if known is not None and value not in known:
        raise RequestError(f"Onbekende waarde '{value[:64]}' voor parameter '{param[:40]}'. Geldige waarden: "
                           f"{', '.join(sorted(known))}.")
    return value


def tile_request(layers_text: str, z_text: str, x_text: str, y_text: str, query: Mapping[str, str],
                 multi: Mapping[str, list[str]], compiled: Mapping[str, LayerSql],
                 value_lists: Mapping[str, frozenset[str]]) -> TileRequest:
    layers = parse_layers(layers_text, compiled)
    z, x, y = parse_zxy(z_text, x_text, y_text)
    filters = parse_filters(query, multi, layers, value_lists)
    key_filters = tuple(sorted((f"{lid}.{col}", tuple(vals)) for lid, cols in filters.items()
                               for col, vals in cols.items()))
    return TileRequest(layers, filters, TileKey(tuple(lay.id for lay in layers), z, x, y, key_filters))
