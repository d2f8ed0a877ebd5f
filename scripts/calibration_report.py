"""Score the calibration cases against the shipped frameworks and print where the tool agrees with the expert.

Usage: python scripts/calibration_report.py [--frameworks frameworks] [--cases calibration] [--write DIR]
The last line is the agreement figure quoted in the README (a test checks that they match). ``--write DIR`` also
writes each case's assessment as a plain assessment file into DIR, to open the cases in the app
(``PARTNERFIT_ASSESSMENTS=DIR make run``) or score one with ``python -m partnerfit score DIR/<case>.yaml``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from partnerfit.calibration import agreement_line, run_calibration
from partnerfit.catalog import load_frameworks
from partnerfit.robustness import assess_robustness
from partnerfit.yamlio import dump_yaml, write_atomically

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frameworks", type=Path, default=ROOT / "frameworks")
    parser.add_argument("--cases", type=Path, default=ROOT / "calibration")
    parser.add_argument("--write", type=Path, help="also write each case's assessment into this folder")
    args = parser.parse_args()
    results = run_calibration(args.cases, load_frameworks(args.frameworks))
    if args.write:
        for item in results:
            write_atomically(args.write / f"{item.path.stem}.yaml", dump_yaml(item.assessment.to_data()))
    catalog = load_frameworks(args.frameworks)
    for item in results:
        overall = "-" if item.result.overall is None else f"{item.result.overall:5.1f}"
        mark = "ok " if item.agrees else "XX "
        robustness = assess_robustness(catalog.get(item.assessment.framework.id), item.assessment)
        decided_by = ", ".join(robustness.deciding) if robustness.fragile else "robust"
        print(
            f"{mark}{item.path.stem:<48} expert {item.case.expert_verdict:<12} "
            f"tool {item.result.recommendation:<12} overall {overall}  {decided_by}"
        )
    print(agreement_line(results))


if __name__ == "__main__":
    main()
