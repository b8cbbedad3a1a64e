"""Subcommands of `buurtkaart`; every module here has register(subparsers)."""
