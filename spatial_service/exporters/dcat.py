"""DCAT-AP-NL metadata for the open-data export: a catalogue, one dataset per layer, one distribution per file
format, in RDF (Turtle and JSON-LD), built with rdflib.

Vocabularies as DCAT-AP-NL 3.0 (on DCAT-AP 3.0) asks for them: EU authority tables for language, access rights,
file type and data theme, IANA media types, the data.overheid.nl (DONL) licence URIs, the OWMS URI of the
gemeente as publisher and spatial coverage, SPDX checksums (SHA-256). The official DCAT-AP-NL SHACL shapes are not
installable here (not on PyPI, and only PyPI/Debian/npm are reachable), so tests/io check the output with rdflib
and with pyshacl against our own shapes (tests/io/dcat_shapes.ttl): the properties this module promises.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
LOCN = Namespace("http://www.w3.org/ns/locn#")
GSP = Namespace("http://www.opengis.net/ont/geosparql#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
DCAT_VERSION = URIRef(f"{DCAT}version")  # DCAT 3; rdflib's DCAT namespace stops at DCAT 2
EU = "http://publications.europa.eu/resource/authority/"
OWMS = "http://standaarden.overheid.nl/owms/terms/"

LICENCES = {
    "CC-BY-4.0": "http://creativecommons.org/licenses/by/4.0/deed.nl",
    "CC0-1.0": "http://creativecommons.org/publicdomain/zero/1.0/deed.nl",
}
FORMATS = {  # our format -> (EU file type, IANA media type, CRS of the file)
    "geojson": ("GEOJSON", "application/geo+json", "http://www.opengis.net/def/crs/EPSG/0/4326"),
    "gpkg": ("GPKG", "application/geopackage+sqlite3", "http://www.opengis.net/def/crs/EPSG/0/28992"),
    "csv": ("CSV", "text/csv", "http://www.opengis.net/def/crs/EPSG/0/4326"),
}
TURTLE_NAME = "catalogus.ttl"
JSONLD_NAME = "catalogus.jsonld"
CONTEXT = {"dcat": str(DCAT), "dct": str(DCTERMS), "foaf": str(FOAF), "vcard": str(VCARD), "spdx": str(SPDX),
           "locn": str(LOCN), "gsp": str(GSP), "adms": str(ADMS), "xsd": str(XSD)}


@dataclass(frozen=True)
class Coverage:
    """What a layer covers: bbox in WGS84 (lon/lat) and, where the data has dates or years, a period."""

    bbox: tuple[float, float, float, float] | None
    start: dt.date | None = None
    end: dt.date | None = None


@dataclass
class DatasetInfo:
    id: str
    titel: str
    velden: tuple[str, ...]
    aantal: int
    coverage: Coverage
    files: dict[str, Path] = field(default_factory=dict)  # format -> file


@dataclass(frozen=True)
class Gemeente:
    code: str
    naam: str

    @property
    def owms(self) -> URIRef:
        return URIRef(f"{OWMS}{self.naam.replace(' ', '_')}_(gemeente)")


def layer_coverage(conn: psycopg.Connection, source: str, where: str | None, fields: tuple[str, ...],
                   geometry: bool) -> Coverage:
    """bbox from the geometries; the period from the layer's date columns, or its year columns (jaar)."""
    ident = psycopg.sql.Identifier(*source.split(".")).as_string(None)
    condition = f" WHERE {where}" if where else ""
    bbox = None
    if geometry:
        row = conn.execute(f"SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Transform("
                           f"ST_SetSRID(ST_Extent(geom), 28992), 4326) e FROM {ident}{condition}) x").fetchone()
        if row and row[0] is not None:
            bbox = tuple(round(float(v), 6) for v in row)
    cur = conn.execute(f"SELECT {', '.join(psycopg.sql.Identifier(f).as_string(None) for f in fields)} "
                       f"FROM {ident} LIMIT 0")
    dates = [d.name for d in cur.description if d.type_code == 1082]
    years = [d.name for d in cur.description if d.name in ("jaar", "cijfers_jaar") and d.type_code in (21, 23)]
    start = end = None
    if dates:
        col = psycopg.sql.Identifier(dates[0]).as_string(None)
        start, end = conn.execute(f"SELECT min({col}), max({col}) FROM {ident}{condition}").fetchone()
    elif years:
        col = psycopg.sql.Identifier(years[0]).as_string(None)
        low, high = conn.execute(f"SELECT min({col}), max({col}) FROM {ident}{condition}").fetchone()
        if low is not None:
            start, end = dt.date(low, 1, 1), dt.date(high, 12, 31)
    return Coverage(bbox, start, end)


def gemeenten(conn: psycopg.Connection) -> list[Gemeente]:
    rows = conn.execute("SELECT code, naam FROM publiek.gemeente ORDER BY code")
    return [Gemeente(code, naam) for code, naam in rows]


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _bbox_wkt(bbox: tuple[float, float, float, float]) -> str:
    w, s, e, n = bbox
    return f"POLYGON(({w} {s},{e} {s},{e} {n},{w} {n},{w} {s}))"


def build_graph(datasets: list[DatasetInfo], *, base_url: str, version: str | None, modified: dt.datetime,
                licence: str, publisher_name: str, places: list[Gemeente], contact_email: str | None,
                ogc_url: str | None = None, ogc_collections: frozenset[str] = frozenset()) -> Graph:
    """The catalogue graph. Catalogue and dataset IRIs are stable (no version in them); distributions point at the
    files of this version (`base_url/version/file`), so a harvested record always names the exact bytes. With
    `ogc_url`, the OGC API is a dcat:DataService and each layer it serves gets one more distribution: its live
    collection (no checksum: it changes with every edit)."""
    g = Graph()
    for prefix, ns in CONTEXT.items():
        g.bind(prefix, ns)
    root = base_url.rstrip("/") + "/"
    files_root = f"{root}{version}/" if version else root
    catalogue = URIRef(f"{root}catalogus")
    licence_uri = URIRef(LICENCES[licence])
    nl = URIRef(f"{EU}language/NLD")
    when = Literal(modified.isoformat(timespec="seconds"), datatype=XSD.dateTime)

    publisher = places[0].owms if len(places) == 1 else URIRef(f"{root}uitgever")
    g.add((publisher, RDF.type, FOAF.Agent))
    g.add((publisher, FOAF.name, Literal(publisher_name, lang="nl")))
    contact = URIRef(f"{root}contact")
    g.add((contact, RDF.type, VCARD.Organization))
    g.add((contact, VCARD.fn, Literal(publisher_name, lang="nl")))
    if contact_email:
        g.add((contact, VCARD.hasEmail, URIRef(f"mailto:{contact_email}")))

    g.add((catalogue, RDF.type, DCAT.Catalog))
    g.add((catalogue, DCTERMS.title, Literal("Buurtkaart open data", lang="nl")))
    g.add((catalogue, DCTERMS.description, Literal(
        "Gepubliceerde buurtinitiatieven, buurtdeals, wijken, buurten en objecten in de openbare ruimte "
        "(speelplekken, groen, zebrapaden) uit Buurtkaart; zonder persoonsgegevens.", lang="nl")))
    g.add((catalogue, DCTERMS.publisher, publisher))
    g.add((catalogue, DCTERMS.language, nl))
    g.add((catalogue, DCTERMS.license, licence_uri))
    g.add((catalogue, DCTERMS.modified, when))
    g.add((catalogue, FOAF.homepage, URIRef(root)))
    if version:
        g.add((catalogue, DCAT_VERSION, Literal(version)))

    service = None
    if ogc_url:
        service = URIRef(ogc_url.rstrip("/"))
        g.add((catalogue, DCAT.service, service))
        g.add((service, RDF.type, DCAT.DataService))
        g.add((service, DCTERMS.title, Literal("Buurtkaart OGC API – Features en Tiles", lang="nl")))
        g.add((service, DCAT.endpointURL, service))
        g.add((service, DCAT.endpointDescription, URIRef(f"{service}/api")))
        g.add((service, DCTERMS.conformsTo, URIRef("http://www.opengis.net/spec/ogcapi-features-1/1.0")))
        g.add((service, DCTERMS.conformsTo, URIRef("http://www.opengis.net/spec/ogcapi-tiles-1/1.0")))
        g.add((service, DCTERMS.publisher, publisher))
        g.add((service, DCTERMS.license, licence_uri))
        g.add((service, DCTERMS.accessRights, URIRef(f"{EU}access-right/PUBLIC")))

    for info in datasets:
        ds = URIRef(f"{root}dataset/{info.id}")
        if service is not None and info.id in ogc_collections:
            g.add((service, DCAT.servesDataset, ds))
            live = URIRef(f"{service}/collections/{info.id}")
            g.add((ds, DCAT.distribution, live))
            g.add((live, RDF.type, DCAT.Distribution))
            g.add((live, DCTERMS.title, Literal(f"{info.titel} (OGC API – Features)", lang="nl")))
            g.add((live, DCAT.accessURL, live))
            g.add((live, DCAT.accessService, service))
            g.add((live, DCTERMS.format, URIRef(f"{EU}file-type/GEOJSON")))
            g.add((live, DCAT.mediaType, URIRef("https://www.iana.org/assignments/media-types/application/geo+json")))
            g.add((live, DCTERMS.license, licence_uri))
            g.add((live, DCTERMS.conformsTo, URIRef("http://www.opengis.net/spec/ogcapi-features-1/1.0")))
        g.add((catalogue, DCAT.dataset, ds))
        g.add((ds, RDF.type, DCAT.Dataset))
        g.add((ds, DCTERMS.identifier, Literal(str(ds))))
        g.add((ds, DCTERMS.title, Literal(info.titel, lang="nl")))
        g.add((ds, DCTERMS.description, Literal(
            f"{info.titel} uit Buurtkaart: {info.aantal} gepubliceerde objecten met de velden "
            f"{', '.join(info.velden)}.", lang="nl")))
        g.add((ds, DCTERMS.publisher, publisher))
        g.add((ds, DCAT.contactPoint, contact))
        g.add((ds, DCTERMS.language, nl))
        g.add((ds, DCTERMS.accessRights, URIRef(f"{EU}access-right/PUBLIC")))
        g.add((ds, DCAT.theme, URIRef(f"{EU}data-theme/REGI")))
        g.add((ds, DCAT.theme, URIRef(f"{OWMS}Ruimte_en_infrastructuur")))
        g.add((ds, DCAT.keyword, Literal("buurtgericht werken", lang="nl")))
        g.add((ds, DCAT.keyword, Literal(info.titel.lower(), lang="nl")))
        g.add((ds, DCTERMS.modified, when))
        if version:
            g.add((ds, DCAT_VERSION, Literal(version)))
        for place in places:
            g.add((ds, DCTERMS.spatial, place.owms))
        if info.coverage.bbox:
            location = BNode()
            g.add((ds, DCTERMS.spatial, location))
            g.add((location, RDF.type, DCTERMS.Location))
            g.add((location, DCAT.bbox, Literal(_bbox_wkt(info.coverage.bbox), datatype=GSP.wktLiteral)))
        if info.coverage.start and info.coverage.end:
            period = BNode()
            g.add((ds, DCTERMS.temporal, period))
            g.add((period, RDF.type, DCTERMS.PeriodOfTime))
            g.add((period, DCAT.startDate, Literal(info.coverage.start.isoformat(), datatype=XSD.date)))
            g.add((period, DCAT.endDate, Literal(info.coverage.end.isoformat(), datatype=XSD.date)))
        for fmt, path in info.files.items():
            file_type, media_type, crs = FORMATS[fmt]
            dist = URIRef(f"{files_root}{path.name}" + (f"#{info.id}" if fmt == "gpkg" else ""))
            url = URIRef(f"{files_root}{path.name}")
            g.add((ds, DCAT.distribution, dist))
            g.add((dist, RDF.type, DCAT.Distribution))
            g.add((dist, DCTERMS.title, Literal(f"{info.titel} ({file_type})", lang="nl")))
            if fmt == "gpkg":
                g.add((dist, DCTERMS.description, Literal(f"GeoPackage met alle lagen; deze dataset is laag "
                                                          f"'{info.id}'.", lang="nl")))
            g.add((dist, DCAT.accessURL, url))
            g.add((dist, DCAT.downloadURL, url))
            g.add((dist, DCTERMS.format, URIRef(f"{EU}file-type/{file_type}")))
            g.add((dist, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{media_type}")))
            g.add((dist, DCTERMS.license, licence_uri))
            g.add((dist, DCTERMS.modified, when))
            g.add((dist, DCTERMS.conformsTo, URIRef(crs)))
            g.add((dist, DCAT.byteSize, Literal(path.stat().st_size, datatype=XSD.nonNegativeInteger)))
            checksum = BNode()
            g.add((dist, SPDX.checksum, checksum))
            g.add((checksum, RDF.type, SPDX.Checksum))
            g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
            g.add((checksum, SPDX.checksumValue, Literal(sha256(path), datatype=XSD.hexBinary)))
    return g


def write(graph: Graph, directory: Path) -> list[Path]:
    turtle, jsonld = directory / TURTLE_NAME, directory / JSONLD_NAME
    turtle.write_text(graph.serialize(format="turtle"), encoding="utf-8")
    jsonld.write_text(graph.serialize(format="json-ld", context=CONTEXT, indent=2), encoding="utf-8")
    return [turtle, jsonld]
