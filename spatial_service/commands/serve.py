"""buurtkaart serve: the tile service and the virtuele stad viewer (uvicorn)."""

from __future__ import annotations

import argparse

from spatial_service.settings import get_settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="start de tegelservice en de virtuele stad (http://127.0.0.1:8765/)")
    p.add_argument("--host", help="adres (standaard BUURTKAART_HOST of 127.0.0.1)")
    p.add_argument("--port", type=int, help="poort (standaard BUURTKAART_HTTP_PORT of 8765)")
    p.add_argument("--workers", type=int, default=1,
                   help="aantal processen (elk met een eigen cache en LISTEN-verbinding); standaard 1")
    p.set_defaults(func=_serve)


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from spatial_service.web.basemap import basemap_config

    settings = get_settings()
    basemap_config(settings)  # a wrong BUURTKAART_BASEMAP(_URL) stops here with its message, not at the first map
    host = args.host or settings.host
    port = args.port or settings.http_port
    print(f"Buurtkaart-service op http://{host}:{port}/ (tegels uit schema publiek)")
    uvicorn.run("spatial_service.web.asgi:app", host=host, port=port, workers=args.workers,
                log_level="warning", access_log=False)
    return 0
