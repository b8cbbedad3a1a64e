"""`buurtkaart export` against the official DCAT-AP 3.0.1 (SEMIC) and DCAT-AP-NL 3.0 (Geonovum) SHACL shapes, in
the scenarios of the EU validator (shared/standards/dcat/README.md): catalogus.ttl and catalogus.jsonld, with and
without --ogc-url and --gemeente, must have no violation in any scenario but the controlled-vocabulary one (it needs
the EU authority tables, which are not available offline) and only the known warnings of the recommendations.

The shape files are the standards bodies' files and stay where they are: shared/ lies next to the project (CI) or
further up (a worktree); without them the test fails. "With background knowledge" is the validator's imports.ttl:
here the offline copies in vocab/ as pyshacl's ontology graph, without inference. pyshacl mixes that graph into the
data, so shapes also fire on the vocabularies' own resources (an ELI table without dct:title, the DCAT editors as
foaf:Person without dct:type); those results are the same for any input and are not about our catalogue: only
results whose focus node is a node of the catalogue count. The scenarios with background knowledge run together
as one shapes graph (their constraints only add up, so none there means none in each) to keep the test short.
"""

from __future__ import annotations

import collections
from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF

from spatial_service.cli import main
from spatial_service.exporters import dcat
from spatial_service.paths import PROJECT_ROOT

SH = Namespace("http://www.w3.org/ns/shacl#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
STANDARDS = next((p / "shared" / "standards" / "dcat" for p in PROJECT_ROOT.parents
                  if (p / "shared" / "standards" / "dcat" / "README.md").exists()),
                 PROJECT_ROOT.parent / "shared" / "standards" / "dcat")
AP, NL, NL300 = "dcat-ap-3.0.1", "dcat-ap-nl-3.0", "dcat-ap-nl-3.0.0"
SCENARIOS = {  # without background knowledge: scenario -> shape files
    "DCAT-AP 3.0.1 base zero": [f"{AP}/shapes.ttl"],
    "DCAT-AP 3.0.1 ranges zero": [f"{AP}/range.ttl"],
    "DCAT-AP 3.0.1 deprecated URIs": [f"{AP}/deprecateduris.ttl"],
    "DCAT-AP 3.0.1 full (individual constraints)": [f"{AP}/dcat-ap-SHACL.ttl"],
    "DCAT-AP 3.0.1 individual constraints and ranges": [f"{AP}/dcat-ap-SHACL.ttl", f"{AP}/ranges-individual.ttl"],
    "DCAT-AP-NL 3.0": [f"{NL}/dcat-ap-nl-SHACL.ttl"],
    "DCAT-AP-NL 3.0 klassebereik": [f"{NL}/dcat-ap-nl-SHACL-klassebereik.ttl"],
    "DCAT-AP-NL 3.0 aanbevolen": [f"{NL}/dcat-ap-nl-SHACL-aanbevolen.ttl"],
    "DCAT-AP-NL 3.0.0": [f"{NL300}/dcat-ap-nl-SHACL.ttl"],
    "DCAT-AP-NL 3.0.0 klassebereik": [f"{NL300}/dcat-ap-nl-SHACL-klassebereik.ttl"],
}
# with background knowledge (vocab/): base, ranges, recommendations and full of DCAT-AP 3.0.1, and the
# klassebereik-codelijsten of DCAT-AP-NL, which the EU validator and Geonovum run with the vocabularies
BACKGROUND = [f"{AP}/shapes.ttl", f"{AP}/range.ttl", f"{AP}/shapes_recommended.ttl", f"{AP}/deprecateduris.ttl",
              f"{NL}/dcat-ap-nl-SHACL-klassebereik-codelijsten.ttl",
              f"{NL300}/dcat-ap-nl-SHACL-klassebereik-codelijsten.ttl"]
# the recommendations we leave open, as (classes of the focus node, property): no true value to give
UNFILLED = {
    ("Catalog", DCTERMS.issued),  # the first publication is not known to an export
    ("Catalog", DCAT.distribution),  # the catalogue's own files cannot carry their own checksum
    ("Dataset", DCTERMS.temporal),  # layers without dates or years: no made-up period
    ("Dataset", DCTERMS.conformsTo), ("Dataset", URIRef("http://xmlns.com/foaf/0.1/page")),
    ("Dataset", DCAT.landingPage),  # a landing page only where the OGC API shows the layer
    ("Distribution", URIRef("http://data.europa.eu/r5r/availability")),  # we promise no retention
    ("Distribution,Document", URIRef("http://data.europa.eu/r5r/availability")),
    ("Distribution", DCAT.accessService),  # a file has no service
    ("Distribution,Document", DCAT.downloadURL),  # a live collection (also the layer's landing page) no download
    ("Agent", DCTERMS.type),  # a catalogue's own publisher (several gemeenten) is of no known kind
    ("Concept,Location", DCAT.bbox), ("Concept,Location", DCAT.centroid),  # the EU country NLD: the list's
}
OGC = "https://kaart.gemeente.example/ogc"
VARIANTS = {
    "alle gemeenten": [],
    "met --ogc-url": ["--ogc-url", OGC],
    "met --gemeente": ["--gemeente", "GM0402"],
    "met --gemeente en --ogc-url": ["--gemeente", "GM0307", "--ogc-url", f"{OGC}/", "--licentie", "CC0-1.0"],
}


def _standard(name: str) -> Path:
    path = STANDARDS / name
    assert path.exists(), f"{path} ontbreekt: shared/standards/dcat/ hoort naast (of boven) de projectmap"
    return path


def _shapes(names: list[str]) -> Graph:
    g = Graph()
    for name in names:
        g.parse(_standard(name))
    # dcat-ap-SHACL.ttl names two property shapes of its DataServiceShape it never defines (the README says: drop
    # them), ranges-individual.ttl three of its own; pyshacl refuses a shapes graph with such a reference
    undefined = [(s, o) for s, o in g.subject_objects(SH.property) if (o, None, None) not in g]
    for s, o in undefined:
        g.remove((s, SH.property, o))
    if names == [f"{AP}/dcat-ap-SHACL.ttl"]:
        assert len(undefined) == 2, undefined
    return g


@pytest.fixture(scope="module")
def shapes() -> dict[str, Graph]:
    return {name: _shapes(files) for name, files in SCENARIOS.items()} | {"background": _shapes(BACKGROUND)}


@pytest.fixture(scope="module")
def background() -> Graph:
    vocab = Graph()
    for path in sorted(_standard("vocab").glob("*.ttl")):
        vocab.parse(path)
    assert len(vocab) > 10000
    return vocab


@pytest.fixture(scope="module")
def exports(two_gemeenten_db, tmp_path_factory) -> dict[str, Path]:
    """Each variant as a person runs it: `buurtkaart export MAP ...` on a database with two gemeenten."""
    folders = {}
    for name, extra in VARIANTS.items():
        root = tmp_path_factory.mktemp("opendata")
        assert main(["export", str(root), "--dsn", two_gemeenten_db.public_dsn, "--url",
                     "https://data.gemeente.example/buurtkaart/", "--contact", "gis@gemeente.example",
                     *extra]) == 0
        folders[name] = root / "latest"
    return folders


def _results(data: Graph, shapes: Graph, ontology: Graph | None = None) -> list[tuple[str, str, str, str]]:
    """(severity, class of the focus node, path, message) of every result about a node of the catalogue."""
    target = data
    if ontology is not None:  # what pyshacl's ont_graph does (the union), without its slow node-by-node clone
        target = Graph()
        target.addN((s, p, o, target) for s, p, o in ontology)
        target.addN((s, p, o, target) for s, p, o in data)
    _, report, _ = pyshacl.validate(target, shacl_graph=shapes, inference="none", allow_warnings=True,
                                    inplace=True)
    nodes = set(data.subjects()) | set(data.objects())
    found = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        if focus not in nodes:
            continue  # a resource of the vocabularies (background knowledge), not of the catalogue
        classes = sorted(str(c).rsplit("#", 1)[-1].rsplit("/", 1)[-1] for c in data.objects(focus, RDF.type))
        found.append((str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[1], ",".join(classes),
                      report.value(result, SH.resultPath), f"{focus}: {report.value(result, SH.resultMessage)}"))
    return found


def _violations(found: list[tuple[str, str, str, str]]) -> list[tuple[str, str, str, str]]:
    return [r for r in found if r[0] == "Violation"]


def _unexpected_warnings(found: list[tuple[str, str, str, str]]) -> list[tuple[str, str, str, str]]:
    return [r for r in found if r[0] == "Warning" and (r[1], r[2]) not in UNFILLED]


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("name", [dcat.TURTLE_NAME, dcat.JSONLD_NAME])
def test_official_shapes_find_no_violation(exports, shapes, background, variant, name):
    data = Graph().parse(exports[variant] / name, format="json-ld" if name.endswith(".jsonld") else "turtle")
    assert (None, RDF.type, DCAT.Dataset) in data
    problems = {}
    for scenario in SCENARIOS:
        found = _results(data, shapes[scenario])
        if bad := _violations(found) + _unexpected_warnings(found):
            problems[scenario] = bad
    found = _results(data, shapes["background"], background)
    if bad := _violations(found) + _unexpected_warnings(found):
        problems["with background knowledge"] = bad
    summary = {scenario: collections.Counter((r[0], r[1], str(r[2])) for r in bad)
               for scenario, bad in problems.items()}
    assert not problems, f"{summary}\n{problems}"


def test_both_files_are_one_graph_and_name_the_gemeente(exports):
    """The JSON-LD is the Turtle's graph; with --gemeente the gemeente (TOOI) publishes and creates; without it,
    on two gemeenten, the catalogue's own agent; places come from the EU country list, not OWMS."""
    for folder in exports.values():
        turtle = Graph().parse(folder / dcat.TURTLE_NAME, format="turtle")
        assert isomorphic(turtle, Graph().parse(folder / dcat.JSONLD_NAME, format="json-ld"))
    g = Graph().parse(exports["met --gemeente"] / dcat.TURTLE_NAME, format="turtle")
    (catalogue,) = g.subjects(RDF.type, DCAT.Catalog)
    hilversum = URIRef("https://identifier.overheid.nl/tooi/id/gemeente/gm0402")
    assert g.value(catalogue, DCTERMS.publisher) == hilversum == g.value(catalogue, DCTERMS.creator)
    assert {o for o in g.objects(None, DCTERMS.spatial) if isinstance(o, URIRef)} == {
        URIRef("http://publications.europa.eu/resource/authority/country/NLD")}
    assert not [o for o in g.all_nodes() if "owms" in str(o)]
    g = Graph().parse(exports["alle gemeenten"] / dcat.TURTLE_NAME, format="turtle")
    (catalogue,) = g.subjects(RDF.type, DCAT.Catalog)
    assert str(g.value(catalogue, DCTERMS.publisher)) == "https://data.gemeente.example/buurtkaart/uitgever"


def test_the_shapes_do_catch_an_untyped_licence_and_a_missing_creator(exports, shapes):
    """The check can fail: the official shapes report what main used to write."""
    g = Graph().parse(exports["met --ogc-url"] / dcat.TURTLE_NAME, format="turtle")
    licence = URIRef(dcat.LICENCES["CC-BY-4.0"])
    g.remove((licence, RDF.type, None))
    g.remove((None, DCTERMS.creator, None))
    ranges = _violations(_results(g, shapes["DCAT-AP 3.0.1 ranges zero"]))
    assert {r[2] for r in ranges} == {DCTERMS.license} and len(ranges) == len(set(g.subjects(DCTERMS.license)))
    nl = _violations(_results(g, shapes["DCAT-AP-NL 3.0"]))
    assert {r[2] for r in nl} == {DCTERMS.creator} and len(nl) == len(set(g.subjects(RDF.type, DCAT.Dataset)))
