"""The per-tenant defaults a payload falls back on when it leaves a field out (spec README), and
the enums they take, as `clarus-api.json` documents them."""

from __future__ import annotations

from typing import Literal

from clarus.masterdata.schemas import DispatchStrategy as DispatchStrategy
from clarus.masterdata.schemas import PackStrategy as PackStrategy

PickType = Literal["standard", "tote"]
ReceiptType = Literal["standard"]
"""The only receipt type the contract shows (goods in `receipt_type`)."""
GoodsOutType = Literal["sales_order", "work_order", "crossdock"]
Language = Literal["en-gb", "nl"]

DEFAULT_PICK_TYPE = "standard"
DEFAULT_PACK_STRATEGY = "disabled"
DEFAULT_DISPATCH_STRATEGY = "auto"
DEFAULT_RECEIPT_TYPE = "standard"
DEFAULT_GOODS_OUT_TYPE = "sales_order"
DEFAULT_LANGUAGE = "en-gb"
