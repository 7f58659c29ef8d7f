"""The operator app: server-rendered pages for handheld terminals and the office under
`/app/{subdomain}/`, on the same domain services as the API (no business rules here).

`install_operator_app` (`router.py`) adds it to the application. To add a page:

- its row in `permissions.py` (an `AppPage`: key, path, shell, the scopes it needs) and, for a
  handheld task, its place in `HANDHELD_TASKS` (the menu is built from it);
- a route on a router of its own module, appended to `router.PAGE_ROUTERS`, whose handler takes
  `user: Annotated[SessionUser, Depends(access(ITS_PAGE))]` and answers
  `rendering.render(request, "its.html", subdomain=user.subdomain, user=user, ...)`;
- its template extending `handheld.html` or `office.html` (no inline script or style: the CSP
  refuses them; `app.css` and `app.js` are in `static/`), every string through `t("key")` with
  the key in `messages.py`;
- a form posts `<input type="hidden" name="{{ form_token_field }}" value="{{ form_token }}">`
  and its handler reads the fields through `sessions.CheckedFormDep` (the CSRF check); a
  refusal is `raise PageProblem(status, "message.key")`, a missing record
  `PageProblem(404, "problem.not_found")`, the same for another tenant's;
- reads through the domain's `queries.py`, writes through its services, in
  `request.app.state.db` sessions;
- a form's typed text becomes the values the API would be sent through `form_values` (numbers
  and ids from ASCII digits only) and is validated by the REST body's own model, its problems
  placed beside their fields by `form_errors.placed`; the create and edit forms of a record
  with lines (orders, receipts) are a `document_form.LinedRecordForm` and `add_form_routes`.

Every POST route is swept by `tests/proof/test_app_forms.py` (no CSRF token, garbage in each
field or in the path, another tenant's ids) as soon as it is on a router of `PAGE_ROUTERS`; a
new id in a path needs its table in that file's `PATH_IDS`.

Tests: `tests/api/app/support.py` (a user with a role, an HTTP client that signs in) and, in a
real Chromium against `clarus serve --demo`, the `operator_page` and `supervisor_page` fixtures
of `tests/api/app/conftest.py` (screenshots to `test-artifacts/screens/`).
"""
