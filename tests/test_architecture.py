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
    above = ("._client", "._resources", "._transports", "._harvest", ".testing")
    imports = runtime_imports(PACKAGE / layer)
    assert not [m for m in imports if m.startswith(above)]


def test_the_transport_module_is_imported_only_where_a_client_is_built() -> None:
    importers = {
        name(path)
        for path in modules()
        if any("_transports" in m for m in runtime_imports(path))
        and name(path) != "_transports/aiohttp.py"
    }
    assert importers == {"_client.py"}


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


def test_no_package_module_is_much_over_400_lines() -> None:
    long = {name(p) for p in modules() if len(p.read_text().splitlines()) > 440}
    assert long == set()
