"""The package's one cattrs converter, configured for the PatSnap Open Platform's JSON.

The stock `cattrs.Converter` is lenient in ways that hide bad data: it structures a
`str` field with `str(value)` (so a dict becomes ``"{'a': 1}"``), an `int` field with
`int(value)` (so ``3.9`` becomes ``3``), a `bool` field with `bool(value)` (so
``"false"`` becomes `True`) and a sequence from any iterable (so ``"abc"`` becomes
``("a", "b", "c")``). This converter replaces those hooks with strict ones:

- `str` accepts only strings; `int` only integers (not `bool`); `float` integers or
  floats (``68`` becomes ``68.0``); `bool` only booleans.
- ``X | None`` keeps a JSON ``null`` as `None` and hands anything else to the strict
  hook for ``X`` (looked up once, not per value as cattrs' own optional hook does).
- ``tuple[X, ...]`` and ``list[X]`` accept only JSON arrays; a ``null`` where the
  model has no ``| None`` becomes an empty sequence, since the platform sends ``null``
  and ``[]`` alike for "no items".
- A JSON object is required wherever a model class is expected.
- Fields declared with ``metadata=NUMBER_AS_STR`` are documented as strings but sent as
  numbers by the platform; they accept both, and a number becomes its string form
  (``834879`` -> ``"834879"``, ``1.12271e-54`` -> ``"1.12271e-54"``, via `repr`).
- Keys the models do not declare are ignored, so fields the platform adds later do not
  break parsing.

Every model class gets two structuring functions. The fast one, generated from the
class's fields, takes a record as the platform normally sends it (each value already of
its field's JSON type) and calls the constructor once; the detailed one is cattrs' own,
with the strict hooks above. Anything unusual in a record (a value of another type, a
number sent for a string) makes the fast one give up, and the detailed one decides: it
converts what it may and raises what it must. Results and errors are the detailed
function's, and records as the platform normally sends them never pay for it (a
family record structures in about half the time).

Structuring errors are cattrs' own (`cattrs.errors.ClassValidationError` and friends);
the session layer wraps them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType, NoneType, UnionType
from typing import Any, TypeVar, Union, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import ClassValidationError, IterableValidationError, IterableValidationNote
from cattrs.gen import make_dict_structure_fn, override

__all__ = ["NUMBER_AS_STR", "converter", "structure", "unstructure"]

T = TypeVar("T")

_NUMBER_AS_STR_KEY = "patsnap_async.number_as_str"

#: Field metadata marking a string field that the platform may send as a JSON number.
#: Use as ``attrs.field(default=None, metadata=NUMBER_AS_STR)`` on a ``str | None`` field.
NUMBER_AS_STR: Mapping[str, bool] = MappingProxyType({_NUMBER_AS_STR_KEY: True})

_StructureHook = Callable[[Any, Any], Any]

_UNIONS = (Union, UnionType)
_SCALARS = (str, int, float, bool)


def _describe(value: Any) -> str:
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{type(value).__name__} {text}"


def _structure_str(value: Any, _: Any) -> str:
    if isinstance(value, str):
        return value
    raise TypeError(f"expected a string, got {_describe(value)}")


def _structure_int(value: Any, _: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return int(value)
    raise TypeError(f"expected an integer, got {_describe(value)}")


def _structure_float(value: Any, _: Any) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    raise TypeError(f"expected a number, got {_describe(value)}")


def _structure_bool(value: Any, _: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise TypeError(f"expected a boolean, got {_describe(value)}")


def _structure_number_as_str(value: Any, type_: Any) -> str | None:
    if value is None and NoneType in get_args(type_):
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        # repr gives the shortest string that round-trips: 1.12271e-54, 68.45.
        return repr(value)
    raise TypeError(f"expected a string or a number, got {_describe(value)}")


def _is_homogeneous_sequence(type_: Any) -> bool:
    origin = get_origin(type_)
    args = get_args(type_)
    if origin is tuple:
        return len(args) == 2 and args[1] is Ellipsis
    return origin is list and len(args) == 1


def _is_optional(type_: Any) -> bool:
    args = get_args(type_)
    return get_origin(type_) in _UNIONS and len(args) == 2 and NoneType in args


def _optional_inner(type_: Any) -> Any:
    """``X`` of ``X | None``."""
    return next(arg for arg in get_args(type_) if arg is not NoneType)


def _sequence_maker(type_: Any) -> Callable[[list[Any]], Any]:
    """What turns a list of items into ``type_`` (a homogeneous tuple or list)."""
    return tuple if get_origin(type_) is tuple else list


def _optional_hook_factory(type_: Any, conv: cattrs.Converter) -> _StructureHook:
    # cattrs' own hook for ``X | None`` looks up the hook for ``X`` on every value;
    # models are almost all optional fields, so it is looked up once here.
    inner_type = _optional_inner(type_)
    inner = conv.get_structure_hook(inner_type)
    # A JSON string, integer, float or boolean already is what its strict hook returns.
    same = inner_type if inner_type in _SCALARS else NoneType

    def structure_optional(value: Any, _: Any) -> Any:
        if value is None or type(value) is same:
            return value
        return inner(value, inner_type)

    return structure_optional


def _sequence_hook_factory(type_: Any, conv: cattrs.Converter) -> _StructureHook:
    elem_type = get_args(type_)[0]
    elem_hook = conv.get_structure_hook(elem_type)
    make = _sequence_maker(type_)

    def structure_sequence(value: Any, _: Any) -> Any:
        if value is None:
            return make([])
        if type(value) is list:
            try:
                return make([elem_hook(item, elem_type) for item in value])
            except Exception:
                pass  # the loop below says which items failed, and why
        if not isinstance(value, list | tuple):
            error = TypeError(f"expected an array, got {_describe(value)}")
            raise IterableValidationError(f"While structuring {type_!r}", [error], type_)
        items: list[Any] = []
        errors: list[Exception] = []
        for index, item in enumerate(value):
            try:
                items.append(elem_hook(item, elem_type))
            except Exception as exc:  # collected and re-raised as one group below
                note = IterableValidationNote(
                    f"Structuring {type_} @ index {index}", index, elem_type
                )
                exc.__notes__ = [*getattr(exc, "__notes__", []), note]
                errors.append(exc)
        if errors:
            raise IterableValidationError(f"While structuring {type_!r}", errors, type_)
        return make(items)

    return structure_sequence


class _Unusual(Exception):
    """A value the fast structuring functions leave to the detailed ones."""


_FastFns = dict[Any, Callable[[Any], Any] | None]


def _attrs_hook_factory(
    cls: Any, conv: cattrs.Converter, fast_fns: _FastFns | None
) -> _StructureHook:
    overrides: dict[str, Any] = {
        field.name: override(struct_hook=_structure_number_as_str)
        for field in attrs.fields(cls)
        if field.metadata.get(_NUMBER_AS_STR_KEY)
    }
    detailed = make_dict_structure_fn(
        cls,
        conv,
        # Fields the platform adds later must not break parsing.
        _cattrs_forbid_extra_keys=False,
        **overrides,
    )
    fast = _fast_fn(cls, conv, fast_fns) if fast_fns is not None else None

    def structure_attrs(value: Any, type_: Any) -> Any:
        if fast is not None:
            try:
                return fast(value)
            except Exception:
                pass  # an unusual record: the detailed path below decides
        # The generated function tests keys with `in`, which a string or a list also
        # answers; without this check they would silently give an all-default model.
        if type(value) is not dict and not isinstance(value, Mapping):
            error = TypeError(f"expected a JSON object, got {_describe(value)}")
            raise ClassValidationError(f"While structuring {cls.__name__}", [error], cls)
        return detailed(value, type_)

    return structure_attrs


def _fast_fn(cls: Any, conv: cattrs.Converter, fast_fns: _FastFns) -> Callable[[Any], Any] | None:
    """Generate `fast(value) -> cls` for a JSON object whose values have their usual types.

    Anything else raises (`_Unusual`, or whatever a hook raises) and is left to the
    detailed function. The code is generated from the class's fields, so that a record
    costs one dict lookup and one type test per field and one constructor call. A class
    with a field of another shape than ``X | None = None`` or ``tuple[X, ...] = ()``
    gets none (None): the detailed function then does all its work.
    """
    if cls in fast_fns:
        return fast_fns[cls]
    fast_fns[cls] = None  # while generating: a class that contains itself goes the slow way
    names: dict[str, Any] = {"_cls": cls, "_Unusual": _Unusual}
    lines = [
        "def fast(o):",
        "    if type(o) is not dict:",
        "        raise _Unusual",
        "    g = o.get",
    ]
    fields = attrs.fields(attrs.resolve_types(cls))
    for i, field in enumerate(fields):
        check = _fast_check(f"v{i}", field, names, conv, fast_fns)
        if check is None:
            return None
        lines += [f"    v{i} = g({field.name!r})", *(f"    {line}" for line in check)]
    lines.append(f"    return _cls({', '.join(f'v{i}' for i in range(len(fields)))})")
    exec(compile("\n".join(lines), f"<fast {cls.__qualname__}>", "exec"), names)
    fast: Callable[[Any], Any] = names["fast"]
    fast_fns[cls] = fast
    return fast


def _fast_check(
    var: str,
    field: attrs.Attribute[Any],
    names: dict[str, Any],
    conv: cattrs.Converter,
    fast_fns: _FastFns,
) -> list[str] | None:
    """Lines that turn `var`, the field's JSON value or None if absent, into its value."""
    if not field.init or field.kw_only:  # the constructor is called with positions
        return None
    if (
        get_origin(field.type) is tuple
        and _is_homogeneous_sequence(field.type)
        and field.default == ()
    ):
        # Absent, null and [] are all the empty sequence.
        names[f"_h_{var}"] = _fast_items(field.type, conv, fast_fns)
        return [f"{var} = () if {var} is None else _h_{var}({var})"]
    if not _is_optional(field.type) or field.default is not None:
        return None
    type_ = _optional_inner(field.type)
    if field.metadata.get(_NUMBER_AS_STR_KEY):
        names[f"_h_{var}"], names[f"_t_{var}"] = _structure_number_as_str, field.type
        convert = [f"    {var} = _h_{var}({var}, _t_{var})"]
        return [f"if {var} is not None and type({var}) is not str:", *convert]
    if type_ is float:  # JSON writes 68.0 as 68
        return [
            f"if type({var}) is int:",
            f"    {var} = float({var})",
            f"elif {var} is not None and type({var}) is not float:",
            "    raise _Unusual",
        ]
    if type_ in _SCALARS:
        names[f"_t_{var}"] = type_
        return [f"if {var} is not None and type({var}) is not _t_{var}:", "    raise _Unusual"]
    names[f"_h_{var}"] = _fast_value(type_, conv, fast_fns)
    return [f"if {var} is not None:", f"    {var} = _h_{var}({var})"]


def _fast_items(type_: Any, conv: cattrs.Converter, fast_fns: _FastFns) -> Callable[[Any], Any]:
    """Build a sequence from a JSON array (anything else raises)."""
    make = _sequence_maker(type_)
    item = _fast_value(get_args(type_)[0], conv, fast_fns)

    def fast_items(value: Any) -> Any:
        if type(value) is not list:
            raise _Unusual
        return make([item(x) for x in value])

    return fast_items


def _fast_value(type_: Any, conv: cattrs.Converter, fast_fns: _FastFns) -> Callable[[Any], Any]:
    """Turn one non-null JSON value into `type_`, raising for anything unusual."""
    fast = _fast_fn(type_, conv, fast_fns) if attrs.has(type_) else None
    if fast is not None:
        return fast
    if type_ in _SCALARS and type_ is not float:

        def exact(value: Any) -> Any:
            if type(value) is not type_:
                raise _Unusual
            return value

        return exact
    if _is_homogeneous_sequence(type_):
        return _fast_items(type_, conv, fast_fns)
    hook = conv.get_structure_hook(type_)  # no shortcut: the converter's own hook
    return lambda value: hook(value, type_)


def _make_converter(*, fast_paths: bool = True) -> cattrs.Converter:
    """The package's converter; `fast_paths=False` gives the detailed functions only."""
    conv = cattrs.Converter(unstruct_collection_overrides={tuple: list})
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(float, _structure_float)
    conv.register_structure_hook(bool, _structure_bool)
    fast_fns: _FastFns | None = {} if fast_paths else None
    # Hook factories registered later take precedence over cattrs' built-in ones.
    conv.register_structure_hook_factory(
        _is_optional, lambda type_: _optional_hook_factory(type_, conv)
    )
    conv.register_structure_hook_factory(
        _is_homogeneous_sequence, lambda type_: _sequence_hook_factory(type_, conv)
    )
    conv.register_structure_hook_factory(
        attrs.has, lambda cls: _attrs_hook_factory(cls, conv, fast_fns)
    )
    return conv


#: The converter every response model goes through.
converter: cattrs.Converter = _make_converter()


def structure(data: Any, cls: type[T]) -> T:
    """Build a ``cls`` instance from decoded JSON ``data``.

    Raises:
        cattrs.errors.BaseValidationError: when ``data`` does not fit ``cls`` (a
            `cattrs.errors.ClassValidationError` for a model class, an
            `cattrs.errors.IterableValidationError` for a sequence of models); its
            sub-exceptions and notes say which field failed and why.
    """
    return converter.structure(data, cls)


def unstructure(obj: Any) -> Any:
    """Turn a model (or a sequence of models) back into JSON-ready data.

    Keys are the API's field names, `None` fields are kept as ``None``, tuples become
    lists.
    """
    return converter.unstructure(obj)
