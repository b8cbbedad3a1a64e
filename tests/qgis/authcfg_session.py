"""Run in a NEW process with QGIS_AUTH_DB_DIR_PATH set to an empty folder (python -m tests.qgis.authcfg_session
PLUGINS_DIR SOCKET_DIR PORT DBNAME): a fresh QGIS password store gets a master password and a Basic
configuration with the GIS login; the plugin connects, loads the layer set and saves the connection with only
authcfg=... in it. Prints JSON."""

from __future__ import annotations

import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import QgsApplication, QgsAuthMethodConfig, QgsProject, QgsProviderRegistry


def main(plugins_dir: str, socket_dir: str, port: str, dbname: str) -> dict:
    app = QgsApplication([], False)
    app.initQgis()
    auth = QgsApplication.authManager()
    assert auth.setMasterPassword("test-hoofdwachtwoord", True), "hoofdwachtwoord niet gezet"
    config = QgsAuthMethodConfig("Basic")
    config.setName("Buurtkaart GIS")
    config.setConfig("username", "buurtkaart_gis")
    config.setConfig("password", "alleen-in-de-kluis")
    ok, config = auth.storeAuthenticationConfig(config)
    assert ok and config.id(), "authenticatieconfiguratie niet opgeslagen"
    sys.path.insert(0, plugins_dir)
    from buurtkaart import connection, loader

    uri = f"host={socket_dir} port={port} dbname={dbname} authcfg={config.id()}"
    conn = connection.connect(uri)
    current_user = connection.run_sql(conn, "SELECT current_user")[0][0]
    result = loader.load_layer_set(uri, QgsProject.instance())
    wijk = result.layers["wijk"]
    name = connection.save_as_qgis_connection(uri, "Buurtkaart kluis")
    saved = QgsProviderRegistry.instance().providerMetadata("postgres").connections()[name].uri()
    out = {"authcfg": config.id(), "current_user": current_user, "uri": uri, "layer_source": wijk.source(),
           "layers": len(result.layers), "wijken": wijk.featureCount(), "saved": saved}
    del result, wijk
    QgsProject.instance().clear()
    return out


if __name__ == "__main__":
    print(json.dumps(main(*sys.argv[1:5])))
    sys.stdout.flush()
    os._exit(0)  # skip QGIS' exit teardown: this process only reports
