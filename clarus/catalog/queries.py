"""Reads of the catalogue that a list filters on: a product by any of its codes, and products by
the accounts they are assigned to."""

from __future__ import annotations

from sqlalchemy import ColumnElement, select

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


def products_assigned(account_id: ColumnTest) -> ColumnElement[bool]:
    """Products assigned to an account whose id passes the test."""
    assigned = select(account_products.c.product_id).where(
        *account_id(account_products.c.account_id)
    )
    return products.c.id.in_(assigned)


def products_with_accounts(*, is_assigned: bool) -> ColumnElement[bool]:
    """Products assigned to any account (`is_assigned`), or to none."""
    any_account = products.c.id.in_(select(account_products.c.product_id))
    return any_account if is_assigned else ~any_account
