"""The plugin object QGIS creates: menu/toolbar actions, the Processing provider, message-bar feedback."""

from __future__ import annotations

from qgis.core import Qgis, QgsApplication, QgsProviderRegistry, QgsSettings, QgsVectorLayer
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction, QInputDialog, QPushButton

from . import editing, loader
from .connection import PROVIDER, BuurtkaartDbError, user_message
from .processing.provider import PROVIDER_ID, BuurtkaartProvider
from .resources import PLUGIN_DIR

MENU = "&Buurtkaart"
SETTING_CONNECTION = "buurtkaart/verbinding"  # a connection NAME or service=..., never a password
TITLE = "Buurtkaart"


class BuurtkaartPlugin:
    def __init__(self, iface) -> None:
        self.iface = iface
        self.provider: BuurtkaartProvider | None = None
        self.actions: list[QAction] = []
        self._watched: set[str] = set()
        self._saving = False

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
        icon = QIcon(str(PLUGIN_DIR / "icon.svg"))
        self._add_action(icon, "Buurtkaart-lagen laden", self.load_layers, toolbar=True)
        self._add_action(icon, "Buurtkaart-wijzigingen opslaan", self.save_edits, toolbar=True)
        self._add_action(icon, "Database installeren of bijwerken…", self.open_install)
        self._add_action(icon, "Rapportage per wijk en jaar…", self.open_report)

    def unload(self) -> None:
        for action in self.actions:
            self.iface.removePluginDatabaseMenu(MENU, action)
            self.iface.removeToolBarIcon(action)
        self.actions.clear()
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None

    def _add_action(self, icon: QIcon, text: str, slot, toolbar: bool = False) -> QAction:
        action = QAction(icon, text, self.iface.mainWindow())
        action.triggered.connect(slot)
        self.iface.addPluginToDatabaseMenu(MENU, action)
        if toolbar:
            self.iface.addToolBarIcon(action)
        self.actions.append(action)
        return action

    # --- actions -------------------------------------------------------------------------------------------
    def choose_connection(self) -> str | None:
        names = list(QgsProviderRegistry.instance().providerMetadata(PROVIDER).connections().keys())
        last = QgsSettings().value(SETTING_CONNECTION, "", type=str)
        options = ([last] if last and last not in names else []) + names + (["service=buurtkaart"] if not names else [])
        current = options.index(last) if last in options else 0
        choice, ok = QInputDialog.getItem(
            self.iface.mainWindow(), TITLE,
            "Database (opgeslagen PostgreSQL-verbinding of service=<naam>):", options, current, True)
        if not ok or not choice.strip():
            return None
        QgsSettings().setValue(SETTING_CONNECTION, choice.strip())
        return choice.strip()

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

    def watch(self, layer: QgsVectorLayer) -> None:
        """Show provider refusals (a rule that fires while editing) as the database's Dutch message."""
        if layer.id() in self._watched:
            return
        self._watched.add(layer.id())
        layer.raiseError.connect(lambda text: self.message(user_message(text), Qgis.Critical))

    def watch_group(self, layer: QgsVectorLayer) -> None:
        """QGIS' own 'save edits' commits the transaction group; a refusal at COMMIT (the deferred
        wederkerigheid rule) arrives here. QGIS 3.22 has then already ended the transaction: say so."""
        group = editing.transaction_group(layer)
        if group is None or "group" in self._watched:
            return
        self._watched.add("group")
        group.commitError.connect(lambda text: self.message(
            user_message(text) + " Niet opgeslagen; gebruik 'Buurtkaart-wijzigingen opslaan' om bij een weigering "
            "uw wijzigingen te behouden.", Qgis.Critical) if not self._saving else None)

    def open_install(self, checked: bool = False, connection: str | None = None) -> None:
        import processing

        processing.execAlgorithmDialog("buurtkaart:installeren", {"VERBINDING": connection} if connection else {})

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
        self.iface.messageBar().pushMessage(TITLE, text, level=level, duration=0 if level == Qgis.Critical else 8)
