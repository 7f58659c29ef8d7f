"""The one place where errors become HTTP responses."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import TypedDict

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from clarus.api.rest.responses import JsonResponse
from clarus.core.errors import ClarusError, ErrorKind, Problem, Unauthenticated
from clarus.core.validation import problem_from_pydantic

logger = logging.getLogger("clarus.api")

WWW_AUTHENTICATE = {"WWW-Authenticate": 'Bearer realm="clarus"'}
REQUEST_ID_HEADER = "X-Request-Id"
REST_RECORD_PATH = re.compile(r"^/api(?:/v1)?/(?P<collection>[a-z_]+)(?:/(?P<id>\d+))?/?$")


def reads_are_graphql(
    method: str, path: str, graphql_roots: Mapping[str, str]
) -> ClarusError | None:
    """A GET of a REST collection or record (REST only writes): the 405 that says where
    the read is, naming the GraphQL root and a query for the record."""
    found = REST_RECORD_PATH.match(path)
    if method != "GET" or found is None:
        return None
    root = graphql_roots.get(found["collection"])
    if root is None:
        details = "Reads are GraphQL: POST a query to /graphql (read scope)."
        return ClarusError.of(ErrorKind.METHOD_NOT_ALLOWED, details)
    condition = f"(filter: {{id: {{eq: {found['id']}}}}})" if found["id"] else ""
    query = f"{root} {{ all{condition} {{ edges {{ node {{ id }} }} }} }}"
    details = f"Reads are GraphQL: query `{query}` at /graphql (POST, read scope)."
    return ClarusError.of(ErrorKind.METHOD_NOT_ALLOWED, details, graphql_root=root)


ATTRIBUTES = "/data/attributes"
"""Where a resource body holds the attributes a domain service is given."""


@contextmanager
def input_at(root: str) -> Iterator[None]:
    """Place the problems a domain service raises, whose paths are inside the input it was given,
    in the request: the input is found at `root` (`ATTRIBUTES` for a resource body)."""
    with _placed(lambda path: root + path):
        yield


@contextmanager
def input_from(sources: Mapping[str, str]) -> Iterator[None]:
    """Place the problems a domain service raises in the request its input was gathered from:
    `sources` names where each field of the input came from (a header, the body)."""
    with _placed(lambda path: sources.get(path, path)):
        yield


@contextmanager
def _placed(place: Callable[[str], str]) -> Iterator[None]:
    try:
        yield
    except ClarusError as error:
        placed = error.placed(place)
        if placed is error:
            raise
        raise placed from error


class ProblemBody(TypedDict):
    """One entry of an error body's `errors`."""

    code: int
    symbol: str
    details: str
    source: str | None
    context: dict[str, object] | None


class ErrorBody(TypedDict):
    errors: list[ProblemBody]


def problem_json(problem: Problem) -> ProblemBody:
    """One entry of an error body; `context.pointer` is the field's JSON pointer in the request."""
    context: dict[str, object] = dict(problem.context)
    if problem.path is not None:
        context["pointer"] = problem.path
    return {
        "code": problem.kind.code,
        "symbol": problem.kind.symbol,
        "details": problem.details or problem.kind.message,
        "source": problem.source,
        "context": context or None,
    }


def error_response(error: ClarusError) -> JsonResponse:
    body: ErrorBody = {"errors": [problem_json(problem) for problem in error.problems]}
    return JsonResponse(body, status_code=error.status, headers=error.headers)


def unauthenticated_response() -> JsonResponse:
    return JsonResponse(
        {"error": Unauthenticated.message}, status_code=401, headers=WWW_AUTHENTICATE
    )


def internal_error_response() -> JsonResponse:
    return error_response(ClarusError.of(ErrorKind.INTERNAL_ERROR))


DATABASE_RETRY_AFTER_SECONDS = 2


def database_unavailable_response(error: BaseException) -> JsonResponse:
    """A 503 the client can retry, rather than a 500 and a dropped connection, while the
    database is down or restarting. A connection lost during the commit leaves it unknown
    whether a write landed, which is what retrying with the same Idempotency-Key settles."""
    logger.warning("the database is unreachable: %s", type(error).__name__)
    return error_response(
        ClarusError.of(
            ErrorKind.SERVICE_UNAVAILABLE,
            headers={"Retry-After": str(DATABASE_RETRY_AFTER_SECONDS)},
        )
    )


def _problems_of_request_validation(error: RequestValidationError) -> ClarusError:
    problems: list[Problem] = []
    for detail in error.errors():
        location = tuple(detail.get("loc", ()))
        if location[:1] == ("path",):
            return ClarusError.of(
                ErrorKind.RECORD_NOT_FOUND, f"No record has the id {detail.get('input')!r}."
            )
        problems.append(problem_from_pydantic(detail))
    return ClarusError(*problems)


def install_error_handlers(app: FastAPI, *, graphql_roots: Mapping[str, str]) -> None:
    """`graphql_roots`: per REST collection, the GraphQL root that reads it (for the hint of
    `reads_are_graphql`)."""

    async def on_clarus_error(_request: Request, error: Exception) -> Response:
        assert isinstance(error, ClarusError)
        return error_response(error)

    async def on_unauthenticated(_request: Request, _error: Exception) -> Response:
        return unauthenticated_response()

    async def on_request_validation(_request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        return error_response(_problems_of_request_validation(error))

    async def on_http_exception(request: Request, error: Exception) -> Response:
        assert isinstance(error, StarletteHTTPException)
        if error.status_code == 405:
            hint = reads_are_graphql(request.method, request.url.path, graphql_roots)
            if hint is not None:
                return error_response(
                    ClarusError(*hint.problems, headers=dict(error.headers or {}))
                )
        kinds: dict[int, ErrorKind] = {
            404: ErrorKind.ROUTE_NOT_FOUND,
            405: ErrorKind.METHOD_NOT_ALLOWED,
            413: ErrorKind.PAYLOAD_TOO_LARGE,
        }
        kind = kinds.get(error.status_code)
        if kind is None:
            body: ErrorBody = {
                "errors": [
                    {
                        "code": error.status_code,
                        "symbol": "http_error",
                        "details": str(error.detail),
                        "source": None,
                        "context": None,
                    }
                ]
            }
            return JsonResponse(body, status_code=error.status_code)
        return error_response(ClarusError.of(kind, headers=dict(error.headers or {})))

    async def on_unexpected(request: Request, error: Exception) -> Response:
        """Starlette answers this one from outside every middleware, so it sets the request id
        the request context middleware gave the request (`X-Request-Id`) itself."""
        logger.exception("unhandled error on %s %s", request.method, request.url.path)
        response = internal_error_response()
        request_id = getattr(request.state, "request_id", None)
        if request_id is not None:
            response.headers[REQUEST_ID_HEADER] = request_id
        return response

    app.add_exception_handler(ClarusError, on_clarus_error)
    app.add_exception_handler(Unauthenticated, on_unauthenticated)
    app.add_exception_handler(RequestValidationError, on_request_validation)
    app.add_exception_handler(StarletteHTTPException, on_http_exception)
    app.add_exception_handler(Exception, on_unexpected)
