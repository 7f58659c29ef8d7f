"""Currencies, tax types and rates, and the charge configuration (cards, prices, windows)."""

from __future__ import annotations

from clarus.api.rest.crud import RestResource, add_crud_routes
from clarus.api.rest.responses import ResponseShape
from clarus.api.rest.routers import write_router
from clarus.billing.configuration import (
    CARD_WRITES,
    CHARGE_CARDS,
    CHARGE_PRICES,
    CHARGE_WINDOWS,
    CURRENCIES,
    DEFAULTABLE_WRITES,
    TAX_RATES,
    TAX_TYPES,
    WINDOW_WRITES,
)
from clarus.billing.records import (
    ChargeCardRecord,
    ChargePriceRecord,
    ChargeWindowRecord,
    CurrencyRecord,
    TaxRateRecord,
    TaxTypeRecord,
)
from clarus.billing.schemas import (
    ChargeCardAttributes,
    ChargeCardUpdateAttributes,
    ChargePriceAttributes,
    ChargePriceUpdateAttributes,
    ChargeWindowAttributes,
    ChargeWindowUpdateAttributes,
    CurrencyAttributes,
    CurrencyUpdateAttributes,
    TaxRateAttributes,
    TaxRateUpdateAttributes,
    TaxTypeAttributes,
    TaxTypeUpdateAttributes,
)

STRING_IDS = ResponseShape(id_as_string=True)

currencies_router = write_router("Currencies")
add_crud_routes(
    currencies_router,
    RestResource(
        kind=CURRENCIES,
        writes=DEFAULTABLE_WRITES,
        resource_type="currencies",
        schema_name="Currency",
        create_attributes=CurrencyAttributes,
        update_attributes=CurrencyUpdateAttributes,
        record=CurrencyRecord,
        create_operation="createCurrency",
        update_operation="updateCurrency",
        delete_operation="destroyCurrency",
        label="currency",
        shape=STRING_IDS,
    ),
)

tax_types_router = write_router("Tax Types")
add_crud_routes(
    tax_types_router,
    RestResource(
        kind=TAX_TYPES,
        resource_type="tax_types",
        schema_name="TaxType",
        create_attributes=TaxTypeAttributes,
        update_attributes=TaxTypeUpdateAttributes,
        record=TaxTypeRecord,
        create_operation="createTaxType",
        update_operation="updateTaxType",
        delete_operation="destroyTaxType",
        label="tax type",
        shape=STRING_IDS,
    ),
)

tax_rates_router = write_router("Tax Rates")
add_crud_routes(
    tax_rates_router,
    RestResource(
        kind=TAX_RATES,
        writes=DEFAULTABLE_WRITES,
        resource_type="tax_rates",
        schema_name="TaxRate",
        create_attributes=TaxRateAttributes,
        update_attributes=TaxRateUpdateAttributes,
        record=TaxRateRecord,
        create_operation="createTaxRate",
        update_operation="updateTaxRate",
        delete_operation="destroyTaxRate",
        label="tax rate",
        shape=STRING_IDS,
    ),
)

configuration_router = write_router("Charging: Configuration")
for resource in (
    RestResource(
        kind=CHARGE_CARDS,
        writes=CARD_WRITES,
        resource_type="charge_cards",
        schema_name="ChargeCard",
        create_attributes=ChargeCardAttributes,
        update_attributes=ChargeCardUpdateAttributes,
        record=ChargeCardRecord,
        create_operation="createChargeCard",
        update_operation="updateChargeCard",
        delete_operation="destroyChargeCard",
        label="charge card",
        shape=STRING_IDS,
    ),
    RestResource(
        kind=CHARGE_PRICES,
        resource_type="charge_prices",
        schema_name="ChargePrice",
        create_attributes=ChargePriceAttributes,
        update_attributes=ChargePriceUpdateAttributes,
        record=ChargePriceRecord,
        create_operation="createChargePrice",
        update_operation="updateChargePrice",
        delete_operation="destroyChargePrice",
        label="charge price",
        shape=STRING_IDS,
    ),
    RestResource(
        kind=CHARGE_WINDOWS,
        writes=WINDOW_WRITES,
        resource_type="charge_windows",
        schema_name="ChargeWindow",
        create_attributes=ChargeWindowAttributes,
        update_attributes=ChargeWindowUpdateAttributes,
        record=ChargeWindowRecord,
        create_operation="createChargeWindow",
        update_operation="updateChargeWindow",
        delete_operation="destroyChargeWindow",
        label="charge window",
        shape=STRING_IDS,
    ),
):
    add_crud_routes(configuration_router, resource)
