"""DCAT-AP-NL metadata for the open-data export: a catalogue, one dataset per layer, one distribution per file
format, in RDF (Turtle and JSON-LD), built with rdflib.

Conformance: DCAT-AP 3.0.1 (SEMIC's shapes, ranges and individual constraints) and Geonovum's DCAT-AP-NL 3.0
shapes; tests/io/test_dcat_official.py checks both RDF files against the official shape files in
shared/standards/dcat/ in every scenario of the EU validator. Values come from the lists the profiles name: EU
authority tables for language, access rights, data theme, file type and country (dct:spatial), IANA media types,
the Creative Commons licences of the DCAT-AP-NL licence list, TOOI for a gemeente as publisher and creator, ADMS
for publisher and licence types, SPDX for the checksum algorithm. The range shapes want every linked resource
typed (a licence is a dct:LicenseDocument, a theme a skos:Concept, ...), and an offline validator cannot
dereference those URIs, so the graph states each term it uses once: its type(s), a label and its scheme (TERMS),
as Geonovum's own examples do ("Aanvullingen voor EU waardelijsten").
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
LOCN = Namespace("http://www.w3.org/ns/locn#")
GSP = Namespace("http://www.opengis.net/ont/geosparql#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
DCAT_VERSION = URIRef(f"{DCAT}version")  # DCAT 3; rdflib's DCAT namespace stops at DCAT 2
EU = "http://publications.europa.eu/resource/authority/"
IANA = "https://www.iana.org/assignments/media-types/"
EPSG = "http://www.opengis.net/def/crs/EPSG/0/"
TOOI_GEMEENTE = "https://identifier.overheid.nl/tooi/id/gemeente/"
OGC_FEATURES = "http://www.opengis.net/spec/ogcapi-features-1/1.0"
OGC_TILES = "http://www.opengis.net/spec/ogcapi-tiles-1/1.0"

LICENCES = {  # the Creative Commons URIs of DCAT-AP-NL's licence list (as data.overheid.nl has them)
    "CC-BY-4.0": "http://creativecommons.org/licenses/by/4.0/deed.nl",
    "CC0-1.0": "http://creativecommons.org/publicdomain/zero/1.0/deed.nl",
}
FORMATS = {  # our format -> (EU file type, IANA media type, CRS of the file)
    "geojson": ("GEOJSON", "application/geo+json", f"{EPSG}4326"),
    "gpkg": ("GPKG", "application/geopackage+sqlite3", f"{EPSG}28992"),
    "csv": ("CSV", "text/csv", f"{EPSG}4326"),
}
TURTLE_NAME = "catalogus.ttl"
JSONLD_NAME = "catalogus.jsonld"
CONTEXT = {"dcat": str(DCAT), "dct": str(DCTERMS), "foaf": str(FOAF), "vcard": str(VCARD), "spdx": str(SPDX),
           "locn": str(LOCN), "gsp": str(GSP), "adms": str(ADMS), "skos": str(SKOS), "rdfs": str(RDFS),
           "xsd": str(XSD)}


@dataclass(frozen=True)
class Term:
    """A resource of a vocabulary the profiles name, described where it is used: types, label, scheme."""

    uri: str
    types: tuple[URIRef, ...]
    label: Literal
    scheme: str | None = None
    kind: str | None = None  # dct:type (a licence's ADMS licence type, an agent's publisher type)


def _concept(uri: str, label: str, scheme: str, *types: URIRef, lang: str = "nl") -> Term:
    return Term(uri, (SKOS.Concept, *types), Literal(label, lang=lang), scheme)


SCHEMES = {  # concept schemes (skos:ConceptScheme needs a dct:title)
    f"{EU}language": "Languages", f"{EU}access-right": "Access right", f"{EU}data-theme": "Data theme",
    f"{EU}country": "Countries and territories", f"{EU}file-type": "File type",
    "http://purl.org/adms/licencetype/1.0": "ADMS licence type",
    "http://purl.org/adms/publishertype/1.0": "ADMS publisher type",
}
TERMS = {term.uri: term for term in (
    _concept(f"{EU}language/NLD", "Nederlands", f"{EU}language", DCTERMS.LinguisticSystem),
    _concept(f"{EU}access-right/PUBLIC", "publiek", f"{EU}access-right", DCTERMS.RightsStatement),
    _concept(f"{EU}data-theme/REGI", "Regio's en steden", f"{EU}data-theme"),
    _concept(f"{EU}country/NLD", "Nederland", f"{EU}country", DCTERMS.Location),
    _concept(f"{EU}file-type/GEOJSON", "GeoJSON", f"{EU}file-type", DCTERMS.MediaTypeOrExtent),
    _concept(f"{EU}file-type/GPKG", "GeoPackage", f"{EU}file-type", DCTERMS.MediaTypeOrExtent),
    _concept(f"{EU}file-type/CSV", "CSV", f"{EU}file-type", DCTERMS.MediaTypeOrExtent),
    _concept("http://purl.org/adms/licencetype/Attribution", "Attribution", "http://purl.org/adms/licencetype/1.0",
             lang="en"),
    _concept("http://purl.org/adms/licencetype/PublicDomain", "Public domain",
             "http://purl.org/adms/licencetype/1.0", lang="en"),
    _concept("http://purl.org/adms/publishertype/LocalAuthority", "Local Authority",
             "http://purl.org/adms/publishertype/1.0", lang="en"),
    Term(LICENCES["CC-BY-4.0"], (DCTERMS.LicenseDocument,), Literal("CC BY 4.0"),
         kind="http://purl.org/adms/licencetype/Attribution"),
    Term(LICENCES["CC0-1.0"], (DCTERMS.LicenseDocument,), Literal("CC0 1.0"),
         kind="http://purl.org/adms/licencetype/PublicDomain"),
    *(Term(f"{IANA}{media}", (DCTERMS.MediaType,), Literal(media)) for _, media, _ in FORMATS.values()),
    Term(f"{EPSG}4326", (DCTERMS.Standard,), Literal("WGS 84 (EPSG:4326)")),
    Term(f"{EPSG}28992", (DCTERMS.Standard,), Literal("Amersfoort / RD New (EPSG:28992)")),
    Term(OGC_FEATURES, (DCTERMS.Standard,), Literal("OGC API - Features - Part 1: Core 1.0", lang="en")),
    Term(OGC_TILES, (DCTERMS.Standard,), Literal("OGC API - Tiles - Part 1: Core 1.0", lang="en")),
    Term(str(SPDX.checksumAlgorithm_sha256), (SPDX.ChecksumAlgorithm,), Literal("SHA-256")),
)}
NL, PUBLIC, THEME, COUNTRY = (f"{EU}language/NLD", f"{EU}access-right/PUBLIC", f"{EU}data-theme/REGI",
                              f"{EU}country/NLD")
KEYWORD = "buurtgericht werken"


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
    def tooi(self) -> URIRef:
        """The gemeente in TOOI (the government organisations register DCAT-AP-NL recommends for publisher and
        creator): identifier.overheid.nl/tooi/id/gemeente/gm0402 for GM0402."""
        return URIRef(f"{TOOI_GEMEENTE}{self.code.lower()}")


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


def _centre_wkt(bbox: tuple[float, float, float, float]) -> str:
    """dcat:centroid of a coverage stated as its bbox: the bbox's centre (the rows' own centroid would aggregate
    every geometry of the layer, a million on the national data, for a recommended property)."""
    w, s, e, n = bbox
    return f"POINT({round((w + e) / 2, 6)} {round((s + n) / 2, 6)})"


def _nl(text: str) -> Literal:
    return Literal(text, lang="nl")


@dataclass
class _Catalogue:
    """What every step adds to: the graph and the resources the datasets share."""

    g: Graph
    root: str
    files_root: str
    when: Literal
    licence: str
    publisher: URIRef
    contact: URIRef
    node: URIRef

    def link(self, subject: URIRef | BNode, predicate: URIRef, uri: str) -> None:
        _link(self.g, subject, predicate, uri)

    def document(self, subject: URIRef, predicate: URIRef, url: str) -> None:
        self.g.add((subject, predicate, URIRef(url)))
        self.g.add((URIRef(url), RDF.type, FOAF.Document))

    def common(self, subject: URIRef) -> None:
        """What catalogue, datasets and the data service all say: publisher, creator, contact, language."""
        self.g.add((subject, DCTERMS.publisher, self.publisher))
        self.g.add((subject, DCTERMS.creator, self.publisher))
        self.g.add((subject, DCAT.contactPoint, self.contact))
        self.link(subject, DCTERMS.language, NL)


def _link(g: Graph, subject: URIRef | BNode, predicate: URIRef, uri: str) -> None:
    """subject predicate <uri>, and the term described once (types, label, scheme, dct:type)."""
    ref = URIRef(uri)
    g.add((subject, predicate, ref))
    term = TERMS.get(uri)
    if term is None or (ref, RDF.type, term.types[0]) in g:
        return
    for kind in term.types:
        g.add((ref, RDF.type, kind))
    g.add((ref, SKOS.prefLabel if SKOS.Concept in term.types else RDFS.label, term.label))
    if term.scheme:
        g.add((ref, SKOS.inScheme, URIRef(term.scheme)))
        g.add((URIRef(term.scheme), RDF.type, SKOS.ConceptScheme))
        g.add((URIRef(term.scheme), DCTERMS.title, Literal(SCHEMES[term.scheme], lang="en")))
    if term.kind:
        _link(g, ref, DCTERMS.type, term.kind)


def _new_graph() -> Graph:
    g = Graph()
    for prefix, ns in CONTEXT.items():
        g.bind(prefix, ns)
    return g


def _add_publisher(g: Graph, root: str, name: str, places: list[Gemeente]) -> URIRef:
    """One gemeente: that gemeente in TOOI, a local authority. Several (or none): the catalogue's own agent."""
    if len(places) == 1:
        publisher = places[0].tooi
        _link(g, publisher, DCTERMS.type, "http://purl.org/adms/publishertype/LocalAuthority")
    else:
        publisher = URIRef(f"{root}uitgever")
    g.add((publisher, RDF.type, FOAF.Agent))
    g.add((publisher, FOAF.name, _nl(name)))
    return publisher


def _add_contact(g: Graph, root: str, name: str, email: str | None) -> URIRef:
    contact = URIRef(f"{root}contact")
    g.add((contact, RDF.type, VCARD.Kind))  # typed as the range says, without the vCard ontology at hand
    g.add((contact, RDF.type, VCARD.Organization))
    g.add((contact, VCARD.fn, _nl(name)))
    if email:
        g.add((contact, VCARD.hasEmail, URIRef(f"mailto:{email}")))
    return contact


def _add_catalogue(cat: _Catalogue, datasets: list[DatasetInfo], version: str | None) -> None:
    g, node = cat.g, cat.node
    g.add((node, RDF.type, DCAT.Catalog))
    g.add((node, DCTERMS.title, _nl("Buurtkaart open data")))
    titles = ", ".join(info.titel.lower() for info in datasets)
    g.add((node, DCTERMS.description, _nl(f"Gepubliceerde gegevens uit Buurtkaart ({titles}); zonder "
                                          "persoonsgegevens.")))
    cat.common(node)
    cat.link(node, DCTERMS.license, cat.licence)
    g.add((node, DCTERMS.modified, cat.when))
    cat.document(node, FOAF.homepage, cat.root)
    cat.link(node, DCAT.theme, THEME)  # also describes the EU data-theme scheme, the catalogue's taxonomy
    g.add((node, DCAT.themeTaxonomy, URIRef(f"{EU}data-theme")))
    cat.link(node, DCTERMS.spatial, COUNTRY)
    g.add((node, DCAT.keyword, _nl(KEYWORD)))
    starts = [info.coverage.start for info in datasets if info.coverage.start]
    ends = [info.coverage.end for info in datasets if info.coverage.end]
    if starts and ends:
        _add_period(g, node, min(starts), max(ends))
    if version:
        g.add((node, DCAT_VERSION, Literal(version)))


def _add_period(g: Graph, subject: URIRef, start: dt.date, end: dt.date) -> None:
    period = BNode()
    g.add((subject, DCTERMS.temporal, period))
    g.add((period, RDF.type, DCTERMS.PeriodOfTime))
    g.add((period, DCAT.startDate, Literal(start.isoformat(), datatype=XSD.date)))
    g.add((period, DCAT.endDate, Literal(end.isoformat(), datatype=XSD.date)))


def _add_service(cat: _Catalogue, ogc_url: str) -> URIRef:
    """The OGC API as a dcat:DataService; its identifier is its URL, like a dataset's."""
    g = cat.g
    service = URIRef(ogc_url.rstrip("/"))
    g.add((cat.node, DCAT.service, service))
    g.add((service, RDF.type, DCAT.DataService))
    g.add((service, DCTERMS.identifier, Literal(str(service))))
    g.add((service, DCTERMS.title, _nl("Buurtkaart OGC API – Features en Tiles")))
    g.add((service, DCTERMS.description, _nl(
        "De gepubliceerde lagen van Buurtkaart live als OGC API – Features (collecties, GeoJSON) en OGC API – "
        "Tiles (vectortegels); elke bewerking is direct zichtbaar.")))
    g.add((service, DCAT.endpointURL, service))
    g.add((service, DCAT.endpointDescription, URIRef(f"{service}/api")))
    for endpoint in (service, URIRef(f"{service}/api")):  # DCAT-AP's individual ranges: class rdfs:Resource,
        g.add((endpoint, RDF.type, RDFS.Resource))          # which a validator without RDFS inference needs said
    cat.link(service, DCTERMS.conformsTo, OGC_FEATURES)
    cat.link(service, DCTERMS.conformsTo, OGC_TILES)
    cat.common(service)
    cat.link(service, DCTERMS.license, cat.licence)
    cat.link(service, DCTERMS.accessRights, PUBLIC)
    cat.link(service, DCAT.theme, THEME)
    g.add((service, DCAT.keyword, _nl(KEYWORD)))
    g.add((service, DCAT.keyword, _nl("OGC API")))
    return service


def _add_dataset(cat: _Catalogue, info: DatasetInfo, version: str | None) -> URIRef:
    g = cat.g
    ds = URIRef(f"{cat.root}dataset/{info.id}")
    g.add((cat.node, DCAT.dataset, ds))
    g.add((ds, RDF.type, DCAT.Dataset))
    g.add((ds, DCTERMS.identifier, Literal(str(ds))))
    g.add((ds, DCTERMS.title, _nl(info.titel)))
    g.add((ds, DCTERMS.description, _nl(f"{info.titel} uit Buurtkaart: {info.aantal} gepubliceerde objecten met de "
                                        f"velden {', '.join(info.velden)}.")))
    cat.common(ds)
    cat.link(ds, DCTERMS.accessRights, PUBLIC)
    cat.link(ds, DCAT.theme, THEME)
    g.add((ds, DCAT.keyword, _nl(KEYWORD)))
    g.add((ds, DCAT.keyword, _nl(info.titel.lower())))
    g.add((ds, DCTERMS.modified, cat.when))
    if version:
        g.add((ds, DCAT_VERSION, Literal(version)))
    cat.link(ds, DCTERMS.spatial, COUNTRY)
    if info.coverage.bbox:
        location = BNode()
        g.add((ds, DCTERMS.spatial, location))
        g.add((location, RDF.type, DCTERMS.Location))
        g.add((location, DCAT.bbox, Literal(_bbox_wkt(info.coverage.bbox), datatype=GSP.wktLiteral)))
        g.add((location, DCAT.centroid, Literal(_centre_wkt(info.coverage.bbox), datatype=GSP.wktLiteral)))
    if info.coverage.start and info.coverage.end:
        _add_period(g, ds, info.coverage.start, info.coverage.end)
    return ds


def _add_live_distributions(cat: _Catalogue, ds: URIRef, service: URIRef,
                            collections: Sequence[tuple[str, str]]) -> None:
    """The layer's collections in the running OGC API (no checksum: they change with every edit): one per
    geometry type when the layer mixes points and areas (spatial_service/ogc_split.py), each its landing page."""
    g = cat.g
    g.add((service, DCAT.servesDataset, ds))
    for collection_id, title in collections:
        live = URIRef(f"{service}/collections/{collection_id}")
        cat.document(ds, DCAT.landingPage, str(live))
        g.add((ds, DCAT.distribution, live))
        g.add((live, RDF.type, DCAT.Distribution))
        g.add((live, DCTERMS.title, _nl(f"{title} (OGC API – Features)")))
        g.add((live, DCTERMS.description, _nl(f"{title} live uit de OGC API van Buurtkaart (collectie "
                                              f"'{collection_id}').")))
        g.add((live, DCAT.accessURL, live))
        g.add((live, DCAT.accessService, service))
        cat.link(live, DCTERMS.format, f"{EU}file-type/GEOJSON")
        cat.link(live, DCAT.mediaType, f"{IANA}application/geo+json")
        cat.link(live, DCTERMS.license, cat.licence)
        cat.link(live, DCTERMS.language, NL)
        cat.link(live, DCTERMS.conformsTo, OGC_FEATURES)


def _add_file_distribution(cat: _Catalogue, ds: URIRef, info: DatasetInfo, fmt: str, path: Path) -> None:
    """One file of this version, with its size and SHA-256; the GeoPackage holds every layer."""
    g = cat.g
    file_type, media_type, crs = FORMATS[fmt]
    url = URIRef(f"{cat.files_root}{path.name}")
    dist = URIRef(f"{url}#{info.id}") if fmt == "gpkg" else url
    g.add((ds, DCAT.distribution, dist))
    g.add((dist, RDF.type, DCAT.Distribution))
    g.add((dist, DCTERMS.title, _nl(f"{info.titel} ({file_type})")))
    g.add((dist, DCTERMS.description, _nl(
        f"GeoPackage met alle lagen; deze dataset is laag '{info.id}'." if fmt == "gpkg" else
        f"{info.titel} als {TERMS[f'{EU}file-type/{file_type}'].label}.")))
    g.add((dist, DCAT.accessURL, url))
    g.add((dist, DCAT.downloadURL, url))
    cat.link(dist, DCTERMS.format, f"{EU}file-type/{file_type}")
    cat.link(dist, DCAT.mediaType, f"{IANA}{media_type}")
    cat.link(dist, DCTERMS.license, cat.licence)
    cat.link(dist, DCTERMS.language, NL)
    g.add((dist, DCTERMS.modified, cat.when))
    cat.link(dist, DCTERMS.conformsTo, crs)
    g.add((dist, DCAT.byteSize, Literal(path.stat().st_size, datatype=XSD.nonNegativeInteger)))
    checksum = BNode()
    g.add((dist, SPDX.checksum, checksum))
    g.add((checksum, RDF.type, SPDX.Checksum))
    cat.link(checksum, SPDX.algorithm, str(SPDX.checksumAlgorithm_sha256))
    g.add((checksum, SPDX.checksumValue, Literal(sha256(path), datatype=XSD.hexBinary)))


def build_graph(datasets: list[DatasetInfo], *, base_url: str, version: str | None, modified: dt.datetime,
                licence: str, publisher_name: str, places: list[Gemeente], contact_email: str | None,
                ogc_url: str | None = None,
                ogc_collections: Mapping[str, Sequence[tuple[str, str]]] | None = None) -> Graph:
    """The catalogue graph. Catalogue and dataset IRIs are stable (no version in them); distributions point at the
    files of this version (`base_url/version/file`), so a harvested record always names the exact bytes. With
    `ogc_url`, the OGC API is a dcat:DataService and each layer it serves gets one more distribution per live
    collection (`ogc_collections`: layer id -> (collection id, title), one per geometry type)."""
    g = _new_graph()
    root = base_url.rstrip("/") + "/"
    cat = _Catalogue(g, root, f"{root}{version}/" if version else root,
                     Literal(modified.isoformat(timespec="seconds"), datatype=XSD.dateTime), LICENCES[licence],
                     _add_publisher(g, root, publisher_name, places), _add_contact(g, root, publisher_name,
                                                                                    contact_email),
                     URIRef(f"{root}catalogus"))
    _add_catalogue(cat, datasets, version)
    service = _add_service(cat, ogc_url) if ogc_url else None
    for info in datasets:
        ds = _add_dataset(cat, info, version)
        if service is not None and (ogc_collections or {}).get(info.id):
            _add_live_distributions(cat, ds, service, (ogc_collections or {})[info.id])
        for fmt, path in info.files.items():
            _add_file_distribution(cat, ds, info, fmt, path)
    return g


def write(graph: Graph, directory: Path) -> list[Path]:
    turtle, jsonld = directory / TURTLE_NAME, directory / JSONLD_NAME
    turtle.write_text(graph.serialize(format="turtle"), encoding="utf-8")
    jsonld.write_text(graph.serialize(format="json-ld", context=CONTEXT, indent=2), encoding="utf-8")
    return [turtle, jsonld]
