"""Open data export from the demo, connected as the public role: every catalogue layer in GeoJSON (WGS84),
GeoPackage (RD New) and CSV, only the catalogue's public fields, nothing unpublished or personal, stable ids,
metadata; the files round-trip through fiona."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import fiona
import psycopg
import pytest

from spatial_service import catalogue
from spatial_service.cli import main
from spatial_service.exporters.open_data import ExportError, export_layers, export_open_data
from tests.io.conftest import rows
from tests.service.test_private import residents_values


@pytest.fixture(scope="module")
def exported(demo_db, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("opendata")
    export_open_data(demo_db.public_dsn, target, source="Gemeente Hilversum (test)")
    return target


def public_count(dsn: str, layer) -> int:
    where = f" WHERE {layer.filter}" if layer.filter else ""
    return rows(dsn, f"SELECT count(*) FROM {layer.bron}{where}")[0][0]


def test_every_layer_in_every_format_with_only_public_fields(exported, demo_db):
    for layer in export_layers():
        expected = public_count(demo_db.admin_dsn, layer)
        with fiona.open(str(exported / f"{layer.id}.geojson")) as src:
            features = list(src)
            assert list(src.schema["properties"]) == list(layer.velden), layer.id
        assert len(features) == expected, layer.id
        with fiona.open(str(exported / "buurtkaart.gpkg"), layer=layer.id) as src:
            assert len(src) == expected and list(src.schema["properties"]) == list(layer.velden), layer.id
            if layer.geometry:
                assert src.crs.to_epsg() == 28992
        with open(exported / f"{layer.id}.csv", encoding="utf-8") as fh:
            table = list(csv.DictReader(fh))
        assert len(table) == expected, layer.id
        header = [*layer.velden, *(["lon", "lat"] if layer.geometry else [])]
        assert not table or list(table[0]) == header, layer.id
    assert any(public_count(demo_db.admin_dsn, layer) for layer in export_layers())


def test_no_private_data_and_nothing_unpublished(exported, demo_db):
    names_and_emails = [v for r in rows(demo_db.admin_dsn, "SELECT indiener_naam, indiener_email, indiener_telefoon "
                                                           "FROM buurt.initiatief") for v in r if v]
    assert names_and_emails, "the demo should have submitters to leak"
    with psycopg.connect(demo_db.admin_dsn) as conn:
        names_and_emails += sorted(residents_values(conn))
    for path in exported.iterdir():
        text = path.read_bytes().decode("utf-8", errors="replace") if path.suffix != ".gpkg" else \
            path.read_bytes().decode("latin-1")
        assert "indiener" not in text, path.name
        leaked = [v for v in names_and_emails if v in text]
        assert not leaked, (path.name, leaked[:3])
    with fiona.open(str(exported / "initiatieven.geojson")) as src:
        ids = [f.properties["id"] for f in src]
    published = [r[0] for r in rows(demo_db.admin_dsn, "SELECT id FROM buurt.initiatief WHERE gepubliceerd "
                                                       "AND status <> 'ingetrokken' ORDER BY id")]
    assert ids == published  # stable: ordered by id, exactly the published ones
    total = rows(demo_db.admin_dsn, "SELECT count(*) FROM buurt.initiatief")[0][0]
    assert len(ids) < total


def test_geojson_is_wgs84_and_gpkg_is_rd(exported):
    with fiona.open(str(exported / "buurten.geojson")) as src:
        assert src.crs.to_epsg() == 4326
        lon0, lat0, lon1, lat1 = src.bounds
        assert {f.geometry.type for f in src} == {"MultiPolygon"}
    assert 5.0 < lon0 < lon1 < 5.4 and 52.1 < lat0 < lat1 < 52.4  # Hilversum
    with fiona.open(str(exported / "buurtkaart.gpkg"), layer="buurten") as src:
        minx, miny, maxx, maxy = src.bounds
    assert 130_000 < minx < maxx < 150_000 and 460_000 < miny < maxy < 480_000


def test_metadata_names_source_date_licence_and_crs(exported):
    meta = json.loads((exported / "metadata.json").read_text(encoding="utf-8"))
    assert meta["bron"] == "Gemeente Hilversum (test)" and meta["licentie"] == "CC-BY-4.0"
    assert meta["datum"][:4].isdigit()
    assert meta["crs"]["geojson"].startswith("EPSG:4326") and meta["crs"]["gpkg"].startswith("EPSG:28992")
    assert [entry["id"] for entry in meta["lagen"]] == [layer.id for layer in catalogue.load().public] + ["afspraken"]
    deals = next(entry for entry in meta["lagen"] if entry["id"] == "buurtdeals")
    assert "afspraken_bewoners" in deals["velden"] and deals["aantal"] > 0


def test_export_is_repeatable(exported, demo_db, tmp_path):
    export_open_data(demo_db.public_dsn, tmp_path, formats=("geojson",))
    for layer in export_layers():
        assert (tmp_path / f"{layer.id}.geojson").read_bytes() == (exported / f"{layer.id}.geojson").read_bytes()
    assert not (tmp_path / "buurtkaart.gpkg").exists()


def test_cli_export_as_public_role(demo_db, tmp_path, capsys):
    assert main(["export", str(tmp_path), "--dsn", demo_db.public_dsn, "--formaat", "csv"]) == 0
    assert "Export naar" in capsys.readouterr().out
    suffixes = sorted(p.suffix for p in (tmp_path / "latest").iterdir())
    assert suffixes == [".csv"] * len(export_layers()) + [".json", ".jsonld", ".ttl"]


def test_the_public_role_is_all_it_needs_and_sources_stay_in_publiek(demo_db, tmp_path):
    # a role that cannot read publiek gets a clear message instead of a partial export
    from spatial_service.db.connection import connect
    with connect(demo_db.admin_dsn, autocommit=True) as conn:
        conn.execute("DROP ROLE IF EXISTS bk_io_niemand")
        conn.execute("CREATE ROLE bk_io_niemand LOGIN")
    try:
        dsn = demo_db.settings.local_dsn("bk_io_niemand", demo_db.name)
        with pytest.raises(ExportError, match="geen leesrecht op publiek"):
            export_open_data(dsn, tmp_path, formats=("csv",))
    finally:
        with connect(demo_db.admin_dsn, autocommit=True) as conn:
            conn.execute("DROP ROLE bk_io_niemand")
    assert all(layer.bron.startswith("publiek.") for layer in export_layers())
