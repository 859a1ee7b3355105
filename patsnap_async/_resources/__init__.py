"""One module per endpoint family, attached to the client as `client.<family>`."""

from .patents import Patents
from .search import Search, SearchResults
from .sequences import SequenceJobError, Sequences, SequenceWaitTimeout

__all__ = [
    "Patents",
    "Search",
    "SearchResults",
    "SequenceJobError",
    "SequenceWaitTimeout",
    "Sequences",
]
