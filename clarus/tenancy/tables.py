"""The tenancy Core table, for set-based statements."""

from __future__ import annotations

from clarus.core.db import table_of
from clarus.tenancy.models import Tenant

tenants = table_of(Tenant)
