"""The static cost of a GraphQL operation, computed before it runs and refused over
`Settings.graphql_max_cost` (in the manner of Shopify's and Saleor's query cost):

- a scalar or enum field costs 0, except `total_count`: `COUNT_COST`, for the count statement
  each of its occurrences (under its own alias) runs;
- an object field costs 1 plus the cost of its selection (`Edge` and `PageInfo`, which only
  wrap, cost nothing of their own); introspection (`__schema`, `__type` and what they hold)
  is costed like any other field, its lists at `ASSUMED_LIST_LENGTH`;
- a list costs its length times the cost of one item: a connection's `edges` are `first` long
  (the default page size when not given), any other list (an order's `lines`) is assumed
  `ASSUMED_LIST_LENGTH` long;
- so a connection costs 1 + first x (1 + its node's selection), and nested lists multiply.

The cost is worked out from the document once per query text and operation (`CostPlan`), and
then only `first`'s variables are read per request."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import ClassVar

from graphql import (
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLNamedType,
    GraphQLObjectType,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SchemaMetaFieldDef,
    SelectionSetNode,
    TypeMetaFieldDef,
    VariableNode,
    get_named_type,
    get_nullable_type,
    is_leaf_type,
    is_list_type,
)
from strawberry.extensions import SchemaExtension

from clarus.core.json_types import JSONObject, JSONValue
from clarus.core.settings import Settings

ASSUMED_LIST_LENGTH = 10
"""How long a list without `first` (an order's lines, a pick list's orders) is taken to be."""
COUNT_COST = 1_000
"""A count statement reads every record its filter matches, across all pages (a page reads at
most 500): costed as two full pages, so that under the default limit an operation runs at most
49 of them."""
COUNTED_FIELDS = frozenset({"total_count"})
WRAPPER_TYPES = frozenset({"PageInfo"})
INTROSPECTION_ROOTS: Mapping[str, GraphQLField] = {
    "__schema": SchemaMetaFieldDef,
    "__type": TypeMetaFieldDef,
}
"""The introspection fields of the query root, which its type does not list (`__typename`, a
leaf, costs nothing)."""
PLAN_CACHE_SIZE = 256
TOO_COSTLY = "QUERY_TOO_COSTLY"


@dataclass(frozen=True)
class Length:
    """How many items a list field holds: a page (`first`: a literal, a variable, or the
    default page size when `first` is absent) or `ASSUMED_LIST_LENGTH`."""

    is_page: bool
    literal: int | None = None
    """`first`'s value, or its variable's default."""
    variable: str | None = None

    def of(self, variables: Mapping[str, JSONValue], settings: Settings) -> int:
        """The length; a `first` out of range counts as the nearest bound (the connection
        refuses it with its own message)."""
        if not self.is_page:
            return ASSUMED_LIST_LENGTH
        first = (
            self.literal if self.variable is None else variables.get(self.variable, self.literal)
        )
        if not isinstance(first, int) or isinstance(first, bool):
            return settings.default_page_size
        return max(0, min(first, settings.max_page_size))


@dataclass(frozen=True)
class CostPlan:
    """One field's cost: `length` x (`own` + its selection's), with `length` 1 unless a list."""

    own: int
    selection: tuple[CostPlan, ...] = ()
    length: Length | None = None

    def cost(self, variables: Mapping[str, JSONValue], settings: Settings) -> int:
        one = self.own + sum(field.cost(variables, settings) for field in self.selection)
        return one if self.length is None else self.length.of(variables, settings) * one


def plan_of(
    root: GraphQLObjectType,
    operation: OperationDefinitionNode,
    fragments: Mapping[str, FragmentDefinitionNode],
) -> CostPlan:
    defaults = {
        definition.variable.name.value: int(definition.default_value.value)
        for definition in operation.variable_definitions or ()
        if isinstance(definition.default_value, IntValueNode)
    }
    selection = _selection(root, operation.selection_set, fragments, defaults, page=None)
    return CostPlan(0, tuple(selection))


def _selection(
    parent: GraphQLNamedType,
    selection_set: SelectionSetNode | None,
    fragments: Mapping[str, FragmentDefinitionNode],
    defaults: Mapping[str, int],
    page: Length | None,
) -> Iterator[CostPlan]:
    """The plans of the fields selected on `parent`; `page`: the length of its `edges` when
    `parent` is a connection."""
    for field_node in _fields(selection_set, fragments):
        name = field_node.name.value
        field = INTROSPECTION_ROOTS.get(name) or getattr(parent, "fields", {}).get(name)
        if field is None:
            continue
        field_type = field.type
        named = get_named_type(field_type)
        if is_leaf_type(named):
            if name in COUNTED_FIELDS:
                yield CostPlan(COUNT_COST)
            continue
        length = None
        if is_list_type(get_nullable_type(field_type)):
            length = page if name == "edges" and page is not None else Length(is_page=False)
        own = 0 if named.name in WRAPPER_TYPES or named.name.endswith("Edge") else 1
        inner_page = _first(field_node, defaults) if _is_connection(named) else None
        selection = tuple(
            _selection(named, field_node.selection_set, fragments, defaults, inner_page)
        )
        yield CostPlan(own, selection, length)


def _fields(
    selection_set: SelectionSetNode | None, fragments: Mapping[str, FragmentDefinitionNode]
) -> Iterator[FieldNode]:
    """The fields of a selection, fragments spread (an upper bound: @skip is not read)."""
    if selection_set is None:
        return
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            yield selection
        elif isinstance(selection, InlineFragmentNode):
            yield from _fields(selection.selection_set, fragments)
        elif isinstance(selection, FragmentSpreadNode):
            fragment = fragments.get(selection.name.value)
            if fragment is not None:
                yield from _fields(fragment.selection_set, fragments)


def _is_connection(named: GraphQLNamedType) -> bool:
    return "edges" in getattr(named, "fields", {}) and "pageInfo" in getattr(named, "fields", {})


def _first(field_node: FieldNode, defaults: Mapping[str, int]) -> Length:
    for argument in field_node.arguments or ():
        if argument.name.value != "first":
            continue
        if isinstance(argument.value, IntValueNode):
            return Length(is_page=True, literal=int(argument.value.value))
        if isinstance(argument.value, VariableNode):
            name = argument.value.name.value
            return Length(is_page=True, literal=defaults.get(name), variable=name)
    return Length(is_page=True)


class QueryCost(SchemaExtension):
    """Refuses an operation whose cost is over the limit before it runs (`QUERY_TOO_COSTLY`,
    with the cost and the limit); reports `extensions.cost: {requested, limit}` otherwise."""

    _plans: ClassVar[OrderedDict[tuple[str, str | None], CostPlan]] = OrderedDict()
    """Shared by every request: plans depend on the query text and the schema only."""

    def __init__(self) -> None:
        self.requested: int | None = None
        self.limit: int | None = None

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        settings: Settings = context.context.settings
        plan = self._plan()
        if plan is not None:
            self.requested = plan.cost(context.variables or {}, settings)
            self.limit = settings.graphql_max_cost
            if self.requested > self.limit:
                context.result = ExecutionResult(data=None, errors=[self._refusal()])
        yield

    def get_results(self) -> JSONObject:
        if self.requested is None:
            return {}
        return {"cost": {"requested": self.requested, "limit": self.limit}}

    def _refusal(self) -> GraphQLError:
        return GraphQLError(
            f"The query costs {self.requested}, over the limit of {self.limit}: ask for fewer"
            " records a page (first) or fewer nested lists.",
            extensions={"code": TOO_COSTLY, "cost": self.requested, "limit": self.limit},
        )

    def _plan(self) -> CostPlan | None:
        context = self.execution_context
        key = (context.query or "", context.operation_name)
        plan = self._plans.get(key)
        if plan is not None:
            self._plans.move_to_end(key)
            return plan
        document = context.graphql_document
        root = context.schema._schema.query_type
        if document is None or root is None:
            return None
        operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        operation = next(
            (
                o
                for o in operations
                if context.operation_name is None
                or (o.name is not None and o.name.value == context.operation_name)
            ),
            None,
        )
        if operation is None:
            return None
        fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        plan = plan_of(root, operation, fragments)
        self._plans[key] = plan
        if len(self._plans) > PLAN_CACHE_SIZE:
            self._plans.popitem(last=False)
        return plan
