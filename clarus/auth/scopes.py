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
