"""Which scopes each page of the operator app needs: the one table, checked by `access` through
`clarus.auth.scopes.missing_scopes`, the check the API makes of a token's scopes. A user's
scopes are those their role's permissions name (`read`, `write`, `admin`).

A new page adds its row here and takes `access(ITS_PAGE)` in its handler.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum

from clarus.api.app.sessions import PageProblem, SignedInDep
from clarus.auth.app_sessions import SessionUser
from clarus.auth.scopes import Scope, missing_scopes


class Shell(StrEnum):
    """The layout a page is shown in: big targets, one task a screen; or navigation and tables."""

    HANDHELD = "handheld"
    OFFICE = "office"


@dataclass(frozen=True, slots=True)
class AppPage:
    key: str
    """Its title's message key is `page.<key>`."""
    path: str
    """Below `/app/{subdomain}`."""
    shell: Shell
    scopes: frozenset[str]

    @property
    def title_key(self) -> str:
        return f"page.{self.key}"

    def url(self, subdomain: str) -> str:
        return f"/app/{subdomain}{self.path}"


def _page(key: str, path: str, shell: Shell, *scopes: Scope) -> AppPage:
    return AppPage(key, path, shell, frozenset(scope.value for scope in scopes))


HANDHELD_MENU = _page("handheld", "/handheld", Shell.HANDHELD, Scope.WRITE)
RECEIVE = _page("receive", "/handheld/receive", Shell.HANDHELD, Scope.WRITE)
PUT_AWAY = _page("put_away", "/handheld/put-away", Shell.HANDHELD, Scope.WRITE)
PICK = _page("pick", "/handheld/pick", Shell.HANDHELD, Scope.WRITE)
MOVE = _page("move", "/handheld/move", Shell.HANDHELD, Scope.WRITE)
COUNT = _page("count", "/handheld/count", Shell.HANDHELD, Scope.WRITE)
REPLENISH = _page("replenish", "/handheld/replenish", Shell.HANDHELD, Scope.WRITE)
LOAD = _page("load", "/handheld/load", Shell.HANDHELD, Scope.WRITE)
DISPATCH = _page("dispatch", "/handheld/dispatch", Shell.HANDHELD, Scope.WRITE)
STOCK_CHECKS = _page("stock_checks", "/office/stock-checks", Shell.OFFICE, Scope.READ)
STOCK_CHECK_ACTIONS = _page(
    "stock_check_actions", "/office/stock-checks", Shell.OFFICE, Scope.WRITE
)
"""Resolving a failed count's records on the stock checks page."""
DASHBOARD = _page("dashboard", "/office", Shell.OFFICE, Scope.READ)
ORDERS = _page("orders", "/office/orders", Shell.OFFICE, Scope.READ)
RECEIPTS = _page("receipts", "/office/receipts", Shell.OFFICE, Scope.READ)
PRODUCTS = _page("products", "/office/products", Shell.OFFICE, Scope.READ)
STOCK_BY_PRODUCT = _page("stock_by_product", "/office/stock", Shell.OFFICE, Scope.READ)
STOCK_BY_LOCATION = _page("stock_by_location", "/office/stock/locations", Shell.OFFICE, Scope.READ)
TASKS = _page("tasks", "/office/tasks", Shell.OFFICE, Scope.READ)
TRANSACTIONS = _page("transactions", "/office/transactions", Shell.OFFICE, Scope.READ)
ORDER_RECORD = _page("order", "/office/orders/{order_id}", Shell.OFFICE, Scope.READ)
ORDER_ACTIONS = _page("order_actions", "/office/orders/{order_id}", Shell.OFFICE, Scope.WRITE)
"""Cancel, hold, release and allocate on an order's record page."""
NEW_ORDER = _page("new_order", "/office/orders/new", Shell.OFFICE, Scope.WRITE)
RECEIPT_RECORD = _page("receipt", "/office/receipts/{receipt_id}", Shell.OFFICE, Scope.READ)
PRODUCT_RECORD = _page("product", "/office/products/{product_id}", Shell.OFFICE, Scope.READ)
NEW_PRODUCT = _page("new_product", "/office/products/new", Shell.OFFICE, Scope.WRITE)
ADMIN_USERS = _page("admin_users", "/office/admin/users", Shell.OFFICE, Scope.ADMIN)
ADMIN_CLIENTS = _page("admin_clients", "/office/admin/clients", Shell.OFFICE, Scope.ADMIN)
ADMIN_AUTOMATIONS = _page(
    "admin_automations", "/office/admin/automations", Shell.OFFICE, Scope.ADMIN
)
EDIT_ORDER = _page("edit_order", "/office/orders/{order_id}/edit", Shell.OFFICE, Scope.WRITE)
EDIT_PRODUCT = _page(
    "edit_product", "/office/products/{product_id}/edit", Shell.OFFICE, Scope.WRITE
)
NEW_RECEIPT = _page("new_receipt", "/office/receipts/new", Shell.OFFICE, Scope.WRITE)
EDIT_RECEIPT = _page(
    "edit_receipt", "/office/receipts/{receipt_id}/edit", Shell.OFFICE, Scope.WRITE
)
ADMIN_ROLES = _page("admin_roles", "/office/admin/roles", Shell.OFFICE, Scope.ADMIN)

PAGES: tuple[AppPage, ...] = (
    HANDHELD_MENU,
    RECEIVE,
    PUT_AWAY,
    PICK,
    MOVE,
    COUNT,
    REPLENISH,
    LOAD,
    DASHBOARD,
    ORDERS,
    RECEIPTS,
    PRODUCTS,
    STOCK_BY_PRODUCT,
    STOCK_BY_LOCATION,
    TASKS,
    TRANSACTIONS,
    ORDER_RECORD,
    ORDER_ACTIONS,
    NEW_ORDER,
    RECEIPT_RECORD,
    PRODUCT_RECORD,
    ADMIN_USERS,
    ADMIN_CLIENTS,
    ADMIN_AUTOMATIONS,
    NEW_PRODUCT,
    DISPATCH,
    STOCK_CHECKS,
    STOCK_CHECK_ACTIONS,
    EDIT_ORDER,
    EDIT_PRODUCT,
    NEW_RECEIPT,
    EDIT_RECEIPT,
    ADMIN_ROLES,
)
HANDHELD_TASKS: tuple[AppPage, ...] = (
    RECEIVE,
    PUT_AWAY,
    PICK,
    DISPATCH,
    MOVE,
    COUNT,
    REPLENISH,
    LOAD,
)
"""The handheld menu, in the order of a day's work."""
OFFICE_NAVIGATION: tuple[AppPage, ...] = (
    DASHBOARD,
    ORDERS,
    RECEIPTS,
    PRODUCTS,
    STOCK_BY_PRODUCT,
    TASKS,
    STOCK_CHECKS,
    TRANSACTIONS,
    ADMIN_USERS,
    ADMIN_ROLES,
    ADMIN_CLIENTS,
    ADMIN_AUTOMATIONS,
)


def may_open(user: SessionUser, page: AppPage) -> bool:
    return not missing_scopes(user.scopes, page.scopes)


def ensure_may_open(user: SessionUser, page: AppPage) -> None:
    """A 403 page unless the user's role allows `page`."""
    if not may_open(user, page):
        raise PageProblem(403, "problem.forbidden")


def access(page: AppPage) -> Callable[[SessionUser], Awaitable[SessionUser]]:
    """A dependency: the signed-in user, when their role allows `page`; else a 403 page."""

    async def allowed_user(user: SignedInDep) -> SessionUser:
        ensure_may_open(user, page)
        return user

    return allowed_user
