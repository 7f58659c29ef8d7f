from __future__ import annotations

from collections.abc import Iterator

from graphql import (
    SKIP,
    ArgumentNode,
    GraphQLError,
    GraphQLInputType,
    ValidationContext,
    ValueNode,
    ValuesOfCorrectTypeRule,
    VisitorAction,
)
from graphql.utilities.validate_input_value import validate_input_literal
from strawberry.extensions import SchemaExtension

BAD_USER_INPUT = "BAD_USER_INPUT"


class PublicError(GraphQLError):
    """An error whose message is safe to show; every other error is masked. It refuses what the
    caller asked for, so it says so in `extensions.code` (`BAD_USER_INPUT`, the label GraphQL
    clients read as the caller's mistake), although it is raised while a field resolves."""

    def __init__(self, message: str) -> None:
        super().__init__(message, extensions={"code": BAD_USER_INPUT})


class InvalidInputValue(ValueError):
    """A scalar's refusal of an input value, its message shown to the caller. GraphQL reports it
    as an error that keeps these `extensions`, so a refused variable says `BAD_USER_INPUT` too."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.extensions = {"code": BAD_USER_INPUT}


class ValuesOfCorrectTypeAsBadUserInput(ValuesOfCorrectTypeRule):
    """The standard rule whose refusals name the field (`filter.created_at.from: ...`), are
    labelled `BAD_USER_INPUT` and are never masked: a literal its type refuses is the caller's
    mistake, even when the refusal is a plain exception (Python reading an `Int` of more than
    4300 digits), whose text is then left out."""

    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        self.arguments: list[str] = []

    def enter_argument(self, node: ArgumentNode, *_args: object) -> None:
        self.arguments.append(node.name.value)

    def leave_argument(self, _node: ArgumentNode, *_args: object) -> None:
        self.arguments.pop()

    def is_valid_value_node(
        self, node: ValueNode, input_type: GraphQLInputType | None
    ) -> VisitorAction:
        """The standard check, keeping the path to the refused value that it drops."""
        if input_type:

            def on_error(error: GraphQLError, path: list[str | int]) -> None:
                self.report_error(self._labelled(error, path))

            validate_input_literal(
                node, input_type, on_error, None, None, self.context.hide_suggestions
            )
        return SKIP

    def _labelled(self, error: GraphQLError, path: list[str | int]) -> GraphQLError:
        message = error.message
        original = error.original_error
        if original is not None and not isinstance(original, InvalidInputValue):
            message = message.split(", but encountered error", 1)[0] + "."
        field = ".".join(str(part) for part in [*self.arguments[-1:], *path])
        if field:
            message = f"{field}: {message}"
        return GraphQLError(message, error.nodes, extensions={"code": BAD_USER_INPUT})


class LabelledInputErrors(SchemaExtension):
    """Validates literals with `ValuesOfCorrectTypeAsBadUserInput` in place of the standard rule,
    and labels the refusals graphql-core makes before any field runs (a variable its type
    refuses, `{"first": "abc"}` for an `Int`; an operation name the document lacks) as
    `BAD_USER_INPUT`: an error of the execution with no field path can only be one of those."""

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context
        context.validation_rules = tuple(
            ValuesOfCorrectTypeAsBadUserInput if rule is ValuesOfCorrectTypeRule else rule
            for rule in context.validation_rules
        )
        yield

    def on_execute(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        for error in (result.errors if result is not None else None) or ():
            if error.path is None and not error.extensions:
                error.extensions = {"code": BAD_USER_INPUT}
