"""graphql_query's page cap and its CSV, on their own (the tools' tests go through MCP)."""

from __future__ import annotations

from graphql import parse

from clarus.api.mcp.calls import capped, csv_text

QUERY = "query($n: Int) { products { all(first: 1000) { edges { node { id } } } } " + (
    "stocks { all(first: $n) { edges { node { id } } } } }"
)


def test_every_first_above_the_cap_is_lowered_to_it() -> None:
    text, variables = capped(parse(QUERY), {"n": 700}, 100)
    assert "all(first: 100)" in text
    assert "all(first: 1000)" not in text
    assert variables == {"n": 100}


def test_a_first_under_the_cap_is_kept() -> None:
    text, variables = capped(parse(QUERY), {"n": 7}, 5000)
    assert "all(first: 1000)" in text
    assert variables == {"n": 7}


def test_the_csv_is_rfc_4180_with_a_byte_order_mark_and_dotted_columns() -> None:
    rows = [{"code": 'A "1"', "account": {"code": "X,Y"}}, {"code": "B\nC", "account": None}]
    assert csv_text(rows, None) == (
        '\ufeffcode,account.code,account\r\n"A ""1""","X,Y",\r\n"B\nC",,\r\n'
    )


def test_a_text_a_spreadsheet_would_run_is_made_inert_and_numbers_are_kept() -> None:
    rows = [{"note": "=HYPERLINK(1)", "name": "@sum", "quantity": -5, "tags": ["-x"]}]
    assert csv_text(rows, None) == (
        '\ufeffnote,name,quantity,tags\r\n\'=HYPERLINK(1),\'@sum,-5,"[""-x""]"\r\n'
    )
