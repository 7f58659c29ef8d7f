"""What a GraphQL document may hold, checked when it is validated, before it is costed or run:

- its depth: 12 fields nested under a root field of data, 15 under `__schema` or `__type` (the
  introspection query of GraphQL tools, GraphiQL's included, is at most 14 deep);
- at most `MAX_ALIASES` aliases, and `__schema` under one name only: each alias of a field is
  resolved again (300 aliases of `__schema` made 29 MB of answer);
- at most `MAX_FIELDS` fields once its fragments are spread: a fragment that spreads another
  twice, and so on, holds twice as many fields at each step.

Each fragment is measured once, so a document is checked in a time that grows with its length,
however often its fragments are spread."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
)

MAX_QUERY_DEPTH = 12
MAX_INTROSPECTION_DEPTH = 15
MAX_ALIASES = 50
MAX_FIELDS = 2_000
INTROSPECTION_ROOTS = frozenset({"__schema", "__type"})


@dataclass(frozen=True)
class Extent:
    """What a selection holds once its fragments are spread: how deep its fields nest below it
    (a leaf: 0), how many of them are aliased, and how many fields it has in all."""

    depth: int = 0
    aliases: int = 0
    fields: int = 0

    def beside(self, other: Extent) -> Extent:
        return Extent(
            max(self.depth, other.depth), self.aliases + other.aliases, self.fields + other.fields
        )


class _Measure:
    """The extents of a document's selections, each fragment measured once."""

    def __init__(self, fragments: Mapping[str, FragmentDefinitionNode]) -> None:
        self._fragments = fragments
        self._measured: dict[str, Extent] = {}

    def of_set(self, selection_set: SelectionSetNode | None) -> Extent:
        extent = Extent()
        for selection in selection_set.selections if selection_set is not None else ():
            extent = extent.beside(self.of(selection))
        return extent

    def of(self, selection: SelectionNode) -> Extent:
        if isinstance(selection, FieldNode):
            if selection.selection_set is None:
                return Extent(0, int(selection.alias is not None), 1)
            inner = self.of_set(selection.selection_set)
            return Extent(
                1 + inner.depth, inner.aliases + int(selection.alias is not None), 1 + inner.fields
            )
        if isinstance(selection, InlineFragmentNode):
            return self.of_set(selection.selection_set)
        if isinstance(selection, FragmentSpreadNode):
            return self.of_fragment(selection.name.value)
        return Extent()

    def of_fragment(self, name: str) -> Extent:
        if name not in self._measured:
            # A fragment that spreads itself (refused by validation) counts nothing there.
            self._measured[name] = Extent()
            fragment = self._fragments.get(name)
            if fragment is not None:
                self._measured[name] = self.of_set(fragment.selection_set)
        return self._measured[name]


def root_fields(
    selection_set: SelectionSetNode, fragments: Mapping[str, FragmentDefinitionNode]
) -> Iterator[FieldNode]:
    """The root fields of an operation, each fragment spread once (twice would ask for the same
    fields again, which GraphQL merges)."""
    spread: set[str] = set()

    def fields_of(selections: SelectionSetNode) -> Iterator[FieldNode]:
        for selection in selections.selections:
            if isinstance(selection, FieldNode):
                yield selection
            elif isinstance(selection, InlineFragmentNode):
                yield from fields_of(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = fragments.get(name)
                if fragment is not None and name not in spread:
                    spread.add(name)
                    yield from fields_of(fragment.selection_set)

    return fields_of(selection_set)


def refusals(
    operation: OperationDefinitionNode, fragments: Mapping[str, FragmentDefinitionNode]
) -> Iterator[str]:
    """Why `operation` is refused, if it is."""
    name = operation.name.value if operation.name else "anonymous"
    measure = _Measure(fragments)
    extent = measure.of_set(operation.selection_set)
    if extent.fields > MAX_FIELDS:
        yield (
            f"'{name}' selects {extent.fields} fields once its fragments are spread, over the"
            f" limit of {MAX_FIELDS}"
        )
    if extent.aliases > MAX_ALIASES:
        yield f"'{name}' has {extent.aliases} aliases, over the limit of {MAX_ALIASES}"
    roots = list(root_fields(operation.selection_set, fragments))
    data_depth = max(
        (measure.of(field).depth for field in roots if field.name.value not in INTROSPECTION_ROOTS),
        default=0,
    )
    if data_depth > MAX_QUERY_DEPTH:
        yield f"'{name}' exceeds maximum operation depth of {MAX_QUERY_DEPTH}"
    introspection_depth = max(
        (measure.of(field).depth for field in roots if field.name.value in INTROSPECTION_ROOTS),
        default=0,
    )
    if introspection_depth > MAX_INTROSPECTION_DEPTH:
        yield f"'{name}' exceeds maximum introspection depth of {MAX_INTROSPECTION_DEPTH}"
    schema_names = {_response_name(field) for field in roots if field.name.value == "__schema"}
    if len(schema_names) > 1:
        yield (
            f"'{name}' asks for __schema under {len(schema_names)} names: ask for it once, it"
            " is the same every time"
        )


def _response_name(field: FieldNode) -> str:
    return field.alias.value if field.alias is not None else field.name.value


class QueryLimits(ValidationRule):
    """Refuses an operation too deep, with too many aliases or fields, or asking for `__schema`
    more than once (see the module's docstring)."""

    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        definitions = context.document.definitions
        fragments = {
            definition.name.value: definition
            for definition in definitions
            if isinstance(definition, FragmentDefinitionNode)
        }
        for definition in definitions:
            if isinstance(definition, OperationDefinitionNode):
                for message in refusals(definition, fragments):
                    context.report_error(GraphQLError(message, definition))
