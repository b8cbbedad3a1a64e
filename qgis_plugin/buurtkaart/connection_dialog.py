"""The load dialog: pick a saved QGIS PostgreSQL connection or type `service=<naam>` (or a URI with authcfg),
and optionally save what was typed as a QGIS connection, so the Databeheerder and every Processing algorithm
offer it too. A service name that pg_service.conf does not know is refused here, in Dutch, before QGIS could
open its user/password prompt."""

from __future__ import annotations

from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from .connection import BuurtkaartDbError, data_source_uri, describe, is_uri, save_as_qgis_connection


class ConnectionDialog(QDialog):
    def __init__(self, parent: QWidget | None, options: list[str], current: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Buurtkaart-lagen laden")
        self.setObjectName("BuurtkaartVerbinding")
        self.chosen: str | None = None
        self.connection = QComboBox(self)
        self.connection.setObjectName("verbinding")
        self.connection.setEditable(True)
        self.connection.addItems(options)
        if current:
            self.connection.setCurrentText(current)
        self.save = QCheckBox("Bewaren als QGIS PostgreSQL-verbinding (ook voor Processing en de Databeheerder)",
                              self)
        self.save.setObjectName("bewaren")
        self.name = QLineEdit(self)
        self.name.setObjectName("naam")
        self.problem = QLabel(self)
        self.problem.setObjectName("melding")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Database (opgeslagen verbinding of service=<naam>):", self.connection)
        form.addRow("", self.save)
        form.addRow("Naam van de verbinding:", self.name)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.connection.currentTextChanged.connect(self._typed)
        self._typed(self.connection.currentText())

    def _typed(self, text: str) -> None:
        """Saving only makes sense for something typed (a saved connection is saved already)."""
        typed = is_uri(text.strip())
        self.save.setEnabled(typed)
        self.name.setEnabled(typed)
        if typed:
            try:
                self.name.setText(f"Buurtkaart ({describe(data_source_uri(text.strip()))})")
            except BuurtkaartDbError:
                self.name.setText("Buurtkaart")
        else:
            self.save.setChecked(False)

    def accept(self) -> None:
        text = self.connection.currentText().strip()
        try:
            data_source_uri(text)  # unknown service, plaintext password, unknown saved name: say so, stay open
            self.chosen = save_as_qgis_connection(text, self.name.text()) if (
                self.save.isChecked() and is_uri(text)) else text
        except BuurtkaartDbError as exc:
            self.problem.setText(str(exc))
            return
        super().accept()
