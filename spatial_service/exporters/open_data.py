"""`buurtkaart export`: the published layers as GeoJSON (WGS84), GeoPackage (RD New) and CSV, plus metadata
(metadata.json, and DCAT-AP-NL in Turtle and JSON-LD: dcat.py), as a dated snapshot with `latest` pointing at it.

What is exported is the catalogue's [[publiek]] layers with exactly their listed fields (velden), read from
schema publiek over a connection as the public role, so nothing private can get in: the role cannot read
anything else. Rows are ordered by their key (stable ids); the commitments (afspraken) of the published deals
go along as a table without geometry. Rows are streamed with a server-side cursor.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import fiona
import psycopg
from fiona.crs import CRS

from spatial_service import catalogue
from spatial_service.db import gemeente as gemeente_scope
from spatial_service.db.connection import connect, describe_dsn
from spatial_service.errors import BuurtkaartError
from spatial_service.exporters import dcat
from spatial_service.ogc_split import read_collections

FORMATS = ("geojson", "gpkg", "csv")
LICENCES = tuple(dcat.LICENCES)
DEFAULT_LICENCE = "CC-BY-4.0"
LATEST = "latest"
GPKG_NAME = "buurtkaart.gpkg"
CRS_TEXT = {
    "geojson": "EPSG:4326 (WGS84, lengte/breedte)",
    "gpkg": "EPSG:28992 (RD New)",
    "csv": "EPSG:4326: kolommen lon/lat zijn een punt op het object (geen volledige geometrie)",
}
_GEOMETRY_TYPES = {"POINT": "Point", "LINESTRING": "LineString", "MULTIPOLYGON": "MultiPolygon",
                   "POLYGON": "Polygon", "MULTIPOINT": "MultiPoint", "MULTILINESTRING": "MultiLineString"}
# PostgreSQL type oids -> fiona field types
_FIELD_TYPES = {20: "int", 21: "int", 23: "int", 700: "float", 701: "float", 1700: "float", 1082: "date",
                16: "str", 25: "str", 1043: "str"}


class ExportError(BuurtkaartError):
    pass


@dataclass(frozen=True)
class ExportLayer:
    id: str
    titel: str
    bron: str
    sleutel: str
    velden: tuple[str, ...]
    filter: str | None = None
    geometry: bool = True


@dataclass
class ExportResult:
    directory: Path
    files: list[Path] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        layers = ", ".join(f"{k} {v}" for k, v in self.counts.items())
        return f"Export naar {self.directory}: {layers}; {len(self.files)} bestanden."


def export_layers(cat: catalogue.Catalogue | None = None) -> list[ExportLayer]:
    layers = [ExportLayer(layer.id, layer.titel, layer.bron, layer.sleutel, layer.velden, layer.filter)
              for layer in (cat or catalogue.load()).public]
    layers.append(ExportLayer("afspraken", "Afspraken van gepubliceerde buurtdeals", "publiek.afspraak", "id",
                              ("id", "buurtdeal_id", "partij", "partij_naam", "omschrijving", "gereed"),
                              geometry=False))
    for layer in layers:
        if not layer.bron.startswith("publiek."):
            raise ExportError(f"Laag {layer.id}: bron {layer.bron} ligt niet in schema publiek; "
                              "open data komt alleen uit publiek.")
    return layers


def for_gemeente(layers: list[ExportLayer], gemeente: str | None) -> list[ExportLayer]:
    """The layers limited to one gemeente's rows (a checked code): the rows with that gemeentecode, as the tile
    path /g/GM0402/ shows them, and the commitments of its deals."""
    if gemeente is None:
        return layers
    own = psycopg.sql.SQL("gemeentecode = {}").format(psycopg.sql.Literal(gemeente)).as_string(None)
    limited = []
    for layer in layers:
        condition = own if layer.geometry else f"buurtdeal_id IN (SELECT id FROM publiek.buurtdeal WHERE {own})"
        limited.append(replace(layer, filter=f"({layer.filter}) AND {condition}" if layer.filter else condition))
    return limited


def _ident(name: str) -> str:
    return psycopg.sql.Identifier(*name.split(".")).as_string(None)


def _query(layer: ExportLayer, with_geometry: bool) -> str:
    cols = ", ".join(_ident(c) for c in layer.velden)
    geo = (", ST_AsGeoJSON(ST_Transform(geom, 4326), 7) AS _wgs84, ST_AsGeoJSON(geom, 2) AS _rd,"
           " ST_X(ST_Transform(ST_PointOnSurface(geom), 4326)) AS _lon,"
           " ST_Y(ST_Transform(ST_PointOnSurface(geom), 4326)) AS _lat") if with_geometry else ""
    where = f" WHERE {layer.filter}" if layer.filter else ""
    return f"SELECT {cols}{geo} FROM {_ident(layer.bron)}{where} ORDER BY {_ident(layer.sleutel)}"


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _schema(conn: psycopg.Connection, layer: ExportLayer) -> tuple[dict[str, str], str | None]:
    cur = conn.execute(f"SELECT {', '.join(_ident(c) for c in layer.velden)} FROM {_ident(layer.bron)} LIMIT 0")
    props = {d.name: _FIELD_TYPES.get(d.type_code, "str") for d in cur.description}
    if not layer.geometry:
        return props, None
    where = f" WHERE {layer.filter}" if layer.filter else ""
    types = [r[0] for r in conn.execute(f"SELECT DISTINCT GeometryType(geom) FROM {_ident(layer.bron)}{where}")]
    gtype = _GEOMETRY_TYPES.get(types[0], "Unknown") if len(types) == 1 else "Unknown"
    return props, gtype


def _rows(conn: psycopg.Connection, layer: ExportLayer) -> Iterator[dict[str, Any]]:
    with conn.cursor(name=f"export_{layer.id}") as cur:
        cur.itersize = 2000
        cur.execute(_query(layer, layer.geometry))
        names = [d.name for d in cur.description]
        for row in cur:
            yield dict(zip(names, row, strict=True))


def _feature(row: dict[str, Any], layer: ExportLayer, geom_key: str | None) -> fiona.Feature:
    props = {k: _plain(row[k]) for k in layer.velden}
    geom = fiona.Geometry.from_dict(json.loads(row[geom_key])) if geom_key and row.get(geom_key) else None
    return fiona.Feature(geometry=geom, properties=fiona.Properties(**props))


@dataclass
class _LayerFiles:
    """One layer written: its files per format (the GeoPackage is shared by all layers), rows, geometry type."""

    layer: ExportLayer
    files: dict[str, Path]
    count: int
    geometry_type: str | None
    coverage: dcat.Coverage


def export_open_data(dsn: str, directory: Path, formats: tuple[str, ...] = FORMATS,
                     licence: str = DEFAULT_LICENCE, source: str | None = None, *, base_url: str | None = None,
                     version: str | None = None, contact: str | None = None,
                     ogc_url: str | None = None, cat: catalogue.Catalogue | None = None,
                     gemeente: str | None = None) -> ExportResult:
    """All files into `directory`. The DCAT distributions point at `base_url` (+ `version`/) + file name; without
    a base URL, at the directory itself as a file: URL. `gemeente` (e.g. GM0402): that gemeente's rows only."""
    _check_options(formats, licence)
    moment = dt.datetime.now(dt.UTC).astimezone()
    _prepare_directory(directory, formats)
    cat = cat or catalogue.load()
    written, places, gemeente = _write_layers(dsn, export_layers(cat), directory, formats, gemeente)
    result = ExportResult(directory)
    for item in written:
        result.files.extend(f for f in item.files.values() if f not in result.files)
        result.counts[item.layer.id] = item.count
    publisher = source or (f"Gemeente {places[0].naam}" if len(places) == 1 else "Buurtkaart")
    datasets = [dcat.DatasetInfo(item.layer.id, item.layer.titel, item.layer.velden, item.count, item.coverage,
                                 item.files) for item in written]
    graph = dcat.build_graph(datasets, base_url=base_url or directory.resolve().as_uri(), version=version,
                             modified=moment, licence=licence, publisher_name=publisher, places=places,
                             contact_email=contact, ogc_url=ogc_url,
                             ogc_collections=_ogc_collections(dsn, cat) if ogc_url else {})
    result.files.extend(dcat.write(graph, directory))
    result.files.append(_write_metadata(directory, written, formats, licence, source, moment, version,
                                        gemeente, places))
    return result


def _ogc_collections(dsn: str, cat: catalogue.Catalogue) -> dict[str, list[tuple[str, str]]]:
    """Per layer, the OGC API collections it is served as (id, title): one per geometry type (ogc_split), read
    the way the OGC API reads them, over all gemeenten (the API serves them all, also with --gemeente)."""
    conn = connect(dsn)
    try:
        parts = read_collections(conn, cat)
    except psycopg.OperationalError as exc:
        raise ExportError(f"Export mislukt ({describe_dsn(dsn)}): {exc}") from exc
    finally:
        conn.close()
    served: dict[str, list[tuple[str, str]]] = {}
    for part in parts:
        served.setdefault(part.layer.id, []).append((part.id, part.titel))
    return served


def _check_options(formats: tuple[str, ...], licence: str) -> None:
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ExportError(f"Onbekend formaat {', '.join(unknown)}; kies uit {', '.join(FORMATS)}.")
    if licence not in LICENCES:
        raise ExportError(f"Onbekende licentie '{licence}'; kies uit {', '.join(LICENCES)} (standaard "
                          f"{DEFAULT_LICENCE}).")


def _prepare_directory(directory: Path, formats: tuple[str, ...]) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    gpkg = directory / GPKG_NAME
    if "gpkg" in formats and gpkg.exists():
        gpkg.unlink()  # a GeoPackage would otherwise keep layers of an earlier export


def _write_layers(dsn: str, layers: list[ExportLayer], directory: Path, formats: tuple[str, ...],
                  gemeente: str | None) -> tuple[list[_LayerFiles], list[dcat.Gemeente], str | None]:
    """Every layer in one snapshot (all files show the same moment), and the gemeenten they cover."""
    conn = connect(dsn)
    try:
        with conn.transaction():
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            gemeente = gemeente_scope.checked(conn, gemeente)
            written = [_write_layer(conn, layer, directory, formats) for layer in for_gemeente(layers, gemeente)]
            places = [place for place in dcat.gemeenten(conn) if gemeente in (None, place.code)]
    except psycopg.OperationalError as exc:
        raise ExportError(f"Export mislukt ({describe_dsn(dsn)}): {exc}") from exc
    finally:
        conn.close()
    return written, places, gemeente


def _write_layer(conn: psycopg.Connection, layer: ExportLayer, directory: Path,
                 formats: tuple[str, ...]) -> _LayerFiles:
    try:
        props, gtype = _schema(conn, layer)
    except psycopg.errors.InsufficientPrivilege as exc:
        raise ExportError(f"Laag {layer.id}: geen leesrecht op {layer.bron} ({exc.diag.message_primary})."
                          " Exporteer als de publieke rol.") from exc
    files: dict[str, Path] = {}
    count = 0
    if "geojson" in formats:
        files["geojson"] = directory / f"{layer.id}.geojson"
        count = _write_fiona(conn, layer, files["geojson"], "GeoJSON", props, gtype, 4326, "_wgs84", None)
    if "gpkg" in formats:
        files["gpkg"] = directory / GPKG_NAME
        count = _write_fiona(conn, layer, files["gpkg"], "GPKG", props, gtype, 28992, "_rd", layer.id)
    if "csv" in formats:
        files["csv"] = directory / f"{layer.id}.csv"
        count = _write_csv(conn, layer, files["csv"])
    coverage = dcat.layer_coverage(conn, layer.bron, layer.filter, layer.velden, layer.geometry)
    return _LayerFiles(layer, files, count, gtype, coverage)


def _write_metadata(directory: Path, written: list[_LayerFiles], formats: tuple[str, ...], licence: str,
                    source: str | None, moment: dt.datetime, version: str | None, gemeente: str | None,
                    places: list[dcat.Gemeente]) -> Path:
    meta = {
        "titel": "Buurtkaart open data: initiatieven, buurtdeals, buurten en openbare ruimte",
        "bron": source or "Buurtkaart (schema publiek)",
        "datum": moment.isoformat(timespec="seconds"),
        "versie": version,
        "licentie": licence,
        "licentie_uri": dcat.LICENCES[licence],
        "crs": {f: CRS_TEXT[f] for f in formats},
        "dcat": [dcat.TURTLE_NAME, dcat.JSONLD_NAME],
        "lagen": [{"id": item.layer.id, "titel": item.layer.titel, "bron": item.layer.bron,
                   "sleutel": item.layer.sleutel, "velden": list(item.layer.velden),
                   "geometrie": item.geometry_type, "aantal": item.count,
                   "bestanden": [f"{path.name} (laag {item.layer.id})" if fmt == "gpkg" else path.name
                                 for fmt, path in item.files.items()]} for item in written],
        **({"gemeente": {"code": gemeente, "naam": places[0].naam}} if gemeente else {}),
    }
    path = directory / "metadata.json"
    path.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def _write_fiona(conn: psycopg.Connection, layer: ExportLayer, path: Path, driver: str, props: dict[str, str],
                 gtype: str | None, epsg: int, geom_key: str, gpkg_layer: str | None) -> int:
    schema = {"geometry": gtype or "None", "properties": props}
    options: dict[str, Any] = {"layer": gpkg_layer} if gpkg_layer else {}
    if driver == "GeoJSON":
        # not RFC7946=YES: GDAL would then write a one-part MultiPolygon as a Polygon (mixed types per layer)
        options.update(COORDINATE_PRECISION=7, WRITE_NAME="NO")
        if path.exists():
            path.unlink()
    count = 0
    with fiona.open(str(path), "w", driver=driver, schema=schema, crs=CRS.from_epsg(epsg), **options) as sink:
        batch = []
        for row in _rows(conn, layer):
            batch.append(_feature(row, layer, geom_key if layer.geometry else None))
            if len(batch) >= 1000:
                sink.writerecords(batch)
                count += len(batch)
                batch.clear()
        sink.writerecords(batch)
        count += len(batch)
    return count


def _csv_cell(value: object) -> object:
    """Residents write the titles: a text starting like a formula is prefixed with ' so a spreadsheet shows it
    instead of running it (CSV injection)."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _write_csv(conn: psycopg.Connection, layer: ExportLayer, path: Path) -> int:
    count = 0
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        extra = ["lon", "lat"] if layer.geometry else []
        writer.writerow([*layer.velden, *extra])
        for row in _rows(conn, layer):
            values = [_plain(row[k]) for k in layer.velden]
            if layer.geometry:
                values += [round(row["_lon"], 7), round(row["_lat"], 7)]
            writer.writerow([_csv_cell(v) for v in values])
            count += 1
    return count


@dataclass
class Snapshot:
    root: Path
    version: str
    result: ExportResult

    @property
    def directory(self) -> Path:
        return self.root / self.version

    def summary(self) -> str:
        return f"{self.result.summary()} {self.root / LATEST} wijst naar {self.version}."


def export_snapshot(dsn: str, root: Path, formats: tuple[str, ...] = FORMATS, licence: str = DEFAULT_LICENCE,
                    source: str | None = None, *, base_url: str | None = None, contact: str | None = None,
                    ogc_url: str | None = None, today: dt.date | None = None,
                    gemeente: str | None = None) -> Snapshot:
    """`root/<YYYY-MM-DD>/` (a snapshot: its files never change once written; a second export on the same day
    replaces that day's snapshot as a whole) and `root/latest`, a symlink to it switched in one rename, so a
    download from latest never mixes two exports. Older snapshots stay until someone removes them."""
    version = (today or dt.date.today()).isoformat()
    root.mkdir(parents=True, exist_ok=True)
    latest = root / LATEST
    if latest.exists() and not latest.is_symlink():
        raise ExportError(f"{latest} bestaat en is geen symbolische koppeling: verplaats die map eerst "
                          "(de export beheert latest zelf).")
    work = root / f".{version}.bezig-{os.getpid()}"
    if work.exists():
        shutil.rmtree(work)
    try:
        result = export_open_data(dsn, work, formats, licence, source, base_url=base_url or root.resolve().as_uri(),
                                  version=version, contact=contact, ogc_url=ogc_url, gemeente=gemeente)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    target = root / version
    old = root / f".{version}.oud-{os.getpid()}"
    if target.exists():
        target.rename(old)
    work.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    link = root / f".{LATEST}.nieuw-{os.getpid()}"
    if link.is_symlink():
        link.unlink()
    link.symlink_to(version, target_is_directory=True)
    os.replace(link, latest)
    result.directory = target
    result.files = [target / f.relative_to(work) for f in result.files]
    return Snapshot(root, version, result)
