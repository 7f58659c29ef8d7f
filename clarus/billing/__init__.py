"""3PL billing: currencies, tax types and rates, charge cards with their prices and the
accounts they bill, charge windows, the charge engine (charge lines from the event outbox and a
daily storage run), baskets and the invoices generated from them."""
