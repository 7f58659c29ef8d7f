"""The compiled executor of GraphQL lists, in the manner of graphql-jit, Hasura and PostGraphile.

A query is parsed and validated by graphql-core with the rules the general executor (Strawberry)
uses, once per query text and operation name (`CompiledQueries`); if every field it selects is a
list (`connection.LIST_SOURCES`) and, under its nodes, a column, a record or records a
`loaded_field` reads (or picks from what it reads), a `derived_field`, a `column_alias`, an
`own_row_field` or `__typename`, it becomes a plan. Each request then
binds the variables, reads each page with only the columns selected, reads each nested field in
one statement a page (keyed on the page's values, whatever the page size), builds the nodes as
plain dicts and serialises the answer with orjson: no resolver runs per field. A loader of its
own (counts, a grouped read) is run as the general executor runs it, once for the page.

The plan declines (`Declined`), and the general executor answers, whenever the answer would hold
anything but data: an invalid query, a cost over the limit, a variable or argument refused, a
missing scope, a cursor not made here, a null where the schema says there is none. What it does
not know (a field with its own resolver, a directive, a fragment on another type, a mutation or
introspection), it does not compile. Both executors page through the same `ListSource`s, so the
statements and cursors are the same; `tests/graphql/test_compiled_lists.py` compares their
answers byte for byte."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeAlias

import orjson
from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLID,
    GraphQLInt,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLString,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    get_operation_ast,
    parse,
    specified_rules,
)
from graphql.execution.values import VariableValues, get_argument_values, get_variable_values
from pydantic_core import to_json
from sqlalchemy import ColumnElement, FromClause, Table, select
from sqlalchemy.exc import SQLAlchemyError
from strawberry.schema.schema import validate_document
from strawberry.types.arguments import convert_arguments
from strawberry.types.field import StrawberryField

from clarus.api.graphql.connection import LIST_SOURCES, ListSource, SortInputType
from clarus.api.graphql.context import GraphQLContext
from clarus.api.graphql.cost import CostPlan, plan_of
from clarus.api.graphql.loaders import (
    LOADED_FIELDS,
    ChildrenByParentIdLoader,
    RecordByIdLoader,
    TenantRecordsLoader,
)
from clarus.api.graphql.nodes import COLUMN_ALIASES, DERIVED_FIELDS, OWN_ROW_FIELDS
from clarus.api.graphql.schema import LIMIT_RULES, QUERY_CACHE_SIZE, schema
from clarus.core.json_types import JSONValue
from clarus.core.queries import by_key_in_id_order

DEFINITION = "strawberry-definition"
"""Where Strawberry keeps, on each graphql-core field, the field it was made from."""
RULES = (*specified_rules, *LIMIT_RULES)
"""The rules the general executor validates with (its `ValuesOfCorrectTypeRule` words its
refusals differently, and refuses the same values)."""
INT_RANGE = range(-(2**31), 2**31)
FLOAT_LIMIT = 1e16
DECLINED_ERRORS = (
    GraphQLError,
    SQLAlchemyError,
    ValueError,
    TypeError,
    ArithmeticError,
    LookupError,
    AttributeError,
    AssertionError,
)
"""What a request's plan may meet that makes the general executor answer: a refusal of an
argument or a cursor (`PublicError`), a value a scalar or a derived field refuses, a statement
that failed; the general executor then answers as it always has (its errors included)."""

Serializer: TypeAlias = Callable[[Any], object]
Writer: TypeAlias = Callable[[Any], object]
"""How a value a resolver would return (a scalar, an object, a list of them, or None) is written
for a selection: as graphql-core completes it, or `Declined` where it would answer an error."""
Row: TypeAlias = Sequence[Any]
Getter: TypeAlias = Callable[[Row], object]


class Declined(Exception):
    """The compiled executor does not answer this query or request; the general one does."""


@dataclass(frozen=True)
class Typename:
    key: str
    name: str


@dataclass(frozen=True)
class Leaf:
    """A scalar read from a column of the row (or an attribute of a derived object)."""

    key: str
    name: str
    serialize: Serializer
    non_null: bool


@dataclass(frozen=True)
class Derived:
    """A `derived_field`: `derive` of the row's `column`, written for the selection."""

    key: str
    column: str
    derive: Callable[[object], object]
    write: Writer


@dataclass(frozen=True)
class Related:
    """A `loaded_field`: the records of `table` whose `table_key` holds the row's `column`,
    one record (by id) or a list (children)."""

    key: str
    column: str
    table: Table
    table_key: str
    many: bool
    node: NodeShape
    non_null: bool


@dataclass(frozen=True)
class Batched:
    """A `loaded_field` whose loader is its own (counts, a grouped or joined read) or that picks
    from what it loads: the request's loader reads every row's key in one batch, as it does for
    the general executor, and `pick` (if any) of each record is written for the selection."""

    key: str
    column: str
    loader: type[TenantRecordsLoader[Any]]
    pick: Callable[[Any], object] | None
    write: Writer


@dataclass(frozen=True)
class Nested:
    """An `own_row_field`: an object answered from the same row (its columns are the row's)."""

    key: str
    shape: NodeShape


NodeField: TypeAlias = Leaf | Typename | Derived | Related | Batched | Nested


@dataclass(frozen=True)
class NodeShape:
    """What is read of a row (`columns`, in this order) and how it becomes a node."""

    columns: tuple[str, ...]
    fields: tuple[NodeField, ...]

    def position(self, column: str) -> int:
        return self.columns.index(column)


@dataclass(frozen=True)
class EdgesPart:
    fields: tuple[tuple[str, str], ...]
    """(response key, what): `cursor`, `node` or a type's name for `__typename`."""


@dataclass(frozen=True)
class ConnectionPlan:
    key: str
    listed: ListSource
    definition: GraphQLField
    strawberry_field: StrawberryField
    node: FieldNode
    shape: NodeShape
    parts: tuple[tuple[str, str, object], ...]
    """(response key, kind, detail): `edges` (an `EdgesPart`), `pageInfo` (its fields as
    (key, attribute or `__typename`) pairs), `total_count`, or `__typename` (the name)."""


@dataclass(frozen=True)
class RootPlan:
    key: str
    fields: tuple[ConnectionPlan | Typename, ...]


@dataclass(frozen=True)
class CompiledQuery:
    operation: OperationDefinitionNode
    roots: tuple[RootPlan | Typename, ...]
    cost: CostPlan

    async def run(
        self, context: GraphQLContext, variables: Mapping[str, JSONValue] | None
    ) -> bytes:
        """The answer's JSON; `Declined` where the general executor must answer."""
        settings = context.settings
        requested = self.cost.cost(variables or {}, settings)
        if requested > settings.graphql_max_cost:
            raise Declined
        coerced = get_variable_values(
            schema._schema, self.operation.variable_definitions or (), dict(variables or {})
        )
        if isinstance(coerced, list):
            raise Declined
        data: dict[str, object] = {}
        try:
            for root in self.roots:
                if isinstance(root, Typename):
                    data[root.key] = root.name
                else:
                    data[root.key] = await _root(root, context, coerced)
        except DECLINED_ERRORS as error:
            raise Declined from error
        cost = {"requested": requested, "limit": settings.graphql_max_cost}
        return orjson.dumps({"data": data, "extensions": {"cost": cost}})


async def _root(
    root: RootPlan, context: GraphQLContext, variables: VariableValues
) -> dict[str, object]:
    answer: dict[str, object] = {}
    for field in root.fields:
        if isinstance(field, Typename):
            answer[field.key] = field.name
        else:
            answer[field.key] = await _connection(field, context, variables)
    return answer


async def _connection(
    plan: ConnectionPlan, context: GraphQLContext, variables: VariableValues
) -> dict[str, object]:
    raw = get_argument_values(plan.definition, plan.node, variables)
    arguments = convert_arguments(
        raw,
        plan.strawberry_field.arguments,
        scalar_registry=schema.schema_converter.scalar_registry,
        config=schema.config,
    )
    sort = arguments.get("sort")
    query = plan.listed.page(
        context,
        filter_input=arguments.get("filter"),
        first=arguments.get("first"),
        after=arguments.get("after"),
        sort=sort if isinstance(sort, SortInputType) else None,
    )
    source = query.source
    columns: list[ColumnElement[Any]] = [source.c[name] for name in plan.shape.columns]
    rows = (await context.execute(query.statement(columns))).all()
    page = rows[: query.limit]
    key_positions = [plan.shape.position(name) for name in query.key_names]
    nodes = await _nodes(plan.shape, page, context)
    cursors = [query.cursor([row[position] for position in key_positions]) for row in page]
    answer: dict[str, object] = {}
    for key, kind, detail in plan.parts:
        if kind == "edges":
            assert isinstance(detail, EdgesPart)
            answer[key] = _edges(detail, nodes, cursors)
        elif kind == "pageInfo":
            assert isinstance(detail, tuple)
            values = {
                "hasNextPage": len(rows) > query.limit,
                "hasPreviousPage": query.after is not None,
                "startCursor": cursors[0] if cursors else None,
                "endCursor": cursors[-1] if cursors else None,
            }
            answer[key] = {name: values.get(what, what) for name, what in detail}
        elif kind == "total_count":
            answer[key] = (await context.execute(query.count_statement())).scalar_one()
        else:
            answer[key] = detail
    return answer


def _edges(
    part: EdgesPart, nodes: Sequence[dict[str, object]], cursors: Sequence[str]
) -> list[dict[str, object]]:
    edges = []
    for node, cursor in zip(nodes, cursors, strict=True):
        values: dict[str, object] = {"cursor": cursor, "node": node}
        edges.append({key: values.get(what, what) for key, what in part.fields})
    return edges


async def _nodes(
    shape: NodeShape, rows: Sequence[Row], context: GraphQLContext
) -> list[dict[str, object]]:
    """The nodes of `rows`, each nested field read for all of them in one statement."""
    getters = await _getters(shape.fields, shape, rows, context)
    return [{key: get(row) for key, get in getters} for row in rows]


async def _getters(
    fields: Sequence[NodeField], shape: NodeShape, rows: Sequence[Row], context: GraphQLContext
) -> list[tuple[str, Getter]]:
    """How each of `fields` is answered from a row of `shape` (its records read first)."""
    getters: list[tuple[str, Getter]] = []
    for field in fields:
        if isinstance(field, Typename):
            getters.append((field.key, _constant(field.name)))
        elif isinstance(field, Leaf):
            getters.append((field.key, _leaf(field, shape.position(field.name))))
        elif isinstance(field, Derived):
            getters.append((field.key, _derived(field, shape.position(field.column))))
        elif isinstance(field, Nested):
            inner = await _getters(field.shape.fields, shape, rows, context)
            getters.append((field.key, _object(inner)))
        elif isinstance(field, Batched):
            position = shape.position(field.column)
            getters.append((field.key, await _batched(field, position, rows, context)))
        else:
            found = await _related(field, shape.position(field.column), rows, context)
            getters.append((field.key, _lookup(field, shape.position(field.column), found)))
    return getters


def _constant(value: object) -> Getter:
    return lambda _row: value


def _object(getters: Sequence[tuple[str, Getter]]) -> Getter:
    return lambda row: {key: get(row) for key, get in getters}


def _leaf(field: Leaf, position: int) -> Getter:
    serialize, non_null = field.serialize, field.non_null

    def get(row: Row) -> object:
        value = row[position]
        if value is None:
            if non_null:
                raise Declined
            return None
        return serialize(value)

    return get


def _derived(field: Derived, position: int) -> Getter:
    derive, write = field.derive, field.write
    return lambda row: write(derive(row[position]))


async def _batched(
    field: Batched, position: int, rows: Sequence[Row], context: GraphQLContext
) -> Getter:
    """What the request's loader holds for each row's key, loaded for the page in one batch."""
    loader = field.loader.of(context)
    await loader.prefetch(int(row[position]) for row in rows if row[position] is not None)
    pick, write = field.pick, field.write

    def get(row: Row) -> object:
        key = row[position]
        if key is None:
            return write(None)
        loaded = loader.prefetched(int(key))
        return write(loaded if pick is None else pick(loaded))

    return get


async def _related(
    field: Related, position: int, rows: Sequence[Row], context: GraphQLContext
) -> dict[object, Any]:
    """The built records of `field` for every row, by the row's key: as the field's loader
    reads them (the tenant's rows, in id order within a key), with only the columns selected.
    The statement runs even when no row has a key, so that a page costs the same statements
    whatever it holds."""
    if not rows:
        return {}
    keys = sorted({row[position] for row in rows if row[position] is not None})
    table = field.table
    statement = (
        select(*(table.c[name] for name in field.node.columns))
        .where(table.c.tenant_id == context.tenant_id, table.c[field.table_key].in_(keys))
        .order_by(*by_key_in_id_order(table, field.table_key))
    )
    records = (await context.execute(statement)).all()
    built = await _nodes(field.node, records, context)
    key_position = field.node.position(field.table_key)
    found: dict[object, Any] = {}
    for record, node in zip(records, built, strict=True):
        if field.many:
            found.setdefault(record[key_position], []).append(node)
        else:
            found[record[key_position]] = node
    return found


def _lookup(field: Related, position: int, found: dict[object, Any]) -> Callable[[Row], object]:
    empty: object = [] if field.many else None

    def get(row: Row) -> object:
        key = row[position]
        value = None if key is None else found.get(key, empty)
        if value is None and field.non_null:
            raise Declined
        return value

    return get


def _serializer(scalar: GraphQLScalarType) -> Serializer:
    """graphql-core's serialisation of `scalar`, without its checks where the value is already
    what it would answer (a string of a `String`, an integer id of an `ID`)."""
    serialize = scalar.serialize
    if scalar is GraphQLString:
        return lambda value: value if type(value) is str else serialize(value)
    if scalar is GraphQLID:
        return lambda value: str(value) if type(value) is int else serialize(value)
    if scalar is GraphQLInt:
        return lambda value: (
            value if type(value) is int and value in INT_RANGE else serialize(value)
        )
    if scalar.name == "Float":
        return _float(serialize)
    if scalar.name == "Boolean":
        return lambda value: value if type(value) is bool else serialize(value)
    if scalar.name == "JSON":
        return _json(serialize)
    return serialize


def _json(serialize: Serializer) -> Serializer:
    """A `JSON` value, declined where orjson would not write it as the general executor's
    JSON does (a float's exponent, an integer over 64 bits)."""

    def to_json_value(value: object) -> object:
        written = serialize(value)
        if orjson.dumps(written) != to_json(written):
            raise Declined
        return written

    return to_json_value


def _float(serialize: Serializer) -> Serializer:
    """A `Float`, declined from `FLOAT_LIMIT` on, where orjson and the general executor's JSON
    write exponents differently (`1e16`, `1e+16`)."""

    def to_float(value: object) -> object:
        number = float(value) if type(value) is Decimal else serialize(value)
        if not isinstance(number, float) or not abs(number) < FLOAT_LIMIT:
            raise Declined
        return number

    return to_float


class _Compiler:
    """Turns a valid operation into a plan, or raises `Declined`."""

    def __init__(
        self, graphql_schema: GraphQLSchema, fragments: Mapping[str, FragmentDefinitionNode]
    ) -> None:
        self.schema = graphql_schema
        self.fragments = fragments

    def fields(self, selection_set: SelectionSetNode | None, parent: str) -> list[FieldNode]:
        """The fields of a selection, fragments on `parent` spread, each response key once."""
        found: dict[str, FieldNode] = {}
        for field in self._spread(selection_set, parent):
            if field.directives:
                raise Declined
            key = (field.alias or field.name).value
            earlier = found.get(key)
            if earlier is None:
                found[key] = field
            elif earlier.selection_set is not None or field.selection_set is not None:
                raise Declined
        return list(found.values())

    def _spread(self, selection_set: SelectionSetNode | None, parent: str) -> list[FieldNode]:
        fields: list[FieldNode] = []
        for selection in selection_set.selections if selection_set is not None else ():
            if selection.directives:
                raise Declined
            if isinstance(selection, FieldNode):
                fields.append(selection)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                if condition is not None and condition.name.value != parent:
                    raise Declined
                fields += self._spread(selection.selection_set, parent)
            elif isinstance(selection, FragmentSpreadNode):
                fragment = self.fragments[selection.name.value]
                if fragment.type_condition.name.value != parent:
                    raise Declined
                fields += self._spread(fragment.selection_set, parent)
        return fields

    def roots(self, operation: OperationDefinitionNode) -> tuple[RootPlan | Typename, ...]:
        root = self.schema.query_type
        assert root is not None
        plans: list[RootPlan | Typename] = []
        for node in self.fields(operation.selection_set, root.name):
            key = (node.alias or node.name).value
            name = node.name.value
            if name == "__typename":
                plans.append(Typename(key, root.name))
                continue
            definition = root.fields.get(name)
            if definition is None or node.arguments:
                raise Declined
            queries = _object_type(definition.type)
            plans.append(RootPlan(key, tuple(self.lists(node, queries))))
        return tuple(plans)

    def lists(self, root: FieldNode, queries: GraphQLObjectType) -> list[ConnectionPlan | Typename]:
        plans: list[ConnectionPlan | Typename] = []
        for node in self.fields(root.selection_set, queries.name):
            key = (node.alias or node.name).value
            if node.name.value == "__typename":
                plans.append(Typename(key, queries.name))
                continue
            definition = queries.fields[node.name.value]
            strawberry_field = definition.extensions.get(DEFINITION)
            resolver = getattr(strawberry_field, "base_resolver", None)
            listed = LIST_SOURCES.get(_function(resolver.wrapped_func)) if resolver else None
            if listed is None or not isinstance(strawberry_field, StrawberryField):
                raise Declined
            plans.append(self.connection(key, node, definition, strawberry_field, listed))
        return plans

    def connection(
        self,
        key: str,
        node: FieldNode,
        definition: GraphQLField,
        strawberry_field: StrawberryField,
        listed: ListSource,
    ) -> ConnectionPlan:
        connection = _object_type(definition.type)
        source = listed.source_of(0)
        shape: NodeShape = NodeShape(tuple(listed.key), ())
        parts: list[tuple[str, str, object]] = []
        for field in self.fields(node.selection_set, connection.name):
            part_key = (field.alias or field.name).value
            name = field.name.value
            if name == "__typename":
                parts.append((part_key, "__typename", connection.name))
            elif name == "total_count":
                parts.append((part_key, "total_count", None))
            elif name == "pageInfo":
                page_info = _object_type(connection.fields[name].type)
                parts.append((part_key, "pageInfo", self.page_info(field, page_info)))
            elif name == "edges":
                edges, node_shape = self.edges(field, connection, source)
                shape = _merged(shape, node_shape)
                parts.append((part_key, "edges", edges))
            else:
                raise Declined
        cursor_columns = [*listed.key, listed.updated_at]
        shape = NodeShape(
            _with(shape.columns, *(name for name in cursor_columns if name in source.c)),
            shape.fields,
        )
        return ConnectionPlan(key, listed, definition, strawberry_field, node, shape, tuple(parts))

    def page_info(
        self, node: FieldNode, page_info: GraphQLObjectType
    ) -> tuple[tuple[str, str], ...]:
        parts = []
        for field in self.fields(node.selection_set, page_info.name):
            name = field.name.value
            what = page_info.name if name == "__typename" else name
            parts.append(((field.alias or field.name).value, what))
        return tuple(parts)

    def edges(
        self, node: FieldNode, connection: GraphQLObjectType, source: FromClause
    ) -> tuple[EdgesPart, NodeShape]:
        edge = _object_type(connection.fields["edges"].type)
        fields: list[tuple[str, str]] = []
        shape = NodeShape((), ())
        for field in self.fields(node.selection_set, edge.name):
            key = (field.alias or field.name).value
            name = field.name.value
            if name == "__typename":
                fields.append((key, edge.name))
            elif name == "cursor":
                fields.append((key, "cursor"))
            elif name == "node":
                if shape.fields:
                    raise Declined
                shape = self.node(field, _object_type(edge.fields["node"].type), source)
                fields.append((key, "node"))
            else:
                raise Declined
        return EdgesPart(tuple(fields)), shape

    def node(self, node: FieldNode, node_type: GraphQLObjectType, source: FromClause) -> NodeShape:
        """How a row of `source` answers the selection of `node` on `node_type`."""
        columns: tuple[str, ...] = ()
        fields: list[NodeField] = []
        for field in self.fields(node.selection_set, node_type.name):
            key = (field.alias or field.name).value
            name = field.name.value
            if name == "__typename":
                fields.append(Typename(key, node_type.name))
                continue
            definition = node_type.fields.get(name)
            if definition is None or field.arguments:
                raise Declined
            compiled = self.node_field(key, field, definition, source)
            fields.append(compiled)
            columns = _with(columns, *_columns_of(compiled))
        return NodeShape(columns, tuple(fields))

    def node_field(
        self, key: str, node: FieldNode, definition: GraphQLField, source: FromClause
    ) -> NodeField:
        strawberry_field = definition.extensions.get(DEFINITION)
        if not isinstance(strawberry_field, StrawberryField) or strawberry_field.extensions:
            raise Declined
        if strawberry_field.permission_classes:
            raise Declined
        non_null = isinstance(definition.type, GraphQLNonNull)
        resolver = strawberry_field.base_resolver
        if resolver is None:
            name = strawberry_field.python_name
            serializer = _leaf_serializer(definition.type)
            if name not in source.c or serializer is None:
                raise Declined
            return Leaf(key, name, serializer, non_null)
        function = _function(resolver.wrapped_func)
        loaded = LOADED_FIELDS.get(function)
        if loaded is not None:
            if loaded.key not in source.c:
                raise Declined
            loader = loaded.loader
            if loaded.pick is not None or not _reads_rows(loader):
                write = self.writer(node, definition.type)
                return Batched(key, loaded.key, loader, loaded.pick, write)
            many = issubclass(loader, ChildrenByParentIdLoader)
            node_type = _object_type(definition.type)
            shape = self.node(node, node_type, loader.table)
            shape = NodeShape(_with(shape.columns, loader.key), shape.fields)
            return Related(key, loaded.key, loader.table, loader.key, many, shape, non_null)
        if function in OWN_ROW_FIELDS:
            return Nested(key, self.node(node, _object_type(definition.type), source))
        alias = COLUMN_ALIASES.get(function)
        serializer = _leaf_serializer(definition.type)
        if alias is not None and alias in source.c and serializer is not None:
            return Leaf(key, alias, serializer, non_null)
        derived = DERIVED_FIELDS.get(function)
        if derived is not None and derived.column in source.c:
            write = self.writer(node, definition.type)
            return Derived(key, derived.column, derived.derive, write)
        raise Declined

    def writer(self, node: FieldNode, output: GraphQLOutputType) -> Writer:
        """How a value of `output` a resolver returned answers the selection of `node`, as
        graphql-core completes it: objects of plain fields (no resolver of their own), lists
        and scalars; a null where the type has none is declined."""
        if isinstance(output, GraphQLNonNull):
            return _non_null(self.writer(node, output.of_type))
        if isinstance(output, GraphQLList):
            return _items(self.writer(node, output.of_type))
        if isinstance(output, GraphQLScalarType):
            return _nullable(_serializer(output))
        if isinstance(output, GraphQLObjectType):
            return self.object_writer(node, output)
        raise Declined

    def object_writer(self, node: FieldNode, object_type: GraphQLObjectType) -> Writer:
        parts: list[tuple[str, str | None, Writer]] = []
        for field in self.fields(node.selection_set, object_type.name):
            key = (field.alias or field.name).value
            if field.name.value == "__typename":
                parts.append((key, None, _constant(object_type.name)))
                continue
            definition = object_type.fields.get(field.name.value)
            strawberry_field = definition.extensions.get(DEFINITION) if definition else None
            if not isinstance(strawberry_field, StrawberryField) or definition is None:
                raise Declined
            if (
                strawberry_field.base_resolver is not None
                or strawberry_field.extensions
                or strawberry_field.permission_classes
                or field.arguments
            ):
                raise Declined
            write = self.writer(field, definition.type)
            parts.append((key, strawberry_field.python_name, write))

        def write_object(value: object) -> object:
            if value is None:
                return None
            return {
                key: write(value if name is None else getattr(value, name))
                for key, name, write in parts
            }

        return write_object


def _reads_rows(loader: type[TenantRecordsLoader[Any]]) -> bool:
    """Whether `loader` answers its table's rows as they are (by id, or children by parent),
    so that only the columns selected need reading."""
    if issubclass(loader, ChildrenByParentIdLoader):
        return loader._load is ChildrenByParentIdLoader._load
    return issubclass(loader, RecordByIdLoader) and loader._load is RecordByIdLoader._load


def _non_null(write: Writer) -> Writer:
    def write_non_null(value: object) -> object:
        if value is None:
            raise Declined
        return write(value)

    return write_non_null


def _nullable(write: Writer) -> Writer:
    return lambda value: None if value is None else write(value)


def _items(write: Writer) -> Writer:
    def write_items(value: object) -> object:
        if value is None:
            return None
        if not isinstance(value, list):
            raise Declined
        return [write(item) for item in value]

    return write_items


def _function(wrapped: object) -> Callable[..., object]:
    """A resolver's function (the registries' key); a static or class method is none of
    theirs."""
    return wrapped if callable(wrapped) else _unregistered


def _unregistered() -> None:
    """Looked up where a resolver is not a plain function: found in no registry."""


def _columns_of(field: NodeField) -> tuple[str, ...]:
    if isinstance(field, Leaf):
        return (field.name,)
    if isinstance(field, Derived | Related | Batched):
        return (field.column,)
    if isinstance(field, Nested):
        return field.shape.columns
    return ()


def _with(columns: tuple[str, ...], *more: str) -> tuple[str, ...]:
    """`columns` and then those of `more` not already there (an empty name is none)."""
    added = list(columns)
    for column in more:
        if column and column not in added:
            added.append(column)
    return tuple(added)


def _merged(first: NodeShape, second: NodeShape) -> NodeShape:
    return NodeShape(_with(first.columns, *second.columns), first.fields + second.fields)


def _object_type(output: GraphQLOutputType) -> GraphQLObjectType:
    """The object type of a field (of a list's items), or `Declined` for any other."""
    unwrapped = output
    while isinstance(unwrapped, GraphQLNonNull | GraphQLList):
        unwrapped = unwrapped.of_type
    if not isinstance(unwrapped, GraphQLObjectType):
        raise Declined
    return unwrapped


def _leaf_serializer(output: GraphQLOutputType) -> Serializer | None:
    """How a value of a scalar type, or of a list of one, is written; None for other types."""
    unwrapped = output.of_type if isinstance(output, GraphQLNonNull) else output
    if isinstance(unwrapped, GraphQLScalarType):
        return _serializer(unwrapped)
    if not isinstance(unwrapped, GraphQLList):
        return None
    item_type = unwrapped.of_type
    item = item_type.of_type if isinstance(item_type, GraphQLNonNull) else item_type
    if not isinstance(item, GraphQLScalarType):
        return None
    return _list_of(_serializer(item), non_null=isinstance(item_type, GraphQLNonNull))


def _list_of(serialize: Serializer, *, non_null: bool) -> Serializer:
    """A list of scalars, each written as graphql-core writes it; a list held in any other
    form, or a null where the items may not be, is declined."""

    def serialize_list(value: object) -> object:
        if not isinstance(value, list):
            raise Declined
        items = [None if item is None else serialize(item) for item in value]
        if non_null and None in items:
            raise Declined
        return items

    return serialize_list


def compile_query(query: str, operation_name: str | None) -> CompiledQuery | None:
    """The plan of a query, or None where the general executor must answer it."""
    try:
        document = parse(query)
    except GraphQLError:
        return None
    graphql_schema = schema._schema
    if validate_document(graphql_schema, document, RULES):
        return None
    operation = get_operation_ast(document, operation_name)
    if operation is None or operation.operation is not OperationType.QUERY:
        return None
    if operation.directives or any(
        definition.directives for definition in operation.variable_definitions or ()
    ):
        return None
    fragments = {
        definition.name.value: definition
        for definition in document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }
    root = graphql_schema.query_type
    assert root is not None
    try:
        roots = _Compiler(graphql_schema, fragments).roots(operation)
    except Declined:
        return None
    return CompiledQuery(operation, roots, plan_of(root, operation, fragments))


class CompiledQueries:
    """The plans of the last `size` query texts (with their operation names), declined ones
    included, so that a query is parsed and validated here once."""

    def __init__(self, size: int = QUERY_CACHE_SIZE) -> None:
        self.size = size
        self._plans: OrderedDict[tuple[str, str | None], CompiledQuery | None] = OrderedDict()

    def of(self, query: str, operation_name: str | None) -> CompiledQuery | None:
        key = (query, operation_name)
        if key in self._plans:
            self._plans.move_to_end(key)
            return self._plans[key]
        plan = compile_query(query, operation_name)
        self._plans[key] = plan
        if len(self._plans) > self.size:
            self._plans.popitem(last=False)
        return plan


COMPILED_QUERIES = CompiledQueries()
