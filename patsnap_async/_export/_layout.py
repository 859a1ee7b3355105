"""From a record's tree of places to flat tables, and from a record to their rows.

One table holds the records: the columns that come from outside the record (the
requested id, a list's `index`, a split search's `part`), then every scalar of the
record, the fields of its objects flattened into it (`patent_family.simple_family_id`
is the column `patent_family_simple_family_id`). A list of scalars is one column of
type `list<T>`. Each list of objects is a table of its own (named after the list:
`simple_family`), one row per item, keyed by its parent's key and the item's position
in its list (`simple_family_index`, from 0); a list of objects inside such an item is a
table below it, keyed the same way. An item with `country`, `doc_number` and `kind`
but no `pn` gets a `pn` built from them (`US` + `11205304` + `B2`).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Final

import attrs

from ._shapes import BOOL, FLOAT, INT, JSON, STRING, Node

__all__ = ["Column", "Table", "convert", "layout", "rows"]

#: The parts a `pn` is built from, in order.
PN_PARTS: Final = ("country", "doc_number", "kind")


@attrs.frozen
class Column:
    """One column of a table.

    Attributes:
        name: its name in the files.
        type: `string`, `int64`, `float64`, `bool`, `json` or `list<T>` (T a scalar type).
        path: where its value is in the table's item; None: it comes from outside the
            item (the requested id, a position), or is `derived`.
        key: part of the table's key (with the other key columns, one row each).
        declared: the type the record's type declares, when the data widened it.
        derived: how it is built, for a column that is not in the data (`pn`).
    """

    name: str
    type: str
    path: tuple[str, ...] | None = None
    key: bool = False
    declared: str | None = None
    derived: str | None = None


@attrs.frozen
class Table:
    """One flat table, and the tables of the lists its items hold.

    Attributes:
        name: its name, and its files' (`simple_family.csv`).
        columns: its key columns first, then its data.
        path: where its list is in the parent's item (the records table: empty).
        parent: the parent table's name; None for the records table.
        children: the tables of the lists of objects its items hold.
    """

    name: str
    columns: tuple[Column, ...]
    path: tuple[str, ...] = ()
    parent: str | None = None
    children: tuple[Table, ...] = ()

    @property
    def key(self) -> tuple[Column, ...]:
        """The columns that name one row."""
        return tuple(column for column in self.columns if column.key)

    def walk(self) -> Iterator[Table]:
        """This table, then every table below it, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()


def layout(root: Node, outer: Sequence[Column], name: str = "records") -> Table:
    """The tables of records shaped as `root`, with the `outer` columns first."""
    return _table(name, root, outer, (), (), None, {name})


def _table(
    name: str,
    node: Node,
    keys: Sequence[Column],
    path: tuple[str, ...],
    full: tuple[str, ...],
    parent: str | None,
    taken: set[str],
) -> Table:
    """The table of items shaped as `node` (`full`: its list's path from the record)."""
    scalars: list[tuple[tuple[str, ...], Node]] = []
    lists: list[tuple[tuple[str, ...], Node]] = []
    _flatten(node, (), scalars, lists)
    names = {column.name for column in keys}
    columns = list(keys)
    if _builds_pn(node):
        names.add("pn")
        columns.append(Column("pn", STRING, derived="country + doc_number + kind"))
    for where, place in scalars:
        columns.append(_column(_unique(where, names), where, place))
    own = tuple(column for column in columns if column.key)
    children = []
    for where, place in lists:
        child = _unique_table(where, full + where, taken)
        index = Column(f"{child}_index", INT, key=True)
        assert place.items is not None
        children.append(_table(child, place.items, (*own, index), where, full + where, name, taken))
    return Table(name, tuple(columns), path, parent, tuple(children))


def _flatten(
    node: Node,
    prefix: tuple[str, ...],
    scalars: list[tuple[tuple[str, ...], Node]],
    lists: list[tuple[tuple[str, ...], Node]],
) -> None:
    """Sort an object's places: scalars (and lists of them), and lists of objects."""
    assert node.fields is not None
    for field, place in node.fields.items():
        where = (*prefix, field)
        if place.fields is not None:
            _flatten(place, where, scalars, lists)
        elif place.items is not None and place.items.fields is not None:
            lists.append((where, place))
        else:
            scalars.append((where, place))


def _column(name: str, where: tuple[str, ...], place: Node) -> Column:
    type_ = _column_type(place)
    declared = place.declared if place.declared not in (None, type_) else None
    return Column(name, type_, where, declared=declared)


def _column_type(place: Node) -> str:
    if place.items is None:
        return place.type or STRING  # only nulls seen, nothing declared
    items = place.items
    if items.items is not None or items.type in (None, JSON):
        return JSON  # lists of lists, or only empty lists seen
    return f"list<{items.type}>"


def _builds_pn(node: Node) -> bool:
    fields = node.fields or {}
    parts = [fields.get(part) for part in PN_PARTS]
    scalars = all(p is not None and p.fields is None and p.items is None for p in parts)
    return scalars and "pn" not in fields


def _unique(where: tuple[str, ...], names: set[str]) -> str:
    """`a_b` for the path (a, b), else `a.b`, else `a_b_2`, ...; added to `names`."""
    first = "_".join(where)
    numbered = (f"{first}_{number}" for number in itertools.count(2))
    found = next(c for c in itertools.chain((first, ".".join(where)), numbered) if c not in names)
    names.add(found)
    return found


def _unique_table(where: tuple[str, ...], full: tuple[str, ...], taken: set[str]) -> str:
    """A child table's name: its list's name, else its whole path from the record."""
    if where[-1] not in taken:
        taken.add(where[-1])
        return where[-1]
    return _unique(full, taken)


def rows(
    table: Table, item: Any, outer: Mapping[str, Any]
) -> Iterator[tuple[Table, dict[str, Any]]]:
    """The rows one item makes in `table` and the tables below it (`outer`: the values
    of the columns that come from outside the item)."""
    row = {}
    for column in table.columns:
        if column.path is not None:
            value = _dig(item, column.path)
        elif column.derived is not None:
            value = _pn(item)
        else:
            value = outer.get(column.name)
        row[column.name] = convert(column.type, value)
    yield table, row
    key = {column.name: row[column.name] for column in table.key}
    for child in table.children:
        items = _dig(item, child.path)
        if not isinstance(items, list):
            continue
        for position, each in enumerate(items):
            yield from rows(child, each, {**key, f"{child.name}_index": position})


def _dig(item: Any, path: tuple[str, ...]) -> Any:
    for name in path:
        if not isinstance(item, dict):  # decoded JSON
            return None
        item = item.get(name)
    return item


def _pn(item: Any) -> str | None:
    parts = [_dig(item, (part,)) for part in PN_PARTS]
    if any(not isinstance(part, str) or not part for part in parts):
        return None
    return "".join(parts)


def convert(type_: str, value: Any) -> Any:
    """`value` as a column of `type_` holds it (the data was observed to fit)."""
    if value is None:
        return None
    if type_ == STRING:
        return value if isinstance(value, str) else json.dumps(value)
    if type_ == FLOAT:
        return float(value)
    if type_ in (INT, BOOL):
        return value
    if type_ == JSON:
        return json.dumps(value, ensure_ascii=False)
    inner = type_[len("list<") : -1]
    return [convert(inner, each) for each in value]
