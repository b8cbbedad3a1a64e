"""Exporters: open data from schema publiek (connected as the public role), never from the data tables."""
