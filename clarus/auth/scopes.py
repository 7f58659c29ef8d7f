"""OAuth scopes (ours; the contract declares none)."""

from __future__ import annotations

from enum import StrEnum


class Scope(StrEnum):
    READ = "read"
    WRITE = "write"
    ADMIN = "admin"


ALL_SCOPES: tuple[str, ...] = tuple(scope.value for scope in Scope)
SCOPE_DESCRIPTIONS = {
    Scope.READ.value: "Read records through GraphQL",
    Scope.WRITE.value: "Create and change records and run warehouse actions through REST",
    Scope.ADMIN.value: "Manage users, roles, API clients, automations and tenant settings",
}


def parse_scopes(text: str | None) -> frozenset[str]:
    return frozenset(part for part in (text or "").replace(",", " ").split() if part)


def format_scopes(scopes: frozenset[str] | set[str]) -> str:
    return " ".join(scope for scope in ALL_SCOPES if scope in scopes)


def unknown_scopes(scopes: frozenset[str]) -> frozenset[str]:
    return scopes - frozenset(ALL_SCOPES)


def scopes_of_role(permissions: list[str]) -> frozenset[str]:
    """What a role lets its users do in the operator app: those of its permissions that name a
    scope (a role's other permission identifiers are the contract's, and grant nothing here)."""
    return frozenset(permission for permission in permissions if permission in ALL_SCOPES)


def missing_scopes(granted: frozenset[str], required: frozenset[str] | list[str]) -> list[str]:
    """The required scopes not granted, in the order of `ALL_SCOPES`: the one check of the API
    (a token's scopes) and of the operator app (a role's)."""
    return [scope for scope in ALL_SCOPES if scope in required and scope not in granted]
