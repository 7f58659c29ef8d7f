"""Response attribute models of roles and users, for the OpenAPI document."""

from __future__ import annotations

from clarus.auth.schemas import RoleAttributes, UserAttributes, UserType
from clarus.masterdata.records import RecordTimestamps


class RoleRecord(RoleAttributes, RecordTimestamps):
    permissions: list[str]
    role_type: str


class UserRecord(UserAttributes, RecordTimestamps):
    role_id: int
    user_type: UserType
    is_active: bool
