"""buurtkaart budget verdeel --gemeente GM0307 --jaar 2017: the buurtbudget over the wijken (buurt_app.budget_verdelen).

The formula, its settings and the rounding to the cent live in the database; this prints what it stored.
"""

from __future__ import annotations

import argparse
import re

from spatial_service.db.connection import connect
from spatial_service.errors import BuurtkaartError
from spatial_service.settings import get_settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("budget", help="buurtbudget: verdeling over de wijken")
    bsub = p.add_subparsers(dest="budget_command", metavar="ACTIE", required=True)
    s = bsub.add_parser("verdeel", help="verdeel het buurtbudget van een jaar over de wijken (basisdeel + extra "
                                        "gewicht voor prioriteitswijken; instellingen in buurt_sys.instelling)")
    s.add_argument("--gemeente", required=True, metavar="GM0307", help="CBS-gemeentecode")
    s.add_argument("--jaar", required=True, type=int, help="budgetjaar")
    s.add_argument("--dsn", help="verbinding (standaard: de lokale cluster als GIS-medewerker)")
    s.set_defaults(func=_verdeel)


def _euro(amount: float) -> str:
    whole, cents = f"{amount:,.2f}".split(".")
    return f"EUR {whole.replace(',', '.')},{cents}"


def _verdeel(args: argparse.Namespace) -> int:
    gemeente = args.gemeente.strip().upper()
    if not re.fullmatch(r"GM\d{4}", gemeente):
        raise BuurtkaartError(f"--gemeente {args.gemeente}: verwacht een CBS-gemeentecode, bv. GM0307.")
    with connect(args.dsn or get_settings().editor()) as conn:
        rows = conn.execute("SELECT * FROM buurt_app.budget_verdelen(%s, %s)", (gemeente, args.jaar)).fetchall()
        report = {r[0]: r for r in conn.execute(
            "SELECT wijkcode, toegezegd, resterend FROM buurt_app.rapport_budgetverdeling(%s, %s)",
            (gemeente, args.jaar)).fetchall()}
    total = sum(r[5] for r in rows)
    print(f"Buurtbudget {gemeente} {args.jaar}: {_euro(total)} over {len(rows)} wijken")
    print(f"{'wijk':<10} {'naam':<24} {'prio':<4} {'bedrag':>16} {'toegezegd':>16} {'resterend':>16}")
    for code, naam, _grondslag, prioriteit, _gewicht, bedrag, toelichting in rows:
        _, toegezegd, resterend = report[code]
        print(f"{code:<10} {naam[:24]:<24} {'ja' if prioriteit else '':<4} {_euro(bedrag):>16} "
              f"{_euro(toegezegd):>16} {_euro(resterend):>16}")
        print(f"           {toelichting}")
    return 0
