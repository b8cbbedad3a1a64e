"""`buurtkaart export --gemeente`: the open data of one gemeente out of a database with two (the Hilversum demo
and a small Amersfoort): every file holds only that gemeente's rows, the same rows its tiles show; without
--gemeente both together; a bad code gets a Dutch message and exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import fiona
import pytest

from spatial_service.cli import main
from spatial_service.exporters.open_data import export_layers
from tests import support
from tests.io.conftest import rows


def geojson_ids(folder: Path, layer: str, key: str) -> set:
    with fiona.open(str(folder / f"{layer}.geojson")) as src:
        return {f["properties"][key] for f in src}


def export_of(db: support.TestDatabase, target: Path, *extra: str) -> Path:
    assert main(["export", str(target), "--dsn", db.public_dsn, "--formaat", "geojson", "--formaat", "csv",
                 *extra]) == 0
    return target / "latest"


@pytest.mark.parametrize("code", ["GM0307", "GM0402"])
def test_every_file_holds_only_that_gemeentes_rows(two_gemeenten_db, tmp_path, code):
    folder = export_of(two_gemeenten_db, tmp_path, "--gemeente", code)
    dsn = two_gemeenten_db.public_dsn
    for layer in export_layers():
        if layer.id == "afspraken":
            continue
        key = layer.sleutel
        want = {r[0] for r in rows(dsn, f"SELECT {key} FROM {layer.bron} WHERE gemeentecode = %s"
                                   + (f" AND {layer.filter}" if layer.filter else ""), (code,))}
        assert geojson_ids(folder, layer.id, key) == want, layer.id
    deals = {r[0] for r in rows(dsn, "SELECT id FROM publiek.buurtdeal WHERE gemeentecode = %s", (code,))}
    assert deals
    with open(folder / "afspraken.csv", encoding="utf-8") as fh:
        header, *lines = [line.split(",") for line in fh.read().splitlines()]
    commitments = {int(line[header.index("buurtdeal_id")]) for line in lines}
    assert commitments and commitments <= deals
    meta = json.loads((folder / "metadata.json").read_text())
    assert meta["gemeente"]["code"] == code
    # the DCAT catalogue is published by that gemeente (one place: its name)
    assert f"Gemeente {meta['gemeente']['naam']}" in (folder / "catalogus.ttl").read_text(encoding="utf-8")


def test_without_gemeente_all_together(two_gemeenten_db, tmp_path):
    folder = export_of(two_gemeenten_db, tmp_path)
    wijken = geojson_ids(folder, "wijken", "code")
    assert {w[:6] for w in wijken} == {"WK0307", "WK0402"}
    assert "gemeente" not in json.loads((folder / "metadata.json").read_text())


@pytest.mark.parametrize(("code", "text"), [("GM9999", "Gemeente GM9999 staat niet in deze database"),
                                            ("0402", "Ongeldige gemeentecode '0402'")])
def test_a_bad_gemeente_is_refused_in_dutch(two_gemeenten_db, tmp_path, capsys, code, text):
    assert main(["export", str(tmp_path / "od"), "--dsn", two_gemeenten_db.public_dsn, "--gemeente", code]) == 2
    assert text in capsys.readouterr().err
    assert not (tmp_path / "od" / "latest").exists()
