"""What the API offers, read from what the server really serves: the OpenAPI document
(`app.openapi()`) and the GraphQL schema. New operations appear here without code.

An operation is a GraphQL query (a root field such as `goods_outs`, whose `all` connection
lists records) or a REST operation (`PATCH /api/goods_outs/{id}`). `search` ranks them for a
request in plain words, with a few warehouse synonyms (a sales order is a goods out)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from fastapi import FastAPI
from graphql import GraphQLField, GraphQLNamedType, GraphQLObjectType, get_named_type

from clarus.api.graphql.schema import schema
from clarus.core.json_types import JSONObject, JSONValue

SYNONYMS: Mapping[str, tuple[str, ...]] = {
    "sales order": ("goods out",),
    "sale order": ("goods out",),
    "customer order": ("goods out",),
    "outbound order": ("goods out",),
    "order": ("goods out",),
    "shipment order": ("goods out",),
    "despatch": ("dispatch",),
    "receipt": ("goods in",),
    "asn": ("goods in",),
    "pre receipt": ("goods in",),
    "pre-receipt": ("goods in",),
    "prereceipt": ("goods in",),
    "purchase order": ("goods in",),
    "inbound": ("goods in",),
    "delivery": ("goods in",),
    "sku": ("product",),
    "item": ("product",),
    "article": ("product",),
    "inventory": ("stock", "stock balance"),
    "on hand": ("stock",),
    "pallet": ("storage unit",),
    "container": ("storage unit",),
    "lpn": ("storage unit",),
    "bin": ("location",),
    "client": ("account",),
    "owner": ("account",),
    "vendor": ("supplier",),
    "pick": ("pick list", "goods out pick list"),
    "hold": ("status", "goods out status"),
}
"""Phrases of the trade (left) and the words the API uses for them (right)."""

STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "for",
        "to",
        "in",
        "on",
        "at",
        "by",
        "is",
        "are",
        "what",
        "which",
        "who",
        "how",
        "many",
        "much",
        "me",
        "my",
        "our",
        "show",
        "get",
        "list",
        "all",
        "find",
        "with",
        "and",
        "or",
        "from",
        "put",
    ]
)
NAME_WEIGHT = 3.0
PHRASE_WEIGHT = 4.0
TEXT_WEIGHT = 1.0
FIELD_WEIGHT = 0.5
COVERAGE_WEIGHT = 2.0
SYNONYM_SOURCE_WEIGHT = 0.5
GRAPHQL_BONUS = 0.5
"""Reads are GraphQL's: a question ranks the query a little above the writes."""


def words_of(text: str) -> list[str]:
    """Lower-case words, camelCase and snake_case split, a plural `s` dropped."""
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", text)
    return [_singular(word) for word in re.findall(r"[a-z0-9]+", spaced.lower())]


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


@dataclass(frozen=True, slots=True)
class Operation:
    kind: str
    """`graphql` or `rest`."""
    name: str
    """The query's root field, or `METHOD /path`."""
    summary: str
    name_words: tuple[str, ...]
    text_words: frozenset[str]
    field_words: frozenset[str] = field(default_factory=frozenset)

    def score(self, terms: SearchTerms) -> float:
        """Each word scores once, where it is best found (the name, the words, the fields);
        a phrase found in the name and a name mostly matched score more."""
        total = 0.0
        name = f" {' '.join(self.name_words)} "
        for word, weight in terms.words.items():
            if word in self.name_words:
                total += NAME_WEIGHT * weight
            elif word in self.text_words:
                total += TEXT_WEIGHT * weight
            elif word in self.field_words:
                total += FIELD_WEIGHT * weight
        total += sum(PHRASE_WEIGHT for phrase in terms.phrases if f" {phrase} " in name)
        matched = sum(1 for word in self.name_words if word in terms.words)
        total += COVERAGE_WEIGHT * matched / max(len(self.name_words), 1)
        if total and self.kind == "graphql":
            total += GRAPHQL_BONUS
        return total

    def listed(self, score: float) -> JSONObject:
        inspect = "graphql_details" if self.kind == "graphql" else "rest_details"
        return {
            "kind": self.kind,
            "name": self.name,
            "summary": self.summary,
            "score": round(score, 2),
            "inspect_with": inspect,
        }


@dataclass(frozen=True, slots=True)
class SearchTerms:
    words: dict[str, float]
    """Each word sought and its weight (a word a synonym stands for counts half)."""
    phrases: frozenset[str]
    """The API's phrases the request's synonyms stand for (`good out`)."""


def search_terms(request: str) -> SearchTerms:
    """The request's words, and each synonym phrase found in it as the API's words."""
    words = [word for word in words_of(request) if word not in STOP_WORDS]
    joined = f" {' '.join(words)} "
    weights = dict.fromkeys(words, 1.0)
    phrases: set[str] = set()
    for phrase, meanings in SYNONYMS.items():
        phrase_words = words_of(phrase)
        if f" {' '.join(phrase_words)} " not in joined:
            continue
        for word in phrase_words:
            weights[word] = min(weights[word], SYNONYM_SOURCE_WEIGHT)
        for meaning in meanings:
            meaning_words = words_of(meaning)
            phrases.add(" ".join(meaning_words))
            for word in meaning_words:
                weights[word] = 1.0
    if not weights:
        return SearchTerms({}, frozenset())
    return SearchTerms(weights, frozenset(phrase for phrase in phrases if " " in phrase))


def search(app: FastAPI, request: str, *, limit: int) -> list[JSONObject]:
    terms = search_terms(request)
    scored = [(operation.score(terms), operation) for operation in operations(app)]
    ranked = sorted(
        (pair for pair in scored if pair[0] > 0), key=lambda pair: (-pair[0], pair[1].name)
    )
    return [operation.listed(score) for score, operation in ranked[:limit]]


OPERATIONS_STATE = "mcp_operations"


def operations(app: FastAPI) -> tuple[Operation, ...]:
    """Every operation the app serves (read once per application, kept in its state)."""
    found = getattr(app.state, OPERATIONS_STATE, None)
    if not isinstance(found, tuple):
        found = (*graphql_operations(), *rest_operations(app.openapi()))
        setattr(app.state, OPERATIONS_STATE, found)
    return found


def graphql_operations() -> Iterator[Operation]:
    query = schema._schema.query_type
    assert query is not None
    for name, root in query.fields.items():
        connection = connection_field(name)
        node = node_type(connection) if connection is not None else None
        fields = frozenset(
            word for field_name in getattr(node, "fields", {}) for word in words_of(field_name)
        )
        yield Operation(
            "graphql",
            name,
            root.description or "",
            tuple(words_of(name)),
            frozenset(words_of(root.description or "")),
            fields,
        )


def connection_field(name: str) -> GraphQLField | None:
    """The `all` connection under a root field (`goods_outs { all }`)."""
    query = schema._schema.query_type
    assert query is not None
    holder = get_named_type(query.fields[name].type)
    return holder.fields.get("all") if isinstance(holder, GraphQLObjectType) else None


def _object_field_type(parent: GraphQLNamedType | None, name: str) -> GraphQLObjectType | None:
    found = parent.fields.get(name) if isinstance(parent, GraphQLObjectType) else None
    named = get_named_type(found.type) if found is not None else None
    return named if isinstance(named, GraphQLObjectType) else None


def node_type(connection: GraphQLField) -> GraphQLObjectType | None:
    """The node type of a connection field (`edges { node }`)."""
    edge = _object_field_type(get_named_type(connection.type), "edges")
    return _object_field_type(edge, "node")


HTTP_METHODS = ("get", "post", "put", "patch", "delete")


def rest_operations(document: JSONObject) -> Iterator[Operation]:
    paths = document.get("paths")
    if not isinstance(paths, dict):
        return
    for path, item in paths.items():
        if not path.startswith("/api/") or not isinstance(item, dict):
            continue
        for method in HTTP_METHODS:
            operation = item.get(method)
            if not isinstance(operation, dict):
                continue
            summary = str(operation.get("summary") or "")
            tags = " ".join(str(tag) for tag in _list(operation.get("tags")))
            text = f"{summary} {operation.get('operationId') or ''} {tags}"
            yield Operation(
                "rest",
                f"{method.upper()} {path}",
                summary,
                tuple(word for word in words_of(path) if word != "api" and word != "id"),
                frozenset(words_of(text)),
                frozenset(words_of(str(operation.get("description") or "")[:400])),
            )


def _list(value: JSONValue | None) -> list[JSONValue]:
    return value if isinstance(value, list) else []
