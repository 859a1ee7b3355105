"""What each place of a record holds: declared by a type, widened by the data seen.

A `Node` is one place of a record: a scalar of a column type, an object (its fields),
or a list (its items). `declared` builds the tree from a type: a model of the SDK (an
attrs class), a record of the catalog (a `TypedDict`) or a plain type. `observe` then
walks every record of the export through it, so the tables hold every column whatever
the first lines hold:

- a field the type does not name is added, and takes the type of what it holds;
- a place the type leaves open (`Any`, a mapping) takes the type of what it holds;
- a value that does not fit the declared type widens it (`int64` to `float64` when a
  number has a fraction, anything else to `string`): `Node.declared` keeps what was
  declared, so the export can say which columns the data widened;
- a place that holds objects in some records and scalars or lists in others holds
  `json` (its value written as JSON text).

Ids stay strings: a JSON string is a `string` wherever it is, and a field declared
`str` holds any scalar as its JSON text (`834879` as `"834879"`). A number the
platform writes as text where it is a measure (`evalue`, `NUMERIC_TEXT`) is a
`float64`.
"""

from __future__ import annotations

import typing
from collections.abc import Sequence
from types import NoneType, UnionType
from typing import Any, Final, Literal, Union, get_args, get_origin, is_typeddict

import attrs

from .._models import SequenceHit

__all__ = [
    "BOOL",
    "FLOAT",
    "INT",
    "JSON",
    "NUMERIC_TEXT",
    "STRING",
    "Node",
    "declared",
    "observe",
]

STRING: Final = "string"
INT: Final = "int64"
FLOAT: Final = "float64"
BOOL: Final = "bool"
#: A value written as its JSON text: a place that holds objects and scalars alike.
JSON: Final = "json"

#: Fields documented as text that are measures: exported as numbers (`"6.4e-95"`).
NUMERIC_TEXT: Final = frozenset({(SequenceHit, "evalue")})

_INT64: Final = range(-(2**63), 2**63)
_SEQUENCES: Final = (tuple, list, Sequence, typing.Sequence)


@attrs.define(eq=False)
class Node:
    """One place of a record.

    Attributes:
        type: a scalar's column type; None for an object, a list, or a place that held
            only nulls so far.
        fields: an object's fields, in the type's order then in the order seen.
        items: a list's items.
        declared: the scalar type the record's type declares, if any.
        numeric_text: a number that may come as text (`NUMERIC_TEXT`).
    """

    type: str | None = None
    fields: dict[str, Node] | None = None
    items: Node | None = None
    declared: str | None = None
    numeric_text: bool = False

    @property
    def empty(self) -> bool:
        """Nothing is known of it: no type declared, no value seen but nulls."""
        return self.type is None and self.fields is None and self.items is None


def declared(tp: Any, *, _within: frozenset[Any] = frozenset()) -> Node:
    """The tree of places a value of type `tp` has (an empty `Node`: unknown)."""
    tp = _bare(tp)
    if tp in _within:  # a type that holds itself: the data says how deep it goes
        return Node()
    if attrs.has(tp) or is_typeddict(tp):
        hints = typing.get_type_hints(tp)
        inner = _within | {tp}
        fields = {}
        for name, hint in hints.items():
            fields[name] = declared(hint, _within=inner)
            if (tp, name) in NUMERIC_TEXT:
                fields[name] = Node(FLOAT, declared=FLOAT, numeric_text=True)
        return Node(fields=fields)
    if get_origin(tp) in _SEQUENCES:
        args = get_args(tp)
        return Node(items=declared(args[0] if args else Any, _within=_within))
    scalar = _scalar(tp)
    return Node(scalar, declared=scalar) if scalar is not None else Node()


def _bare(tp: Any) -> Any:
    """`tp` without `| None`, `Final`, `Required`, `NotRequired` or `Annotated`."""
    while True:
        origin = get_origin(tp)
        if origin in (Union, UnionType):
            kept = [arg for arg in get_args(tp) if arg is not NoneType]
            if len(kept) != 1:
                return Any
            tp = kept[0]
        elif origin in (Final, typing.Required, typing.NotRequired, typing.Annotated):
            tp = get_args(tp)[0]
        else:
            return tp


def _scalar(tp: Any) -> str | None:
    if get_origin(tp) is Literal:
        values = get_args(tp)
        return _scalar(type(values[0])) if values else None
    return {bool: BOOL, int: INT, float: FLOAT, str: STRING}.get(tp)


def observe(node: Node, value: Any) -> None:
    """Widen `node` to hold `value` (see the module's docstring)."""
    if value is None or node.type == JSON:
        return None
    if isinstance(value, dict):  # decoded JSON: a dict, never another Mapping
        if node.fields is None:
            if not node.empty:
                return _holds_json(node)
            node.fields = {}
        fields = node.fields
        for name, item in value.items():
            place = fields.get(name)
            if place is None:
                place = fields[name] = Node()
            observe(place, item)
    elif isinstance(value, list):
        if node.items is None:
            if not node.empty:
                return _holds_json(node)
            node.items = Node()
        for item in value:
            observe(node.items, item)
    elif node.fields is not None or node.items is not None:
        _holds_json(node)
    elif node.type is None or not fits(node.type, value, numeric_text=node.numeric_text):
        node.type = _widened(node.type, value)
    return None


def _holds_json(node: Node) -> None:
    node.type, node.fields, node.items = JSON, None, None


def fits(type_: str, value: Any, *, numeric_text: bool = False) -> bool:
    """Whether a scalar `value` is written in a column of `type_` as it is."""
    if type_ in (STRING, JSON):
        return True  # any scalar is written as its JSON text
    if isinstance(value, bool):
        return type_ == BOOL
    if type_ == INT:
        return isinstance(value, int) and value in _INT64
    if type_ == FLOAT:
        if isinstance(value, int | float):
            return True
        return numeric_text and isinstance(value, str) and _number(value)
    return False


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _widened(type_: str | None, value: Any) -> str:
    """The narrowest type that holds what `type_` held and `value`."""
    if isinstance(value, bool):
        return BOOL if type_ is None else STRING
    if isinstance(value, int) and value in _INT64 and type_ is None:
        return INT
    if isinstance(value, float) and type_ in (None, INT):
        return FLOAT
    return STRING
