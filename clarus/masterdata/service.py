"""Writes of master data. Services never commit: the caller owns the transaction."""

from __future__ import annotations

from clarus.core.crud import Dependent, RecordKind, UniqueKey
from clarus.core.db import table_of
from clarus.core.errors import ErrorKind
from clarus.masterdata.addresses import AddressedWrites
from clarus.masterdata.models import (
    Account,
    AccountWarehouse,
    Location,
    LocationType,
    Site,
    Warehouse,
)

accounts = table_of(Account)
sites = table_of(Site)
warehouses = table_of(Warehouse)
location_types = table_of(LocationType)
locations = table_of(Location)
account_warehouses = table_of(AccountWarehouse)

ACCOUNTS = RecordKind(
    accounts,
    event_name="account",
    flag_defaults={"is_active": True, "is_short_pickable": False},
)
SITES = RecordKind(
    sites,
    event_name="site",
    dependents=(Dependent(warehouses.c.site_id, "warehouses"),),
    flag_defaults={"default": False},
)
WAREHOUSES = RecordKind(
    warehouses,
    event_name="warehouse",
    references={"site_id": sites},
    dependents=(Dependent(locations.c.warehouse_id, "locations"),),
    flag_defaults={"is_active": True},
)
WAREHOUSE_WRITES = AddressedWrites(WAREHOUSES)
LOCATION_TYPES = RecordKind(
    location_types,
    event_name="location_type",
    dependents=(Dependent(locations.c.location_type_id, "locations"),),
)
LOCATIONS = RecordKind(
    locations,
    event_name="location",
    unique_code=False,
    unique_keys=(UniqueKey(("warehouse_id", "code"), ErrorKind.CODE_TAKEN, "code"),),
    references={"warehouse_id": warehouses, "location_type_id": location_types},
    flag_defaults={"is_pickface": False, "is_active": True},
)
ACCOUNT_WAREHOUSES = RecordKind(
    account_warehouses,
    event_name="account_warehouse",
    unique_code=False,
    unique_keys=(UniqueKey(("account_id", "warehouse_id")),),
    references={"account_id": accounts, "warehouse_id": warehouses},
)
