"""Documented examples made into requests that can succeed in a fresh tenant: the records they
point at made first, from their own examples (`ExamplePreparer`). The REST conformance suite
sends them; the GraphQL one seeds the lists it reads with them."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from clarus.core.db import Database
from clarus.tasks.rf_flows import create_rf_user
from tests.conformance.ours import our_operation
from tests.conformance.spec import (
    Operation,
    attributes_schema,
    operations,
    path_parameters,
    spec_path,
)
from tests.outbound.pick_lists import finished_pick_list
from tests.shipping.factories import fulfilled_order_id
from tests.support import Caller


def implemented_rest() -> list[Operation]:
    if not spec_path().exists():
        return []
    return [op for op in operations() if not op.is_graphql and our_operation(op) is not None]


REST = implemented_rest()


CREATED_THROUGH = {"/api/addresses": "/api/delivery_addresses"}
"""Records with no POST of their own, and the operation that makes one."""
OURS_CREATES = {
    "/api/stocks": (
        "/api/stocks/positive_adjustment",
        {
            "data": {
                "type": "stocks",
                "attributes": {"product_id": 1, "account_id": 1, "location_id": 1, "quantity": 500},
            }
        },
    ),
    "/api/groups": (
        "/api/groups",
        {
            "data": {
                "type": "groups",
                "attributes": {
                    "name": "Hazardous",
                    "use_for_products": True,
                    "use_for_locations": True,
                },
            }
        },
    ),
}
"""Records the contract documents no create for, made through our own operation (stock:
the positive adjustment of the spec README; groups: `POST /api/groups`), from a body written
here; a `name` in it gets a serial, as names are unique."""
LISTED_IDS = {"location_ids": "/api/locations"}
"""Attributes listing ids of one collection: a record is made for each id of the example."""
MEMBERS_ADDED_FIRST = {
    "destroyProductGroup": "product_groups",
    "destroyLocationGroup": "location_groups",
}
"""Removals of a group's member named by a query parameter: the member is added first, so
that there is one to remove."""
REFERENCES_BY_ROLE = {
    "location_to_id": "/api/locations",
    "storage_unit_to_id": "/api/storage_units",
    "alternative_codeable_id": "/api/products",
    "child_product_id": "/api/products",
}
"""References named for their role (a task's destination, the product an alternative code
belongs to: its examples say `Product`) rather than their collection."""
FRESH_REFERENCES = frozenset({"child_product_id"})
"""References that need a record of their own, not the collection's first: a material's
component is another product than its parent."""
PARENTS_MADE_WITH = {
    "/api/products/{product_id}/materials": {"product_id": {"product_type": "bill_of_materials"}}
}
"""Attributes the parent a nested path names is made with: only a bill of materials has
materials."""
MADE_BY_RECEIVING = frozenset({"/api/receive_tasks", "/api/tasks"})
"""Tasks have no POST: a receive task is made by receiving a receipt (`ExamplePreparer`)."""
MADE_BY_PROCESSING = "/api/goods_out_pick_lists"
"""Pick lists have no POST: processing picks makes them, here through the sandbox simulator
(`tests.outbound.pick_lists.finished_pick_list`)."""
SHIPPED_ORDERS_FOR = "/api/shipments"
"""A shipment's order must be dispatched or being packed: one fulfilled by the simulator."""
IDS_OF = {
    "/api/tasks/allocate": "/api/tasks",
    "/api/tasks/unallocate": "/api/tasks",
    "/api/stocks/hold": "/api/stocks",
    "/api/stocks/offhold": "/api/stocks",
    "/api/charge_baskets/generate_invoice": "/api/charge_baskets",
}
"""Bulk actions whose `ids` name records of another path than their own."""
NEEDS_AN_ACCOUNT = ("/api/stock_checks",)
"""Paths whose records need an account in the tenant that their example does not name: a stock
check's count task belongs to the account whose stock the location holds, or to the tenant's
first account, and a fresh tenant has none."""
CREATED_ID_KEYS = ("id", "stock_check_id")
"""Where a flat create answer puts the new record's id (a stock check's is `stock_check_id`)."""
RECEIVED_FIRST = frozenset({"revertGoodsInReceipt"})
"""Operations on a receipt that must have been received first: only a `received` receipt
reverts."""
REFERENCED_WITH: dict[str, dict[str, dict[str, Any]]] = {
    "createPickfaceProduct": {"/api/locations": {"is_pickface": True}},
    "holdStocks": {"/api/reason_codes": {"reason_type": "hold"}},
    "offholdStocks": {"/api/reason_codes": {"reason_type": "release"}},
    "transferStock": {"/api/reason_codes": {"reason_type": "transfer"}},
    "runAutomation": {
        "/api/automations": {"resource_name": "daily_schedule", "event": "triggered"}
    },
    "generateInvoiceFromChargeBaskets": {"/api/charge_baskets": {"status": "CLOSED"}},
}
"""Per operation, attributes that the records its example points at need beyond their own
examples: a pickface product's location must be a pickface (`createLocation`'s example is not)."""


CHILD_CHANGES = {
    "lines_changes": "lines",
    "conditions_changes": "conditions",
    "packages_changes": "packages",
}
"""Change arrays whose UPDATE and DESTROY name a child row, and where responses show the rows."""
WEBHOOK_ACTION = {
    "type": "ADD",
    "attributes": {
        "destination_type": "webhook",
        "parameters_changes": [
            {
                "type": "ADD",
                "attributes": {
                    "parameter_code": "webhook_url",
                    "value": "https://93.184.215.14/hooks/clarus",
                },
            }
        ],
    },
}
"""A webhook to a public address (an IP literal: no DNS needed), in place of the documented
email action, which needs an SMTP server: the shared test app has none, so automations made
as other records' references (here and in the tenant isolation tests) send to a webhook."""
CREATED_WITH: dict[str, dict[str, Any]] = {
    "/api/automations": {"actions_changes": [WEBHOOK_ACTION]},
    "/api/locations": {"available_in_booking_diary": True, "booking_slots": 1000},
}
"""Attributes a record made for a collection always gets instead of its example's: a location
is a dock that takes every booking the examples make (they all share one time slot)."""


def _lines_changes(body: Any, key: str = "lines_changes") -> list[Any]:
    attributes = body.get("data", {}).get("attributes") if isinstance(body, dict) else None
    changes = attributes.get(key) if isinstance(attributes, dict) else None
    return changes if isinstance(changes, list) else []


STANDARD_CODES = {
    "/api/currencies": ("EUR", "GBP", "JPY", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "AUD"),
}
"""Collections whose `code` is a standard's (ISO 4217), not free text: a further record of one
tenant takes another real code instead of a suffixed one."""


def _distinct(body: Any, serial: int) -> Any:
    """The example again, its `code` (a receipt's `reference`) made unique, so one example can
    make several records."""
    attributes = body.get("data", {}).get("attributes") if isinstance(body, dict) else None
    for key in ("code", "reference"):
        if serial and isinstance(attributes, dict) and isinstance(attributes.get(key), str):
            attributes[key] = f"{attributes[key][:40]}-{serial}"
    return body


def _named_apart(body: Any, serial: int) -> Any:
    attributes = body.get("data", {}).get("attributes") if isinstance(body, dict) else None
    if serial and isinstance(attributes, dict) and isinstance(attributes.get("name"), str):
        attributes["name"] = f"{attributes['name']}-{serial}"
    return body


LEFT_OUT = object()


def required_attributes(operation: Operation) -> frozenset[str]:
    documented = attributes_schema(operation.request_schema()) or {}
    return frozenset(documented.get("required", []))


class ExamplePreparer:
    """Turns a documented example into a request that can succeed in a fresh tenant: records
    the example points at (`*_id`, path ids, `ids`) are created first from their own examples,
    nested collections (`/api/products/{product_id}/account_products`) under a parent made
    likewise. An optional reference to a resource not implemented here is left out."""

    def __init__(
        self,
        caller: Caller,
        referenced_with: Mapping[str, Mapping[str, Any]] | None = None,
        db: Database | None = None,
    ) -> None:
        self.caller = caller
        self.db = db
        self.referenced_with = referenced_with or {}
        """Attributes added to the example of a record made for a collection (`REFERENCED_WITH`)."""
        self.made = 0
        self.created: dict[str, int] = {}
        """The first record made per collection, reused by later references to it (examples
        share names, and names are unique)."""
        self.added_lines: dict[str, Any] = {}
        """Per collection, the first line its create example adds (to give a record lines)."""

    async def create(
        self,
        collection: str,
        parents: Mapping[str, int] | None = None,
        made_with: Mapping[str, Any] | None = None,
    ) -> int:
        """A new record of `collection`, a documented path whose parent ids are `parents`;
        `made_with`: attributes it gets beyond its example."""
        if collection == "/api/subdomains":
            return self.caller.tenant_id
        if collection in MADE_BY_RECEIVING:
            return await self.receive_task()
        if collection == "/api/rf_users":
            return await self.rf_user()
        if collection == MADE_BY_PROCESSING:
            return await finished_pick_list(self.caller)
        collection = CREATED_THROUGH.get(collection, collection)
        if collection in OURS_CREATES:
            target, written = OURS_CREATES[collection]
            example = _named_apart(await self.prepare(copy.deepcopy(written), target), self.made)
            self.made += 1
            return await self._post_created(collection, target, example)
        creator = next((op for op in REST if op.method == "POST" and op.path == collection), None)
        if creator is None:
            raise LookupError(f"no implemented POST {collection} to create a referenced record")
        target = await self._fill(collection, dict(parents or {}))
        example = await self.prepare(creator.example_body(), target, required_attributes(creator))
        body = _distinct(example, self.made)
        if collection in STANDARD_CODES and self.made:
            codes = STANDARD_CODES[collection]
            body["data"]["attributes"]["code"] = codes[self.made % len(codes)]
        if collection in CREATED_WITH:
            body["data"]["attributes"].update(copy.deepcopy(CREATED_WITH[collection]))
        if collection in self.referenced_with:
            body["data"]["attributes"].update(self.referenced_with[collection])
        body["data"]["attributes"].update(made_with or {})
        self.made += 1
        for key in CHILD_CHANGES:
            first_change = _lines_changes(body, key)[:1]
            if first_change:
                self.added_lines.setdefault(f"{collection} {key}", first_change[0])
        return await self._post_created(target, target, body)

    async def _post_created(self, collection: str, target: str, body: Any) -> int:
        response = await self.caller.post(target, body)
        assert response.status_code in (200, 201), (target, response.text)
        created = response.json()
        if "data" in created:
            record_id = int(created["data"]["id"])
        else:
            record_id = int(next(created[key] for key in CREATED_ID_KEYS if key in created))
        self.created.setdefault(collection, record_id)
        return record_id

    async def prepare(
        self, node: Any, collection: str, required: frozenset[str] = frozenset()
    ) -> Any:
        """The example with its references made; `required`: the attributes it must keep."""
        if isinstance(node, list):
            return [await self.prepare(value, collection, required) for value in node]
        if not isinstance(node, dict):
            return node
        prepared: dict[str, Any] = {}
        for key, value in node.items():
            if key == "goods_out_id" and collection.startswith(SHIPPED_ORDERS_FOR):
                self.made += 1
                prepared[key] = await fulfilled_order_id(self.caller, f"SO-SHIP-{self.made}")
            elif key.endswith("_id") and isinstance(value, int | str) and str(value).isdigit():
                reference = await self._reference(key, value, required)
                if reference is not LEFT_OUT:
                    prepared[key] = reference
            elif key in LISTED_IDS and isinstance(value, list):
                prepared[key] = [await self.create(LISTED_IDS[key]) for _ in value]
            elif key == "ids" and isinstance(value, list):
                named = IDS_OF.get(collection, collection)
                prepared[key] = [await self.create(named) for _ in value]
            else:
                prepared[key] = await self.prepare(value, collection, required)
        return prepared

    async def rf_user(self) -> int:
        """RF users have no POST: a user's handheld profile made through the domain."""
        assert self.db is not None
        user_id = await self.create("/api/users")
        warehouse_id = await self.create("/api/warehouses")
        async with self.db.write_session() as session:
            profile = await create_rf_user(
                session,
                tenant_id=self.caller.tenant_id,
                user_id=user_id,
                username="rf_scanner_03",
                name="Warehouse Scanner 3",
                warehouse_id=warehouse_id,
                default_rf_implementation_id=4,
            )
        return int(profile["id"])

    async def receive_task(self) -> int:
        """Tasks have no POST: receiving a receipt (made from its own example) makes them; the
        first receive task it made."""
        receipt_id = await self.create("/api/goods_in_receipts")
        response = await self.caller.post(f"/api/goods_in_receipts/{receipt_id}/receive", None)
        assert response.status_code == 200, response.text
        result = await self.caller.graphql(
            "query($filter: TaskFilterType) { tasks { all(filter: $filter) { edges { node { id"
            " } } } } }",
            {"filter": {"goods_in_receipt_id": {"eq": str(receipt_id)}}},
        )
        return int(result["data"]["tasks"]["all"]["edges"][0]["node"]["id"])

    async def with_own_lines(self, record_path: str, body: Any) -> Any:
        """The example's UPDATE and DESTROY (`REMOVE`) changes made to name lines of the record
        at `record_path`: each gets a line of its own, added as the create example adds one."""
        collection = record_path.rsplit("/", 1)[0]
        for key, shown in CHILD_CHANGES.items():
            for change in _lines_changes(body, key):
                if change.get("type") == "ADD" or "id" not in change:
                    continue
                addition = {"data": {**body["data"], "attributes": {}}}
                addition["data"].pop("relationships", None)
                addition["data"]["attributes"][key] = [self.added_lines[f"{collection} {key}"]]
                response = await self.caller.patch(record_path, addition)
                assert response.status_code == 200, response.text
                change["id"] = response.json()["data"]["attributes"][shown][-1]["id"]
        return body

    async def _reference(self, key: str, value: int | str, required: frozenset[str]) -> Any:
        """The record a `*_id` names: the collection's first one, or a new one for a `to_*_id`
        (where stock goes: another record than where it is)."""
        noun = key[: -len("_id")].removeprefix("to_")
        collection = f"/api/{noun}es" if noun.endswith(("s", "ss")) else f"/api/{noun}s"
        collection = REFERENCES_BY_ROLE.get(key, collection)
        is_fresh = key.startswith("to_") or key in FRESH_REFERENCES
        reused = None if is_fresh else self.created.get(collection)
        try:
            record_id = reused or await self.create(collection)
        except LookupError:
            return value if key in required else LEFT_OUT
        return str(record_id) if isinstance(value, str) else record_id

    async def _fill(self, path: str, ids: dict[str, int]) -> str:
        """`path` with each parameter replaced by its id in `ids`, or by a record made for it
        (`{id}`: of the collection before it; `{product_id}`: a product)."""
        filled = path
        for name in path_parameters(path):
            if name not in ids:
                if name == "id":
                    collection = path.split("/{id}", 1)[0]
                else:
                    collection = "/api/" + name[: -len("_id")] + "s"
                made_with = PARENTS_MADE_WITH.get(path.removesuffix("/{id}"), {}).get(name)
                ids[name] = await self.create(collection, ids, made_with)
            filled = filled.replace(f"{{{name}}}", str(ids[name]))
        return filled

    async def path(self, operation: Operation) -> str:
        if operation.path.startswith(NEEDS_AN_ACCOUNT) and "/api/accounts" not in self.created:
            await self.create("/api/accounts")
        path = await self._fill(operation.path, {})
        query = [
            p
            for p in operation.raw.get("parameters", [])
            if p.get("in") == "query" and p.get("required")
        ]
        if any(p["name"] == "ids" for p in query):
            collection = operation.path
            ids = [await self.create(collection) for _ in range(2)]
            path += "?ids=" + ",".join(map(str, ids))
        for name in (p["name"] for p in query if p["name"].endswith("_id")):
            record_id = await self.create(f"/api/{name.removesuffix('_id')}s")
            member_of = MEMBERS_ADDED_FIRST.get(operation.operation_id)
            if member_of is not None:
                await self._add_member(path.rsplit("/", 1)[0], member_of, name, record_id)
            path += ("&" if "?" in path else "?") + f"{name}={record_id}"
        return path

    async def _add_member(self, group_path: str, member_of: str, name: str, record_id: int) -> None:
        group_id = int(group_path.rsplit("/", 1)[1])
        attributes = {"group_id": group_id, name: record_id}
        response = await self.caller.post(
            f"{group_path}/{member_of}", {"data": {"type": member_of, "attributes": attributes}}
        )
        assert response.status_code == 200, response.text
