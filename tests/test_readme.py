"""The README's examples run as they are, and the quality gates hold."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BLOCKS = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(), re.S)
RUNNABLE = [b for b in BLOCKS if "Emulator(" in b]


def test_readme_has_runnable_examples() -> None:
    assert len(RUNNABLE) >= 4


@pytest.mark.parametrize("code", RUNNABLE, ids=[f"example{i}" for i in range(len(RUNNABLE))])
def test_readme_example_runs(code: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()


def _tool(name: str) -> list[str]:
    if shutil.which(name) is None and not (Path(sys.executable).parent / name).exists():
        pytest.skip(f"{name} is not installed (it is in the dev extra)")
    return [sys.executable, "-m", name]


def test_ruff_lint_and_format_are_clean() -> None:
    ruff = _tool("ruff")
    for args in (["check", "."], ["format", "--check", "."]):
        done = subprocess.run(ruff + args, capture_output=True, text=True, cwd=ROOT)
        assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_strict_is_clean() -> None:
    done = subprocess.run(
        [*_tool("mypy"), "--no-incremental"], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0, done.stdout + done.stderr
