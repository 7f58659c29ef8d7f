"""Reading an HTML form post and who sent it (the OAuth consent page, the operator app)."""

from __future__ import annotations

from starlette.datastructures import FormData
from starlette.requests import Request


async def text_fields(request: Request) -> FormData:
    """The form's text fields. A file part is never a field of these forms: it is left out and
    its spooled file closed now rather than left to the garbage collector."""
    form = await request.form()
    fields = FormData(
        [(name, value) for name, value in form.multi_items() if isinstance(value, str)]
    )
    await form.close()
    return fields


def client_address(request: Request) -> str:
    """The peer's address, the key of the sign-in and client authentication throttles."""
    return request.client.host if request.client else "unknown"
