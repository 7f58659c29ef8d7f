"""The operator app: server-rendered pages for handheld terminals and the office under
`/app/{subdomain}/`, on the same domain services as the API (no business rules here).

`install_operator_app` (in `router.py`) adds it to the application. A page is a route on a
router of this package whose handler takes `access(page)` (`permissions.py`, the one table of
which scopes each page needs), renders a template through `rendering.render` and, for a form
post, reads its fields through `sessions.checked_form` (the CSRF check).
"""
