"""`<output>.manifest.json`: what produced an output, and the refusal of a `--resume` that
would mix another harvest into it."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ._args import Name, NamedError
from ._input import HarvestError

__all__ = ["check_manifest", "describe", "read_manifest"]

#: Keys of a manifest that say what the harvest is, rather than an option of it: the
#: command, the operation it runs (`get` and `list`: its code) and the kind of ids.
_KIND = ("command", "endpoint", "ids")


def read_manifest(path: Path) -> dict[str, Any] | None:
    """The saved manifest; None when there is none (a fresh output, or an older one)."""
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (ValueError, UnicodeDecodeError):
        raise HarvestError(f"{path} is not JSON: remove it to resume") from None
    if not isinstance(saved, dict):
        raise HarvestError(f"{path} is not a manifest: remove it to resume")
    return saved


def check_manifest(output: Path, saved: Mapping[str, Any], wanted: Mapping[str, Any]) -> None:
    """Refuse to resume `output` when `saved` (its manifest) differs from this run's.

    Raises:
        NamedError: the command, the kind of ids, or an option that changes the records
            differs; the message names each differing option.
    """
    if dict(saved) == dict(wanted):
        return
    end = ("; use another ", Name("output"), ", or ", Name("overwrite"), " to start again")
    head = (Name("resume"), f" refused: {output} holds ")
    if any(saved.get(k) != wanted.get(k) for k in _KIND):
        raise NamedError(
            *head, *describe(saved), ", but this run is ", *describe(wanted), *end
        )  # fmt: skip
    keys = sorted(
        k for k in {*saved, *wanted} - {*_KIND, "version"} if saved.get(k) != wanted.get(k)
    )
    there = _options(saved, keys)
    here = _options(wanted, keys)
    what = " ".join(str(saved[k]) for k in ("command", "endpoint") if k in saved)
    raise NamedError(*head, f"{what} with ", *there, "; this run has ", *here, *end)


def describe(manifest: Mapping[str, Any]) -> tuple[str, ...]:
    """A manifest in words, names apart: `family of patent numbers`, `search of query
    (query='q')`, `get P018 of patent numbers (params lang='en')`, `list P008`."""
    text = " ".join(str(manifest[k]) for k in ("command", "endpoint") if k in manifest)
    if "ids" in manifest:
        text += f" of {manifest['ids']}"
    keys = sorted(k for k in manifest if k not in (*_KIND, "version") and manifest[k] != {})
    if not keys:
        return (text,)
    return (text, " (", *_options(manifest, keys), ")")


def _options(manifest: Mapping[str, Any], keys: list[str]) -> list[str]:
    pieces: list[str] = []
    for number, name in enumerate(keys):
        if number:
            pieces.append(", ")
        value = manifest.get(name)
        if value is None or value is False or value == {}:
            pieces += ["no ", Name(name)]
        elif isinstance(value, Mapping):  # `get` and `list`'s params: `params lang='en'`
            pairs = ", ".join(f"{k}={_shown(v)}" for k, v in sorted(value.items()))
            pieces += [Name(name), f" {pairs}"]
        elif value is True:
            pieces.append(Name(name))
        else:
            pieces += [Name(name), f"={_shown(value)}"]
    return pieces


def _shown(value: object) -> str:
    return repr(value) if len(repr(value)) <= 48 else repr(value)[:40] + "...'"
