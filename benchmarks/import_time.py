"""How long `import patsnap_async` takes, and its catalog on first use.

    python benchmarks/import_time.py [--runs 30]

Each figure is the median (and the minimum) of fresh interpreters, bytecode cached,
timed inside the interpreter around the import alone (`time.perf_counter`), so the
interpreter's own start-up is left out. The catalog of every PatSnap operation and its
typed records are submodules loaded on first use: the package must not import them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys

#: As installed packages run: with their bytecode cached (pip compiles it on install).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

PROBE = """
import time
started = time.perf_counter()
import {module}
print(time.perf_counter() - started)
"""

MODULES = {
    "import patsnap_async": "patsnap_async",
    "patsnap_async.catalog, after the package": "patsnap_async.catalog",
    "patsnap_async.records, after the package": "patsnap_async.records",
}


def timed(module: str, *, after_package: bool) -> float:
    """Seconds one fresh interpreter takes to import `module`."""
    setup = "import patsnap_async\n" if after_package else ""
    code = setup + PROBE.format(module=module)
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, env=ENV
    )
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    for module in MODULES.values():  # compile the bytecode once
        timed(module, after_package=False)
    for label, module in MODULES.items():
        after = module != "patsnap_async"
        times = [timed(module, after_package=after) for _ in range(runs)]
        print(
            f"{label}: median {statistics.median(times) * 1000:.1f} ms, "
            f"min {min(times) * 1000:.1f} ms ({runs} fresh interpreters)"
        )
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import patsnap_async, sys; print('patsnap_async._catalog' in sys.modules)",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    print(f"the catalog loaded by `import patsnap_async`: {loaded}")


if __name__ == "__main__":
    main()
