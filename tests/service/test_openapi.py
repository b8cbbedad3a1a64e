"""GET /openapi.json (spatial_service/web/openapi.py) on a real service with two gemeenten: a valid OpenAPI 3
document that lists exactly the route table (and each per-gemeente route again under /g/{gemeente}), and
schemathesis against it: well over 1,000 generated requests (valid and invalid, on every path and parameter),
none answered with a server error, every answer with a documented status, content type and body schema."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from openapi_spec_validator import validate
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from spatial_service.web.app import all_routes
from spatial_service.web.http import PER_GEMEENTE
from spatial_service.web.openapi import UNDOCUMENTED, documented_paths
from tests.service.conftest import RunningServer, serving

# per operation and mode (positive, negative); the 31 operations make > 1,000 requests (counted below)
EXAMPLES_PER_OPERATION = 30
MINIMUM_REQUESTS = 1000
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance,
          negative_data_rejection]
sent: list[tuple[str, int]] = []


@pytest.fixture(scope="module")
def served(two_gemeenten_db) -> Iterator[RunningServer]:
    with serving(two_gemeenten_db) as running:
        yield running


@pytest.fixture(scope="module")
def api_schema(served):
    return schemathesis.openapi.from_url(f"{served.url}/openapi.json")


def test_the_document_is_valid_openapi_3_and_names_real_layers_and_gemeenten(served):
    doc = httpx.get(f"{served.url}/openapi.json", timeout=30).json()
    validate(doc)
    assert doc["openapi"].startswith("3.")
    assert doc["components"]["schemas"]["Gemeente"]["enum"] == ["GM0307", "GM0402"]
    health = httpx.get(f"{served.url}/health", timeout=30).json()
    assert doc["components"]["schemas"]["Lagen"]["enum"][:-1] == health["lagen"]


def test_the_document_lists_exactly_the_route_table(served):
    doc = httpx.get(f"{served.url}/openapi.json", timeout=30).json()
    table = all_routes()
    national = {path for path, _ in documented_paths(table)}
    per_gemeente = {f"/g/{{gemeente}}{path}" for path, scoped in documented_paths(table) if scoped}
    assert set(doc["paths"]) == national | per_gemeente
    # every route of the table is documented or deliberately left to another document
    left_out = {getattr(r, "path", None) for r in table} - {p.replace("{path}", "").rstrip("/") or "/"
                                                           for p in national} - national \
        - {"/tiles/{rest:path}", "/static"}  # a path ending in / (/werkbak/) is documented as it is
    assert all(path.startswith(UNDOCUMENTED) for path in left_out), left_out
    assert {"/tiles/{layers}/{z}/{x}/{y}.pbf", "/g/{gemeente}/tiles/{layers}/{z}/{x}/{y}.pbf", "/plancheck",
            "/g/{gemeente}/cijfers.json", "/g/{gemeente}/static/{path}"} <= set(doc["paths"])
    assert "/g/{gemeente}/plancheck" not in doc["paths"] and "/g/{gemeente}/health" not in doc["paths"]
    assert sum(bool(getattr(r, PER_GEMEENTE, False)) for r in table if not r.path.startswith(UNDOCUMENTED)) \
        == len(per_gemeente)


def operations() -> list[tuple[str, str]]:
    """(method, path) of every operation in the document, known before the service runs (the route table)."""
    from spatial_service.web.openapi import OPERATIONS

    found = []
    for path, scoped in documented_paths(all_routes()):
        for method in OPERATIONS[path]:
            found.append((method.upper(), path))
            if scoped:
                found.append((method.upper(), f"/g/{{gemeente}}{path}"))
    return found


@pytest.mark.parametrize(("method", "path"), operations(), ids=[f"{m} {p}" for m, p in operations()])
def test_no_server_error_and_every_answer_as_documented(api_schema, method, path):
    """schemathesis's positive cases (valid per the document) and negative ones (each parameter or body broken in
    turn); the checks: no 5xx, a documented status and content type, the body valid against its schema, and
    invalid input refused with a 4xx."""
    operation = api_schema[path][method]
    has_input = bool(operation.definition.raw.get("parameters") or operation.definition.raw.get("requestBody"))
    modes = [GenerationMode.POSITIVE, *([GenerationMode.NEGATIVE] if has_input else [])]
    for mode in modes:
        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        def run(case) -> None:
            response = case.call_and_validate(checks=CHECKS, timeout=30)
            sent.append((f"{method} {path}", response.status_code))

        try:
            run()
        except Unsatisfiable:
            # nothing to break: every value of a plain string parameter is valid per the document (the service
            # still refuses most of them, which the positive cases checked)
            assert mode is GenerationMode.NEGATIVE


def test_schemathesis_sent_enough_requests_and_met_every_path():
    print(f"schemathesis: {len(sent)} verzoeken")
    assert len(sent) >= MINIMUM_REQUESTS, len(sent)
    assert not [status for _, status in sent if status >= 500]
    # positive and negative cases both reached the service: answers 2xx and 4xx on the /g/ routes too
    statuses = {status // 100 for label, status in sent if "/g/{gemeente}/" in label}
    assert {2, 4} <= statuses, statuses
