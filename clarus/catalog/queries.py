"""Reads of the catalogue that a list filters on: a product by any of its codes (its own and its
alternative codes: the one resolver every lookup of a product by code or scan uses), and
products by the accounts they are assigned to."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, false, func, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.catalog.tables import (
    account_products,
    alternative_codes,
    products,
    stock_unit_types,
    storage_units,
)
from clarus.core.listing import (
    ListFilter,
    ListRow,
    ListSelect,
    PageQuery,
    equal_to,
    matching_text,
)
from clarus.core.queries import ColumnTest
from clarus.masterdata.queries import Choice

PRODUCT_CODE_COLUMNS = (
    products.c.code,
    products.c.barcode,
    products.c.case_barcode,
    products.c.inner_barcode,
    products.c.outer_barcode,
)
"""Every column a scanned product code may be in."""


def products_by_account(
    *, account_id: ColumnTest | None, is_assigned: bool | None
) -> ColumnElement[bool]:
    """Products assigned to an account whose id passes `account_id` (when given), and assigned
    to some account (`is_assigned`), to none (false), or either (None)."""
    clauses: list[ColumnElement[bool]] = []
    if account_id is not None:
        assigned = select(account_products.c.product_id).where(
            *account_id(account_products.c.account_id)
        )
        clauses.append(products.c.id.in_(assigned))
    if is_assigned is not None:
        any_account = products.c.id.in_(select(account_products.c.product_id))
        clauses.append(any_account if is_assigned else ~any_account)
    return and_(true(), *clauses)


PRODUCT = "Product"
"""The `alternative_codeable_type` of a product's alternative codes."""
GTIN_LENGTHS = (8, 12, 13, 14)


def products_by_code(code: ColumnTest, *, account_id: int | None = None) -> ColumnElement[bool]:
    """Products with a code that passes `code`: their own code or barcodes, or an alternative
    code attached to them. With `account_id`, alternative codes another account owns are left
    out (codes owned by nobody, or by a record that is not an account, still count)."""
    codes = alternative_codes
    attached = select(codes.c.alternative_codeable_id).where(
        codes.c.tenant_id == products.c.tenant_id,
        codes.c.alternative_codeable_type == PRODUCT,
        *code(codes.c.code),
    )
    if account_id is not None:
        attached = attached.where(
            or_(
                codes.c.owner_type.is_(None),
                codes.c.owner_type != "Account",
                codes.c.owner_id == account_id,
            )
        )
    own = (and_(true(), *code(column)) for column in PRODUCT_CODE_COLUMNS)
    return or_(*own, products.c.id.in_(attached.scalar_subquery()))


def code_variants(code: str) -> tuple[str, ...]:
    """The forms a scanned code may be stored in: as scanned and, for a GTIN, each shorter or
    longer form of the same number (GTIN-14 `05901234123457` is EAN-13 `5901234123457`; a
    UPC-A is a GTIN-13 with a leading zero)."""
    if not (code.isdigit() and len(code) in GTIN_LENGTHS):
        return (code,)
    number = code.lstrip("0")
    forms = [code]
    for length in GTIN_LENGTHS:
        if len(number) <= length:
            form = number.zfill(length)
            if form not in forms:
                forms.append(form)
    return tuple(forms)


async def product_ids_with_code(
    session: AsyncSession, *, tenant_id: int, code: str, account_id: int | None = None
) -> list[int]:
    """The ids of the tenant's products that `code` (in any of its `code_variants`) names, in
    id order: none, one, or several when products share an alternative code."""
    variants: Sequence[str] = code_variants(code)
    statement = (
        select(products.c.id)
        .where(
            products.c.tenant_id == tenant_id,
            products_by_code(lambda column: [column.in_(variants)], account_id=account_id),
        )
        .order_by(products.c.id)
    )
    return list((await session.execute(statement)).scalars())


@dataclass(frozen=True, slots=True)
class ProductListRow:
    id: int
    code: str
    description: str | None
    barcode: str | None
    is_obsolete: bool
    created_at: dt.datetime
    stock_unit_type_id: int | None


def _product_list_row(row: ListRow) -> ProductListRow:
    values = row._mapping
    return ProductListRow(
        id=values["id"],
        code=values["code"],
        description=values["description"],
        barcode=values["barcode"],
        is_obsolete=bool(values["obsolete"]),
        created_at=values["created_at"],
        stock_unit_type_id=values["stock_unit_type_id"],
    )


def product_list(*, tenant_id: int, filters: ListFilter) -> ListSelect:
    """The tenant's products that pass `filters`: the search on code, description and barcode,
    the account filter through the products assigned to it, `status` `active` or `obsolete`."""
    obsolete = {"active": False, "obsolete": True}.get(filters.status or "")
    return select(
        products.c.id,
        products.c.code,
        products.c.description,
        products.c.barcode,
        products.c.obsolete,
        products.c.created_at,
        products.c.stock_unit_type_id,
    ).where(
        products.c.tenant_id == tenant_id,
        *([false()] if filters.status and obsolete is None else []),
        *equal_to(func.coalesce(products.c.obsolete, False), obsolete),
        *_assigned_to(filters.account_id),
        *matching_text(filters.search, products.c.code, products.c.description, products.c.barcode),
    )


def _assigned_to(account_id: int | None) -> list[ColumnElement[bool]]:
    if account_id is None:
        return []
    return [products_by_account(account_id=lambda column: [column == account_id], is_assigned=None)]


product_page: PageQuery[ProductListRow] = PageQuery(
    product_list, (products.c.id,), _product_list_row
)
"""A page of `product_list`, newest product first: one statement."""


async def product_ids_by_code(
    session: AsyncSession, *, tenant_id: int, codes: Collection[str]
) -> dict[str, int]:
    """The ids of the tenant's products whose own code is one of `codes`, by code: one
    statement, whatever their number."""
    statement = select(products.c.code, products.c.id).where(
        products.c.tenant_id == tenant_id, products.c.code.in_(set(codes))
    )
    return {code: product_id for code, product_id in await session.execute(statement)}


async def product_view(
    session: AsyncSession, *, tenant_id: int, product_id: int
) -> ProductListRow | None:
    """The tenant's product `product_id` as its record page shows it, or None: one statement."""
    statement = product_list(tenant_id=tenant_id, filters=ListFilter()).where(
        products.c.id == product_id
    )
    found = (await session.execute(statement)).first()
    return None if found is None else _product_list_row(found)


async def stock_unit_type_choices(session: AsyncSession, *, tenant_id: int) -> list[Choice]:
    """The tenant's stock unit types by code, for a form's choice: one statement."""
    statement = (
        select(stock_unit_types.c.id, stock_unit_types.c.code)
        .where(stock_unit_types.c.tenant_id == tenant_id)
        .order_by(stock_unit_types.c.code)
    )
    return [Choice(type_id, code) for type_id, code in await session.execute(statement)]


async def storage_unit_id_scanned(
    session: AsyncSession, *, tenant_id: int, scan: str
) -> int | None:
    """The tenant's storage unit whose reference or barcode is `scan` (a reference first), else
    None."""
    statement = (
        select(storage_units.c.id)
        .where(
            storage_units.c.tenant_id == tenant_id,
            or_(storage_units.c.reference == scan, storage_units.c.barcode == scan),
        )
        .order_by((storage_units.c.reference == scan).desc(), storage_units.c.id)
        .limit(1)
    )
    return (await session.execute(statement)).scalar_one_or_none()
