"""The packages the plugin shares with the service (spatial_service/core and /reports): standard library only
(and qgis for the report's print layout), the plugin imports nothing else of the service, and the one catalogue
reader refuses unknown keys for both clients."""

from __future__ import annotations

import ast
import sys
import tomllib
from pathlib import Path

import pytest

from spatial_service import catalogue as service_catalogue
from spatial_service.core import catalogue as core_catalogue

REPO = Path(__file__).resolve().parents[1]
CORE = REPO / "spatial_service" / "core"
PLUGIN = REPO / "qgis_plugin"


def imports(path: Path) -> list[tuple[int, str]]:
    """(level, module) of every import in a file; level > 0 is a relative import."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.extend((0, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            found.append((node.level, node.module or ""))
    return found


# What a shared package may import besides the standard library and itself: the report's print layout is a QGIS
# layout (qgis.core, qgis.PyQt), which both clients have (the CLI starts a headless QGIS for it); nothing else.
SHARED_EXTRA_IMPORTS = {("reports", "layout.py"): {"qgis"}}


def test_the_shared_packages_are_the_ones_the_build_and_the_link_use():
    from spatial_service.plugin_tools import SHARED_PACKAGES

    assert SHARED_PACKAGES == {"core": CORE, "reports": REPO / "spatial_service" / "reports"}
    assert {name for name, _file in SHARED_EXTRA_IMPORTS} <= set(SHARED_PACKAGES)


@pytest.mark.parametrize("name", ["core", "reports"])
def test_shared_package_imports_only_the_standard_library_and_itself(name):
    from spatial_service.plugin_tools import SHARED_PACKAGES

    files = sorted(SHARED_PACKAGES[name].glob("*.py"))
    expected = {"core": {"__init__.py", "migrations.py", "catalogue.py", "imports.py", "plancheck_report.py"},
                "reports": {"__init__.py", "figures.py", "html_report.py", "layout.py"}}[name]
    assert {p.name for p in files} >= expected
    for path in files:
        allowed = SHARED_EXTRA_IMPORTS.get((name, path.name), set())
        for level, module in imports(path):
            if level:
                continue  # relative: another module of the same package
            top = module.split(".")[0]
            assert top in sys.stdlib_module_names or top == "__future__" or top in allowed, \
                f"{name}/{path.name} imports {module}"


def test_plugin_imports_nothing_of_the_service_but_the_bundled_core():
    for path in sorted(PLUGIN.rglob("*.py")):
        for _level, module in imports(path):
            assert not module.startswith("spatial_service"), f"{path.relative_to(REPO)} imports {module}"


def write_catalogue(tmp_path: Path, section: str, extra: dict[str, object]) -> Path:
    data = tomllib.loads((REPO / "layers" / "catalogue.toml").read_text(encoding="utf-8"))
    data[section][0].update(extra)
    lines = ["[groep]", f'naam = "{data["groep"]["naam"]}"']
    for name in ("qgis", "publiek", "relatie"):
        for entry in data.get(name, []):
            lines.append(f"[[{name}]]")
            for key, value in entry.items():
                lines.append(f"{key} = {_toml(value)}")
    path = tmp_path / "catalogue.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.mark.parametrize("section", ["qgis", "publiek"])
def test_unknown_catalogue_key_is_refused_naming_entry_and_key(tmp_path, section):
    good = write_catalogue(tmp_path, section, {})
    assert service_catalogue.parse(good) == service_catalogue.load()  # the rewrite itself is faithful
    write_catalogue(tmp_path, section, {"kleurr": "#ff0000"})
    with pytest.raises(core_catalogue.CatalogueError, match=rf"\[\[{section}\]\] '[a-z_]+' heeft onbekende "
                                                             r"sleutel\(s\) kleurr; toegestaan: id, titel"):
        service_catalogue.parse(tmp_path / "catalogue.toml")
    with pytest.raises(core_catalogue.CatalogueError, match="kleurr"):
        core_catalogue.load(tmp_path)


def test_every_relation_is_a_catalogue_relatie_the_wijkagenda_too(tmp_path):
    """The loader and the form builder have no relations of their own: the wijkagenda's two are [[relatie]]
    entries, with their tab titles and their own pickers (verwijzing = false)."""
    cat = core_catalogue.load(REPO / "layers")
    pairs = {rel_id: (rel, child.id, parent.id) for rel_id, rel, child, parent in cat.layer_relations()}
    agenda, slices = pairs["wijkagenda_wijk"], pairs["jaarschijf_wijkagenda"]
    assert agenda[1:] == ("wijkagenda", "wijk") and slices[1:] == ("jaarschijf", "wijkagenda")
    assert (agenda[0].tab_title, agenda[0].naam, agenda[0].samenstelling) == (
        "Wijkagenda", "Wijkagenda (prioriteiten)", False)
    assert (slices[0].tab_title, slices[0].samenstelling) == ("Jaarschijven", True)
    assert not agenda[0].verwijzing and not slices[0].verwijzing
    deals = next(rel for rel in cat.relations if rel.van == "buurt.afspraak")
    assert deals.tab_title == deals.naam == "Afspraken (wederkerigheid)" and deals.verwijzing
    plugin_code = "\n".join(p.read_text(encoding="utf-8") for p in PLUGIN.rglob("*.py"))
    assert "wijkagenda_wijk" not in plugin_code and "jaarschijf_wijkagenda" not in plugin_code
    write_catalogue(tmp_path, "relatie", {"tabbblad": "x"})
    with pytest.raises(core_catalogue.CatalogueError, match=r"\[\[relatie\]\] .* onbekende sleutel\(s\) tabbblad"):
        core_catalogue.load(tmp_path)


def test_catalogue_refuses_missing_keys_and_unknown_sections(tmp_path):
    with pytest.raises(core_catalogue.CatalogueError, match="onbekende sectie"):
        core_catalogue.parse({"groep": {"naam": "x"}, "qgsi": []})
    with pytest.raises(core_catalogue.CatalogueError, match=r"\[\[publiek\]\] 'a' mist bron, sleutel, velden"):
        core_catalogue.parse({"groep": {"naam": "x"}, "publiek": [{"id": "a", "titel": "A"}]})


def test_a_kind_layer_filters_on_its_kind():
    base = {"id": "bank", "titel": "Banken", "tabel": "buurt.beheerobject", "sleutel": "id", "soort": "bank"}
    cat = core_catalogue.parse({"groep": {"naam": "x"}, "qgis": [base]})
    assert cat.layers[0].filter == "soort = 'bank'"  # derived when the entry leaves it out
    with pytest.raises(core_catalogue.CatalogueError, match="soort = \"bank\" maar filter"):
        core_catalogue.parse({"groep": {"naam": "x"}, "qgis": [{**base, "filter": "soort = 'groen'"}]})


def test_the_object_kind_mapping_lives_once_in_the_core():
    from spatial_service.core import asset_kinds
    from spatial_service.importers import bgt, osm

    assert bgt.BgtKinds is asset_kinds.BgtKinds and bgt.bgt_class is asset_kinds.bgt_class
    assert osm.is_zebra is asset_kinds.is_zebra and osm.OsmKinds is asset_kinds.OsmKinds
    # GDAL's OSM driver writes the tags without a column as other_tags, quotes escaped
    assert asset_kinds.parse_other_tags('"crossing"=>"zebra","name"=>"De \\"Brink\\""') == {
        "crossing": "zebra", "name": 'De "Brink"'}
    assert asset_kinds.parse_other_tags(None) == {}
    kinds = asset_kinds.osm_kinds([("speelplek", ["leisure=playground"], ["POINT", "MULTIPOLYGON"]),
                                   ("groen", ["landuse=grass"], ["MULTIPOLYGON"])])
    assert asset_kinds.node_kind({"landuse": "grass"}, kinds) is None
    assert asset_kinds.area_kind({"landuse": "grass"}, kinds) == "groen"
    assert asset_kinds.node_kind({"footway": "crossing", "crossing_ref": "zebra"}, kinds) == "zebrapad"
    # BGT rules as buurt_vl.objectsoort.bgt_regels holds them (Klasse.attribuut=waarde): no case, no prefixes
    bgt_kinds = asset_kinds.bgt_kinds([("speelplek", ["Straatmeubilair.type=speelvoorziening",
                                                      "FunctioneelGebied.type=speeltuin"]),
                                       ("groen", ["BegroeidTerreindeel.fysiekVoorkomen=groenvoorziening"]),
                                       ("bank", ["Straatmeubilair.type=bank"])])
    assert asset_kinds.bgt_class("bgt_straatmeubilair", bgt_kinds) == "straatmeubilair"
    assert asset_kinds.bgt_class("bgt_wegdeel", bgt_kinds) is None
    assert asset_kinds.bgt_object("straatmeubilair", {"plus-type": "Speelvoorziening", "lokaalID": "G1"},
                                  bgt_kinds) == ("G1", "speelplek", None, "BGT straatmeubilair type=speelvoorziening")
    assert asset_kinds.bgt_object("straatmeubilair", {"plus-type": "speelvoorziening",
                                                      "eindRegistratie": "2020-01-01"}, bgt_kinds) is None
    assert asset_kinds.bgt_object("straatmeubilair", {"type": "Bank", "lokaalID": "G2"}, bgt_kinds).soort == "bank"
    assert asset_kinds.bgt_object("begroeidterreindeel", {"fysiekVoorkomen": "erf"}, bgt_kinds) is None
    assert "verwacht Straatmeubilair, FunctioneelGebied of BegroeidTerreindeel in de laagnaam" in \
        asset_kinds.no_bgt_layer("x.gpkg", ["wegdeel"], bgt_kinds)
