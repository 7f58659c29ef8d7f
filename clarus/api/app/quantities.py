"""How the app shows a quantity: as a person reads it."""

from __future__ import annotations

import decimal


def shown_quantity(quantity: decimal.Decimal) -> str:
    """`3`, `2.5`, `10`: never `3.0000`, nor `1E+1` (which `normalize` alone gives for ten)."""
    return format(quantity.normalize(), "f")
