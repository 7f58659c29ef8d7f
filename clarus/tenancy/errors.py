from __future__ import annotations

from clarus.core.errors import ClarusError, ErrorKind


def subdomain_taken(subdomain: str) -> ClarusError:
    return ClarusError.of(
        ErrorKind.CODE_TAKEN, f"The subdomain {subdomain!r} is taken.", path="/subdomain"
    )


def invalid_subdomain(subdomain: str) -> ClarusError:
    return ClarusError.of(
        ErrorKind.INVALID_VALUE,
        f"{subdomain!r} is not a valid subdomain: use 1-63 lowercase letters, digits and hyphens,"
        " not starting or ending with a hyphen.",
        path="/subdomain",
    )
