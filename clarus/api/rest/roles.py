from __future__ import annotations

from clarus.api.rest.crud import RestResource, add_crud_routes
from clarus.api.rest.routers import write_router
from clarus.auth.records import RoleRecord
from clarus.auth.roles import ROLES
from clarus.auth.schemas import RoleAttributes, RoleUpdateAttributes
from clarus.auth.scopes import Scope

router = write_router("Roles", Scope.ADMIN)
add_crud_routes(
    router,
    RestResource(
        kind=ROLES,
        resource_type="roles",
        schema_name="Role",
        create_attributes=RoleAttributes,
        update_attributes=RoleUpdateAttributes,
        record=RoleRecord,
        create_operation="createRole",
        update_operation="updateRole",
        delete_operation="destroyRole",
        label="role",
    ),
)
