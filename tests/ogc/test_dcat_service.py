"""The DCAT catalogue names the live OGC API (`--ogc-url`): a dcat:DataService, and per layer a distribution whose
URL is that layer's collection in the running service, which answers with it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyshacl
from rdflib import Graph, Namespace, URIRef
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
    # every collection the service lists is a live distribution of its layer's dataset, and nothing else is
    listed = {c["id"]: c["title"] for c in client.get("/ogc/collections").json()["collections"]}
    found: dict[str, str] = {}
    for ds in served:
        lives = [d for d in g.objects(ds, DCAT.distribution) if g.value(d, DCAT.accessService) == service]
        assert lives and set(g.objects(ds, DCAT.landingPage)) == set(lives), ds
        layer = str(ds).rsplit("/", 1)[1]
        for live in lives:
            r = client.get(str(g.value(live, DCAT.accessURL)).removeprefix(server.url))
            assert r.status_code == 200 and r.json()["title"].startswith(str(g.value(ds, DCTERMS.title)))
            assert r.json()["id"] == layer or r.json()["id"].startswith(f"{layer}_"), (layer, r.json()["id"])
            assert str(g.value(live, DCTERMS.title)) == f"{r.json()['title']} (OGC API – Features)"
            assert g.value(live, DCAT.downloadURL) is None
            found[r.json()["id"]] = r.json()["title"]
    assert found == listed
    # the mixed layers are two collections each (points, areas): two live distributions
    speelplekken = URIRef(next(str(d) for d in served if str(d).endswith("/speelplekken")))
    assert len([d for d in g.objects(speelplekken, DCAT.distribution)
                if g.value(d, DCAT.accessService) == service]) == 2
