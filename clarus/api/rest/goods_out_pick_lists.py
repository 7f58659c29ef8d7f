"""`PATCH` and `DELETE /api/goods_out_pick_lists/{id}`: pick lists are made by processing picks
(`goods_out_processes`), so there is no `POST`."""

from __future__ import annotations

from clarus.api.rest.crud import RestResource, add_crud_routes
from clarus.api.rest.routers import write_router
from clarus.outbound.pick_lists import GOODS_OUT_PICK_LIST_WRITES, GOODS_OUT_PICK_LISTS
from clarus.outbound.records import GoodsOutPickListRecord
from clarus.outbound.schemas import GoodsOutPickListUpdateAttributes

router = write_router("Goods Out: Pick Lists")
add_crud_routes(
    router,
    RestResource(
        kind=GOODS_OUT_PICK_LISTS,
        writes=GOODS_OUT_PICK_LIST_WRITES,
        resource_type="goods_out_pick_lists",
        schema_name="GoodsOutPickList",
        create_attributes=None,
        update_attributes=GoodsOutPickListUpdateAttributes,
        record=GoodsOutPickListRecord,
        create_operation=None,
        update_operation="updateGoodsOutPickList",
        delete_operation="destroyGoodsOutPickList",
        label="pick list",
    ),
)
