"""The README picture: the demo rendered through the plugin's styles, headless."""

from __future__ import annotations

from qgis.PyQt.QtGui import QColor, QImage


def test_render_writes_a_styled_city_map(bk, project, demo_db, tmp_path):
    from spatial_service.plugin_tools import render_map

    out = render_map.render(demo_db.editor_dsn, tmp_path / "kaart.png", 600, 750)
    image = QImage(str(out))
    assert (image.width(), image.height()) == (600, 750)
    colours = {image.pixelColor(x, y).name() for x in range(0, 600, 3) for y in range(0, 750, 3)}
    # theme colours of buurt_vl.thema and the groen style reach the picture: the styles were applied
    assert "#e6550d" in colours or "#31a354" in colours
    assert len(colours) > 50
    assert image.pixelColor(300, 375) != QColor("#000000")
