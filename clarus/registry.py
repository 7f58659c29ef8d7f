"""Imports every domain's models so that `Base.metadata` is complete (Alembic, tests).

It sits above every domain, so only the migrations' environment and the tests import it."""

from __future__ import annotations

from clarus.auth import assistant_models
from clarus.auth import models as auth_models
from clarus.billing import models as billing_models
from clarus.catalog import models as catalog_models
from clarus.core import models as core_models
from clarus.core.db import Base
from clarus.inbound import models as inbound_models
from clarus.inventory import models as inventory_models
from clarus.masterdata import models as masterdata_models
from clarus.masterdata import parties as masterdata_parties
from clarus.outbound import models as outbound_models
from clarus.shipping import models as shipping_models
from clarus.stockcontrol import models as stockcontrol_models
from clarus.tasks import models as task_models
from clarus.tenancy import models as tenancy_models
from clarus.webhooks import models as webhook_models

__all__ = [
    "Base",
    "assistant_models",
    "auth_models",
    "billing_models",
    "catalog_models",
    "core_models",
    "inbound_models",
    "inventory_models",
    "masterdata_models",
    "masterdata_parties",
    "outbound_models",
    "shipping_models",
    "stockcontrol_models",
    "task_models",
    "tenancy_models",
    "webhook_models",
]
