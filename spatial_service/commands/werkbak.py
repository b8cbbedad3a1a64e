"""buurtkaart werkbak gebruiker toevoegen/verwijderen, buurtkaart werkbak gebruikers: who may use the werkbak.

A werkbak user is a PostgreSQL login role in buurtkaart_wijkteam (spatial_service/db/werkbak_gebruikers.py). The
password comes from a file or is asked twice without echo, never on the command line (which other users of the
machine can read in the process list); it reaches the server only as a SCRAM verifier.
"""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path

from spatial_service.db import werkbak_gebruikers
from spatial_service.errors import BuurtkaartError
from spatial_service.settings import get_settings

DSN_HELP = "verbinding als beheerder (standaard BUURTKAART_ADMIN_DSN of de lokale cluster als postgres)"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("werkbak", help="werkbak: gebruikers (wijkteams, buurtcoördinatoren)")
    wsub = p.add_subparsers(dest="werkbak_command", metavar="ACTIE", required=True)
    g = wsub.add_parser("gebruiker", help="een werkbakgebruiker toevoegen of verwijderen")
    gsub = g.add_subparsers(dest="gebruiker_command", metavar="ACTIE", required=True)
    t = gsub.add_parser("toevoegen", help="maak een werkbakgebruiker (een PostgreSQL-rol in buurtkaart_wijkteam), "
                                          "of geef een bestaande meer gemeenten of werkgebied")
    t.add_argument("naam", help="de gebruikersnaam (kleine letters, cijfers, _), bv. j_jansen")
    t.add_argument("--gemeente", action="append", required=True, metavar="GM0402",
                   help="gemeente waarin de gebruiker werkt (herhaal voor meer)")
    t.add_argument("--wijk", action="append", default=[], metavar="WK040201",
                   help="wijk die de gebruiker bedient, voor zijn inbox (herhaal voor meer)")
    t.add_argument("--gebied", action="append", default=[], metavar="CODE",
                   help="gebied (wijkteamgebied) dat de gebruiker bedient, met al zijn wijken (herhaal voor meer)")
    pw = t.add_mutually_exclusive_group()
    pw.add_argument("--wachtwoord-bestand", type=Path, metavar="BESTAND",
                    help="lees het wachtwoord uit dit bestand (de eerste regel); anders wordt het gevraagd")
    pw.add_argument("--zonder-wachtwoord", action="store_true",
                    help="zet geen wachtwoord: pg_hba.conf controleert elders (LDAP/Active Directory), of een "
                         "bestaande gebruiker houdt het zijne")
    t.add_argument("--dsn", help=DSN_HELP)
    t.set_defaults(func=_toevoegen)
    v = gsub.add_parser("verwijderen", help="verwijder een werkbakgebruiker: zijn sessies eindigen meteen")
    v.add_argument("naam")
    v.add_argument("--dsn", help=DSN_HELP)
    v.set_defaults(func=_verwijderen)
    lijst = wsub.add_parser("gebruikers", help="de werkbakgebruikers met hun gemeenten, werkgebied en sessies")
    lijst.add_argument("--dsn", help=DSN_HELP)
    lijst.set_defaults(func=_gebruikers)


def read_password(path: Path | None) -> str:
    if path is not None:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise BuurtkaartError(f"--wachtwoord-bestand {path}: niet te lezen ({exc.__class__.__name__}).") from None
        if not lines or not lines[0]:
            raise BuurtkaartError(f"--wachtwoord-bestand {path}: de eerste regel is leeg.")
        return lines[0]
    first = getpass.getpass("Wachtwoord: ")
    if not first:
        raise BuurtkaartError("Het wachtwoord is leeg.")
    if getpass.getpass("Nog een keer: ") != first:
        raise BuurtkaartError("De twee wachtwoorden zijn niet gelijk; er is niets veranderd.")
    return first


def _dsn(args: argparse.Namespace) -> str:
    return args.dsn or get_settings().admin()


def _toevoegen(args: argparse.Namespace) -> int:
    wachtwoord = None if args.zonder_wachtwoord else read_password(args.wachtwoord_bestand)
    gemeenten = [g.strip().upper() for g in args.gemeente]
    wijken = [w.strip().upper() for w in args.wijk]
    new = werkbak_gebruikers.toevoegen(_dsn(args), args.naam, gemeenten, wijken, args.gebied, wachtwoord)
    werk = ", ".join([*wijken, *args.gebied]) or "geen werkgebied"
    print(f"Werkbakgebruiker {args.naam} {'gemaakt' if new else 'bijgewerkt'}: {', '.join(gemeenten)}; {werk}.")
    return 0


def _verwijderen(args: argparse.Namespace) -> int:
    werkbak_gebruikers.verwijderen(_dsn(args), args.naam)
    print(f"Werkbakgebruiker {args.naam} verwijderd; zijn sessies zijn beëindigd.")
    return 0


def _gebruikers(args: argparse.Namespace) -> int:
    found = werkbak_gebruikers.gebruikers(_dsn(args))
    if not found:
        print("Geen werkbakgebruikers.")
    for g in found:
        werk = ", ".join([*g.wijken, *(f"gebied {c}" for c in g.gebieden)]) or "geen werkgebied"
        print(f"{g.naam:<24} {', '.join(g.gemeenten) or '-':<16} {werk}  ({g.sessies} sessie(s))")
    return 0
