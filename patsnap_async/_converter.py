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

Each model class is structured by the function cattrs generates for it
(`cattrs.gen.make_dict_structure_fn`), with detailed validation: an error names the
field and the index that failed. A family record of eight members structures in about
15 us; an account sends 5 to 50 requests a second, so that is not worth generating code
of our own (see benchmarks/README.md, "The converter").

Structuring errors are cattrs' own (`cattrs.errors.ClassValidationError` and friends);
`parse` turns any of them into a `MalformedResponseError`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType, NoneType, UnionType
from typing import Any, TypeVar, Union, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import ClassValidationError, IterableValidationError, IterableValidationNote
from cattrs.gen import make_dict_structure_fn, override

from ._errors import MalformedResponseError

__all__ = ["NUMBER_AS_STR", "converter", "parse", "structure", "unstructure"]

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


def _attrs_hook_factory(cls: Any, conv: cattrs.Converter) -> _StructureHook:
    overrides: dict[str, Any] = {
        field.name: override(struct_hook=_structure_number_as_str)
        for field in attrs.fields(cls)
        if field.metadata.get(_NUMBER_AS_STR_KEY)
    }
    generated = make_dict_structure_fn(
        cls,
        conv,
        # Fields the platform adds later must not break parsing.
        _cattrs_forbid_extra_keys=False,
        **overrides,
    )

    def structure_attrs(value: Any, type_: Any) -> Any:
        # The generated function tests keys with `in`, which a string or a list also
        # answers; without this check they would silently give an all-default model.
        if not isinstance(value, Mapping):
            error = TypeError(f"expected a JSON object, got {_describe(value)}")
            raise ClassValidationError(f"While structuring {cls.__name__}", [error], cls)
        return generated(value, type_)

    return structure_attrs


def _make_converter() -> cattrs.Converter:
    """The package's converter: strict scalars, and cattrs' generated hooks per model."""
    conv = cattrs.Converter(unstruct_collection_overrides={tuple: list})
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(float, _structure_float)
    conv.register_structure_hook(bool, _structure_bool)
    # Hook factories registered later take precedence over cattrs' built-in ones.
    conv.register_structure_hook_factory(
        _is_optional, lambda type_: _optional_hook_factory(type_, conv)
    )
    conv.register_structure_hook_factory(
        _is_homogeneous_sequence, lambda type_: _sequence_hook_factory(type_, conv)
    )
    conv.register_structure_hook_factory(attrs.has, lambda cls: _attrs_hook_factory(cls, conv))
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


def parse(data: Any, cls: type[T]) -> T:
    """Structure `data` into `cls`; data of the wrong types is a malformed answer.

    Any failure (a field of the wrong type, data nested past Python's recursion limit)
    raises `MalformedResponseError`, not retried: the same request would bring the
    same data back.
    """
    try:
        return structure(data, cls)
    except Exception as error:  # whatever the data makes cattrs raise: never a bare one
        raise MalformedResponseError(
            None, f"unexpected answer for {_name(cls)}: {_detail(error)}", retryable=False
        ) from error


def _name(cls: Any) -> str:
    return getattr(cls, "__name__", None) or str(cls)


def _detail(error: Exception) -> str:
    try:
        if isinstance(error, cattrs.BaseValidationError):
            detail = "; ".join(cattrs.transform_error(error))
        else:
            detail = f"{type(error).__name__}: {error}"
    except Exception:  # describing deeply nested data can fail the same way
        detail = type(error).__name__
    return detail[:300]
