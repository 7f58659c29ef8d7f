"""OAuth 2.0 error responses (RFC 6749 section 5.2), separate from the API's error bodies, and
the refusals of user administration, which are API errors."""

from __future__ import annotations

from clarus.core.errors import ClarusError, ErrorKind


class OAuthError(Exception):
    def __init__(self, error: str, description: str, *, status: int = 400) -> None:
        super().__init__(description)
        self.error = error
        self.description = description
        self.status = status


def invalid_client(description: str = "Client authentication failed.") -> OAuthError:
    return OAuthError("invalid_client", description, status=401)


def invalid_grant(description: str) -> OAuthError:
    return OAuthError("invalid_grant", description)


def invalid_request(description: str) -> OAuthError:
    return OAuthError("invalid_request", description)


def invalid_scope(description: str) -> OAuthError:
    return OAuthError("invalid_scope", description)


def invalid_target(description: str) -> OAuthError:
    """RFC 8707: the resource named is not one this server issues tokens for."""
    return OAuthError("invalid_target", description)


def unauthorized_client(description: str) -> OAuthError:
    return OAuthError("unauthorized_client", description)


def unsupported_grant_type(grant_type: str) -> OAuthError:
    return OAuthError("unsupported_grant_type", f"The grant type {grant_type!r} is not supported.")


def email_taken(email: str) -> ClarusError:
    return ClarusError.of(
        ErrorKind.CODE_TAKEN, f"The email {email!r} is taken in this tenant.", path="/email"
    )
