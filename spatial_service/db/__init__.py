"""Database access: the local cluster, install/upgrade, connections."""
