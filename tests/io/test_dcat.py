"""DCAT-AP-NL metadata of `buurtkaart export`: RDF in Turtle and JSON-LD (rdflib, pyshacl), one dataset per layer,
one distribution per format whose URL, size and SHA-256 match the file; licence, publisher, coverage; the dated
snapshot with `latest`, from the command line as a person runs it."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from urllib.parse import urlparse

import pyshacl
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, FOAF, RDF

from spatial_service.cli import main
from spatial_service.errors import BuurtkaartError
from spatial_service.exporters import dcat
from spatial_service.exporters.open_data import ExportError, export_layers, export_snapshot
from tests.io.conftest import rows

SHAPES = Path(__file__).with_name("dcat_shapes.ttl")
# an open namespace (rdflib's closed DCAT warns when pytest looks at the module's names)
DCAT = Namespace("http://www.w3.org/ns/dcat#")
URL = "https://data.gemeente.example/buurtkaart/"


@pytest.fixture(scope="module")
def snapshot(demo_db, tmp_path_factory):
    root = tmp_path_factory.mktemp("opendata")
    return export_snapshot(demo_db.public_dsn, root, base_url=URL, contact="gis@gemeente.example",
                           today=dt.date(2026, 3, 1))


def graph(directory: Path) -> Graph:
    return Graph().parse(directory / dcat.TURTLE_NAME, format="turtle")


def test_turtle_and_jsonld_are_the_same_valid_graph(snapshot):
    turtle = graph(snapshot.directory)
    jsonld = Graph().parse(snapshot.directory / dcat.JSONLD_NAME, format="json-ld")
    assert len(turtle) > 300 and isomorphic(turtle, jsonld)
    conforms, _, report = pyshacl.validate(turtle, shacl_graph=str(SHAPES), inference="none")
    assert conforms, report


def test_shapes_catch_what_is_missing(snapshot):
    broken = graph(snapshot.directory)
    dist = next(broken.subjects(RDF.type, DCAT.Distribution))
    broken.remove((dist, dcat.SPDX.checksum, None))
    broken.remove((dist, DCTERMS.license, None))
    conforms, _, report = pyshacl.validate(broken, shacl_graph=str(SHAPES), inference="none")
    assert not conforms and "checksum" in report and "license" in report


def test_one_dataset_per_layer_one_distribution_per_format_matching_the_files(snapshot):
    g = graph(snapshot.directory)
    (catalogue,) = g.subjects(RDF.type, DCAT.Catalog)
    datasets = set(g.objects(catalogue, DCAT.dataset))
    assert {str(d).rsplit("/", 1)[1] for d in datasets} == {layer.id for layer in export_layers()}
    licence = URIRef(dcat.LICENCES["CC-BY-4.0"])
    for ds in datasets:
        dists = list(g.objects(ds, DCAT.distribution))
        formats = {str(g.value(d, DCTERMS.format)).rsplit("/", 1)[1] for d in dists}
        assert formats == {"GEOJSON", "GPKG", "CSV"}, ds
        for d in dists:
            url = str(g.value(d, DCAT.downloadURL))
            assert url.startswith(f"{URL}2026-03-01/")
            path = snapshot.directory / urlparse(url).path.rsplit("/", 1)[1]
            data = path.read_bytes()
            checksum = g.value(d, dcat.SPDX.checksum)
            assert str(g.value(checksum, dcat.SPDX.checksumValue)) == hashlib.sha256(data).hexdigest()
            assert int(g.value(d, DCAT.byteSize)) == len(data)
            assert g.value(d, DCTERMS.license) == licence
    publisher = g.value(catalogue, DCTERMS.publisher)
    assert str(publisher) == "https://identifier.overheid.nl/tooi/id/gemeente/gm0402"  # TOOI
    assert str(g.value(publisher, FOAF.name)) == "Gemeente Hilversum"
    contact = g.value(next(iter(datasets)), DCAT.contactPoint)
    assert str(g.value(contact, dcat.VCARD.hasEmail)) == "mailto:gis@gemeente.example"


def test_temporal_and_spatial_coverage_come_from_the_data(snapshot, demo_db):
    g = graph(snapshot.directory)

    def dataset(layer_id: str) -> URIRef:
        return URIRef(f"{URL}dataset/{layer_id}")

    period = g.value(dataset("initiatieven"), DCTERMS.temporal)
    low, high = rows(demo_db.public_dsn, "SELECT min(ingediend_op), max(ingediend_op) FROM publiek.initiatief")[0]
    assert g.value(period, DCAT.startDate) == Literal(low) and g.value(period, DCAT.endDate) == Literal(high)
    period = g.value(dataset("buurtdeals"), DCTERMS.temporal)
    low, high = rows(demo_db.public_dsn, "SELECT min(jaar), max(jaar) FROM publiek.buurtdeal")[0]
    assert str(g.value(period, DCAT.startDate)) == f"{low}-01-01" and str(g.value(period, DCAT.endDate)) == \
        f"{high}-12-31"
    assert g.value(dataset("wijken"), DCTERMS.temporal) is None  # boundaries carry no dates: no made-up period
    locations = [o for o in g.objects(dataset("groen"), DCTERMS.spatial) if g.value(o, DCAT.bbox) is not None]
    wkt = str(g.value(locations[0], DCAT.bbox))
    xs = [float(v) for pair in wkt[9:-2].split(",") for v in pair.split()[:1]]
    ys = [float(pair.split()[1]) for pair in wkt[9:-2].split(",")]
    west, south, east, north = rows(demo_db.public_dsn, "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM "
                                    "(SELECT ST_Extent(ST_Transform(geom, 4326)) e FROM publiek.beheerobject "
                                    "WHERE soort = 'groen') x")[0]
    assert min(xs) <= west and max(xs) >= east and min(ys) <= south and max(ys) >= north
    assert max(xs) - min(xs) < (east - west) + 0.01


def test_snapshots_are_dated_and_latest_follows(demo_db, tmp_path):
    first = export_snapshot(demo_db.public_dsn, tmp_path, formats=("csv",), today=dt.date(2026, 1, 5))
    second = export_snapshot(demo_db.public_dsn, tmp_path, formats=("csv",), today=dt.date(2026, 2, 5))
    assert (tmp_path / "latest").resolve() == second.directory.resolve()
    assert first.directory.is_dir() and (first.directory / "metadata.json").is_file()
    assert json.loads((tmp_path / "latest" / "metadata.json").read_text())["versie"] == "2026-02-05"
    # the same day again replaces that day's snapshot as a whole and leaves no work folders behind
    (second.directory / "oud.txt").write_text("x")
    export_snapshot(demo_db.public_dsn, tmp_path, formats=("csv",), today=dt.date(2026, 2, 5))
    assert not (second.directory / "oud.txt").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2026-01-05", "2026-02-05", "latest"]
    # distributions of a snapshot name that snapshot's files (file: URLs without --url)
    g = graph(tmp_path / "latest")
    urls = {str(o) for o in g.objects(None, DCAT.downloadURL)}
    assert urls and all(u.startswith((tmp_path.resolve() / "2026-02-05").as_uri()) for u in urls)


def test_latest_that_is_a_real_folder_is_left_alone(demo_db, tmp_path):
    (tmp_path / "latest").mkdir()
    (tmp_path / "latest" / "eigen.txt").write_text("van iemand anders")
    with pytest.raises(ExportError, match="geen symbolische koppeling"):
        export_snapshot(demo_db.public_dsn, tmp_path, formats=("csv",))
    assert (tmp_path / "latest" / "eigen.txt").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["latest"]


def test_cli_cc0_on_request_and_bad_licence(demo_db, tmp_path, capsys):
    assert main(["export", str(tmp_path), "--dsn", demo_db.public_dsn, "--formaat", "geojson",
                 "--licentie", "CC0-1.0", "--url", URL, "--bron", "Gemeente Hilversum"]) == 0
    out = capsys.readouterr().out
    assert "latest wijst naar" in out
    meta = json.loads((tmp_path / "latest" / "metadata.json").read_text(encoding="utf-8"))
    assert meta["licentie"] == "CC0-1.0" and meta["dcat"] == [dcat.TURTLE_NAME, dcat.JSONLD_NAME]
    g = graph(tmp_path / "latest")
    assert set(g.objects(None, DCTERMS.license)) == {URIRef(dcat.LICENCES["CC0-1.0"])}
    with pytest.raises(SystemExit) as exc:
        main(["export", str(tmp_path / "x"), "--dsn", demo_db.public_dsn, "--licentie", "GPL"])
    assert exc.value.code == 2
    assert "--licentie" in capsys.readouterr().err and not (tmp_path / "x").exists()


def test_a_failed_export_leaves_the_snapshots_as_they_were(demo_db, tmp_path):
    good = export_snapshot(demo_db.public_dsn, tmp_path, formats=("csv",), today=dt.date(2026, 1, 5))
    before = sorted(p.name for p in tmp_path.iterdir())
    unreachable = demo_db.settings.local_dsn("buurtkaart_tiles", "bestaat_niet")
    with pytest.raises(BuurtkaartError, match="bestaat_niet"):
        export_snapshot(unreachable, tmp_path, formats=("csv",), today=dt.date(2026, 1, 6))
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert (tmp_path / "latest").resolve() == good.directory.resolve()
