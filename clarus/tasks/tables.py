"""The tasks Core tables, for set-based statements."""

from __future__ import annotations

from clarus.core.db import table_of
from clarus.tasks.models import RfFlow, RfUser, Task

tasks = table_of(Task)
rf_flows = table_of(RfFlow)
rf_users = table_of(RfUser)
