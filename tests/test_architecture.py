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
    typing_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            typing_only.update(id(child) for stmt in node.body for child in ast.walk(stmt))
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


@pytest.mark.parametrize(
    "layer", ["_session.py", "_protocol.py", "_auth.py", "_pacing.py", "_learners.py"]
)
def test_the_lower_layers_import_nothing_above_them(layer: str) -> None:
    above = ("._client", "._resources", "._transports.aiohttp", "._harvest", ".testing")
    imports = runtime_imports(PACKAGE / layer)
    assert not [m for m in imports if m.startswith(above)]


def test_the_aiohttp_transport_is_imported_only_where_a_client_is_built() -> None:
    importers = {
        name(path)
        for path in modules()
        if any("_transports.aiohttp" in m or m == ".aiohttp" for m in runtime_imports(path))
        and not name(path).startswith("_transports/")
    }
    assert importers == {"_client.py"}


def test_no_private_attribute_of_aiohttp_but_the_guarded_switch() -> None:
    # `self._x` is the transport's own; anything else reached by `._x` is aiohttp's.
    tree = ast.parse((PACKAGE / "_transports" / "aiohttp.py").read_text())
    reached = {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and node.attr.startswith("_")
        and not node.attr.startswith("__")
        and not (isinstance(node.value, ast.Name) and node.value.id == "self")
    }
    assert reached == {"_retry_connection"}


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


def _docstring_lines(node: ast.AST) -> int:
    """Lines of every docstring inside `node` (its own and its nested functions')."""
    lines = 0
    for inner in ast.walk(node):
        body = getattr(inner, "body", None)
        if (
            isinstance(inner, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            lines += (body[0].end_lineno or 0) - body[0].lineno + 1
    return lines


#: Written by generator/generate_catalog.py: a method takes as many keywords as its
#: operation has parameters (up to 40), one a line; the generator is what one reads.
GENERATED = {"_catalog.py", "_catalog_types.py", "_families.py"}


def long_functions(limit: int) -> dict[str, int]:
    """Functions longer than `limit` lines, nested functions included, docstrings not."""
    found = {}
    for path in modules():
        if name(path) in GENERATED:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                size = (node.end_lineno or 0) - node.lineno + 1 - _docstring_lines(node)
                if size > limit:
                    found[f"{name(path)}:{node.name}"] = size
    return found


def test_no_function_is_over_60_lines_without_its_docstrings() -> None:
    # Functions, not modules, are capped: a module cap splits files along the wrong
    # seam; a function past a screenful is where a reviewer stops reading.
    assert long_functions(60) == {}


def imports_of_any_kind(path: Path) -> set[str]:
    """Every module `path` imports, `if TYPE_CHECKING:` blocks included."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            found.add("." * node.level + (node.module or ""))
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_the_exception_module_is_on_the_ground_floor() -> None:
    # It imports nothing from the package, not even for typing: every module may
    # import it, and it can never be part of an import cycle.
    assert [m for m in imports_of_any_kind(PACKAGE / "_errors.py") if m.startswith(".")] == []


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
