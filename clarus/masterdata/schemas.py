from __future__ import annotations

from typing import Annotated

from annotated_types import MaxLen

from clarus.core.fields import Text
from clarus.core.schemas import (
    CustomFieldAttributes,
    ExternalReferenceAttributes,
    InputModel,
    partial,
)
from clarus.tenancy.defaults import DispatchStrategy, PackStrategy


class AccountAttributes(ExternalReferenceAttributes, CustomFieldAttributes):
    """An account (a stock owner). `code` is unique in the tenant."""

    code: Annotated[Text, MaxLen(20)]
    name: Annotated[Text, MaxLen(100)]
    email: Text | None = None
    vat_number: Annotated[Text, MaxLen(50)] | None = None
    is_active: bool | None = None
    is_short_pickable: bool | None = None
    dispatch_strategy: DispatchStrategy | None = None
    tote_dispatch_strategy: DispatchStrategy | None = None
    pack_strategy: PackStrategy | None = None


AccountUpdateAttributes: type[InputModel] = partial(AccountAttributes, "AccountUpdateAttributes")
