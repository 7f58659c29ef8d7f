from __future__ import annotations

from clarus.api.rest.crud import RestResource, add_crud_routes
from clarus.api.rest.routers import write_router
from clarus.inbound.records import GoodsInReceiptRecord
from clarus.inbound.schemas import GoodsInReceiptAttributes, GoodsInReceiptUpdateAttributes
from clarus.inbound.service import RECEIPT_WRITES, RECEIPTS
from clarus.masterdata.schemas import AddressRelationships

router = write_router("Goods In: Receipts")
add_crud_routes(
    router,
    RestResource(
        kind=RECEIPTS,
        writes=RECEIPT_WRITES,
        resource_type="goods_in_receipts",
        schema_name="GoodsInReceipt",
        create_attributes=GoodsInReceiptAttributes,
        update_attributes=GoodsInReceiptUpdateAttributes,
        relationships=AddressRelationships,
        record=GoodsInReceiptRecord,
        create_operation="createGoodsInReceipt",
        update_operation="updateGoodsInReceipt",
        delete_operation="destroyGoodsInReceipt",
        label="goods in receipt",
    ),
)
