"""Buurtmonitor and buurtbudget demo data for Hilversum: wijk figures, gemeente targets, budget allocations.

Buurt figures 2016-2018 come from hilversum._insert_figures; this adds the wijk level (the inhabitant-weighted
mean of its buurten, as a survey reported per wijk would be close to), the gemeente's targets and the
allocation of each year's buurtenbudget (computed by the database, buurt_app.budget_verdelen).
"""

from __future__ import annotations

import psycopg

# Hilversum's own targets (illustrative: the source documents give Amersfoort's figures, not Hilversum's)
HILVERSUM_TARGETS = {"rapportcijfer_woonomgeving": 7.5, "sociale_cohesie": 6.5, "betrokkenheid_buurt": 37}
SURVEY = tuple(HILVERSUM_TARGETS)


def add_wijk_figures(conn: psycopg.Connection, gemeente: str, years: tuple[int, ...], source: str = "demo") -> None:
    """Wijk and gemeente figures as the inhabitant-weighted mean of the buurten (inhabitants: the sum)."""
    # table and column names are the constants below, never input
    for table, key, group in (("buurt.wijkcijfer", "wijkcode", "b.wijkcode"),
                              ("buurt.gemeentecijfer", "gemeentecode", "b.gemeentecode")):
        conn.execute(
            f"""INSERT INTO {table} ({key}, indicator, jaar, waarde, bron)
                SELECT {group}, c.indicator, c.jaar,
                       CASE WHEN c.indicator = 'inwoners' THEN sum(c.waarde)
                            ELSE round(sum(c.waarde * i.waarde) / nullif(sum(i.waarde), 0), 1) END, %s
                  FROM buurt.buurtcijfer c JOIN buurt.buurt b ON b.code = c.buurtcode
                  JOIN buurt.buurtcijfer i ON i.buurtcode = c.buurtcode AND i.jaar = c.jaar
                                          AND i.indicator = 'inwoners'
                 WHERE b.gemeentecode = %s AND c.jaar = ANY(%s) AND c.waarde IS NOT NULL
                 GROUP BY {group}, c.indicator, c.jaar""",
            (source, gemeente, list(years)))


def add_hilversum(conn: psycopg.Connection) -> None:
    add_wijk_figures(conn, "GM0402", (2016, 2017, 2018))
    with conn.cursor() as cur:
        cur.executemany("UPDATE buurt.gemeentecijfer SET streefwaarde = %s WHERE gemeentecode = 'GM0402' "
                        "AND indicator = %s", [(v, k) for k, v in HILVERSUM_TARGETS.items()])
        # the wijk figures carry no target of their own: the gemeente's applies (buurt_app.streefwaarde)
        for year in (2017, 2018, 2019):
            cur.execute("SELECT count(*) FROM buurt_app.budget_verdelen('GM0402', %s)", (year,))
