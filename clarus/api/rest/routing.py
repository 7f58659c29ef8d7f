"""Route classes that give every request one transaction: the unit of work of the REST API.

The wrapped handler runs inside a session transaction that commits only when it returns a
response; any error rolls everything back, so a request is written whole or not at all. For a
write that carries an `Idempotency-Key`, its response is stored in that same transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import Any, ClassVar

from fastapi import Request
from fastapi.routing import APIRoute
from sqlalchemy.exc import DBAPIError, IntegrityError
from starlette.responses import Response

from clarus.api.rest.deps import IdempotentReplay
from clarus.api.rest.errors import error_response
from clarus.core import idempotency
from clarus.core.db import Database
from clarus.core.errors import ClarusError, ErrorKind

logger = logging.getLogger("clarus.api")
REPLAYED_HEADER = "Idempotent-Replayed"


def _replay(stored: idempotency.StoredResponse) -> Response:
    media_type = "application/json" if stored.body else None
    return Response(
        stored.body,
        status_code=stored.status_code,
        media_type=media_type,
        headers={REPLAYED_HEADER: "true"},
    )


class TransactionalRoute(APIRoute):
    read_only: ClassVar[bool] = False

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handle = super().get_route_handler()
        read_only = self.read_only

        async def run_in_transaction(request: Request) -> Response:
            db: Database = request.app.state.db
            session = db.new_read_session() if read_only else db.new_write_session()
            request.state.session = session
            try:
                async with session, session.begin():
                    response = await handle(request)
                    claimed = getattr(request.state, "idempotency_claim", None)
                    if claimed is not None:
                        await idempotency.store_response(
                            session,
                            claimed,
                            status_code=response.status_code,
                            body=bytes(response.body),
                        )
                return response
            except IdempotentReplay as replay:
                return _replay(replay.stored)
            except ClarusError as error:
                await _release_claim(request, db)
                return error_response(error)
            except IntegrityError:
                logger.warning("a write conflicted with another", exc_info=True)
                await _release_claim(request, db)
                return error_response(ClarusError.of(ErrorKind.CONFLICT))
            except DBAPIError as error:
                await _release_claim(request, db)
                if _sqlstate(error) in RETRYABLE_SQLSTATES:
                    return error_response(ClarusError.of(ErrorKind.CONFLICT))
                raise
            except BaseException:
                await _release_claim(request, db)
                raise

        return run_in_transaction


RETRYABLE_SQLSTATES = frozenset({"40001", "40P01"})
"""PostgreSQL's serialization failure and deadlock: the transaction was rolled back whole, and
the same request sent again can succeed, so the caller gets a 409 to retry rather than a 500."""


def _sqlstate(error: DBAPIError) -> str | None:
    original = error.orig
    code = getattr(original, "sqlstate", None) or getattr(original, "pgcode", None)
    return None if code is None else str(code)


async def _release_claim(request: Request, db: Database) -> None:
    claimed = getattr(request.state, "idempotency_claim", None)
    if claimed is None:
        return
    try:
        await idempotency.release(db, claimed)
    except DBAPIError:
        logger.exception("could not release an idempotency key; it expires with its lease")


class ReadOnlyRoute(TransactionalRoute):
    read_only = True
