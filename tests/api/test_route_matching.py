"""Finding the route of a request tries only the routes that could answer its path: the walk
does not grow with the number of operations (counted, not timed)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from fastapi.routing import APIRoute

from tests.support import ApiClientFactory

MOST_ROUTES_TRIED = 12
"""The routes of the one router whose paths share the request's start, each tried at most twice
(FastAPI finds the match, then finds it again to handle it)."""


@contextmanager
def routes_tried(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    tried: list[str] = []
    original = APIRoute.matches

    def counting(route: APIRoute, scope: dict[str, object]) -> object:
        tried.append(route.path)
        return original(route, scope)

    monkeypatch.setattr(APIRoute, "matches", counting)
    yield tried


async def test_a_graphql_query_and_a_rest_path_try_a_handful_of_routes(
    clients: ApiClientFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    caller = await clients.new()
    with routes_tried(monkeypatch) as tried:
        answer = await caller.graphql("{ accounts { all(first: 1) { edges { node { id } } } } }")
    assert "errors" not in answer
    assert 0 < len(tried) <= MOST_ROUTES_TRIED, tried
    with routes_tried(monkeypatch) as tried:
        response = await caller.http.get("/api/v1/goods_outs/999999999", headers=caller.headers())
    assert response.status_code == 405  # reads are GraphQL
    assert 0 < len(tried) <= MOST_ROUTES_TRIED, tried
