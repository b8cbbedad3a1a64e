"""The PDF of a buurtcyclus report: the QGIS print layout template shipped with the plugin (buurtcyclus.qpt), with
an atlas over the report's pages — the overview pages of the gemeente, then one section per wijk with its map.
Each page shows a map item driven by the atlas and an HTML frame whose source is that page's section from
html_report, so the PDF and the HTML carry the same text and numbers. Needs qgis.core (run headless by the CLI,
or inside QGIS by the Processing algorithm)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from qgis.core import (
    QgsBasicNumericFormat,
    QgsCategorizedSymbolRenderer,
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFillSymbol,
    QgsGeometry,
    QgsLayoutExporter,
    QgsLayoutFrame,
    QgsLayoutItemHtml,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPage,
    QgsLayoutItemScaleBar,
    QgsLayoutMultiFrame,
    QgsLayoutObject,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLegendRenderer,
    QgsLegendStyle,
    QgsMapRendererParallelJob,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsPrintLayout,
    QgsProject,
    QgsProperty,
    QgsReadWriteContext,
    QgsRectangle,
    QgsRendererCategory,
    QgsRuleBasedRenderer,
    QgsScaleBarSettings,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtCore import QSize, QUrl
from qgis.PyQt.QtGui import QColor, QFont
from qgis.PyQt.QtXml import QDomDocument

from . import html_report
from .figures import Report

TEMPLATE = Path(__file__).resolve().parent / "buurtcyclus.qpt"
Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class Page:
    code: str
    titel: str
    body: str
    geom_wkt: str
    with_map: bool


def pages(report: Report) -> list[Page]:
    """The atlas features: for a jaarrapportage two overview pages, then a page per wijk; for a wijk report the
    wijkanalyse (with the map) and the buurtactiviteitenplan."""
    result: list[Page] = []
    if report.soort == "jaar":
        result.append(Page(report.gemeentecode, report.titel, html_report.overview(report), report.gemeente_wkt, True))
        result.append(Page(f"{report.gemeentecode}-monitoring", f"{report.titel}: monitoring",
                           html_report.monitoring(report), report.gemeente_wkt, False))
        for s in report.wijken:
            result.append(Page(s.code, f"{s.naam} ({s.code}) — {report.jaar}", html_report.wijk_section(report, s),
                               s.geom_wkt, True))
    else:
        s = report.wijken[0]
        result.append(Page(s.code, f"Wijkanalyse {s.naam} ({s.code}) — {report.jaar}",
                           html_report.wijk_section(report, s, "analyse"), s.geom_wkt, True))
        result.append(Page(f"{s.code}-plan", f"Wijkagenda en buurtactiviteitenplan {s.naam} — {report.jaar}",
                           html_report.wijk_section(report, s, "plan"), s.geom_wkt, False))
    return result


def _memory_layer(spec: str, name: str) -> QgsVectorLayer:
    layer = QgsVectorLayer(spec, name, "memory")
    if not layer.isValid():
        raise RuntimeError(f"Kan de geheugenlaag {name} niet maken.")
    return layer


def _add(layer: QgsVectorLayer, rows: list[tuple[str, list]]) -> None:
    features = []
    for wkt, attributes in rows:
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromWkt(wkt))
        f.setAttributes(attributes)
        features.append(f)
    layer.dataProvider().addFeatures(features)
    layer.updateExtents()


def _by_theme(layer: QgsVectorLayer, colours: dict[str, tuple[str, str]], point: bool) -> None:
    categories = []
    for code, (name, colour) in colours.items():
        symbol = (QgsMarkerSymbol.createSimple({"name": "circle", "color": colour, "size": "2.6",
                                                "outline_color": "#ffffff"}) if point
                  else QgsFillSymbol.createSimple({"color": colour + "99", "outline_color": colour}))
        categories.append(QgsRendererCategory(code, symbol, name))
    layer.setRenderer(QgsCategorizedSymbolRenderer("thema", categories))


def map_layers(report: Report, colours: dict[str, tuple[str, str]]) -> list[QgsVectorLayer]:
    """Deals of the year (points and areas, coloured by theme) over the wijk boundaries, top first."""
    crs = "crs=EPSG:28992"
    wijken = _memory_layer(f"MultiPolygon?{crs}&field=code:string&field=naam:string", "Wijken")
    _add(wijken, [(s.geom_wkt, [s.code, s.naam]) for s in report.wijken])
    wijken.setRenderer(wijken.renderer().__class__(
        QgsFillSymbol.createSimple({"color": "#f4f4ef", "outline_color": "#555555", "outline_width": "0.4"})))
    _label_names(wijken)
    fields = "field=id:integer&field=titel:string&field=thema:string"
    points = _memory_layer(f"Point?{crs}&{fields}", "Buurtdeals (punt)")
    areas = _memory_layer(f"MultiPolygon?{crs}&{fields}", "Buurtdeals (vlak)")
    _add(points, [(d["wkt"], [d["id"], d["titel"], d["thema"]]) for d in report.kaart_items
                  if d["wkt"].startswith("POINT")])
    _add(areas, [(d["wkt"], [d["id"], d["titel"], d["thema"]]) for d in report.kaart_items
                 if not d["wkt"].startswith("POINT")])
    _by_theme(points, colours, point=True)
    _by_theme(areas, colours, point=False)
    return [points, areas, wijken]


def _label_names(wijken: QgsVectorLayer) -> None:
    """Each wijk's name on the map (the overview page shows them all), on a white halo over the deals."""
    text = QgsTextFormat()
    text.setFont(QFont("DejaVu Sans", 7))
    text.setSize(7)
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(0.8)
    buffer.setColor(QColor("white"))
    text.setBuffer(buffer)
    settings = QgsPalLayerSettings()
    settings.fieldName = "naam"
    settings.placement = QgsPalLayerSettings.Horizontal
    settings.setFormat(text)
    wijken.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    wijken.setLabelsEnabled(True)


def build_template(path: Path = TEMPLATE) -> Path:
    """Writes the shipped template (run once when the page design changes; the file is what QGIS users edit)."""
    layout = build_layout(QgsProject())
    layout.saveAsTemplate(str(path), QgsReadWriteContext())
    return path


def build_layout(project: QgsProject) -> QgsPrintLayout:
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.pageCollection().page(0).setPageSize("A4", QgsLayoutItemPage.Portrait)
    layout.setName("Buurtcyclus")
    title = QgsLayoutItemLabel(layout)
    title.setId("titel")
    title.setText('[% "titel" %]')
    title.setFont(QFont("DejaVu Sans", 15, QFont.Bold))
    title.attemptMove(QgsLayoutPoint(12, 8, QgsUnitTypes.LayoutMillimeters))
    title.attemptResize(QgsLayoutSize(186, 12, QgsUnitTypes.LayoutMillimeters))
    layout.addLayoutItem(title)
    kaart = QgsLayoutItemMap(layout)
    kaart.setId("kaart")
    kaart.attemptMove(QgsLayoutPoint(12, 22, QgsUnitTypes.LayoutMillimeters))
    kaart.attemptResize(QgsLayoutSize(150, 95, QgsUnitTypes.LayoutMillimeters))
    kaart.setFrameEnabled(True)
    kaart.setAtlasDriven(True)
    kaart.setAtlasScalingMode(QgsLayoutItemMap.Auto)
    kaart.setAtlasMargin(0.06)
    kaart.dataDefinedProperties().setProperty(QgsLayoutObject.ExcludeFromExports,
                                              QgsProperty.fromExpression('"kaart" = 0'))
    layout.addLayoutItem(kaart)
    legenda = QgsLayoutItemLegend(layout)
    legenda.setId("legenda")
    legenda.setTitle("Buurtdeals per thema")
    legenda.setLinkedMap(kaart)
    legenda.setAutoUpdateModel(False)
    legenda.rstyle(QgsLegendStyle.Title).setFont(QFont("DejaVu Sans", 8, QFont.Bold))
    legenda.rstyle(QgsLegendStyle.SymbolLabel).setFont(QFont("DejaVu Sans", 7))
    legenda.setSymbolWidth(4)
    legenda.setSymbolHeight(3)
    legenda.attemptMove(QgsLayoutPoint(164, 22, QgsUnitTypes.LayoutMillimeters))
    legenda.dataDefinedProperties().setProperty(QgsLayoutObject.ExcludeFromExports,
                                                QgsProperty.fromExpression('"kaart" = 0'))
    layout.addLayoutItem(legenda)
    schaal = QgsLayoutItemScaleBar(layout)
    schaal.setId("schaal")
    schaal.setLinkedMap(kaart)
    schaal.setStyle("Single Box")
    schaal.setUnits(QgsUnitTypes.DistanceMeters)
    schaal.setUnitLabel("m")
    schaal.setNumberOfSegmentsLeft(0)
    schaal.setNumberOfSegments(2)
    schaal.setSegmentSizeMode(QgsScaleBarSettings.SegmentSizeFitWidth)
    schaal.setMinimumBarWidth(16)
    schaal.setMaximumBarWidth(30)
    schaal.setFont(QFont("DejaVu Sans", 6))
    numbers = QgsBasicNumericFormat()
    numbers.setThousandsSeparator(".")  # Dutch: 1.000 m
    numbers.setShowThousandsSeparator(True)
    schaal.setNumericFormat(numbers)
    schaal.attemptMove(QgsLayoutPoint(164, 104, QgsUnitTypes.LayoutMillimeters))
    schaal.dataDefinedProperties().setProperty(QgsLayoutObject.ExcludeFromExports,
                                               QgsProperty.fromExpression('"kaart" = 0'))
    layout.addLayoutItem(schaal)
    tekst = QgsLayoutItemHtml(layout)
    tekst.setContentMode(QgsLayoutItemHtml.Url)
    tekst.setResizeMode(QgsLayoutMultiFrame.RepeatUntilFinished)  # long sections continue on new pages
    tekst.dataDefinedProperties().setProperty(QgsLayoutObject.SourceUrl, QgsProperty.fromExpression('"html"'))
    frame = QgsLayoutFrame(layout, tekst)
    frame.setId("tekst")
    frame.attemptMove(QgsLayoutPoint(12, 120, QgsUnitTypes.LayoutMillimeters))
    frame.attemptResize(QgsLayoutSize(186, 168, QgsUnitTypes.LayoutMillimeters))
    # pages without a map give the text the whole page
    frame.dataDefinedProperties().setProperty(QgsLayoutObject.PositionY,
                                              QgsProperty.fromExpression('if("kaart" = 1, 120, 22)'))
    frame.dataDefinedProperties().setProperty(QgsLayoutObject.ItemHeight,
                                              QgsProperty.fromExpression('if("kaart" = 1, 168, 266)'))
    tekst.addFrame(frame)
    layout.addMultiFrame(tekst)
    voet = QgsLayoutItemLabel(layout)
    voet.setId("voet")
    voet.setText("Buurtkaart — [% \"titel\" %] — hoofdstuk [% @atlas_featurenumber %] van "
                 "[% @atlas_totalfeatures %]")
    voet.setFont(QFont("DejaVu Sans", 7))
    voet.attemptMove(QgsLayoutPoint(12, 289, QgsUnitTypes.LayoutMillimeters))
    voet.attemptResize(QgsLayoutSize(186, 5, QgsUnitTypes.LayoutMillimeters))
    layout.addLayoutItem(voet)
    return layout


def load_layout(project: QgsProject, template: Path = TEMPLATE) -> QgsPrintLayout:
    doc = QDomDocument()
    if not doc.setContent(template.read_text(encoding="utf-8")):
        raise RuntimeError(f"Kan de layoutsjabloon {template} niet lezen.")
    layout = QgsPrintLayout(project)
    layout.loadFromTemplate(doc, QgsReadWriteContext())
    layout.setName("Buurtcyclus")
    return layout


def render(report: Report, colours: dict[str, tuple[str, str]], pdf: Path, html: Path | None = None,
           progress: Progress | None = None) -> int:
    """Writes the PDF (and the HTML with the same maps as PNG beside it); returns the number of sections (atlas
    features). A section longer than its page continues on extra pages (the text frame repeats until finished)."""
    progress = progress or (lambda _p, _m: None)
    with tempfile.TemporaryDirectory(prefix="buurtkaart-rapport-") as tmp:
        project = QgsProject()
        project.setCrs(QgsCoordinateReferenceSystem("EPSG:28992"))
        layers = map_layers(report, colours)
        the_pages = pages(report)
        coverage = _memory_layer("MultiPolygon?crs=EPSG:28992&field=code:string&field=titel:string"
                                 "&field=html:string&field=kaart:integer", "Rapportpagina's")
        rows = []
        for n, page in enumerate(the_pages):
            path = Path(tmp) / f"pagina-{n:03d}.html"
            path.write_text(html_report.fragment(page.body), encoding="utf-8")
            rows.append((page.geom_wkt, [page.code, page.titel, QUrl.fromLocalFile(str(path)).toString(),
                                         1 if page.with_map else 0]))
        _add(coverage, rows)
        _highlight_atlas_feature(coverage)
        project.addMapLayers([*layers, coverage], False)
        layout = load_layout(project)
        kaart = layout.itemById("kaart")
        kaart.setLayers([*layers[:-1], coverage, layers[-1]])
        legenda = layout.itemById("legenda")
        if legenda is not None:  # a template edited in QGIS may have dropped it
            legenda.setAutoUpdateModel(False)
            legenda.model().rootGroup().clear()
            node = legenda.model().rootGroup().addLayer(layers[0])
            QgsLegendRenderer.setNodeLegendStyle(node, QgsLegendStyle.Hidden)  # the title says it
            legenda.refresh()
        kaart.setCrs(QgsCoordinateReferenceSystem("EPSG:28992"))
        # the atlas keeps the aspect ratio of the current extent: start from one with the item's own ratio, or it
        # resizes the item to each wijk's shape
        _extent_with_item_ratio(kaart, coverage.extent())
        atlas = layout.atlas()
        atlas.setCoverageLayer(coverage)
        atlas.setPageNameExpression('"code"')
        atlas.setEnabled(True)
        progress(40, f"PDF: {len(the_pages)} pagina's")
        settings = QgsLayoutExporter.PdfExportSettings()
        settings.dpi = 150
        settings.rasterizeWholeImage = False
        pdf.parent.mkdir(parents=True, exist_ok=True)
        result, error = QgsLayoutExporter.exportToPdf(atlas, str(pdf), settings)
        if result != QgsLayoutExporter.Success:
            raise RuntimeError(f"PDF-export mislukt ({result}): {error}")
        progress(80, "PDF klaar")
        if html is not None:
            maps = _map_images(atlas, kaart, the_pages, html)
            html.write_text(html_report.document(report, maps), encoding="utf-8")
        project.removeAllMapLayers()
        return len(the_pages)


def _highlight_atlas_feature(coverage: QgsVectorLayer) -> None:
    """The wijk of the page outlined on its map; the other pages' areas are not drawn."""
    root = QgsRuleBasedRenderer.Rule(None)
    rule = QgsRuleBasedRenderer.Rule(
        QgsFillSymbol.createSimple({"color": "0,0,0,0", "outline_color": "#c51b8a", "outline_width": "0.9"}),
        filterExp="$id = @atlas_featureid AND \"kaart\" = 1", label="Deze pagina")
    root.appendChild(rule)
    coverage.setRenderer(QgsRuleBasedRenderer(root))


def _extent_with_item_ratio(kaart: QgsLayoutItemMap, extent: QgsRectangle) -> None:
    ratio = kaart.rect().height() / kaart.rect().width()
    width = max(extent.width(), extent.height() / ratio)
    centre = extent.center()
    kaart.setExtent(QgsRectangle(centre.x() - width / 2, centre.y() - width * ratio / 2,
                                 centre.x() + width / 2, centre.y() + width * ratio / 2))


def _map_images(atlas, kaart: QgsLayoutItemMap, the_pages: list[Page], html: Path) -> dict[str, str]:
    """The map of each page with a map, as PNG beside the HTML file (the same extent as in the PDF)."""
    folder = html.parent / (html.stem + "-kaarten")
    folder.mkdir(parents=True, exist_ok=True)
    maps: dict[str, str] = {}
    atlas.beginRender()
    for n, page in enumerate(the_pages):
        if not page.with_map:
            continue
        atlas.seekTo(n)
        settings = kaart.mapSettings(kaart.extent(), kaart.rect().size(), 96, False)
        settings.setOutputSize(QSize(1000, int(1000 * kaart.rect().height() / kaart.rect().width())))
        settings.setBackgroundColor(QColor("#ffffff"))
        job = QgsMapRendererParallelJob(settings)
        job.start()
        job.waitForFinished()
        target = folder / f"{page.code}.png"
        job.renderedImage().save(str(target), "PNG")
        maps[page.code] = f"{folder.name}/{target.name}"
    atlas.endRender()
    return maps
