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
from clarus.api.rest.errors import database_unavailable_response, error_response
from clarus.core import idempotency
from clarus.core.db import Database, database_unreachable, sqlstate
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


Handler = Callable[[Request], Coroutine[Any, Any, Response]]


def answering_unreachable_database(handle: Handler) -> Handler:
    """`handle`, answering 503 while the database is down or restarting. An error that reaches
    Starlette's last-resort handler also drops the client's connection, so it is answered here."""

    async def guarded(request: Request) -> Response:
        try:
            return await handle(request)
        except Exception as error:
            if database_unreachable(error):
                return database_unavailable_response(error)
            raise

    return guarded


class DatabaseRoute(APIRoute):
    """A route whose handler opens its own sessions (OAuth's), answered 503 while the database
    is unreachable."""

    def get_route_handler(self) -> Handler:
        return answering_unreachable_database(super().get_route_handler())


class TransactionalRoute(APIRoute):
    read_only: ClassVar[bool] = False

    def get_route_handler(self) -> Handler:
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
                if sqlstate(error) in RETRYABLE_SQLSTATES:
                    return error_response(ClarusError.of(ErrorKind.CONFLICT))
                raise
            except BaseException:
                await _release_claim(request, db)
                raise

        return answering_unreachable_database(run_in_transaction)


RETRYABLE_SQLSTATES = frozenset({"40001", "40P01"})
"""PostgreSQL's serialization failure and deadlock: the transaction was rolled back whole, and
the same request sent again can succeed, so the caller gets a 409 to retry rather than a 500."""


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
