"""Buurtkaart spatial service: database access, importers/exporters, tile service, web viewer, CLI."""

__version__ = "0.1.0"
