from __future__ import annotations

import strawberry
from graphql import ASTValidationRule, GraphQLError
from strawberry.extensions import AddValidationRules, MaskErrors, ParserCache, ValidationCache
from strawberry.schema.config import StrawberryConfig

from clarus.api.graphql.account_products import AccountProductQueries
from clarus.api.graphql.account_warehouses import AccountWarehouseQueries
from clarus.api.graphql.accounts import AccountQueries
from clarus.api.graphql.alternative_code_types import AlternativeCodeTypeQueries
from clarus.api.graphql.alternative_codes import AlternativeCodeQueries
from clarus.api.graphql.assistant_writes import AssistantWriteQueries
from clarus.api.graphql.automations import AutomationQueries
from clarus.api.graphql.barcode_formats import BarcodeFormatQueries
from clarus.api.graphql.billing import (
    ArDocumentQueries,
    ChargeBasketQueries,
    ChargeCardQueries,
    ChargeLineQueries,
    ChargePriceQueries,
    ChargeWindowQueries,
    CurrencyQueries,
    TaxRateQueries,
    TaxTypeQueries,
)
from clarus.api.graphql.bookings import BookingQueries
from clarus.api.graphql.carriers import CarrierQueries, CarrierServiceQueries
from clarus.api.graphql.cost import QueryCost
from clarus.api.graphql.crossdocks import (
    CollectionAddressQueries,
    CrossdockQueries,
)
from clarus.api.graphql.customers import CustomerQueries
from clarus.api.graphql.errors import LabelledInputErrors, PublicError
from clarus.api.graphql.goods_in_receipts import GoodsInReceiptQueries
from clarus.api.graphql.goods_out_lines import GoodsOutLineQueries
from clarus.api.graphql.goods_out_pick_lists import GoodsOutPickListQueries
from clarus.api.graphql.goods_outs import GoodsOutQueries
from clarus.api.graphql.groups import GroupQueries
from clarus.api.graphql.limits import QueryLimits
from clarus.api.graphql.loads import LoadDropQueries, LoadQueries
from clarus.api.graphql.locations import LocationQueries
from clarus.api.graphql.order_types import OrderTypeQueries
from clarus.api.graphql.pick_processing_requests import PickProcessingRequestQueries
from clarus.api.graphql.product_materials import ProductMaterialQueries
from clarus.api.graphql.product_storage_units import ProductStorageUnitQueries
from clarus.api.graphql.products import ProductQueries
from clarus.api.graphql.putaway_rules import PutawayRuleQueries
from clarus.api.graphql.reason_codes import ReasonCodeQueries
from clarus.api.graphql.rf_flows import RfFlowQueries, RfUserQueries
from clarus.api.graphql.roles import RoleQueries
from clarus.api.graphql.scalars import SCALARS
from clarus.api.graphql.shipments import (
    CustomCarrierTypeQueries,
    PackageQueries,
    ShipmentQueries,
)
from clarus.api.graphql.sites import SiteQueries
from clarus.api.graphql.stock_balances import StockBalanceQueries
from clarus.api.graphql.stock_checks import StockCheckQueries
from clarus.api.graphql.stock_unit_types import StockUnitTypeQueries
from clarus.api.graphql.stocks import StockQueries
from clarus.api.graphql.storage_unit_types import StorageUnitTypeQueries
from clarus.api.graphql.storage_units import StorageUnitQueries
from clarus.api.graphql.suppliers import SupplierQueries
from clarus.api.graphql.tasks import TaskQueries
from clarus.api.graphql.trailers import TrailerQueries, TrailerTypeQueries
from clarus.api.graphql.transactions import TransactionQueries
from clarus.api.graphql.users import SubdomainUserQueries
from clarus.api.graphql.warehouse_routes import WarehouseRouteQueries
from clarus.api.graphql.warehouses import WarehouseQueries
from clarus.api.graphql.webhook_deliveries import WebhookAttemptQueries, WebhookDeliveryQueries

QUERY_CACHE_SIZE = 256
LIMIT_RULES: list[type[ASTValidationRule]] = [QueryLimits]
"""Built once: the validation cache is keyed on the rules, so they must be the same objects."""


@strawberry.type
class Query:
    @strawberry.field(description="Accounts (stock owners) of the tenant")
    def accounts(self) -> AccountQueries:
        return AccountQueries()

    @strawberry.field(description="Sites of the tenant: groups of warehouses, with addresses")
    def sites(self) -> SiteQueries:
        return SiteQueries()

    @strawberry.field(description="Warehouses of the tenant, with their addresses")
    def warehouses(self) -> WarehouseQueries:
        return WarehouseQueries()

    @strawberry.field(description="Locations in the tenant's warehouses")
    def locations(self) -> LocationQueries:
        return LocationQueries()

    @strawberry.field(description="Which accounts may operate in which warehouses")
    def account_warehouses(self) -> AccountWarehouseQueries:
        return AccountWarehouseQueries()

    @strawberry.field(description="Order types of the tenant")
    def order_types(self) -> OrderTypeQueries:
        return OrderTypeQueries()

    @strawberry.field(description="Reason codes of the tenant")
    def reason_codes(self) -> ReasonCodeQueries:
        return ReasonCodeQueries()

    @strawberry.field(description="Roles of the tenant")
    def roles(self) -> RoleQueries:
        return RoleQueries()

    @strawberry.field(description="Users of the tenant (subdomain)")
    def subdomain_users(self) -> SubdomainUserQueries:
        return SubdomainUserQueries()

    @strawberry.field(description="End customers (recipients of goods) of the tenant")
    def customers(self) -> CustomerQueries:
        return CustomerQueries()

    @strawberry.field(description="Suppliers of the tenant")
    def suppliers(self) -> SupplierQueries:
        return SupplierQueries()

    @strawberry.field(description="Carriers of the tenant")
    def carriers(self) -> CarrierQueries:
        return CarrierQueries()

    @strawberry.field(description="Services of the tenant's carriers")
    def carrier_services(self) -> CarrierServiceQueries:
        return CarrierServiceQueries()

    @strawberry.field(description="Dock bookings of the tenant (the booking diary)")
    def bookings(self) -> BookingQueries:
        return BookingQueries()

    @strawberry.field(description="Crossdocks of the tenant")
    def crossdocks(self) -> CrossdockQueries:
        return CrossdockQueries()

    @strawberry.field(description="Collection addresses of the tenant's suppliers")
    def collection_addresses(self) -> CollectionAddressQueries:
        return CollectionAddressQueries()

    @strawberry.field(description="Units stock is counted in")
    def stock_unit_types(self) -> StockUnitTypeQueries:
        return StockUnitTypeQueries()

    @strawberry.field(description="Kinds of containers: pallets, cages, totes")
    def storage_unit_types(self) -> StorageUnitTypeQueries:
        return StorageUnitTypeQueries()

    @strawberry.field(description="Containers: pallets, cages, boxes")
    def storage_units(self) -> StorageUnitQueries:
        return StorageUnitQueries()

    @strawberry.field(description="The product catalogue")
    def products(self) -> ProductQueries:
        return ProductQueries()

    @strawberry.field(description="How products are packed on storage unit types, by priority")
    def product_storage_units(self) -> ProductStorageUnitQueries:
        return ProductStorageUnitQueries()

    @strawberry.field(description="Products assigned to accounts")
    def account_products(self) -> AccountProductQueries:
        return AccountProductQueries()

    @strawberry.field(description="Component lines of bill-of-materials products")
    def product_materials(self) -> ProductMaterialQueries:
        return ProductMaterialQueries()

    @strawberry.field(description="Kinds of alternative codes (EAN-13, customer SKU)")
    def alternative_code_types(self) -> AlternativeCodeTypeQueries:
        return AlternativeCodeTypeQueries()

    @strawberry.field(description="Other codes of products, suppliers, carriers (ours)")
    def alternative_codes(self) -> AlternativeCodeQueries:
        return AlternativeCodeQueries()

    @strawberry.field(description="How scanned barcodes are read; one is the default")
    def barcode_formats(self) -> BarcodeFormatQueries:
        return BarcodeFormatQueries()

    @strawberry.field(description="Goods in receipts (expected deliveries), with their lines")
    def goods_in_receipts(self) -> GoodsInReceiptQueries:
        return GoodsInReceiptQueries()

    @strawberry.field(description="Goods outs (orders), with their status and lines")
    def goods_outs(self) -> GoodsOutQueries:
        return GoodsOutQueries()

    @strawberry.field(description="Lines of goods outs, filterable by their order")
    def goods_out_lines(self) -> GoodsOutLineQueries:
        return GoodsOutLineQueries()

    @strawberry.field(description="Pick lists made by processing picks, with their orders")
    def goods_out_pick_lists(self) -> GoodsOutPickListQueries:
        return GoodsOutPickListQueries()

    @strawberry.field(description="Each order's pass through asynchronous pick processing")
    def pick_processing_requests(self) -> PickProcessingRequestQueries:
        return PickProcessingRequestQueries()

    @strawberry.field(description="Stock records: product, account, place, batch and dates")
    def stocks(self) -> StockQueries:
        return StockQueries()

    @strawberry.field(description="The stock ledger: one transaction per change of stock")
    def transactions(self) -> TransactionQueries:
        return TransactionQueries()

    @strawberry.field(description="Stock totals per product, account and warehouse")
    def stock_balances(self) -> StockBalanceQueries:
        return StockBalanceQueries()

    @strawberry.field(description="Stock checks (cycle counts) with their records (ours)")
    def stock_checks(self) -> StockCheckQueries:
        return StockCheckQueries()

    @strawberry.field(description="Warehouse tasks: receiving, put-away, picking, dispatch")
    def tasks(self) -> TaskQueries:
        return TaskQueries()

    @strawberry.field(description="Automations: webhooks on events (admin scope; no secrets)")
    def automations(self) -> AutomationQueries:
        return AutomationQueries()

    @strawberry.field(description="Webhook deliveries: one per event and webhook action (ours)")
    def webhook_deliveries(self) -> WebhookDeliveryQueries:
        return WebhookDeliveryQueries()

    @strawberry.field(description="Webhook attempts: one per HTTP try of a delivery (ours)")
    def webhook_attempts(self) -> WebhookAttemptQueries:
        return WebhookAttemptQueries()

    @strawberry.field(description="Writes AI assistants made as users over MCP (admin; ours)")
    def assistant_writes(self) -> AssistantWriteQueries:
        return AssistantWriteQueries()

    @strawberry.field(description="Groups of products and locations")
    def groups(self) -> GroupQueries:
        return GroupQueries()

    @strawberry.field(description="Put-away rules: each account's ordered put-away sort keys")
    def putaway_rules(self) -> PutawayRuleQueries:
        return PutawayRuleQueries()

    @strawberry.field(description="Warehouse routes: the pick walk, product by product")
    def warehouse_routes(self) -> WarehouseRouteQueries:
        return WarehouseRouteQueries()

    @strawberry.field(description="Trailer types: kinds of trailer and how much each takes")
    def trailer_types(self) -> TrailerTypeQueries:
        return TrailerTypeQueries()

    @strawberry.field(description="Trailers (vehicles) loads leave on")
    def trailers(self) -> TrailerQueries:
        return TrailerQueries()

    @strawberry.field(description="Loads: what leaves a warehouse on one trailer")
    def loads(self) -> LoadQueries:
        return LoadQueries()

    @strawberry.field(description="The drops (stops) of loads, in sequence")
    def load_drops(self) -> LoadDropQueries:
        return LoadDropQueries()

    @strawberry.field(description="Shipments: what leaves with a carrier for a goods out")
    def shipments(self) -> ShipmentQueries:
        return ShipmentQueries()

    @strawberry.field(description="Packages of shipments")
    def packages(self) -> PackageQueries:
        return PackageQueries()

    @strawberry.field(description="Custom carrier types: carriers Clarus plays itself (ours)")
    def custom_carrier_types(self) -> CustomCarrierTypeQueries:
        return CustomCarrierTypeQueries()

    @strawberry.field(description="Currencies the tenant bills in (ISO 4217)")
    def currencies(self) -> CurrencyQueries:
        return CurrencyQueries()

    @strawberry.field(description="Tax types prices are charged with")
    def tax_types(self) -> TaxTypeQueries:
        return TaxTypeQueries()

    @strawberry.field(description="Tax rates of the tenant's accounting")
    def tax_rates(self) -> TaxRateQueries:
        return TaxRateQueries()

    @strawberry.field(description="Charge cards: billing profiles of accounts")
    def charge_cards(self) -> ChargeCardQueries:
        return ChargeCardQueries()

    @strawberry.field(description="Prices on charge cards, per activity")
    def charge_prices(self) -> ChargePriceQueries:
        return ChargePriceQueries()

    @strawberry.field(description="Charge windows: billing schedules")
    def charge_windows(self) -> ChargeWindowQueries:
        return ChargeWindowQueries()

    @strawberry.field(description="Charge baskets: an account's charges of a period")
    def charge_baskets(self) -> ChargeBasketQueries:
        return ChargeBasketQueries()

    @strawberry.field(description="Charge lines: one charge each, in baskets")
    def charge_lines(self) -> ChargeLineQueries:
        return ChargeLineQueries()

    @strawberry.field(description="Invoices (AR documents) generated from charge baskets (ours)")
    def ar_documents(self) -> ArDocumentQueries:
        return ArDocumentQueries()

    @strawberry.field(description="HHD (handheld) flows: the steps handheld operations ask for")
    def rf_flows(self) -> RfFlowQueries:
        return RfFlowQueries()

    @strawberry.field(description="Users' handheld (RF) profiles")
    def rf_users(self) -> RfUserQueries:
        return RfUserQueries()


def _is_internal(error: GraphQLError) -> bool:
    """Mask anything raised by our code that is not meant for the caller."""
    original = error.original_error
    return original is not None and not isinstance(original, PublicError | GraphQLError)


schema = strawberry.Schema(
    query=Query,
    config=StrawberryConfig(auto_camel_case=False, scalar_map=SCALARS),
    extensions=[
        lambda: ParserCache(maxsize=QUERY_CACHE_SIZE),
        lambda: ValidationCache(maxsize=QUERY_CACHE_SIZE),
        lambda: AddValidationRules(LIMIT_RULES),
        LabelledInputErrors,
        QueryCost,
        lambda: MaskErrors(should_mask_error=_is_internal, error_message="Internal server error"),
    ],
)
