"""buurtkaart serve: the tile service and the virtuele stad viewer, as supervised uvicorn worker processes.

Every worker runs under spatial_service/web/supervisor.py, even with `--workers 1`: a worker that crashes
(a segfault in a C library, a kill) is replaced at once while the parent keeps the socket open. The OGC API runs
in worker processes of its own (`--ogc-workers`, default 1) on a loopback port (`--ogc-port`, default a
free one): the tile workers forward /ogc there, a front (docs/nginx/buurtkaart.conf) routes it there
directly. `--ogc-workers 0` runs /ogc inside the tile workers, as one process did before.

The parent also runs the mail sender of the residents' pages (spatial_service/mail/, a thread: one sender per
service, not one per worker); `--geen-mail` leaves that to a separate `buurtkaart mail verzenden --doorlopend`.
Several senders at once are safe.
"""

from __future__ import annotations

import argparse
import logging
import os
import socket

from spatial_service.errors import BuurtkaartError
from spatial_service.settings import get_settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="start de tegelservice en de virtuele stad (http://127.0.0.1:8765/)")
    p.add_argument("--host", help="adres (standaard BUURTKAART_HOST of 127.0.0.1)")
    p.add_argument("--port", type=int, help="poort (standaard BUURTKAART_HTTP_PORT of 8765)")
    p.add_argument("--workers", type=int, default=1,
                   help="aantal tegelprocessen (elk met een eigen cache en LISTEN-verbinding); een proces dat "
                        "stopt wordt meteen vervangen; standaard 1")
    p.add_argument("--ogc-workers", type=int, default=1,
                   help="aantal processen voor de OGC API (/ogc), apart van de tegels zodat een fout daar de "
                        "kaart niet stillegt; 0 = /ogc in de tegelprocessen; standaard 1")
    p.add_argument("--ogc-port", type=int,
                   help="loopback-poort van de OGC-processen, voor een front als nginx (standaard "
                        "BUURTKAART_OGC_PORT of een vrije poort)")
    p.add_argument("--hang-seconds", type=float, default=60.0,
                   help="een proces dat zo lang geen teken van leven geeft wordt vervangen; standaard 60")
    p.add_argument("--geen-mail", action="store_true",
                   help="start de mailverzender van de bewonerspagina's niet in deze service (draai dan "
                        "buurtkaart mail verzenden --doorlopend apart)")
    p.set_defaults(func=_serve)


def _check(args: argparse.Namespace) -> None:
    if args.workers < 1:
        raise BuurtkaartError(f"--workers moet minstens 1 zijn, niet {args.workers}.")
    if args.ogc_workers < 0:
        raise BuurtkaartError(f"--ogc-workers mag niet negatief zijn ({args.ogc_workers}).")
    if args.hang_seconds < 5:
        raise BuurtkaartError(f"--hang-seconds moet minstens 5 zijn, niet {args.hang_seconds:g}.")


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from spatial_service.web import security
    from spatial_service.web.supervisor import Group, Supervisor

    _check(args)
    settings = get_settings()
    # a wrong BUURTKAART_BASEMAP(_URL) or FRAME_ANCESTORS stops here with its message, not at the first request
    security.policy(settings)
    host = args.host or settings.host
    port = args.port or settings.http_port
    groups: list[Group] = []
    tile_sock = _bind(host, port)
    if args.ogc_workers:
        wanted = args.ogc_port if args.ogc_port is not None else int(os.environ.get("BUURTKAART_OGC_PORT", "0"))
        if wanted == port:
            raise BuurtkaartError(f"--ogc-port {wanted} is dezelfde poort als de service.")
        ogc_sock = _bind("127.0.0.1", wanted)  # 0: any free loopback port (the tile workers learn which)
        ogc_port = ogc_sock.getsockname()[1]
        # the spawned workers read their settings from the environment: the tile workers forward /ogc there
        os.environ["BUURTKAART_OGC_UPSTREAM"] = f"http://127.0.0.1:{ogc_port}"
        groups.append(Group("ogc", _config(uvicorn, "ogc_app", "127.0.0.1", ogc_port), args.ogc_workers,
                            ogc_sock))
    else:
        os.environ.pop("BUURTKAART_OGC_UPSTREAM", None)
        ogc_port = None
    groups.insert(0, Group("tegels", _config(uvicorn, "tile_app", host, port), args.workers, tile_sock))
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    ogc = f"; OGC API in {args.ogc_workers} eigen proces(sen) op 127.0.0.1:{ogc_port}" if ogc_port else ""
    print(f"Buurtkaart-service op http://{host}:{port}/ (tegels uit schema publiek; {args.workers} "
          f"proces(sen){ogc})", flush=True)
    print(f"  bewoners dienen in op http://{host}:{port}/indienen; de werkbak staat op http://{host}:{port}/werkbak/ "
          "(een gebruiker maken: buurtkaart werkbak gebruiker toevoegen NAAM --gemeente GM0402)", flush=True)
    mail = None
    if not args.geen_mail:
        from spatial_service.mail.sender import start_thread

        mail = start_thread(settings)
    try:
        return Supervisor(groups, hang_seconds=args.hang_seconds).run()
    finally:
        if mail is not None:
            thread, stop = mail
            stop.set()
            thread.join(timeout=10)


def _bind(host: str, port: int) -> socket.socket:
    """The listening socket, bound here in the parent and inherited by every worker of its group."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:  # the port is taken, the address is not on this machine
        sock.close()
        raise BuurtkaartError(f"Kan niet luisteren op {host}:{port}: {exc.strerror or exc}.") from exc
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def _config(uvicorn, factory: str, host: str, port: int):
    return uvicorn.Config(f"spatial_service.web.asgi:{factory}", factory=True, host=host, port=port,
                          log_level="warning", access_log=False, lifespan="on", timeout_graceful_shutdown=10)
