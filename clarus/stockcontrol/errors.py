"""The refusals of stock control, built from `ErrorKind`s."""

from __future__ import annotations

from decimal import Decimal

from clarus.core.errors import ClarusError, ErrorKind


def not_a_pickface_of_product(location_id: int, product_id: int) -> ClarusError:
    return ClarusError.of(
        ErrorKind.NOT_A_PICKFACE_OF_PRODUCT,
        f"location {location_id} is not a pick face of product {product_id}.",
        path="/location_id",
        location_id=location_id,
        product_id=product_id,
    )


def pickface_without_maximum(pickface_product_id: int) -> ClarusError:
    return ClarusError.of(
        ErrorKind.PICKFACE_WITHOUT_MAXIMUM,
        f"pickface product {pickface_product_id} has no trigger_max to replenish up to.",
        path="/location_id",
        pickface_product_id=pickface_product_id,
    )


def no_reserve_stock(*, level: Decimal, trigger_max: int, warehouse_id: int) -> ClarusError:
    return ClarusError.of(
        ErrorKind.NO_RESERVE_STOCK,
        f"The pick face holds {level} of its maximum {trigger_max} and no reserve stock of the"
        f" product and account in warehouse {warehouse_id} can fill it.",
        path="/product_id",
        level=float(level),
        trigger_max=trigger_max,
        warehouse_id=warehouse_id,
    )
