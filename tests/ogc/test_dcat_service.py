"""The DCAT catalogue names the live OGC API (`--ogc-url`): a dcat:DataService, and per layer a distribution whose
URL is that layer's collection in the running service, which answers with it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyshacl
from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, RDF

from spatial_service.catalogue import load
from spatial_service.exporters import dcat
from spatial_service.exporters.open_data import export_snapshot

DCAT = Namespace("http://www.w3.org/ns/dcat#")
SHAPES = Path(__file__).parents[1] / "io" / "dcat_shapes.ttl"


def test_catalogue_points_at_the_running_ogc_api(server, client, tmp_path):
    ogc = f"{server.url}/ogc"
    snap = export_snapshot(server.db.public_dsn, tmp_path, formats=("csv",), ogc_url=ogc, today=dt.date(2026, 4, 1))
    g = Graph().parse(snap.directory / dcat.TURTLE_NAME, format="turtle")
    conforms, _, report = pyshacl.validate(g, shacl_graph=str(SHAPES), inference="none")
    assert conforms, report
    (service,) = g.subjects(RDF.type, DCAT.DataService)
    assert str(g.value(service, DCAT.endpointURL)) == ogc
    assert client.get(str(g.value(service, DCAT.endpointDescription)).removeprefix(server.url)).status_code == 200
    served = set(g.objects(service, DCAT.servesDataset))
    assert {str(d).rsplit("/", 1)[1] for d in served} == {layer.id for layer in load().public}
    for ds in served:
        (live,) = [d for d in g.objects(ds, DCAT.distribution) if g.value(d, DCAT.accessService) == service]
        r = client.get(str(g.value(live, DCAT.accessURL)).removeprefix(server.url))
        assert r.status_code == 200 and r.json()["title"] == str(g.value(ds, DCTERMS.title))
        assert g.value(live, DCAT.downloadURL) is None
