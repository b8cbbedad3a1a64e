"""The plugin object QGIS creates: menu/toolbar actions, the Processing provider, message-bar feedback."""

from __future__ import annotations

from qgis.core import Qgis, QgsApplication, QgsProject, QgsProviderRegistry, QgsSettings, QgsVectorLayer
from qgis.PyQt.QtCore import Qt, QTimer, QUrl
from qgis.PyQt.QtGui import QDesktopServices, QIcon
from qgis.PyQt.QtWidgets import QAction, QMessageBox, QPushButton

from . import editing, formulier, loader
from .connection import PROVIDER, BuurtkaartDbError, user_message
from .connection_dialog import ConnectionDialog
from .processing.provider import PROVIDER_ID, BuurtkaartProvider
from .resources import PLUGIN_DIR
from .settings_dialog import SETTING_CONNECTION, SettingsDialog, viewer_url

MENU = "&Buurtkaart"
ICON_DIR = PLUGIN_DIR / "icons"
# one icon per action (the plugin repository asks for it; GIS staff find the buttons by them)
ICON_FILES = {"laden": "laden.svg", "opslaan": "opslaan.svg", "installeren": "installeren.svg",
              "rapportage": "rapportage.svg", "virtuele_stad": "virtuele_stad.svg", "instellingen": "instellingen.svg"}
TITLE = "Buurtkaart"


class BuurtkaartPlugin:
    def __init__(self, iface) -> None:
        self.iface = iface
        self.provider: BuurtkaartProvider | None = None
        self.actions: list[QAction] = []
        self._watched: set[str] = set()
        self._saving = False
        self.dialog: ConnectionDialog | None = None
        self.settings_dialog: SettingsDialog | None = None
        # QGIS' own save actions keep every edit when the deferred rules refuse (see editing.CommitGuard)
        self.guard = editing.CommitGuard(lambda text: self.message(text, Qgis.Critical))

    # --- QGIS plugin protocol -------------------------------------------------------------------------------
    def initProcessing(self) -> None:
        registry = QgsApplication.processingRegistry()
        # a provider left by an earlier load of this plugin (a reload) would make addProvider fail, and QGIS then
        # deletes the new one
        stale = registry.providerById(PROVIDER_ID)
        if stale is not None:
            registry.removeProvider(stale)
        self.provider = BuurtkaartProvider()
        registry.addProvider(self.provider)

    def initGui(self) -> None:
        self.initProcessing()
        QgsProject.instance().layersAdded.connect(self._guard_layers)
        self._add_action(ICON_FILES["laden"], "Buurtkaart-lagen laden", self.load_layers, toolbar=True)
        self._add_action(ICON_FILES["opslaan"], "Buurtkaart-wijzigingen opslaan", self.save_edits, toolbar=True)
        self._add_action(ICON_FILES["installeren"], "Database installeren of bijwerken…", self.open_install)
        self._add_action(ICON_FILES["rapportage"], "Rapportage per wijk en jaar…", self.open_report)
        self._add_action(ICON_FILES["virtuele_stad"], "Open in de virtuele stad", self.open_in_viewer, toolbar=True)
        self._add_action(ICON_FILES["instellingen"], "Instellingen…", self.open_settings)

    def unload(self) -> None:
        QgsProject.instance().layersAdded.disconnect(self._guard_layers)
        self.guard.release()
        for layer in QgsProject.instance().mapLayers().values():
            if isinstance(layer, QgsVectorLayer) and layer.customProperty(loader.LAYER_ID_PROPERTY):
                loader.drop_plugin_forms(layer)
        for action in self.actions:
            self.iface.removePluginDatabaseMenu(MENU, action)
            self.iface.removeToolBarIcon(action)
        self.actions.clear()
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None

    def _add_action(self, icon_name: str, text: str, slot, toolbar: bool = False) -> QAction:
        action = QAction(QIcon(str(ICON_DIR / icon_name)), text, self.iface.mainWindow())
        action.setObjectName(f"buurtkaart_{icon_name.removesuffix('.svg')}")
        action.triggered.connect(slot)
        self.iface.addPluginToDatabaseMenu(MENU, action)
        if toolbar:
            self.iface.addToolBarIcon(action)
        self.actions.append(action)
        return action

    # --- actions -------------------------------------------------------------------------------------------
    def choose_connection(self) -> str | None:
        """The load dialog (connection_dialog.py); remembers the last choice (a name or service=..., no password)."""
        names = list(QgsProviderRegistry.instance().providerMetadata(PROVIDER).connections().keys())
        last = QgsSettings().value(SETTING_CONNECTION, "", type=str)
        options = ([last] if last and last not in names else []) + names + (["service=buurtkaart"] if not names else [])
        self.dialog = ConnectionDialog(self.iface.mainWindow(), options, last or options[0])
        try:
            if not self.dialog.exec_() or not self.dialog.chosen:
                return None
            QgsSettings().setValue(SETTING_CONNECTION, self.dialog.chosen)
            return self.dialog.chosen
        finally:
            self.dialog.deleteLater()
            self.dialog = None

    def load_layers(self, checked: bool = False, connection: str | None = None) -> loader.LoadResult | None:
        connection = connection or self.choose_connection()
        if not connection:
            return None
        try:
            result = loader.load_layer_set(connection)
        except loader.NotInstalled as exc:
            self._offer_install(str(exc), connection)
            return None
        except BuurtkaartDbError as exc:
            self.message(str(exc), Qgis.Critical)
            return None
        for layer in result.layers.values():
            self.watch(layer)
            self.guard.attach(layer)
            loader.use_plugin_forms(layer)
        self.watch_group(next(iter(result.layers.values())))
        advice = loader.upgrade_advice(result.schema_version)
        if advice:
            self._offer_install(advice, connection)
        if result.style_errors:
            self.message("Stijl niet geladen voor: " + ", ".join(f"{k} ({v})" for k, v in result.style_errors.items()),
                         Qgis.Warning)
        else:
            self.message(f"{len(result.layers)} lagen geladen ({len(result.added)} nieuw).", Qgis.Success)
        return result

    def save_edits(self, checked: bool = False) -> editing.SaveResult:
        layers = editing.layers_in_edit()
        self._saving = True
        try:
            if not layers:
                result = editing.SaveResult(True, "Er zijn geen lagen in bewerking.")
            else:
                result = editing.save(layers[0])
                for layer in layers[1:]:
                    if result.ok and layer.isEditable() and layer.isModified():
                        result = editing.save(layer)
        finally:
            self._saving = False
        self.message(result.message, Qgis.Success if result.ok else Qgis.Critical)
        return result

    def _guard_layers(self, layers) -> None:
        """Buurtkaart layers that arrive with a saved project get the guard too (before editing starts)."""
        for layer in layers:
            if isinstance(layer, QgsVectorLayer) and layer.customProperty(loader.LAYER_ID_PROPERTY):
                self.guard.attach(layer)
                loader.use_plugin_forms(layer)

    def watch(self, layer: QgsVectorLayer) -> None:
        """Show provider refusals (a rule that fires while editing) as the database's Dutch message, once."""
        if layer.id() in self._watched:
            return
        self._watched.add(layer.id())
        layer_id = layer.id()
        layer.raiseError.connect(lambda text: self._refused_at_once(layer_id, text))

    def _refused_at_once(self, layer_id: str, text: str) -> None:
        """A rule refused an edit as it reached the database (the form's OK): QGIS has put the raw provider error
        ("PostGIS error ... CONTEXT ...") in the message bar just before this slot runs; ours replaces it, and a
        form that was saving is shown again with everything typed (formulier.keep_open)."""
        layer = QgsProject.instance().mapLayer(layer_id)
        kept = isinstance(layer, QgsVectorLayer) and formulier.keep_open(layer)
        self._drop_raw(text)
        QTimer.singleShot(0, lambda: self._drop_raw(text))  # in case QGIS' own slot runs after this one
        message = user_message(text)
        if kept:
            message += " Het formulier staat nog open met alles wat u invulde: pas het aan en kies OK."
        self.message(message, Qgis.Critical)

    def _drop_raw(self, raw: str) -> None:
        bar = self.iface.messageBar()
        if not hasattr(bar, "items"):  # a test double without QGIS' own messages
            return
        for item in list(bar.items()):
            if item.text().strip() == raw.strip():
                bar.popWidget(item)

    def watch_group(self, layer: QgsVectorLayer) -> None:
        """A COMMIT the database still refuses (anything the guard's check before it could not see) arrives
        here as the group's commitError: show the database's own message."""
        group = editing.transaction_group(layer)
        if group is None or "group" in self._watched:
            return
        self._watched.add("group")
        group.commitError.connect(lambda text: self.message(
            user_message(text) + " Niet opgeslagen.", Qgis.Critical) if not self._saving else None)

    def open_install(self, checked: bool = False, connection: str | None = None) -> None:
        import processing

        processing.execAlgorithmDialog("buurtkaart:installeren", {"VERBINDING": connection} if connection else {})

    def open_settings(self, checked: bool = False) -> bool:
        names = list(QgsProviderRegistry.instance().providerMetadata(PROVIDER).connections().keys())
        self.settings_dialog = SettingsDialog(self.iface.mainWindow(), names)
        try:
            return bool(self.settings_dialog.exec_())
        finally:
            self.settings_dialog.deleteLater()
            self.settings_dialog = None

    def open_in_viewer(self, checked: bool = False) -> str | None:
        """The selected feature of the active layer in the virtuele stad (the address from the settings)."""
        layer = self.iface.activeLayer()
        features = list(layer.getSelectedFeatures()) if isinstance(layer, QgsVectorLayer) and layer.isSpatial() \
            else []
        if len(features) != 1:
            self.message("Selecteer één object op de kaart om het in de virtuele stad te openen.", Qgis.Warning)
            return None
        url = viewer_url(layer, features[0])
        QDesktopServices.openUrl(QUrl(url))
        return url

    def open_report(self, checked: bool = False) -> None:
        import processing

        processing.execAlgorithmDialog("buurtkaart:rapportage", {})

    def _offer_install(self, text: str, connection: str) -> None:
        bar = self.iface.messageBar()
        widget = bar.createMessage(TITLE, text)
        button = QPushButton("Installeren…", widget)
        button.clicked.connect(lambda: self.open_install(connection=connection))
        widget.layout().addWidget(button)
        bar.pushWidget(widget, Qgis.Warning)

    def message(self, text: str, level=Qgis.Info) -> None:
        bar = self.iface.messageBar()
        bar.pushMessage(TITLE, text, level=level, duration=0 if level == Qgis.Critical else 8)
        item = bar.currentItem() if level == Qgis.Critical and hasattr(bar, "currentItem") else None
        if item is not None and item.text() == text:
            # a refusal names what is wrong, what it was and what to do: often longer than the bar shows
            button = QPushButton("Hele melding…", item)
            button.setObjectName("buurtkaart_hele_melding")
            button.clicked.connect(lambda: self.show_full_message(text))
            item.layout().addWidget(button)

    def show_full_message(self, text: str) -> QMessageBox:
        box = QMessageBox(QMessageBox.Critical, TITLE, text, QMessageBox.Ok, self.iface.mainWindow())
        box.setObjectName("buurtkaart_melding")
        box.setAttribute(Qt.WA_DeleteOnClose)
        box.setWindowModality(Qt.NonModal)  # to read beside the form and the map, not to answer
        box.show()
        return box
