"""Every typed row (`<domain>/rows.py`) is its table: the same columns, built in the table's order
(a response or event rendered from it shows every column, in the order a plain read of the row
shows them, whatever column groups of `core.rows` the type takes its keys from) and a null allowed
exactly where the column allows one. A column added to a table
and not to its row would otherwise vanish from the answers built from the row."""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Mapping

import pytest
from sqlalchemy import Table

from clarus.billing.rows import (
    ChargeBasketRow,
    ChargeLineRow,
    ChargeWindowRow,
    InvoiceRow,
    charge_basket_row,
    charge_line_row,
    charge_window_row,
    invoice_row,
)
from clarus.billing.tables import charge_baskets, charge_lines, charge_windows, invoices
from clarus.core import json_types
from clarus.core.rows import CustomFields, row_shape
from clarus.inbound.rows import (
    GoodsInReceiptLineRow,
    GoodsInReceiptRow,
    goods_in_receipt_line_row,
    goods_in_receipt_row,
)
from clarus.inbound.tables import goods_in_receipt_lines, goods_in_receipts
from clarus.masterdata.rows import CarrierRow, LocationRow, carrier_row, location_row
from clarus.masterdata.tables import carriers, locations
from clarus.outbound.rows import GoodsOutLineRow, GoodsOutRow, goods_out_line_row, goods_out_row
from clarus.outbound.tables import goods_out_lines, goods_outs
from clarus.shipping.rows import (
    BookingRow,
    CrossdockRow,
    CustomCarrierTypeRow,
    LoadDropRow,
    LoadRow,
    ShipmentPackageRow,
    ShipmentRow,
    booking_row,
    crossdock_row,
    custom_carrier_type_row,
    load_drop_row,
    load_row,
    shipment_package_row,
    shipment_row,
)
from clarus.shipping.tables import (
    bookings,
    crossdocks,
    custom_carrier_types,
    load_drops,
    loads,
    packages,
    shipments,
)
from clarus.stockcontrol.rows import (
    StockCheckRecordRow,
    StockCheckRow,
    stock_check_record_row,
    stock_check_row,
)
from clarus.stockcontrol.tables import stock_check_records, stock_checks
from clarus.tasks.rows import TaskRow, task_row
from clarus.tasks.tables import tasks
from clarus.webhooks.rows import (
    ActionParameterRow,
    AutomationRow,
    action_parameter_row,
    automation_row,
)
from clarus.webhooks.tables import automation_action_parameters, automations

ROWS: list[tuple[type, Callable[..., Mapping[str, object]], Table]] = [
    (LocationRow, location_row, locations),
    (TaskRow, task_row, tasks),
    (StockCheckRow, stock_check_row, stock_checks),
    (StockCheckRecordRow, stock_check_record_row, stock_check_records),
    (GoodsInReceiptRow, goods_in_receipt_row, goods_in_receipts),
    (GoodsInReceiptLineRow, goods_in_receipt_line_row, goods_in_receipt_lines),
    (GoodsOutRow, goods_out_row, goods_outs),
    (GoodsOutLineRow, goods_out_line_row, goods_out_lines),
    (AutomationRow, automation_row, automations),
    (ActionParameterRow, action_parameter_row, automation_action_parameters),
    (CarrierRow, carrier_row, carriers),
    (LoadRow, load_row, loads),
    (LoadDropRow, load_drop_row, load_drops),
    (ShipmentRow, shipment_row, shipments),
    (BookingRow, booking_row, bookings),
    (CrossdockRow, crossdock_row, crossdocks),
    (CustomCarrierTypeRow, custom_carrier_type_row, custom_carrier_types),
    (ChargeBasketRow, charge_basket_row, charge_baskets),
    (ChargeLineRow, charge_line_row, charge_lines),
    (ChargeWindowRow, charge_window_row, charge_windows),
    (InvoiceRow, invoice_row, invoices),
]

JSON_NAMES = vars(json_types)
"""A JSON column's `JSONObject` names the recursive aliases it is made of."""


@pytest.mark.parametrize(("row_type", "build", "table"), ROWS, ids=lambda value: str(value))
def test_a_typed_row_is_its_table(
    row_type: type, build: Callable[..., Mapping[str, object]], table: Table
) -> None:
    columns = [column.name for column in table.c]
    hints = typing.get_type_hints(row_type, localns=JSON_NAMES)
    assert sorted(hints) == sorted(columns)
    built = build({name: index for index, name in enumerate(columns)})
    assert list(built.items()) == [(name, index) for index, name in enumerate(columns)]
    for column in table.c:
        assert _allows_none(hints[column.name]) == bool(column.nullable), column.name


def test_a_shipments_nested_package_is_columns_of_packages() -> None:
    columns = [column.name for column in packages.c]
    hints = typing.get_type_hints(ShipmentPackageRow)
    assert set(hints) <= set(columns)
    for name, hint in hints.items():
        assert _allows_none(hint) == bool(packages.c[name].nullable), name
    built = shipment_package_row({name: index for index, name in enumerate(columns)})
    assert list(built.items()) == [(name, columns.index(name)) for name in hints]


def _allows_none(hint: object) -> bool:
    return isinstance(hint, types.UnionType) and type(None) in typing.get_args(hint)


class _MisnamedRow(CustomFields):
    id: int
    notes_typo: str | None


def test_a_row_naming_no_column_is_refused_where_it_is_declared() -> None:
    refusal = r"_MisnamedRow names no column of tasks: \['notes_typo'\]"
    with pytest.raises(ValueError, match=refusal):
        row_shape(_MisnamedRow, tasks)
