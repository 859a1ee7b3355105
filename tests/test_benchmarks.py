"""`benchmarks/run.py --quick` runs end to end, as CI runs it.

The benchmark is a measurement, not a test: nothing here looks at a number.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

RUN = Path(__file__).resolve().parent.parent / "benchmarks" / "run.py"
SCENARIOS = {
    "pacing",
    "jitter",
    "overlimit",
    "tokens",
    "overhead",
    "families",
    "drain",
    "stream",
}
APPROACHES = {"patsnap-async", "raw aiohttp", "naive gather", "sequential"}


def test_the_quick_benchmark_runs_every_scenario_and_approach(tmp_path: Path) -> None:
    results, plot = tmp_path / "quick.json", tmp_path / "pacing.png"
    done = subprocess.run(
        [sys.executable, str(RUN), "--quick", "--json", str(results), "--plot", str(plot)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]

    data = json.loads(results.read_text())
    assert data["mode"] == "quick"
    assert {case["scenario"] for case in data["cases"]} == SCENARIOS
    for case in data["cases"]:
        assert set(case["runs"]) == set(case.get("approaches", APPROACHES)), case["case"]
        for approach, run in case["runs"].items():
            assert "error" not in run, (case["case"], approach, run.get("error"))
            assert run["metrics"], (case["case"], approach)

    header = "| scenario | approach | requests | 67200002 |"
    assert header in done.stdout
    for case in data["cases"]:
        for approach in case["runs"]:
            assert f"| {case['case']} | {approach} |" in done.stdout
    if importlib.util.find_spec("matplotlib") is not None:
        assert plot.read_bytes().startswith(b"\x89PNG")


CACHE = RUN.parent / "cache.py"


def test_the_quick_cache_benchmark_runs_every_measure(tmp_path: Path) -> None:
    results = tmp_path / "cache-quick.json"
    done = subprocess.run(
        [sys.executable, str(CACHE), "--quick", "--json", str(results)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    data = json.loads(results.read_text())
    assert {"repeat", "paced", "big", "concurrent", "machine"} <= set(data)
    assert data["repeat"]["second"]["requests"] == 0
    assert "| measure | what | result |" in done.stdout
