"""Where the command line and the MCP server keep their record cache by default."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

__all__ = ["default_path"]


def default_path(environ: Mapping[str, str] | None = None) -> Path:
    """`$XDG_CACHE_HOME/patsnap-async/records.sqlite3`, or under `~/.cache` without it.

    The folder is not created here (the command line creates it, readable by its
    owner only, when it opens the cache).
    """
    environ = os.environ if environ is None else environ
    base = environ.get("XDG_CACHE_HOME", "").strip()
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"
    return root / "patsnap-async" / "records.sqlite3"
