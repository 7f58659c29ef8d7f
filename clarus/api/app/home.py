"""Where a signed-in user starts: the office dashboard or the handheld menu."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from starlette.responses import RedirectResponse, Response

from clarus.api.app.permissions import DASHBOARD, HANDHELD_MENU, access, may_open
from clarus.api.app.rendering import render
from clarus.api.app.sessions import PageProblem, SignedInDep
from clarus.auth.app_sessions import SessionUser

router = APIRouter(prefix="/app/{subdomain}", include_in_schema=False)


@router.get("/")
async def home(user: SignedInDep) -> Response:
    """The office dashboard for a role that reads, else the handheld menu for one that works
    the floor."""
    for page in (DASHBOARD, HANDHELD_MENU):
        if may_open(user, page):
            return RedirectResponse(page.url(user.subdomain), status_code=303)
    raise PageProblem(403, "problem.no_pages")


@router.get(HANDHELD_MENU.path)
async def handheld_menu(
    request: Request, user: Annotated[SessionUser, Depends(access(HANDHELD_MENU))]
) -> Response:
    return render(request, "handheld_menu.html", subdomain=user.subdomain, user=user)
