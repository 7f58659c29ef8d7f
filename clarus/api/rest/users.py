from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from clarus.api.rest.crud import RestResource, add_crud_routes
from clarus.api.rest.routers import write_router
from clarus.auth import users
from clarus.auth.principal import Principal
from clarus.auth.records import UserRecord
from clarus.auth.schemas import UserAttributes, UserUpdateAttributes
from clarus.auth.scopes import Scope
from clarus.core.records import RowDict
from clarus.core.schemas import InputModel


class UserWrites:
    async def create(
        self, session: AsyncSession, principal: Principal, attributes: InputModel
    ) -> RowDict:
        assert isinstance(attributes, UserAttributes)
        return await users.create_user(
            session=session, tenant_id=principal.tenant_id, attributes=attributes
        )

    async def update(
        self, session: AsyncSession, principal: Principal, record_id: int, attributes: InputModel
    ) -> RowDict:
        return await users.update_user(
            session=session,
            tenant_id=principal.tenant_id,
            acting_user_id=principal.user_id,
            user_id=record_id,
            attributes=attributes,
        )

    async def delete(self, session: AsyncSession, principal: Principal, record_id: int) -> None:
        await users.delete_user(
            session=session,
            tenant_id=principal.tenant_id,
            acting_user_id=principal.user_id,
            user_id=record_id,
        )


router = write_router("Users", Scope.ADMIN)
add_crud_routes(
    router,
    RestResource(
        acting_writes=UserWrites(),
        resource_type="users",
        schema_name="User",
        create_attributes=UserAttributes,
        update_attributes=UserUpdateAttributes,
        record=UserRecord,
        create_operation="createUser",
        update_operation="updateUser",
        delete_operation="destroyUser",
        label="user",
    ),
)
