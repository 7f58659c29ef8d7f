"""Rendering the app's pages: its Jinja2 templates (`templates/`) with what every page uses."""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates

from clarus.api.app.assets import asset_url
from clarus.api.app.messages import translator
from clarus.api.app.permissions import HANDHELD_TASKS, OFFICE_NAVIGATION, PAGES, may_open
from clarus.api.app.quantities import shown_quantity
from clarus.api.app.sessions import FORM_TOKEN_FIELD, app_root, session_token
from clarus.auth.app_sessions import SessionUser, form_token

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
templates.env.globals.update(asset_url=asset_url, form_token_field=FORM_TOKEN_FIELD)
templates.env.filters["quantity"] = shown_quantity


def render(
    request: Request,
    template: str,
    *,
    subdomain: str,
    user: SessionUser | None = None,
    status_code: int = 200,
    **context: object,
) -> Response:
    """The page `template` of `subdomain`, for `user` when one is signed in: with the message
    catalogue (`t`), the pages the user may open and the token their forms post."""
    token = session_token(request)
    allowed = [page for page in PAGES if user is not None and may_open(user, page)]
    return templates.TemplateResponse(
        request,
        template,
        {
            "t": translator(),
            "subdomain": subdomain,
            "app_root": app_root(subdomain),
            "user": user,
            "form_token": form_token(token) if user is not None and token else None,
            "handheld_tasks": [page for page in HANDHELD_TASKS if page in allowed],
            "office_navigation": [page for page in OFFICE_NAVIGATION if page in allowed],
            **context,
        },
        status_code=status_code,
    )
