"""The switch for the package's own logging: ``PATSNAP_LOG=debug`` (or ``info``).

Like ``OPENAI_LOG`` in openai-python, the variable is read once, when the package is
imported, and sends the ``patsnap_async`` logger's records to stderr. The command
line's ``--verbose`` does the same at DEBUG. Applications that configure logging
themselves need neither: the records propagate to their handlers as usual.
"""

from __future__ import annotations

import logging
import os
import warnings

__all__ = ["enable_logging", "setup_logging"]

logger = logging.getLogger("patsnap_async")

_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO}
# e.g. [2026-12-02 04:50:01 patsnap_async DEBUG] POST /oauth/token (attempt #1)
_FORMAT = "[%(asctime)s %(name)s %(levelname)s] %(message)s"

# The handler this module installed, so that enabling twice prints each line once.
_handler: logging.Handler | None = None


def enable_logging(level: int) -> None:
    """Send the package's log records at `level` and above to stderr.

    Args:
        level: a `logging` level, e.g. `logging.DEBUG` for every attempt, retry
            decision and wait.
    """
    global _handler
    if _handler is None:
        _handler = logging.StreamHandler()
        _handler.setFormatter(logging.Formatter(_FORMAT, "%Y-%m-%d %H:%M:%S"))
        logger.addHandler(_handler)
    logger.setLevel(level)


def setup_logging() -> None:
    """Turn logging on when ``PATSNAP_LOG`` says so; warn about a value it does not know."""
    value = os.environ.get("PATSNAP_LOG", "")
    if not value.strip():
        return
    level = _LEVELS.get(value.strip().lower())
    if level is None:
        warnings.warn(
            f"PATSNAP_LOG={value!r} is neither 'debug' nor 'info'; logging stays off",
            RuntimeWarning,
            stacklevel=2,
        )
        return
    enable_logging(level)
