"""What every office list shares: its filters read from the query string, its columns shown as
a table and written as CSV, and its two routes (the page and the export of the filtered list).

A list is an `OfficeList` whose rows come from its domain's `*_page` query (one statement a
page, `clarus.core.listing`); this module only turns them into cells.
"""

import datetime as dt
import decimal
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Annotated, Generic, Protocol, TypeAlias, TypeVar
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import Response, StreamingResponse

from clarus.api.app.form_values import record_id
from clarus.api.app.messages import Translator, translator
from clarus.api.app.permissions import AppPage, access, may_open
from clarus.api.app.rendering import render
from clarus.api.app.sessions import PageProblem, app_root
from clarus.auth.app_sessions import SessionUser
from clarus.core.csv_records import csv_lines, inert_text
from clarus.core.db import Database
from clarus.core.errors import ClarusError
from clarus.core.listing import EXPORT_BATCH, ListFilter, Page, every_page
from clarus.masterdata.queries import Choice, accounts_and_warehouses

RowT = TypeVar("RowT")
CellValue: TypeAlias = str | int | decimal.Decimal | dt.datetime | None
ROW_CHOICES = (25, 50, 100, 200)
"""How many rows a page may show; the first statement of a page is the same for each."""
DEFAULT_ROWS = 50


class Fetch(Protocol[RowT]):
    """A domain's page query (`outbound.queries.goods_out_page` and its kind)."""

    def __call__(
        self,
        session: AsyncSession,
        *,
        tenant_id: int,
        filters: ListFilter,
        after: str | None,
        limit: int,
    ) -> Awaitable[Page[RowT]]: ...


class FilterField(StrEnum):
    STATUS = "status"
    ACCOUNT = "account"
    WAREHOUSE = "warehouse"
    DATES = "dates"


@dataclass(frozen=True, slots=True)
class Column(Generic[RowT]):
    heading_key: str
    value: Callable[[RowT, Translator], CellValue]
    is_number: bool = False
    link: Callable[[RowT, str], str] | None = None
    """The URL a cell opens, given the app's root."""


@dataclass(frozen=True, slots=True)
class OfficeList(Generic[RowT]):
    page: AppPage
    fetch: Fetch[RowT]
    columns: tuple[Column[RowT], ...]
    file_name: str
    """Of the CSV export, without `.csv`."""
    filters: frozenset[FilterField] = frozenset()
    statuses: tuple[tuple[str, str], ...] = ()
    """The status filter's choices: (value, message key)."""
    dates_key: str = "list.dates"
    """The label of the date filter: what its dates are of."""
    create_page: AppPage | None = None
    """The form that adds a record to this list, linked above it for those who may open it."""


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    link: str | None = None


@dataclass(slots=True)
class ListQuery:
    """A list's query string, read: the filter, where the page starts, how many rows, and a
    message for each field that could not be read."""

    filters: ListFilter
    after: str | None
    rows: int
    values: dict[str, str]
    """What the person typed, shown back in the form."""
    errors: dict[str, str] = field(default_factory=dict)
    """Message key by field name."""


def _int_field(values: Mapping[str, str], name: str, errors: dict[str, str]) -> int | None:
    text = values.get(name, "")
    if not text:
        return None
    found = record_id(text)
    if found is None:
        errors[name] = f"list.bad_{name}"
    return found


def _day(values: Mapping[str, str], name: str, errors: dict[str, str]) -> dt.date | None:
    text = values.get(name, "")
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        errors[name] = "list.bad_date"
        return None


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def read_query(request: Request) -> ListQuery:
    """The list's filters from the query string; dates are whole UTC days, `to` included."""
    names = ("q", "status", "account", "warehouse", "from", "to", "after", "rows")
    values = {name: request.query_params.get(name, "").strip() for name in names}
    errors: dict[str, str] = {}
    for name in ("q", "status"):
        if "\x00" in values[name]:
            errors[name] = "list.bad_character"
            values[name] = ""
    since, until = _day(values, "from", errors), _day(values, "to", errors)
    if since is not None and until is not None and until < since:
        errors["to"] = "list.to_before_from"
    rows = int(values["rows"]) if values["rows"] in {str(n) for n in ROW_CHOICES} else DEFAULT_ROWS
    filters = ListFilter(
        search=values["q"] or None,
        status=values["status"] or None,
        account_id=_int_field(values, "account", errors),
        warehouse_id=_int_field(values, "warehouse", errors),
        since=None if since is None else _midnight(since),
        until=None if until is None else _midnight(until + dt.timedelta(days=1)),
    )
    return ListQuery(filters, values["after"] or None, rows, values, errors)


def query_string(values: Mapping[str, str], **changes: str) -> str:
    """The list's query string with `changes`, leaving out empty fields."""
    merged = {**values, **changes}
    return urlencode({name: value for name, value in merged.items() if value})


def cell_text(value: CellValue) -> str:
    """A value as a page shows it: times in UTC to the minute, quantities without trailing
    zeros."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, decimal.Decimal):
        return _plain_number(value)
    return str(value)


def _plain_number(value: decimal.Decimal) -> str:
    return format(value.normalize(), "f") if value != 0 else "0"


def csv_value(value: CellValue) -> str:
    """A value as the export writes it: times in ISO 8601 UTC; a text a spreadsheet would run
    as a formula is prefixed with `'` (numbers and times are written as they are)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, decimal.Decimal):
        return _plain_number(value)
    if isinstance(value, int):
        return str(value)
    return inert_text(value)


def add_list_routes(router: APIRouter, view: OfficeList[RowT]) -> None:
    """The list's page (`view.page.path`) and its CSV export (`.../export.csv`)."""
    user_of_page = Annotated[SessionUser, Depends(access(view.page))]

    async def list_page(request: Request, user: user_of_page) -> Response:
        query = read_query(request)
        db: Database = request.app.state.db
        t = translator()
        page: Page[RowT] = Page([], None)
        async with db.read_session() as session:
            account_choices, warehouse_choices = await accounts_and_warehouses(
                session, tenant_id=user.tenant_id
            )
            if not query.errors:
                try:
                    page = await view.fetch(
                        session,
                        tenant_id=user.tenant_id,
                        filters=query.filters,
                        after=query.after,
                        limit=query.rows,
                    )
                except ClarusError:
                    query.errors["after"] = "list.bad_cursor"
        root = app_root(user.subdomain)
        return render(
            request,
            "list.html",
            subdomain=user.subdomain,
            user=user,
            current_page=view.page,
            view=view,
            query=query,
            choices=_filter_choices(view, account_choices, warehouse_choices),
            row_choices=ROW_CHOICES,
            create_page=view.create_page
            if view.create_page is not None and may_open(user, view.create_page)
            else None,
            rows=[_cells(view, row, t, root) for row in page.rows],
            next_url=None
            if page.next_cursor is None
            else f"?{query_string(query.values, after=page.next_cursor)}",
            first_url=f"?{query_string(query.values, after='')}",
            export_url=f"{view.page.url(user.subdomain)}/export.csv"
            f"?{query_string(query.values, after='', rows='')}",
        )

    async def export(request: Request, user: user_of_page) -> Response:
        query = read_query(request)
        if query.errors:
            raise PageProblem(422, "list.bad_filter")
        db: Database = request.app.state.db
        return StreamingResponse(
            _csv_stream(db, view, user.tenant_id, query.filters),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{view.file_name}.csv"'},
        )

    router.add_api_route(view.page.path, list_page, methods=["GET"])
    router.add_api_route(f"{view.page.path}/export.csv", export, methods=["GET"])


@dataclass(frozen=True, slots=True)
class FilterChoices:
    accounts: list[Choice]
    warehouses: list[Choice]


def _filter_choices(
    view: OfficeList[RowT], account_choices: list[Choice], warehouse_choices: list[Choice]
) -> FilterChoices:
    return FilterChoices(
        account_choices if FilterField.ACCOUNT in view.filters else [],
        warehouse_choices if FilterField.WAREHOUSE in view.filters else [],
    )


def _cells(view: OfficeList[RowT], row: RowT, t: Translator, root: str) -> list[Cell]:
    return [
        Cell(
            cell_text(column.value(row, t)),
            None if column.link is None else column.link(row, root),
        )
        for column in view.columns
    ]


async def _csv_stream(
    db: Database, view: OfficeList[RowT], tenant_id: int, filters: ListFilter
) -> AsyncIterator[str]:
    """The heading record, then the filtered list a batch of rows at a time, each batch one
    statement of the list's page query."""
    t = translator()
    yield csv_lines([[t(column.heading_key) for column in view.columns]])
    async with db.read_session() as session:

        def fetch(after: str | None) -> Awaitable[Page[RowT]]:
            return view.fetch(
                session, tenant_id=tenant_id, filters=filters, after=after, limit=EXPORT_BATCH
            )

        async for rows in every_page(fetch):
            yield csv_lines(
                [[csv_value(column.value(row, t)) for column in view.columns] for row in rows]
            )
