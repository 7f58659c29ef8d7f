"""`POST /graphql` (read scope, one read-only transaction) and GraphiQL on `GET /graphql`."""

from __future__ import annotations

import json
from typing import Annotated, NotRequired, TypedDict
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request, Security
from graphql import GraphQLFormattedError
from pydantic import BaseModel, ConfigDict, Field, JsonValue, WithJsonSchema
from starlette.responses import HTMLResponse, RedirectResponse, Response

from clarus.api.docs import graphiql_html
from clarus.api.graphql.compiled import COMPILED_QUERIES, Declined
from clarus.api.graphql.context import GraphQLContext
from clarus.api.graphql.schema import schema
from clarus.api.rest.deps import PrincipalDep, SessionDep, SettingsDep, authenticate
from clarus.api.rest.responses import JsonResponse
from clarus.api.rest.routers import ERROR_RESPONSES
from clarus.api.rest.routing import ReadOnlyRoute
from clarus.auth.scopes import Scope
from clarus.core.json_types import JSONObject
from clarus.core.validation import parse_json_body

router = APIRouter(tags=["GraphQL"])
query_router = APIRouter(
    route_class=ReadOnlyRoute,
    dependencies=[Security(authenticate, scopes=[Scope.READ.value])],
    responses=ERROR_RESPONSES,
)


ANY_OBJECT: JSONObject = {"additionalProperties": True, "type": "object"}
"""How the document shows `variables`: any JSON object, without naming a `JsonValue` schema."""


EXECUTOR_HEADER = "X-Clarus-Executor"
"""Which executor answered (`compiled` or `general`); a request sending `general` in it is
answered by the general executor (to compare the two)."""
GENERAL = "general"
COMPILED_ANSWER = {EXECUTOR_HEADER: "compiled"}
GENERAL_ANSWER = {EXECUTOR_HEADER: GENERAL}


class GraphQLRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    query: str = Field(min_length=1, max_length=100_000)
    variables: Annotated[dict[str, JsonValue], WithJsonSchema(ANY_OBJECT)] | None = None
    operation_name: str | None = Field(default=None, alias="operationName")


class GraphQLResponseBody(TypedDict):
    data: JSONObject | None
    errors: NotRequired[list[GraphQLFormattedError]]
    extensions: NotRequired[JSONObject]


@query_router.post(
    "/graphql",
    summary="Run a GraphQL query (read only)",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": GraphQLRequest.model_json_schema()}},
        }
    },
)
async def graphql_query(
    request: Request, principal: PrincipalDep, session: SessionDep, settings: SettingsDep
) -> Response:
    payload = parse_json_body(GraphQLRequest, await request.body())
    context = GraphQLContext(session=session, principal=principal, settings=settings)
    if request.headers.get(EXECUTOR_HEADER) != GENERAL:
        compiled = COMPILED_QUERIES.of(payload.query, payload.operation_name)
        if compiled is not None:
            try:
                answer = await compiled.run(context, payload.variables)
            except Declined:
                if context.lost_database is not None:
                    raise context.lost_database from None
            else:
                return Response(answer, media_type="application/json", headers=COMPILED_ANSWER)
    result = await schema.execute(
        payload.query,
        variable_values=payload.variables,
        context_value=context,
        operation_name=payload.operation_name,
    )
    if context.lost_database is not None:
        raise context.lost_database
    body: GraphQLResponseBody = {"data": result.data}
    if result.errors:
        body["errors"] = [error.formatted for error in result.errors]
    if result.extensions:
        body["extensions"] = result.extensions
    return JsonResponse(body, headers=GENERAL_ANSWER)


HEADERS_TEMPLATE = json.dumps(
    {"Authorization": "Bearer <access token>", "X-Clarus-Subdomain": "<your subdomain>"}, indent=2
)


@router.get("/graphql", include_in_schema=False)
async def graphiql(request: Request) -> Response:
    """GraphiQL; its headers editor starts with the two headers every query needs."""
    if "headers" not in request.query_params:
        # GraphiQL reads its URL with decodeURIComponent, which keeps a "+" as it is
        query = urlencode({**request.query_params, "headers": HEADERS_TEMPLATE}, quote_via=quote)
        return RedirectResponse(f"/graphql?{query}", status_code=307)
    return HTMLResponse(graphiql_html())


router.include_router(query_router)
