"""One module per endpoint family, attached to the client as `client.<family>`."""

from .patents import Patents
from .search import Search
from .sequences import Sequences
from .tasks import Tasks

__all__ = [
    "Patents",
    "Search",
    "Sequences",
    "Tasks",
]
