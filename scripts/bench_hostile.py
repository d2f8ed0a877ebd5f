"""partnerfit benchmark: `validate` and `export` over the shipped samples plus the hostile files of issue 9.

The hostile files: 40,000 levels of nesting, an alias bomb (k=9), a 40 MB file of 200,000 answers, a 50 MB file
of 847,000 answers to unknown criteria, and a file just under the size limit with too many answers. Each command
runs as people run it (a fresh process) and must exit 1, name every hostile file and still export the samples.
Target: each command <= 5 s (before issue 9: a segmentation fault, or past 60 s).

    python scripts/bench_hostile.py
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 5.0


def hostile_files() -> dict[str, str]:
    head = (
        'schema: 1\nid: {id}\nframework: {{id: wikimedia-global, version: "1.0.0"}}\npartner: {{name: X}}\n'
    )
    head += "affiliate: A\nregion: North America\npartnership_type: content\nstatus: draft\n"
    bomb = "\n".join(
        ["x0: &a0 [x, x, x, x, x, x, x, x, x]"]
        + [f"x{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    )

    def answers(count: int, note: str) -> str:
        return "answers:\n" + "".join(f"  no-such-{i}: {{level: 3, notes: {note}}}\n" for i in range(count))

    return {
        "hostile-deep.yaml": head.format(id="deep-one") + "assessors: " + "[" * 40_000 + "]" * 40_000 + "\n",
        "hostile-bomb.yaml": bomb
        + "\n"
        + head.format(id="bomb-one")
        + "answers: {licence-fit: {level: *a9}}\n",
        "hostile-40mb.yaml": head.format(id="big-one") + answers(200_000, "x" * 150),
        "hostile-50mb.yaml": head.format(id="huge-one") + answers(847_000, "y" * 20),
        "hostile-answers.yaml": head.format(id="many-one") + answers(2_001, "z"),
    }


def timed(args: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess, int]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "partnerfit", *args], cwd=cwd, capture_output=True, text=True
    )
    seconds = time.perf_counter() - start
    return seconds, result, max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="partnerfit-hostile-") as tmp:
        project = Path(tmp)
        shutil.copytree(ROOT / "frameworks", project / "frameworks")
        shutil.copytree(
            ROOT / "assessments", project / "assessments", ignore=shutil.ignore_patterns(".partnerfit*")
        )
        for name, text in hostile_files().items():
            (project / "assessments" / name).write_text(text, encoding="utf-8")
        good = len(list((project / "assessments").rglob("*.yaml"))) - len(hostile_files())
        failures = []
        print(f"{good} sample assessments + {len(hostile_files())} hostile files\n")
        print(f"{'command':<48}{'seconds':>9}{'exit':>6}  max RSS  target")
        for label, args in (
            ("validate --assessments assessments", ["validate", "--assessments", "assessments"]),
            ("export --format csv -o out.csv (cold)", ["export", "--format", "csv", "-o", "out.csv"]),
        ):
            seconds, result, rss = timed(args, project)
            output = result.stdout + result.stderr
            named = all(name in output for name in hostile_files())
            ok = seconds <= TARGET_SECONDS and result.returncode == 1 and named and "Traceback" not in output
            print(
                f"{label:<48}{seconds:>9.2f}{result.returncode:>6}  {rss / 1024:>4.0f} MiB  "
                f"<= {TARGET_SECONDS:g} s, exit 1, every hostile file named: {'ok' if ok else 'MISSED'}"
            )
            failures += [] if ok else [label]
        rows = (project / "out.csv").read_text(encoding="utf-8").count("\n") - 1
        print(f"\nexported rows: {rows} (the samples that score)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
