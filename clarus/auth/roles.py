"""Roles: named permission sets given to users."""

from __future__ import annotations

from clarus.auth.models import Role, User
from clarus.core.crud import RecordKind
from clarus.core.db import table_of

roles = table_of(Role)
users = table_of(User)

ROLES = RecordKind(
    roles,
    event_name="role",
    natural_key="name",
    flag_defaults={"permissions": []},
    dependents=(users.c.role_id,),
)
"""A role given to users cannot be deleted (documented): move them to another role first."""
