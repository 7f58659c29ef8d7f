"""`install_operator_app`: the app's routes, its refusals as pages and its security headers."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI, Request
from starlette.responses import RedirectResponse, Response

from clarus.api.app import (
    admin_automations,
    admin_clients,
    admin_roles,
    admin_users,
    assets,
    dashboard,
    handheld_count,
    handheld_dispatch,
    handheld_load,
    handheld_move,
    handheld_pick,
    handheld_put_away,
    handheld_receive,
    handheld_replenish,
    home,
    office_lists,
    office_stock_checks,
    order_form,
    order_record,
    product_form,
    receipt_form,
    record_pages,
    signin,
)
from clarus.api.app.headers import AppSecurityHeadersMiddleware
from clarus.api.app.rendering import render
from clarus.api.app.sessions import PageProblem, SignedInDep, SignInRequired, sign_in_url

PAGE_ROUTERS: tuple[APIRouter, ...] = (
    signin.router,
    home.router,
    dashboard.router,
    office_lists.router,
    order_form.router,
    order_record.router,
    product_form.router,
    receipt_form.router,
    record_pages.router,
    admin_users.router,
    admin_roles.router,
    admin_clients.router,
    admin_automations.router,
    handheld_receive.router,
    handheld_put_away.router,
    handheld_pick.router,
    handheld_count.router,
    handheld_move.router,
    handheld_replenish.router,
    handheld_load.router,
    handheld_dispatch.router,
    office_stock_checks.router,
)
"""Every router of app pages; a new one is appended here."""

missing_pages = APIRouter(prefix="/app/{subdomain}", include_in_schema=False)


@missing_pages.api_route("/{_rest:path}", methods=["GET", "POST"])
async def missing_page(_user: SignedInDep, _rest: str) -> Response:
    """Any other path below a subdomain's app: to sign in first, then a missing page, the same
    for every subdomain whether or not it exists."""
    raise PageProblem(404, "problem.not_found")


async def _to_sign_in(_request: Request, error: Exception) -> Response:
    assert isinstance(error, SignInRequired)
    return RedirectResponse(sign_in_url(error.subdomain), status_code=303)


async def _problem_page(request: Request, error: Exception) -> Response:
    assert isinstance(error, PageProblem)
    subdomain = str(request.path_params.get("subdomain", ""))
    user = getattr(request.state, "app_user", None)
    return render(
        request,
        "problem.html",
        subdomain=subdomain,
        user=user,
        message_key=error.message_key,
        message_values=error.values,
        status_code=error.status_code,
    )


def install_operator_app(app: FastAPI) -> None:
    app.include_router(assets.router)
    for router in PAGE_ROUTERS:
        app.include_router(router)
    app.include_router(missing_pages)
    app.add_exception_handler(SignInRequired, _to_sign_in)
    app.add_exception_handler(PageProblem, _problem_page)
    app.add_middleware(AppSecurityHeadersMiddleware)
