"""Time the Compare and Result pages on many assessments, as a user meets them (AppTest runs of the real app).

    .venv/bin/python scripts/make_bench_data.py bench-data/compare-10k --count 10000
    .venv/bin/python scripts/bench_compare.py bench-data/compare-10k

Reports: the first run of a fresh process (loads the index, scores everything; the loaders are then cached), a
rerun with nothing changed, and reruns after filter changes -- which must not reload or re-score. Also the
Result page of one assessment against the same collection.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(at, label: str, results: dict[str, float]) -> None:
    start = time.perf_counter()
    at.run()
    results[label] = time.perf_counter() - start
    if at.exception:
        raise SystemExit(f"{label}: {at.exception[0].value}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("assessments", type=Path)
    parser.add_argument("--frameworks", type=Path, default=ROOT / "frameworks")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    os.environ["PARTNERFIT_ASSESSMENTS"] = str(args.assessments.resolve())
    os.environ["PARTNERFIT_FRAMEWORKS"] = str(args.frameworks.resolve())
    os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")  # AppTest's bare-mode warnings are noise here
    from streamlit.testing.v1 import AppTest

    results: dict[str, float] = {}
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    at.switch_page("partnerfit/ui/pages/compare.py")
    timed(at, "compare: first run (load + score, then cached)", results)
    rows = len(at.dataframe[0].value)
    reruns, filters = [], []
    for _ in range(args.repeat):
        timed(at, "rerun", results)
        reruns.append(results.pop("rerun"))
    regions = sorted(set(at.dataframe[0].value["Region"]))
    for index in range(args.repeat):
        at.multiselect(key="compare_regions").set_value([regions[index % len(regions)]])
        timed(at, "filter", results)
        filters.append(results.pop("filter"))
        at.multiselect(key="compare_regions").set_value([])
        timed(at, "filter", results)
        filters.append(results.pop("filter"))
    filtered = len(at.dataframe[0].value)
    toggles = []
    for index in range(args.repeat):
        at.toggle(key="compare_trend_by_region").set_value(index % 2 == 0)
        timed(at, "toggle", results)
        toggles.append(results.pop("toggle"))
    results["compare: rerun after toggling the trend by region (median)"] = statistics.median(toggles)
    results["compare: rerun, nothing changed (median)"] = statistics.median(reruns)
    results["compare: rerun after a filter change (median)"] = statistics.median(filters)
    results["compare: rerun after a filter change (max)"] = max(filters)

    result = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    result.switch_page("partnerfit/ui/pages/result.py")
    result.query_params["id"] = _first_id(args.assessments)
    timed(result, "result: first run in a new session (cached collection)", results)
    reruns, groups = [], []
    for index in range(args.repeat):
        timed(result, "rerun", results)
        reruns.append(results.pop("rerun"))
        result.segmented_control(key="result_group").set_value(["all", "region"][index % 2])
        timed(result, "group", results)
        groups.append(results.pop("group"))
    results["result: rerun, nothing changed (median)"] = statistics.median(reruns)
    results["result: rerun after changing the comparison group (median)"] = statistics.median(groups)

    floor = AppTest.from_string("import streamlit as st\nst.write('floor')", default_timeout=60)
    floor.run()
    floors = []
    for _ in range(args.repeat):
        timed(floor, "floor", results)
        floors.append(results.pop("floor"))
    results["floor: AppTest rerun of a one-line page (median)"] = statistics.median(floors)

    print(f"{rows:,} assessments on the Compare page ({filtered:,} after the last filter change)")
    for label, seconds in results.items():
        print(f"{label:62s} {seconds * 1000:8.0f} ms")
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process (app + AppTest, 10,000 assessments): {peak:.0f} MiB")
    target = 0.25
    worst = results["compare: rerun after a filter change (max)"]
    verdict = "ok" if worst <= target else "MISSED"
    print(f"target: every Compare rerun after a filter change <= {target * 1000:.0f} ms: {verdict}")
    if worst > target:
        sys.exit(1)


def _first_id(folder: Path) -> str:
    import yaml

    first = next(p for p in sorted(folder.rglob("*.yaml")) if ".partnerfit-cache" not in p.parts)
    return yaml.safe_load(first.read_text(encoding="utf-8"))["id"]


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
