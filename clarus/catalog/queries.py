"""Reads of the catalogue that a list filters on: a product by any of its codes, and products by
the accounts they are assigned to."""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, select, true

from clarus.catalog.tables import account_products, products
from clarus.core.queries import ColumnTest

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
