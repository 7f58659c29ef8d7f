"""A schemathesis check for `scripts/fuzz --target graphql`, loaded through
`SCHEMATHESIS_HOOKS`: every answer of `POST /graphql` is a GraphQL response (200, a JSON object
with `data` and, when something was refused, `errors`), or one of the documented refusals of
the request itself (401, 403, 413, 422 or 429 in our error format)."""

from __future__ import annotations

from typing import Any

import schemathesis

DOCUMENTED_REFUSALS = frozenset({401, 403, 413, 422, 429})


@schemathesis.check
def graphql_response_conformance(
    ctx: schemathesis.CheckContext,
    response: schemathesis.Response,
    case: schemathesis.Case[Any],
) -> bool | None:
    body = _json(response)
    if response.status_code in DOCUMENTED_REFUSALS:
        if not isinstance(body, dict) or not isinstance(body.get("errors"), list):
            raise AssertionError(f"{response.status_code} without an `errors` list: {body!r}")
        return None
    if response.status_code != 200:
        raise AssertionError(f"undocumented status {response.status_code}")
    if not isinstance(body, dict) or "data" not in body:
        raise AssertionError(f"not a GraphQL response: {body!r}")
    errors = body.get("errors", [])
    if not isinstance(errors, list) or not all(_is_graphql_error(error) for error in errors):
        raise AssertionError(f"malformed `errors`: {errors!r}")
    return None


def _json(response: schemathesis.Response) -> Any:
    content_type = next(
        (values[0] for name, values in response.headers.items() if name.lower() == "content-type"),
        "",
    )
    if not content_type.startswith("application/json"):
        raise AssertionError(f"not JSON: {content_type!r}")
    return response.json()


def _is_graphql_error(error: Any) -> bool:
    return isinstance(error, dict) and isinstance(error.get("message"), str)
