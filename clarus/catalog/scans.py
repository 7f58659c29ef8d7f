"""Reading a scanned string (`POST /api/barcode_formats/parse`, ours): in which barcode format,
into which fields, and which product it names.

A barcode format's `code` says how it reads: a GS1 code (`GS1_FORMAT_CODES`) reads GS1 element
strings (`clarus.catalog.gs1`), any other code (EAN13, a custom format) reads the scan whole as
a product code. Without a format named, the tenant's default format reads it; a scan that
looks like GS1 (a `]C1` prefix, an FNC1 separator, `(01)...`) is read as GS1 whatever the
format. The product is found by the GTIN (AI 01, else 02) or the whole code, through every
code a product has (`clarus.catalog.queries.product_ids_with_code`).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Literal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.catalog.gs1 import Element, Gs1Fields, MalformedScan, is_gs1, parse_gs1
from clarus.catalog.queries import product_ids_with_code
from clarus.catalog.records import BarcodeScanRecord, ScanElementRecord
from clarus.catalog.tables import barcode_formats, products
from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.references import Reference, ensure_references_exist
from clarus.masterdata.tables import accounts

GS1_FORMAT_CODES = frozenset(
    {"GS1", "GS1-128", "GS1_128", "GS1128", "EAN128", "EAN-128", "UCC128", "GS1_DATAMATRIX"}
)


async def read_scan(
    session: AsyncSession,
    *,
    tenant_id: int,
    scan: str,
    barcode_format_id: int | None = None,
    account_id: int | None = None,
) -> BarcodeScanRecord:
    """How the scan was read, the product it names (null when none does) and the GS1 fields
    it carries (null when absent or read as a plain code). `MalformedScan` becomes 422
    `malformed_barcode` at `/scan` with the character's `position`; a code several products
    share (and `account_id` does not settle) is 422 `ambiguous_product_code` with their ids."""
    await ensure_references_exist(
        session, tenant_id=tenant_id, references=[Reference(accounts, account_id, "/account_id")]
    )
    format_id, format_code = await _barcode_format(
        session, tenant_id=tenant_id, barcode_format_id=barcode_format_id
    )
    is_read_as_gs1 = format_code in GS1_FORMAT_CODES or is_gs1(scan)
    reading: Literal["gs1", "code"] = "gs1" if is_read_as_gs1 else "code"
    fields: Gs1Fields = Gs1Fields()
    elements: tuple[Element, ...] = ()
    if reading == "gs1":
        try:
            parsed = parse_gs1(scan)
        except MalformedScan as error:
            raise ClarusError.of(
                ErrorKind.MALFORMED_BARCODE,
                f"The scan is not GS1: {error.reason} at character {error.position}.",
                path="/scan",
                position=error.position,
            ) from None
        fields, elements = parsed.fields, parsed.elements
    code = fields.gtin or fields.content_gtin if reading == "gs1" else scan
    product_id, product_code = await _product(
        session, tenant_id=tenant_id, code=code, account_id=account_id
    )
    return BarcodeScanRecord(
        scan=scan,
        barcode_format_id=format_id,
        reading=reading,
        product_id=product_id,
        product_code=product_code,
        **asdict(fields),
        elements=[ScanElementRecord(**asdict(element)) for element in elements],
    )


async def _barcode_format(
    session: AsyncSession, *, tenant_id: int, barcode_format_id: int | None
) -> tuple[int | None, str | None]:
    """The format named (422 at `/barcode_format_id` when it does not exist), else the
    tenant's default, else none."""
    statement = select(barcode_formats.c.id, barcode_formats.c.code).where(
        barcode_formats.c.tenant_id == tenant_id
    )
    if barcode_format_id is not None:
        await ensure_references_exist(
            session,
            tenant_id=tenant_id,
            references=[Reference(barcode_formats, barcode_format_id, "/barcode_format_id")],
        )
        statement = statement.where(barcode_formats.c.id == barcode_format_id)
    else:
        statement = statement.where(barcode_formats.c.is_default.is_(True))
    row = (await session.execute(statement)).first()
    if row is None:
        return None, None
    return int(row.id), str(row.code).upper()


async def _product(
    session: AsyncSession, *, tenant_id: int, code: str | None, account_id: int | None
) -> tuple[int | None, str | None]:
    if code is None:
        return None, None
    ids = await product_ids_with_code(
        session, tenant_id=tenant_id, code=code, account_id=account_id
    )
    if not ids:
        return None, None
    if len(ids) > 1:
        raise ClarusError.of(
            ErrorKind.AMBIGUOUS_PRODUCT_CODE,
            f"The code {code!r} belongs to the products {ids}.",
            path="/scan",
            product_ids=ids,
        )
    statement = select(products.c.code).where(products.c.id == ids[0])
    return ids[0], (await session.execute(statement)).scalar_one()
