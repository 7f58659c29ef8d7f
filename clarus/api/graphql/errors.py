from __future__ import annotations

from graphql import GraphQLError

BAD_USER_INPUT = "BAD_USER_INPUT"


class PublicError(GraphQLError):
    """An error whose message is safe to show; every other error is masked. It refuses what the
    caller asked for, so it says so in `extensions.code` (`BAD_USER_INPUT`, the label GraphQL
    clients read as the caller's mistake), although it is raised while a field resolves."""

    def __init__(self, message: str) -> None:
        super().__init__(message, extensions={"code": BAD_USER_INPUT})


class InvalidInputValue(ValueError):
    """A scalar's refusal of an input value. GraphQL reports it as a validation error that keeps
    these `extensions` (so the caller sees `BAD_USER_INPUT`) and the masking lets it through."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.extensions = {"code": BAD_USER_INPUT}
