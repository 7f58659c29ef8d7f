"""Every update model is its create model with each field omittable: the same fields, in the same
order, with the same schema and a null default, and an explicit null refused exactly as the
create model refuses it."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError, create_model
from pydantic.fields import FieldInfo

from clarus.auth.schemas import RoleAttributes, RoleUpdateAttributes
from clarus.catalog.schemas import (
    ProductAttributes,
    ProductStorageUnitAttributes,
    ProductStorageUnitUpdateAttributes,
    ProductUpdateAttributes,
    StockUnitTypeAttributes,
    StockUnitTypeUpdateAttributes,
    StorageUnitAttributes,
    StorageUnitTypeAttributes,
    StorageUnitTypeUpdateAttributes,
    StorageUnitUpdateAttributes,
)
from clarus.core.schemas import InputModel
from clarus.inbound.schemas import (
    GoodsInReceiptAttributes,
    GoodsInReceiptUpdateAttributes,
    ReceiptLineAttributes,
    ReceiptLineUpdateAttributes,
)
from clarus.masterdata.schemas import (
    AccountAttributes,
    AccountUpdateAttributes,
    AddressRecordAttributes,
    AddressUpdateAttributes,
    CarrierAttributes,
    CarrierServiceAttributes,
    CarrierServiceUpdateAttributes,
    CarrierUpdateAttributes,
    CustomerAttributes,
    CustomerUpdateAttributes,
    DeliveryAddressAttributes,
    DeliveryAddressUpdateAttributes,
    LocationAttributes,
    LocationTypeAttributes,
    LocationTypeUpdateAttributes,
    LocationUpdateAttributes,
    OrderTypeAttributes,
    OrderTypeUpdateAttributes,
    ReasonCodeAttributes,
    ReasonCodeUpdateAttributes,
    SiteAttributes,
    SiteUpdateAttributes,
    SupplierAttributes,
    SupplierUpdateAttributes,
    WarehouseAttributes,
    WarehouseUpdateAttributes,
)
from clarus.outbound.schemas import (
    GoodsOutAttributes,
    GoodsOutLineAttributes,
    GoodsOutLineUpdateAttributes,
    GoodsOutUpdateAttributes,
)
from clarus.tenancy.schemas import SubdomainSettings, SubdomainUpdateAttributes
from clarus.webhooks.schemas import (
    ActionAttributes,
    ActionColumns,
    AutomationActionColumnsUpdate,
    AutomationActionParameterUpdateAttributes,
    AutomationActionUpdateAttributes,
    AutomationAttributes,
    AutomationConditionUpdateAttributes,
    AutomationUpdateAttributes,
    ConditionAttributes,
    ParameterAttributes,
)

PAIRS: list[tuple[type[InputModel], type[InputModel]]] = [
    (AccountAttributes, AccountUpdateAttributes),
    (OrderTypeAttributes, OrderTypeUpdateAttributes),
    (ReasonCodeAttributes, ReasonCodeUpdateAttributes),
    (AddressRecordAttributes, AddressUpdateAttributes),
    (DeliveryAddressAttributes, DeliveryAddressUpdateAttributes),
    (CustomerAttributes, CustomerUpdateAttributes),
    (SupplierAttributes, SupplierUpdateAttributes),
    (CarrierAttributes, CarrierUpdateAttributes),
    (CarrierServiceAttributes, CarrierServiceUpdateAttributes),
    (WarehouseAttributes, WarehouseUpdateAttributes),
    (SiteAttributes, SiteUpdateAttributes),
    (LocationTypeAttributes, LocationTypeUpdateAttributes),
    (LocationAttributes, LocationUpdateAttributes),
    (StockUnitTypeAttributes, StockUnitTypeUpdateAttributes),
    (StorageUnitTypeAttributes, StorageUnitTypeUpdateAttributes),
    (StorageUnitAttributes, StorageUnitUpdateAttributes),
    (ProductAttributes, ProductUpdateAttributes),
    (ProductStorageUnitAttributes, ProductStorageUnitUpdateAttributes),
    (SubdomainSettings, SubdomainUpdateAttributes),
    (RoleAttributes, RoleUpdateAttributes),
    (ReceiptLineAttributes, ReceiptLineUpdateAttributes),
    (GoodsInReceiptAttributes, GoodsInReceiptUpdateAttributes),
    (GoodsOutLineAttributes, GoodsOutLineUpdateAttributes),
    (GoodsOutAttributes, GoodsOutUpdateAttributes),
    (ConditionAttributes, AutomationConditionUpdateAttributes),
    (ParameterAttributes, AutomationActionParameterUpdateAttributes),
    (ActionColumns, AutomationActionColumnsUpdate),
    (ActionAttributes, AutomationActionUpdateAttributes),
    (AutomationAttributes, AutomationUpdateAttributes),
]
"""Each create model and its update model. A warehouse update documents fewer attributes than
its create: its update model is compared with the create's fields it has."""


def _every_field_omittable(create: type[InputModel], update: type[InputModel]) -> dict[str, Any]:
    """The JSON schema the update model must have: the create model's fields (those the update
    names), each with a null default, its type kept."""
    fields: dict[str, Any] = {
        name: (info.annotation, FieldInfo.merge_field_infos(info, default=None))
        for name, info in create.model_fields.items()
        if name in update.model_fields
    }
    model = create_model(update.__name__, __base__=InputModel, __doc__=update.__doc__, **fields)
    return model.model_json_schema()


def _null_errors(model: type[InputModel], name: str) -> list[tuple[object, ...]]:
    """The errors an explicit null for `name` gets (other fields' errors left aside)."""
    try:
        model.model_validate({name: None})
    except ValidationError as error:
        return [
            (problem["type"], problem["loc"], problem["msg"])
            for problem in error.errors()
            if problem["loc"][0] == name
        ]
    return []


@pytest.mark.parametrize(("create", "update"), PAIRS, ids=[update.__name__ for _, update in PAIRS])
def test_the_update_model_is_the_create_model_with_every_field_omittable(
    create: type[InputModel], update: type[InputModel]
) -> None:
    assert list(update.model_fields) == [
        name for name in create.model_fields if name in update.model_fields
    ]
    assert update.model_json_schema() == _every_field_omittable(create, update)
    assert update.model_validate({}).changes() == {}


@pytest.mark.parametrize(("create", "update"), PAIRS, ids=[update.__name__ for _, update in PAIRS])
def test_an_update_refuses_null_where_the_create_does(
    create: type[InputModel], update: type[InputModel]
) -> None:
    for name in update.model_fields:
        assert _null_errors(update, name) == _null_errors(create, name), name
    refused = [name for name in update.model_fields if _null_errors(update, name)]
    assert refused == [name for name, info in create.model_fields.items() if info.is_required()]


def test_only_the_warehouse_update_leaves_create_fields_out() -> None:
    narrower = [
        update for create, update in PAIRS if set(update.model_fields) != set(create.model_fields)
    ]
    assert narrower == [WarehouseUpdateAttributes]
