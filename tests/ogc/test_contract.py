"""Contracts with code we did not write (issue 23): every tipg method we override still exists in tipg with the same
parameters, every private method we call still exists, every patched global is still looked up where we patch it;
and psycopg_pool still has the private `_get_ready_connection` (and `_pool` deque) LifoConnectionPool overrides.
An upgrade that moves any of these fails here, instead of silently bypassing (say) the CQL operation whitelist."""

from __future__ import annotations

import ast
import collections
import inspect
import types
from pathlib import Path

import pytest
from psycopg_pool import AsyncConnectionPool

from spatial_service.web.app import LifoConnectionPool
from spatial_service.web.ogc import tipg_adapter

OGC_DIR = Path(tipg_adapter.__file__).parent


def shape(function) -> list[tuple[str, object, object]]:
    """Parameter names, kinds and defaults (annotations differ in spelling only: Optional[List[str]] is
    list[str] | None)."""
    return [(p.name, p.kind, p.default) for p in inspect.signature(function).parameters.values()]


def unwrap(owner: type, name: str):
    value = inspect.getattr_static(owner, name)
    return value.fget if isinstance(value, property) else value


@pytest.mark.parametrize(("theirs", "name", "ours"), tipg_adapter.OVERRIDES,
                         ids=[f"{t.__name__}.{n}" for t, n, _ in tipg_adapter.OVERRIDES])
def test_every_overridden_tipg_hook_still_exists_with_our_signature(theirs, name, ours):
    assert hasattr(theirs, name), f"tipg {theirs.__name__}.{name} bestaat niet meer"
    assert name in vars(ours), f"{ours.__name__} overschrijft {name} niet (meer)"
    original = unwrap(theirs, name)
    override = unwrap(ours, name)
    assert isinstance(inspect.getattr_static(theirs, name), property) == \
        isinstance(inspect.getattr_static(ours, name), property), name
    assert shape(original) == shape(override), (name, shape(original), shape(override))
    assert inspect.iscoroutinefunction(original) == inspect.iscoroutinefunction(override), name
    assert inspect.isasyncgenfunction(original) == inspect.isasyncgenfunction(override), name
    # and the collection tipg builds, or the class tipg instantiates, is one we subclass
    assert issubclass(ours, theirs) or name == "url_for"


@pytest.mark.parametrize(("owner", "name"), tipg_adapter.CALLED)
def test_private_tipg_methods_we_call_still_exist(owner, name):
    assert callable(getattr(owner, name, None)), f"tipg {owner.__name__}.{name} bestaat niet meer"


def _global_names(code: types.CodeType) -> set[str]:
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _global_names(const)
    return names


@pytest.mark.parametrize(("route", "name"), tipg_adapter.PATCHED_GLOBALS)
def test_patched_globals_are_looked_up_at_request_time(route, name):
    """install() replaces a module global; that only works while the route's code looks it up by name in
    tipg.factory (not a default argument or an import inside the function)."""
    assert name in _global_names(route.__code__), (route.__qualname__, name)
    assert route.__globals__ is vars(tipg_adapter.tipg.factory)
    assert name in route.__globals__


def test_install_is_explicit_and_idempotent():
    import tipg.factory

    tipg_adapter.install()
    once = (list(tipg.factory.COMMON_CONFORMS), tipg.factory.create_csv_rows)
    tipg_adapter.install()
    assert (list(tipg.factory.COMMON_CONFORMS), tipg.factory.create_csv_rows) == once
    assert not [c for c in once[0] if c.endswith("/oas30")] and once[1] is tipg_adapter._csv_rows
    assert list(once[1](iter([]))) == []


def test_only_the_adapter_imports_tipg():
    """Every touch of tipg is in tipg_adapter.py: the other modules of web/ogc/ import nothing from tipg."""
    for path in OGC_DIR.glob("*.py"):
        if path.name == "tipg_adapter.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                assert not (node.module or "").startswith("tipg"), (path.name, node.module)
            elif isinstance(node, ast.Import):
                assert not any(a.name.startswith("tipg") for a in node.names), path.name
        assert "tipg_geom" not in path.read_text() and "tipg_id" not in path.read_text(), path.name


def test_lifo_pool_overrides_a_private_psycopg_pool_method_that_still_exists():
    original = inspect.getattr_static(AsyncConnectionPool, "_get_ready_connection")
    override = inspect.getattr_static(LifoConnectionPool, "_get_ready_connection")
    assert shape(original) == shape(override)
    assert inspect.iscoroutinefunction(original) and inspect.iscoroutinefunction(override)
    # it rotates the pool's idle deque, which must still be a deque named _pool
    pool = AsyncConnectionPool("host=/nonexistent", open=False, min_size=1)
    assert isinstance(pool._pool, collections.deque)
