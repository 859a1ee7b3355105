"""The package's layers, read from its source: who may import aiohttp, and what."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "patsnap_async"
#: The one module that speaks aiohttp, and the emulator (an aiohttp.web application).
AIOHTTP_ALLOWED = {"_transports/aiohttp.py"}


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def name(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def runtime_imports(path: Path) -> set[str]:
    """Modules `path` imports when it runs (`if TYPE_CHECKING:` blocks left out)."""
    tree = ast.parse(path.read_text())
    typing_only = _typing_only(tree)
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            found.add("." * node.level + module)
            found.update("." * node.level + module + "." + alias.name for alias in node.names)
    return found


def test_only_the_aiohttp_transport_and_the_emulator_import_aiohttp() -> None:
    speaking = {
        name(path)
        for path in modules()
        if any(m == "aiohttp" or m.startswith("aiohttp.") for m in runtime_imports(path))
    }
    assert speaking - {n for n in speaking if n.startswith("testing/")} == AIOHTTP_ALLOWED


#: The package's floors, lowest first: a module imports only from its own floor and
#: those below it, `if TYPE_CHECKING:` imports included. A subpackage is one room
#: (`_cache`, `_transports`, `testing`...): what its modules import of each other is
#: its own business. Every module stands on a floor.
LAYERS: list[tuple[str, set[str]]] = [
    ("the error map, which imports nothing", {"_errors"}),
    (
        "leaves",
        {
            "_version",
            "_limits",
            "_secret",
            "_logs",
            "_drain",
            "_learners",
            "_limiter",
            "_catalog_types",
        },
    ),
    (
        "pure helpers and the record store",
        {"_validate", "_converter", "_hooks", "_scope", "_cache", "cache", "records"},
    ),
    (
        "the wire's parts",
        {"_transports", "_protocol", "_retry", "_pacing", "_models", "_mcp_server", "interfaces"},
    ),
    ("built on them", {"_auth", "_raw", "_endpoints", "redis"}),
    (
        "declarations, telemetry, settings",
        {"_operations", "endpoints", "_telemetry", "_config"},
    ),
    ("the catalog", {"_arguments", "_catalog", "catalog", "_paths", "_mcp_lookups"}),
    ("the session", {"_session"}),
    ("the engines", {"_batch", "_pager", "_engines"}),
    ("the client", {"_families", "_resources", "_client"}),
    ("the public API", {"__init__"}),
    ("the emulator", {"testing"}),
    (
        "on the public API",
        {"mcp", "_harvest", "harvest", "_export", "export", "_usage", "usage"},
    ),
    ("the command line", {"_cli", "__main__"}),
]


def dotted(path: Path) -> str:
    """`_cache/_store.py` -> `patsnap_async._cache._store`; a package is its `__init__`."""
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {dotted(path): path for path in modules()}


def _known(name: str) -> str:
    """The package module `name` is, or is in (`pkg.mod.Class` -> `pkg.mod`)."""
    while name not in MODULES and "." in name:
        name = name.rpartition(".")[0]
    return name


def package_imports(
    module: str, source: str, *, is_package: bool = False, runtime: bool = False
) -> set[str]:
    """The package modules `source` (module `module`) imports, relative or absolute.

    With `runtime`, what `if TYPE_CHECKING:` imports is left out.
    """
    tree = ast.parse(source)
    typing_only = _typing_only(tree) if runtime else set()
    home = module.split(".") if is_package else module.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == PACKAGE.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = home[: len(home) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if target.split(".")[0] == PACKAGE.name:
                found.update(f"{target}.{alias.name}" for alias in node.names)
    return {_known(name) for name in found} - {module}


def _typing_only(tree: ast.AST) -> set[int]:
    """The nodes inside `if TYPE_CHECKING:` blocks."""
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            inside.update(id(child) for stmt in node.body for child in ast.walk(stmt))
    return inside


def floor(module: str) -> int:
    """The index in `LAYERS` of `module`'s room (its top-level module or subpackage)."""
    room = module.split(".")[1] if "." in module else "__init__"
    floors = [i for i, (_, rooms) in enumerate(LAYERS) if room in rooms]
    assert len(floors) == 1, f"{module} must stand on exactly one floor of LAYERS"
    return floors[0]


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    """The imports in `graph` (module -> what it imports) that climb to a higher floor."""
    return sorted(
        f"{module} ({LAYERS[floor(module)][0]}) imports {imported} ({LAYERS[floor(imported)][0]})"
        for module, imports in graph.items()
        for imported in imports
        if floor(imported) > floor(module)
    )


def import_graph(*, runtime: bool = False) -> dict[str, set[str]]:
    return {
        module: package_imports(
            module, path.read_text(), is_package=path.name == "__init__.py", runtime=runtime
        )
        for module, path in MODULES.items()
    }


def test_every_module_stands_on_one_floor() -> None:
    for module in MODULES:
        floor(module)


def test_no_module_imports_from_a_floor_above_its_own() -> None:
    assert upward_imports(import_graph()) == []


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("_errors", "if TYPE_CHECKING:\n    from patsnap_async._batch import BatchResult"),
        ("_errors", "import patsnap_async._limits"),
        ("_protocol", "from . import _client"),
        ("_session", "def f():\n    from ._batch import lookup"),
        ("_transports.base", "from ..testing import MockTransport"),
        ("_client", "from patsnap_async import PatsnapClient"),
    ],
)
def test_an_import_from_a_floor_above_is_reported(module: str, source: str) -> None:
    full = f"{PACKAGE.name}.{module}"
    graph = {full: package_imports(full, source)}
    assert len(upward_imports(graph)) == 1


def test_an_import_resolves_to_the_module_it_names() -> None:
    module = f"{PACKAGE.name}._resources.search"
    source = "from .. import _validate as check\nfrom .._models import PatentRef"
    assert package_imports(module, source) == {
        f"{PACKAGE.name}._validate",
        f"{PACKAGE.name}._models",
    }
    assert package_imports(module, "from patsnap_async import Search") == {PACKAGE.name}


def test_the_aiohttp_transport_is_imported_only_where_a_client_is_built() -> None:
    transport = f"{PACKAGE.name}._transports.aiohttp"
    importers = {
        module
        for module, imports in import_graph(runtime=True).items()
        if transport in imports and not module.startswith(f"{PACKAGE.name}._transports")
    }
    assert importers == {f"{PACKAGE.name}._client"}


#: The one private switch of aiohttp's the transport may touch, under a test that
#: fails when aiohttp changes it (tests/test_transport_aiohttp.py).
GUARDED = {"_retry_connection"}


def private_reaches(source: str) -> set[str]:
    """What of aiohttp's private state `source` reaches, the guarded switch included.

    A class built on one of aiohttp's, a private name spelled as a string in
    `getattr`/`hasattr`/`setattr`/`delattr`, and any `x._name` but the transport's own
    attributes (those its own classes assign on `self`, and their methods).
    """
    tree = ast.parse(source)
    from_aiohttp = {"aiohttp"}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "aiohttp":
            from_aiohttp.update(alias.asname or alias.name for alias in node.names)
    reached: set[str] = set()
    own: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.ClassDef):
            continue
        roots = {n.id for base in node.bases for n in ast.walk(base) if isinstance(n, ast.Name)}
        if roots & from_aiohttp:
            reached.add(f"class {node.name}({', '.join(map(ast.unparse, node.bases))})")
            continue
        for inner in ast.walk(node):
            if isinstance(inner, ast.FunctionDef | ast.AsyncFunctionDef):
                own.add(inner.name)
            targets = (
                inner.targets
                if isinstance(inner, ast.Assign)
                else [inner.target]
                if isinstance(inner, ast.AnnAssign | ast.AugAssign)
                else []
            )
            own.update(
                t.attr
                for t in targets
                if isinstance(t, ast.Attribute) and ast.unparse(t.value) == "self"
            )
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _private(node.attr):
            if not (ast.unparse(node.value) == "self" and node.attr in own):
                reached.add(node.attr)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in {"getattr", "hasattr", "setattr", "delattr"}
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
            and _private(node.args[1].value)
        ):
            reached.add(node.args[1].value)
    return reached


def _private(attribute: str) -> bool:
    return attribute.startswith("_") and not attribute.startswith("__")


def test_no_private_attribute_of_aiohttp_but_the_guarded_switch() -> None:
    source = (PACKAGE / "_transports" / "aiohttp.py").read_text()
    assert private_reaches(source) == GUARDED


@pytest.mark.parametrize(
    ("regression", "reported"),
    [
        (
            "class _Paced(aiohttp.ClientRequest):\n"
            "    async def send(self, conn):\n"
            "        return self._writer",
            {"class _Paced(aiohttp.ClientRequest)", "_writer"},
        ),
        (
            "from aiohttp import ClientRequest as Base\nclass Paced(Base):\n    pass",
            {"class Paced(Base)"},
        ),
        ("def f(http):\n    return getattr(http, '_connector_owner')", {"_connector_owner"}),
        ("def f(http):\n    setattr(http, '_x', 1)", {"_x"}),
        ("def f(response):\n    return response._body", {"_body"}),
        ("def f(other):\n    return other._http", {"_http"}),
    ],
)
def test_a_reach_into_aiohttp_is_reported(regression: str, reported: set[str]) -> None:
    source = (PACKAGE / "_transports" / "aiohttp.py").read_text()
    assert private_reaches(source + "\n\n" + regression) == GUARDED | reported


def test_no_isinstance_on_a_concrete_limiter_or_credentials_class() -> None:
    concrete = {"Pacer", "RedisLimiter", "ApiKey", "ClientCredentials"}
    found = []
    for path in modules():
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "isinstance"
                and len(node.args) == 2
            ):
                named = {n.id for n in ast.walk(node.args[1]) if isinstance(n, ast.Name)}
                if named & concrete:
                    found.append(f"{name(path)}:{node.lineno}")
    assert found == []


def _first_statement(function: ast.FunctionDef | ast.AsyncFunctionDef) -> ast.stmt | None:
    """The function's first statement after its docstring (None: a docstring alone)."""
    body = function.body
    if (
        isinstance(body[0], ast.Expr)
        and isinstance(body[0].value, ast.Constant)
        and isinstance(body[0].value.value, str)
    ):
        return body[1] if len(body) > 1 else None
    return body[0]


def function_sizes(source: str) -> dict[str, int]:
    """Each function's lines, from its first statement after the docstring to its end.

    The signature (a generated method takes up to 40 keywords, one a line) and the
    docstring are left out; nested functions count in their own and their parent's.
    """
    sizes = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            first = _first_statement(node)
            size = 0 if first is None else (node.end_lineno or 0) - first.lineno + 1
            sizes[f"{node.name}:{node.lineno}"] = size
    return sizes


def long_functions(limit: int) -> dict[str, int]:
    """Functions of the package longer than `limit` lines (generated ones too)."""
    return {
        f"{name(path)}:{function}": size
        for path in modules()
        for function, size in function_sizes(path.read_text()).items()
        if size > limit
    }


def test_a_function_is_measured_from_its_first_statement_after_the_docstring() -> None:
    body = "".join(f"    x{i} = {i}\n" for i in range(61))
    source = f'def f(\n    a,\n    b,\n):\n    """Doc.\n\n    More.\n    """\n{body}'
    assert function_sizes(source) == {"f:1": 61}
    assert function_sizes(source.replace("    x60 = 60\n", "")) == {"f:1": 60}
    assert function_sizes('def g():\n    """Only a docstring."""\n') == {"g:1": 0}


def test_no_function_is_over_60_lines_without_its_docstrings() -> None:
    # Functions, not modules, are capped: a module cap splits files along the wrong
    # seam; a function past a screenful is where a reviewer stops reading.
    assert long_functions(60) == {}


TESTS = Path(__file__).resolve().parent
#: What a client and its session keep to themselves. Tests read `client.stats`, a
#: `MockTransport`'s `requests`, the token their handler issued, and a pacer's
#: `margin`, `current_rate()` and `accepted_qps` instead.
CLIENT_STATE = {"_session", "_tokens", "_token", "_slots"}


def test_tests_reach_into_no_client_session_or_pacer() -> None:
    found = []
    for path in sorted(TESTS.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Attribute) or not node.attr.startswith("_"):
                continue
            owner = ast.unparse(node.value)
            if node.attr in CLIENT_STATE or (
                "pacer" in owner.lower() and not node.attr.startswith("__")
            ):
                found.append(f"{path.relative_to(TESTS).as_posix()}: {owner}.{node.attr}")
    # The aiohttp transport's own aiohttp session, where the guarded switch is read.
    assert found == ["test_transport_aiohttp.py: transport._session"]
