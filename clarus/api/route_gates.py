"""Route matching that does not grow with the number of operations.

Starlette tries the application's routes one by one, and FastAPI's included routers try each of
their routes in turn (twice: once to find the match, once more to handle it). With some 450
operations that walk cost about 1 ms of CPU for `POST /api/goods_outs` and 5 ms for
`POST /graphql`, which sits behind both copies of the REST API: more than the database work of a
small create.

A route can only match a path that starts with the literal part of its path (everything before
the first `{`). `gate_routes` gives each of the application's top-level routes a check of the
literal starts of its paths, so the walk passes over a router that cannot match with one
`str.startswith`. Matching itself, and everything that reads `app.routes` (the OpenAPI
document, `url_path_for`), is left as the framework does it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from fastapi import FastAPI
from fastapi.routing import APIRouter
from starlette.routing import BaseRoute, Match
from starlette.types import Scope

Matcher = Callable[[Scope], tuple[Match, Scope]]


def include_under(
    app: FastAPI, routers: Iterable[APIRouter], prefix: str, *, in_schema: bool = True
) -> None:
    """Include each router at the top level under `prefix`, so that each gets its own gate
    (one router holding them all would be one gate that every API path passes)."""
    for router in routers:
        app.include_router(router, prefix=prefix, include_in_schema=in_schema)


def route_paths(route: object) -> Iterator[str]:
    """The full paths `route` answers, through included routers (FastAPI's own walk)."""
    candidates = getattr(route, "effective_candidates", None)
    if candidates is not None:
        for candidate in candidates():
            yield from route_paths(candidate)
        return
    path = getattr(route, "path", None)
    yield path if isinstance(path, str) else ""


def literal_starts(route: BaseRoute) -> tuple[str, ...]:
    """The literal start of each path of `route` (the part before its first parameter), with
    the starts that another start already covers left out."""
    starts = sorted({path.split("{", 1)[0] for path in route_paths(route)})
    kept: list[str] = []
    for start in starts:
        if not kept or not start.startswith(kept[-1]):
            kept.append(start)
    return tuple(kept)


def route_path(scope: Scope) -> str:
    """The path the routes see: the request's path less the application's `root_path`."""
    path: str = scope["path"]
    root_path: str = scope.get("root_path", "")
    if root_path and path.startswith(root_path + "/"):
        return path[len(root_path) :]
    return path


def gated(matches: Matcher, starts: tuple[str, ...]) -> Matcher:
    def gated_matches(scope: Scope) -> tuple[Match, Scope]:
        if scope["type"] in ("http", "websocket") and not route_path(scope).startswith(starts):
            return Match.NONE, {}
        return matches(scope)

    return gated_matches


def gate_routes(app: FastAPI) -> None:
    """Give every top-level route a gate, unless one of its paths starts with a parameter."""
    for route in app.router.routes:
        starts = literal_starts(route)
        if starts and "/" not in starts:
            setattr(route, "matches", gated(route.matches, starts))  # noqa: B010
