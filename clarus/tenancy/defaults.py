"""The per-tenant defaults a payload falls back on when it leaves a field out (spec README)."""

from __future__ import annotations

from typing import Literal

PickType = Literal["standard", "tote", "batch", "cluster"]
PackStrategy = Literal["disabled", "pack_by_line", "pack_by_unit"]
DispatchStrategy = Literal["manual", "auto", "load", "shipment", "auto_shipment"]

DEFAULT_PICK_TYPE = "standard"
DEFAULT_PACK_STRATEGY = "disabled"
DEFAULT_DISPATCH_STRATEGY = "auto"
DEFAULT_RECEIPT_TYPE = "standard"
DEFAULT_GOODS_OUT_TYPE = "sales_order"
