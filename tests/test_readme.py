"""Every Python example in README.md and docs/*.md runs, and the quality gates hold.

Each ```python block runs in a fresh interpreter, in an empty folder, with
``PATSNAP_BASE_URL``, ``PATSNAP_CLIENT_ID`` and ``PATSNAP_CLIENT_SECRET`` pointing at an
emulator this test serves: a block that takes its credentials from the environment, as
real code would, runs against the emulator; a block that starts its own emulator uses
that one. It passes when it exits with status 0.

Two markers, an HTML comment on the line just before the block's opening fence, change
that. Keep them rare: a block that cannot run is a block that can rot.

- ``<!-- snippet: continues -->``: the block goes on from the block before it in the same
  file (it uses its names); it runs appended to that block (and to whatever that one
  continues).
- ``<!-- snippet: not run, REASON -->``: the block needs what the test cannot give it
  (a Redis server, a server process) or is a fragment; it is only compiled, as a
  program, so a syntax error still fails, and so does a top-level ``await`` or
  ``async with``, which no script can run.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from patsnap_async.testing import Emulator

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

_BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)
_MARKER = re.compile(r"<!-- snippet: (continues|not run, .+?) -->\s*\Z")


@attrs.frozen
class Snippet:
    """One ```python block: where it is, its code, and what its marker asks."""

    where: str  # "docs/fastapi.md, block 2 (line 51)"
    code: str  # with the code of the blocks it continues before it
    run: bool


def snippets(path: Path) -> list[Snippet]:
    text = path.read_text(encoding="utf-8")
    found: list[Snippet] = []
    for number, match in enumerate(_BLOCK.finditer(text), start=1):
        line = text.count("\n", 0, match.start()) + 1
        where = f"{path.relative_to(ROOT)}, block {number} (line {line})"
        marker = _MARKER.search(text, 0, match.start())
        code, run = match.group(1), True
        if marker is not None and marker.group(1) == "continues":
            if not found:
                raise AssertionError(f"{where} continues, but no block comes before it")
            code = found[-1].code + "\n" + code
        elif marker is not None:
            run = False
        found.append(Snippet(where, code, run))
    return found


ALL = [snippet for path in DOCS for snippet in snippets(path)]
RUN = [s for s in ALL if s.run]


def test_the_docs_have_python_examples() -> None:
    # A change to the fences or the markers must not quietly leave everything untested.
    assert len([s for s in ALL if s.where.startswith("README.md")]) >= 6
    assert {Path(s.where.split(",")[0]).name for s in ALL} >= {"fastapi.md", "shared-limiter.md"}
    assert len(RUN) >= len(ALL) - 3  # few exceptions


@pytest.mark.parametrize("snippet", RUN, ids=[s.where for s in RUN])
async def test_example_runs(snippet: Snippet, tmp_path: Path) -> None:
    emulator = Emulator()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PATSNAP_")}
    async with emulator.serve() as url:
        env |= {
            "PATSNAP_BASE_URL": url,
            "PATSNAP_CLIENT_ID": emulator.client_id,
            "PATSNAP_CLIENT_SECRET": emulator.client_secret,
        }
        # Not subprocess.run: the emulator answers on this event loop meanwhile.
        process = await asyncio.create_subprocess_exec(
            *(sys.executable, "-c", snippet.code),
            cwd=tmp_path,
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        _, err = await asyncio.wait_for(process.communicate(), 120)
    assert process.returncode == 0, (
        f"{snippet.where} failed (exit status {process.returncode}):\n"
        f"{err.decode()}\n--- its code ---\n{snippet.code}"
    )


@pytest.mark.parametrize("snippet", [s for s in ALL if not s.run], ids=lambda s: s.where)
def test_example_not_run_still_compiles(snippet: Snippet) -> None:
    try:
        compile(snippet.code, snippet.where, "exec")
    except SyntaxError as error:
        raise AssertionError(f"{snippet.where} does not compile: {error}") from None


_WORDS = "one two three four five six seven eight nine ten eleven twelve"
_NUMBERS = {word: n for n, word in enumerate(_WORDS.split(), start=1)}
_NEED_REDIS = re.compile(
    r"\b(\w+)\s+(?:of\s+its\s+)?tests(?:,\s+the\s+shared\s+limiter's,)?\s+need\s+"
    r"(?:a\s+)?`redis-server`",
    re.I,
)


def test_the_readme_counts_the_tests_that_skip_without_redis_server(tmp_path: Path) -> None:
    said = _NEED_REDIS.findall((ROOT / "README.md").read_text(encoding="utf-8"))
    assert len(said) == 2, said  # the Quickstart and Development
    # The shared limiter's tests, on a PATH where no redis-server is found.
    env = {k: v for k, v in os.environ.items() if k != "CI"} | {"PATH": str(tmp_path)}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-rs",
            "--",
            str(ROOT / "tests" / "test_redis_limiter.py"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    skipped = re.search(r"(\d+) skipped", done.stdout)
    assert skipped is not None, done.stdout
    assert [_NUMBERS[word.lower()] for word in said] == [int(skipped[1])] * 2


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
    done = subprocess.run([*_tool("mypy")], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
