"""The emulator's authentication desk: which credential a request carries, and tokens.

`/oauth/token` checks HTTP Basic and hands out tokens that live `ttl` seconds on the
event loop's clock; a business call carries the API key, or a live token plus
`apikey=<client_id>`.
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Mapping
from typing import Any, Final

import attrs
from aiohttp import web

from .. import _validate as check
from .._errors import ConfigurationError
from . import _codes
from ._wire import Pending, basic_credentials, error_response, json_response, token_payload

__all__ = ["TOKEN_STYLES", "TokenDesk"]

#: The shapes of the token answer public clients have met.
TOKEN_STYLES: Final = frozenset({"flat", "access_token", "nested", "string_expires"})


def _key(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not value:
        raise ConfigurationError(f"{attribute.name} must not be empty")


def _ttl(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    check.number("token_ttl", value, minimum=0, setting=True)


def _style(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value not in TOKEN_STYLES:
        raise ConfigurationError(f"token_style must be one of {sorted(TOKEN_STYLES)}")


@attrs.define
class TokenDesk:
    """The credentials the emulator accepts, and the tokens it issued (token -> expiry)."""

    client_id: str
    client_secret: str = attrs.field(repr=False)
    api_key: str = attrs.field(repr=False, validator=_key)
    ttl: float = attrs.field(validator=_ttl, converter=float)
    style: str = attrs.field(validator=_style)
    tokens: dict[str, float] = attrs.field(factory=dict, repr=False)

    def auth_kind(self, request: web.Request) -> str:
        """Name the credential a request carries, without keeping it."""
        scheme, _, credential = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() == "basic":
            return "basic"
        if scheme.lower() == "bearer":
            return "api-key" if credential.strip() == self.api_key else "bearer-token"
        return "none"

    def check_bearer(
        self, request: web.Request, query: Mapping[str, str]
    ) -> tuple[int, int] | None:
        """Return ``(http_status, error_code)`` if a business call is not authorised."""
        scheme, _, credential = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer":
            return 401, _codes.ACCESS_ERROR
        credential = credential.strip()
        if credential == self.api_key:
            return None
        expiry = self.tokens.get(credential)
        if expiry is None or expiry <= asyncio.get_running_loop().time():
            self.tokens.pop(credential, None)
            return 200, _codes.ACCESS_ERROR
        apikey = query.get("apikey")
        if not apikey:
            return 200, _codes.APIKEY_MISSING
        if apikey != self.client_id:
            return 200, _codes.APIKEY_MISMATCH
        return None

    def token(
        self, request: web.Request, pending: Pending, query: Mapping[str, str], body: Any
    ) -> web.Response:
        """Answer ``POST /oauth/token`` (client credentials over HTTP Basic)."""
        scheme, _, encoded = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "basic":
            return error_response(pending, _codes.ACCESS_ERROR, http_status=401)
        if basic_credentials(encoded) != (self.client_id, self.client_secret):
            return error_response(pending, _codes.ACCESS_ERROR)
        form = body if isinstance(body, dict) else {}
        if form.get("grant_type", query.get("grant_type")) != "client_credentials":
            return error_response(pending, _codes.INVALID_PARAMETER)
        token = secrets.token_urlsafe(32)
        self.tokens[token] = asyncio.get_running_loop().time() + self.ttl
        return json_response(pending, token_payload(token, self.ttl, self.style))
