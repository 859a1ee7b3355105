"""Reading the client's settings: credentials and host, from arguments or the environment."""

from __future__ import annotations

import os
import re
from urllib.parse import urlsplit

from ._auth import ApiKey, ClientCredentials, Credentials
from ._errors import ConfigurationError
from ._secret import Secret, hide

__all__ = ["DEFAULT_BASE_URL", "base_url_setting", "credentials_setting"]

DEFAULT_BASE_URL = "https://connect.patsnap.com"


def credentials_setting(
    api_key: str | None, client_id: str | None, client_secret: str | None
) -> Credentials:
    """Explicit arguments first, then the environment; an API key wins over a pair."""
    # Hidden at once: a traceback of any error from here records no secret among the
    # frames' locals.
    api_key, client_id, client_secret = hide(api_key), hide(client_id), hide(client_secret)
    if api_key is not None and (client_id is not None or client_secret is not None):
        raise ConfigurationError("pass either api_key or client_id/client_secret, not both")
    if api_key is not None:
        return ApiKey(_credential("api_key", api_key))
    if client_id is None and client_secret is None:
        env_key = hide(os.environ.get("PATSNAP_API_KEY"))
        if env_key:
            return ApiKey(_credential("PATSNAP_API_KEY", env_key))
    client_id = client_id if client_id is not None else hide(os.environ.get("PATSNAP_CLIENT_ID"))
    client_secret = (
        client_secret
        if client_secret is not None
        else hide(os.environ.get("PATSNAP_CLIENT_SECRET"))
    )
    if not client_id and not client_secret:
        raise ConfigurationError(
            "no credentials: pass api_key=, or client_id= and client_secret= "
            "(or set PATSNAP_API_KEY, or PATSNAP_CLIENT_ID and PATSNAP_CLIENT_SECRET)"
        )
    if not client_secret:
        raise ConfigurationError("client_id is set but client_secret is missing")
    if not client_id:
        raise ConfigurationError("client_secret is set but client_id is missing")
    return ClientCredentials(
        _credential("client_id", client_id), _credential("client_secret", client_secret)
    )


def _credential(name: str, value: object) -> str:
    # The value itself is never echoed: it may be a secret. It travels in an HTTP
    # header (or the URL): printable ASCII only, or every call would fail.
    if not isinstance(value, str) or not value.strip():
        raise ConfigurationError(f"{name} must be a non-empty string")
    stripped = Secret(value.strip())
    if any(c.isspace() for c in stripped):
        raise ConfigurationError(f"{name} must not contain whitespace")
    bad = next((i for i, c in enumerate(stripped) if not "\x21" <= c <= "\x7e"), None)
    if bad is not None:
        raise ConfigurationError(
            f"{name} holds a character that is not printable ASCII (at character "
            f"{bad + 1}, U+{ord(stripped[bad]):04X}); credentials are printable ASCII"
        )
    return stripped


#: What a URL may carry that is a secret: the user info (a password) and the query (an
#: `apikey=`). Messages show neither.
_USER_INFO = re.compile(r"(?:(?<=//)|^)[^/?#]*@")
_QUERY = re.compile(r"[?#].*", re.DOTALL)


def _shown(value: object) -> str:
    """`value` for an error message, its user info and query masked."""
    if not isinstance(value, str):
        return repr(value)
    masked = _USER_INFO.sub("***@", value, count=1)
    return repr(_QUERY.sub(lambda found: found.group()[0] + "***", masked, count=1))


def base_url_setting(value: object) -> str:
    """The argument, else `PATSNAP_BASE_URL`, else the default; an empty one is refused."""
    name = "base_url"
    if value is None and "PATSNAP_BASE_URL" in os.environ:
        name, value = "PATSNAP_BASE_URL", os.environ["PATSNAP_BASE_URL"]
    if value is None:
        return DEFAULT_BASE_URL
    if not isinstance(value, str) or not value.strip():
        # An empty value often comes from an unset variable in a script: reading it as
        # the default would send a test's requests to the production host.
        raise ConfigurationError(
            f"{name} must be an http(s) URL like {DEFAULT_BASE_URL!r}, got {_shown(value)}"
        )
    url = value.strip().rstrip("/")
    if any(c.isspace() or not c.isprintable() or not c.isascii() for c in url):
        raise ConfigurationError(
            f"{name} must not hold a space, a control character or a character that is not "
            f"ASCII, got {_shown(value)}"
        )
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises for a port that is not a number in 0-65535
    except ValueError:
        raise ConfigurationError(
            f"{name} must be an http(s) URL like {DEFAULT_BASE_URL!r} (a port, if any, from "
            f"1 to 65535), got {_shown(value)}"
        ) from None
    if parts.port == 0 or (parts.netloc.endswith(":") and parts.port is None):
        raise ConfigurationError(
            f"{name} must be an http(s) URL like {DEFAULT_BASE_URL!r} (a port, if any, from "
            f"1 to 65535), got {_shown(value)}"
        )
    if "@" in parts.netloc:
        # Not echoed: user info is a password.
        raise ConfigurationError(f"{name} must not carry a user or password (user@host)")
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ConfigurationError(
            f"{name} must be an http(s) URL like {DEFAULT_BASE_URL!r}, got {_shown(value)}"
        )
    if parts.query or parts.fragment:
        raise ConfigurationError(f"{name} must not carry a query or fragment, got {_shown(value)}")
    return url
