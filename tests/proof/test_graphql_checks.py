"""The check `scripts/fuzz --target graphql` adds to schemathesis's: what counts as a GraphQL
response of ours."""

from __future__ import annotations

import json
from typing import Any

import pytest
import requests
import schemathesis

from proof.graphql_checks import graphql_response_conformance


def response(status: int, body: Any, content_type: str = "application/json") -> Any:
    request = requests.Request("POST", "http://clarus.test/graphql").prepare()
    return schemathesis.Response(
        status_code=status,
        headers={"content-type": [content_type]},
        content=json.dumps(body).encode(),
        request=request,
        elapsed=0.0,
        verify=True,
    )


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (200, {"data": {"accounts": None}}),
        (200, {"data": None, "errors": [{"message": "first must be between 0 and 500"}]}),
        (401, {"errors": [{"code": 401, "symbol": "unauthorized"}]}),
        (413, {"errors": [{"code": 413}]}),
    ],
)
def test_graphql_answers_and_documented_refusals_pass(status: int, body: Any) -> None:
    assert graphql_response_conformance(None, response(status, body), None) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("status", "body", "content_type"),
    [
        (500, {"errors": [{"message": "boom"}]}, "application/json"),
        (200, {"errors": [{"message": "no data"}]}, "application/json"),
        (200, {"data": None, "errors": [{"no": "message"}]}, "application/json"),
        (200, ["data"], "application/json"),
        (401, {"detail": "no"}, "application/json"),
        (200, {"data": None}, "text/html"),
    ],
)
def test_anything_else_fails(status: int, body: Any, content_type: str) -> None:
    with pytest.raises(AssertionError):
        graphql_response_conformance(None, response(status, body, content_type), None)  # type: ignore[arg-type]
