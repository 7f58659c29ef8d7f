from __future__ import annotations

from clarus.api.rest.crud import RestResource, add_crud_routes
from clarus.api.rest.responses import ResponseShape
from clarus.api.rest.routers import write_router
from clarus.masterdata.records import SiteRecord
from clarus.masterdata.schemas import AddressRelationships, SiteAttributes, SiteUpdateAttributes
from clarus.masterdata.service import SITES
from clarus.masterdata.sites import SITE_WRITES

router = write_router("Sites")
add_crud_routes(
    router,
    RestResource(
        kind=SITES,
        resource_type="sites",
        schema_name="Site",
        create_attributes=SiteAttributes,
        update_attributes=SiteUpdateAttributes,
        record=SiteRecord,
        create_operation="createSite",
        update_operation="updateSite",
        delete_operation="destroySite",
        label="site",
        shape=ResponseShape(id_as_string=True),
        relationships=AddressRelationships,
        writes=SITE_WRITES,
    ),
)
