"""Router factories: every REST write router shares auth, scope, idempotency and transactions."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Security

from clarus.api.rest.deps import authenticate, claim_idempotency_key
from clarus.api.rest.errors import WWW_AUTHENTICATE
from clarus.api.rest.routing import ReadOnlyRoute, TransactionalRoute
from clarus.auth.scopes import Scope

ERROR_RESPONSES: dict[int | str, dict[str, object]] = {
    400: {"description": "A required header is missing or the body is not JSON"},
    401: {
        "description": "Missing, invalid or expired token, or unknown subdomain",
        "headers": {name: {"schema": {"type": "string"}} for name in WWW_AUTHENTICATE},
    },
    403: {"description": "The token's scopes do not cover this operation"},
    409: {"description": "A request with the same Idempotency-Key is still running"},
    422: {"description": "Validation or business rule error; one entry per problem"},
    429: {"description": "Rate limit exceeded; see Retry-After"},
}


def write_router(tag: str, scope: Scope = Scope.WRITE) -> APIRouter:
    return APIRouter(
        tags=[tag],
        route_class=TransactionalRoute,
        dependencies=[Security(authenticate, scopes=[scope.value]), Depends(claim_idempotency_key)],
        responses=ERROR_RESPONSES,
    )


def document_router(tag: str, scope: Scope = Scope.WRITE) -> APIRouter:
    """For actions that render a document (a label's PDF) and write nothing: a read-only
    transaction, and no `Idempotency-Key`. Such a retry is safe as it is, and a stored response
    replays as JSON, which a PDF is not."""
    return APIRouter(
        tags=[tag],
        route_class=ReadOnlyRoute,
        dependencies=[Security(authenticate, scopes=[scope.value])],
        responses=ERROR_RESPONSES,
    )
