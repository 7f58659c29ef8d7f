"""`sites { all }`: sites made through REST, read back through GraphQL, the polling guide's
connection check first."""

from __future__ import annotations

from typing import Any

import pytest

from tests.graphql.lists import listed
from tests.support import ApiClientFactory, Caller, without_cost

GET_SITES = """
query getSites($first: Int, $after: String) {
  sites {
    all(first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          code
          name
        }
      }
    }
  }
}
"""
"""The example query of the Clarus knowledge base's polling guide (documentation.claruswms.com,
integrations/api-polling-updates), as it is written there."""
ROOT, FILTER = "sites", "SiteFilterType"


async def seeded(caller: Caller) -> dict[str, str]:
    """NORTH (the default, upper, with an address), SOUTH (lower) and EAST (no tier)."""
    north = await caller.create(
        "sites",
        code="NORTH",
        name="Northern Distribution Centre",
        tier="upper",
        default=True,
        relationships={
            "address": {
                "data": {
                    "type": "addresses",
                    "attributes": {
                        "address_1": "1 Quay",
                        "postcode": "NE1 1AA",
                        "country_code": "GB",
                    },
                }
            }
        },
    )
    south = await caller.create("sites", code="SOUTH", name="Southern Hub", tier="lower")
    east = await caller.create("sites", code="EAST", name="East 100%")
    return {"NORTH": north["data"]["id"], "SOUTH": south["data"]["id"], "EAST": east["data"]["id"]}


async def test_the_polling_guides_connection_check_pages_through_the_sites(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new()
    ids = await seeded(caller)
    first = without_cost(await caller.graphql(GET_SITES, {"first": 2}))
    page = first["data"]["sites"]["all"]
    assert [edge["node"] for edge in page["edges"]] == [
        {"id": ids["NORTH"], "code": "NORTH", "name": "Northern Distribution Centre"},
        {"id": ids["SOUTH"], "code": "SOUTH", "name": "Southern Hub"},
    ]
    assert page["pageInfo"] == {"hasNextPage": True, "endCursor": page["edges"][1]["cursor"]}
    second = without_cost(
        await caller.graphql(GET_SITES, {"first": 2, "after": page["pageInfo"]["endCursor"]})
    )
    page = second["data"]["sites"]["all"]
    assert [edge["node"]["code"] for edge in page["edges"]] == ["EAST"]
    assert page["pageInfo"] == {"hasNextPage": False, "endCursor": page["edges"][0]["cursor"]}


async def test_a_fresh_tenant_answers_the_connection_check_with_no_sites(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new()
    result = without_cost(await caller.graphql(GET_SITES))
    assert result == {
        "data": {
            "sites": {"all": {"pageInfo": {"hasNextPage": False, "endCursor": None}, "edges": []}}
        }
    }


async def test_a_site_shows_every_field(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    ids = await seeded(caller)
    result = await caller.graphql(
        'query { sites { all(filter: {code: {eq: "NORTH"}}) { total_count edges { node {'
        " id code name default tier external_system_reference1 string1 integer1 boolean1"
        " datetime1 address { address_1 postcode country_code } } } } } }"
    )
    assert without_cost(result) == {
        "data": {
            "sites": {
                "all": {
                    "total_count": 1,
                    "edges": [
                        {
                            "node": {
                                "id": ids["NORTH"],
                                "code": "NORTH",
                                "name": "Northern Distribution Centre",
                                "default": True,
                                "tier": "upper",
                                "external_system_reference1": None,
                                "string1": None,
                                "integer1": None,
                                "boolean1": None,
                                "datetime1": None,
                                "address": {
                                    "address_1": "1 Quay",
                                    "postcode": "NE1 1AA",
                                    "country_code": "GB",
                                },
                            }
                        }
                    ],
                }
            }
        }
    }


@pytest.mark.parametrize(
    ("filter_", "expected"),
    [
        ({}, ["NORTH", "SOUTH", "EAST"]),
        ({"code": {"in": ["SOUTH", "EAST"]}}, ["SOUTH", "EAST"]),
        ({"name": {"like": "100%"}}, ["EAST"]),
        ({"name": {"ilike": "hub"}}, ["SOUTH"]),
        ({"default": {"eq": True}}, ["NORTH"]),
        ({"default": {"eq": False}}, ["SOUTH", "EAST"]),
        ({"tier": {"eq": "lower"}}, ["SOUTH"]),
        ({"updated_at": {"to": "2000-01-01T00:00:00Z"}}, []),
    ],
    ids=str,
)
async def test_filters(
    clients: ApiClientFactory, filter_: dict[str, Any], expected: list[str]
) -> None:
    caller = await clients.new()
    await seeded(caller)
    assert await listed(caller, ROOT, FILTER, filter_, field="code") == expected


async def test_another_tenants_sites_are_invisible(clients: ApiClientFactory) -> None:
    owner, stranger = await clients.new(), await clients.new()
    ids = await seeded(owner)
    assert await listed(stranger, ROOT, FILTER, {}) == []
    assert await listed(stranger, ROOT, FILTER, {"id": {"eq": ids["NORTH"]}}) == []
