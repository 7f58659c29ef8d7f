"""Every string the operator app shows, in one catalogue per language.

Templates and handlers name a message by its key (`t("sign_in.title")`); a translation is one
more catalogue in `CATALOGUES` with the same keys (`tests/api/app/test_messages.py` checks that
every key a template uses exists). A missing key in a translation falls back to English.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

DEFAULT_LANGUAGE = "en"

ENGLISH: Final[Mapping[str, str]] = {
    "app.name": "Clarus",
    "app.skip_to_content": "Skip to content",
    "app.signed_in_as": "Signed in as {name}",
    "app.sign_out": "Sign out",
    "app.main_navigation": "Main",
    "sign_in.title": "Sign in",
    "sign_in.heading": "Sign in to {subdomain}",
    "sign_in.email": "Email",
    "sign_in.password": "Password",
    "sign_in.submit": "Sign in",
    "sign_in.wrong_credentials": "Wrong email or password.",
    "sign_in.throttled": "Too many failed sign-ins. Try again in {minutes} minutes.",
    "sign_in.signed_out": "You are signed out.",
    "sign_in.form_expired": "This form expired or was sent from another site. Sign in again.",
    "problem.title": "Something is wrong",
    "problem.not_found": "There is no such page.",
    "problem.forbidden": "Your role does not allow this page. Ask a supervisor or an "
    "administrator.",
    "problem.form_expired": "This form expired or was sent from another site. Go back, reload "
    "the page and try again.",
    "problem.no_pages": "Your role gives you no page of the app. Ask an administrator.",
    "problem.home": "Back to the start",
    "page.handheld": "Menu",
    "page.receive": "Receive",
    "page.put_away": "Put away",
    "page.pick": "Pick",
    "page.move": "Move",
    "page.count": "Count",
    "page.replenish": "Replenish",
    "page.load": "Load",
    "page.dashboard": "Dashboard",
    "handheld.menu_heading": "What are you doing?",
    "dashboard.heading": "Dashboard",
}

CATALOGUES: Final[Mapping[str, Mapping[str, str]]] = {DEFAULT_LANGUAGE: ENGLISH}


@dataclass(frozen=True, slots=True)
class Translator:
    """`t(key, **values)`: the message of `key` in one language, its `{placeholders}` filled."""

    language: str
    catalogue: Mapping[str, str]

    def __call__(self, key: str, **values: object) -> str:
        message = self.catalogue.get(key) or ENGLISH[key]
        return message.format(**values) if values else message


def translator(language: str | None = None) -> Translator:
    """The translator of `language` when there is a catalogue for it, else English."""
    chosen = language if language is not None and language in CATALOGUES else DEFAULT_LANGUAGE
    return Translator(chosen, CATALOGUES[chosen])
