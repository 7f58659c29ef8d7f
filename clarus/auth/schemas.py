"""Input models of user administration: roles and users."""

from __future__ import annotations

from typing import Annotated, Literal

from annotated_types import MaxLen
from pydantic import AfterValidator, Field

from clarus.core.fields import Email, LongText, RecordId, Text, TimeZoneName
from clarus.core.schemas import (
    CustomStringAttributes,
    ExternalReferenceAttributes,
    InputModel,
    Omittable,
)

UserType = Literal["api", "web", "account"]
LanguageCode = Annotated[Text, MaxLen(16)]
MAX_PERMISSIONS = 500


def _distinct(values: list[str]) -> list[str]:
    """A permission is granted or not: repeats are dropped, the order kept."""
    return list(dict.fromkeys(values))


Permissions = Annotated[
    list[Annotated[Text, MaxLen(100)]], Field(max_length=MAX_PERMISSIONS), AfterValidator(_distinct)
]


class RoleUpdateAttributes(InputModel):
    """A role: a named set of permission identifiers. `name` is unique in the tenant."""

    name: Omittable[Annotated[Text, MaxLen(100)]] = None
    description: LongText | None = None
    permissions: Permissions | None = None


class RoleAttributes(RoleUpdateAttributes):
    """A role: a named set of permission identifiers. `name` is unique in the tenant."""

    name: Annotated[Text, MaxLen(100)]


class UserAttributes(ExternalReferenceAttributes, CustomStringAttributes):
    """A user. `email` is unique in the tenant (ignoring case); `role_id` gives its permissions,
    the tenant's default role when left out. No password is set here: people sign in once one
    is set by the operator."""

    email: Email
    role_id: RecordId | None = None
    name: Text | None = None
    user_type: UserType | None = None
    is_active: bool | None = None
    language: LanguageCode | None = None
    timezone: TimeZoneName | None = None


class UserUpdateAttributes(CustomStringAttributes):
    """What an update may change, as documented: not `user_type` nor the external references.
    `role_id: null` gives the tenant's default role back."""

    email: Omittable[Email] = None
    name: Text | None = None
    role_id: RecordId | None = None
    is_active: bool | None = None
    language: LanguageCode | None = None
    timezone: TimeZoneName | None = None
