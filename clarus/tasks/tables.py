"""The tasks Core table, for set-based statements."""

from __future__ import annotations

from clarus.core.db import table_of
from clarus.tasks.models import Task

tasks = table_of(Task)
