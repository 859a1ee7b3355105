"""What the commands share: the platform options, the client they build, value types.

The harvest commands and `mcp` take the same platform options (`add_platform_options`)
and build their client the same way (`open_client`), so a missing credential or a bad
`--qps` is refused with the same words, exit status 2. The commands that run lookups
(`family`, `cited-by`, `get`, `mcp`) take the record cache's options too
(`add_cache_options`): on by default, in `patsnap_async.cache.default_path()`. Each
option's value is checked by its `type=`, so argparse names the flag in the message.
`argument_names` maps the Python names in a harvest's messages to the flags of a
command, once.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from .._cache import RecordCache, parse_duration
from .._cache._paths import default_path
from .._client import PatsnapClient
from .._config import base_url_setting
from .._errors import ConfigurationError
from .._limits import MAX_QPS
from .._secret import Secret

__all__ = [
    "MAX_QPS",
    "OptionError",
    "add_cache_options",
    "add_platform_options",
    "argument_names",
    "cache_exists",
    "count",
    "fixed_port",
    "open_cache",
    "open_client",
    "opened_client",
    "port",
    "positive_int",
    "rate",
    "seconds",
]


class OptionError(ValueError):
    """Options that do not go together, or a credential missing: exit status 2."""


def secret(text: str) -> Secret:
    """An argparse type: a credential, not empty and without spaces; never echoed (its
    repr, in the parsed options or a traceback's locals, is `'***'`)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("must not be empty")
    if any(c.isspace() or not c.isprintable() for c in text.strip()):
        raise argparse.ArgumentTypeError("must not contain spaces or control characters")
    return Secret(text.strip())


def _whole(text: str, *, minimum: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < minimum:
        raise argparse.ArgumentTypeError(f"must be at least {minimum}: {text!r}")
    return value


def positive_int(text: str) -> int:
    """An argparse type: a whole number >= 1."""
    return _whole(text, minimum=1)


def count(text: str) -> int:
    """An argparse type: a whole number >= 0."""
    return _whole(text, minimum=0)


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None


def seconds(text: str) -> float:
    """An argparse type: a finite number >= 0."""
    value = _number(text)
    if not (math.isfinite(value) and value >= 0):  # nan and inf too
        raise argparse.ArgumentTypeError(f"must be a finite number >= 0: {text!r}")
    return value


def rate(text: str) -> float:
    """An argparse type: requests per second, above 0 and at most `MAX_QPS`."""
    value = _number(text)
    if not (0 < value <= MAX_QPS):  # nan too
        raise argparse.ArgumentTypeError(f"must be above 0 and at most {MAX_QPS}: {text!r}")
    return value


def port(text: str) -> int:
    """An argparse type: a TCP port, 0 (any free one) to 65535."""
    return _port(text, minimum=0)


def fixed_port(text: str) -> int:
    """An argparse type: a TCP port, 1 to 65535 (one to announce before it is bound)."""
    return _port(text, minimum=1)


def _port(text: str, *, minimum: int) -> int:
    if not text.isdigit() or not minimum <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number ({minimum}-65535): {text!r}")
    return int(text)


def _url(text: str) -> str:
    try:
        return base_url_setting(text)
    except ConfigurationError as error:
        # The setting's own message names it `base_url`; argparse names the flag.
        raise argparse.ArgumentTypeError(str(error).removeprefix("base_url ")) from None


def add_platform_options(parser: argparse.ArgumentParser, *, qps: float = 5.0) -> None:
    """`--qps`, `--max-retries`, `--base-url` and the credentials, as one group."""
    api = parser.add_argument_group("platform")
    api.add_argument("--qps", type=rate, default=qps, metavar="N",
                     help=f"your account's requests per second (default {qps:g})")  # fmt: skip
    api.add_argument("--max-retries", type=count, default=None, metavar="N",
                     help="retries after a failure (default 5)")  # fmt: skip
    api.add_argument("--base-url", type=_url, metavar="URL",
                     help="default: $PATSNAP_BASE_URL, else PatSnap's global host")  # fmt: skip
    api.add_argument("--client-id", type=secret, metavar="ID",
                     help="default: $PATSNAP_CLIENT_ID")  # fmt: skip
    api.add_argument("--client-secret", type=secret, metavar="SECRET",
                     help="default: $PATSNAP_CLIENT_SECRET")  # fmt: skip
    api.add_argument("--api-key", type=secret, metavar="KEY", help="default: $PATSNAP_API_KEY")


def duration(text: str) -> float:
    """An argparse type: seconds, or a duration such as 90m, 12h, 30d or 2w."""
    try:
        return parse_duration(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a duration such as 3600, 90m, 12h, 30d or 2w: {text!r}"
        ) from None


def add_cache_options(parser: argparse.ArgumentParser) -> None:
    """`--cache FILE`, `--no-cache`, `--max-age` and `--refresh`, as one group."""
    cache = parser.add_argument_group("record cache (on by default: never pay twice)")
    cache.add_argument("--cache", metavar="FILE", type=cache_file,
                       help=f"the SQLite file of records already fetched (default "
                       f"{_shown_default()})")  # fmt: skip
    cache.add_argument("--no-cache", action="store_true",
                       help="read and store no record: every id is sent")  # fmt: skip
    cache.add_argument("--max-age", type=duration, metavar="AGE",
                       help="records older than AGE are fetched again (3600, 90m, 12h, 30d, 2w; "
                       "default: by lookup, a day for legal status to six months for "
                       "claims)")  # fmt: skip
    cache.add_argument("--refresh", action="store_true",
                       help="read nothing from the cache; fetch every id and store it")  # fmt: skip


def _shown_default() -> str:
    home = str(Path.home())
    path = str(default_path())
    return "~" + path.removeprefix(home) if path.startswith(home + os.sep) else path


def cache_exists(args: argparse.Namespace) -> bool:
    """Whether the record cache of the options is there already (True: none is used)."""
    if getattr(args, "no_cache", True):
        return True
    return (Path(args.cache).expanduser() if args.cache else default_path()).exists()


def cache_file(text: str) -> str:
    """An argparse type: a file name, not empty (the default is asked by leaving
    `--cache` out)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("must not be empty: give a file name, or leave it out")
    return text


def open_cache(args: argparse.Namespace) -> RecordCache | None:
    """The record cache of the options (None with `--no-cache`, or for a command
    without them); the default file's folder is created, readable by its owner only.

    Raises:
        OptionError: options that do not go together, or a file that cannot be used
            (named, with what to do).
    """
    if not hasattr(args, "no_cache"):
        return None
    if args.no_cache:
        given = [f for f, v in (("--cache", args.cache), ("--max-age", args.max_age),
                                ("--refresh", args.refresh or None)) if v is not None]  # fmt: skip
        if given:
            raise OptionError(f"--no-cache and {' and '.join(given)} do not go together")
        return None
    path = Path(args.cache).expanduser() if args.cache else default_path()
    try:
        if not args.cache:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        return RecordCache(path, max_age=args.max_age, refresh=args.refresh)
    except OSError as error:
        raise OptionError(f"cannot create {path.parent}: {error.strerror or error}") from None
    except ConfigurationError as error:
        raise OptionError(f"{error}; or run with --no-cache") from None


@contextlib.asynccontextmanager
async def opened_client(args: argparse.Namespace, **emulated: Any) -> AsyncIterator[PatsnapClient]:
    """`open_client`'s client, open, with its record cache; both closed on the way out."""
    client = open_client(args, **emulated)
    try:
        async with client:
            yield client
    finally:
        if client.cache is not None:
            client.cache.close()


def check_credentials(args: argparse.Namespace) -> None:
    """Refuse, in flag names, credentials that are missing or given twice over.

    Raises:
        OptionError: both an API key and a client pair, or neither (in the options
            or in `PATSNAP_*`), or half a pair.
    """
    pair = args.client_id is not None or args.client_secret is not None
    if args.api_key is not None and pair:
        raise OptionError("give either --api-key or --client-id and --client-secret, not both")
    if args.api_key is not None or (not pair and os.environ.get("PATSNAP_API_KEY")):
        return
    client_id = args.client_id or os.environ.get("PATSNAP_CLIENT_ID")
    client_secret = args.client_secret or os.environ.get("PATSNAP_CLIENT_SECRET")
    if not client_id and not client_secret:
        raise OptionError(
            "no credentials: pass --api-key, or --client-id and --client-secret (or set "
            "PATSNAP_API_KEY, or PATSNAP_CLIENT_ID and PATSNAP_CLIENT_SECRET)"
        )
    if not client_secret:
        raise OptionError("--client-id is given but no --client-secret ($PATSNAP_CLIENT_SECRET)")
    if not client_id:
        raise OptionError("--client-secret is given but no --client-id ($PATSNAP_CLIENT_ID)")


def open_client(args: argparse.Namespace, **emulated: Any) -> PatsnapClient:
    """The client of the platform options (`emulated`: the emulator's url and pair).

    Raises:
        OptionError: the credentials are missing, or a setting from `PATSNAP_*` is bad,
            or the record cache's options (see `open_cache`).
    """
    settings: dict[str, Any] = {
        "api_key": args.api_key,
        "client_id": args.client_id,
        "client_secret": args.client_secret,
        "base_url": args.base_url,
    }
    if emulated:
        settings = emulated
    else:
        check_credentials(args)
    cache = open_cache(args)
    try:
        # Unset credentials are None: the client reads them from PATSNAP_*.
        return PatsnapClient(qps=args.qps, max_retries=args.max_retries, cache=cache, **settings)
    except ConfigurationError as error:
        if cache is not None:
            cache.close()
        raise OptionError(str(error)) from None


def argument_names(parser: argparse.ArgumentParser) -> dict[str, str]:
    """How `parser` spells each argument: its dest mapped to its long flag (the dest
    itself for a positional)."""
    names = {}
    for action in parser._actions:  # argparse lists a parser's actions nowhere public
        if action.option_strings:
            names[action.dest] = max(action.option_strings, key=len)
        else:
            names[action.dest] = action.dest
    return names
