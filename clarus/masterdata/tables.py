"""The master data Core tables, for set-based statements."""

from __future__ import annotations

from clarus.core.db import table_of
from clarus.masterdata.models import (
    Account,
    AccountWarehouse,
    Address,
    Location,
    LocationType,
    OrderType,
    ReasonCode,
    ReasonCodeAccount,
    Site,
    Warehouse,
)
from clarus.masterdata.parties import Carrier, CarrierService, Customer, Supplier

accounts = table_of(Account)
sites = table_of(Site)
warehouses = table_of(Warehouse)
location_types = table_of(LocationType)
locations = table_of(Location)
account_warehouses = table_of(AccountWarehouse)
addresses = table_of(Address)
order_types = table_of(OrderType)
reason_codes = table_of(ReasonCode)
reason_code_accounts = table_of(ReasonCodeAccount)
customers = table_of(Customer)
suppliers = table_of(Supplier)
carriers = table_of(Carrier)
carrier_services = table_of(CarrierService)
