"""The CLI's export without pandas (issue 9, "Speed"): the rows it builds from the score arrays are exactly the
rows of the app's table export, and its warm path imports neither pandas nor altair."""

from __future__ import annotations

import subprocess
import sys

from conftest import BASE_FRAMEWORK, assessment_yaml, load_catalog, write
from test_export import OVERLAY

from partnerfit.export import export_rows, to_csv, to_json, write_csv, write_json
from partnerfit.results import score_groups, score_records
from partnerfit.store import AssessmentStore


def mixed_folder(tmp_path):
    """Two frameworks with different dimensions, an undated file, formula-like text, a final and drafts."""
    catalog = load_catalog(tmp_path / "frameworks", {"base.yaml": BASE_FRAMEWORK, "local.yaml": OVERLAY})
    folder = tmp_path / "assessments"
    write(folder / "a.yaml", assessment_yaml(id="aaa001", updated="2026-02-01"))
    write(folder / "b.yaml", assessment_yaml(id="bbb001", partner="{name: '=HYPERLINK(1)'}"))
    write(
        folder / "c.yaml",
        assessment_yaml(
            id="ccc001",
            framework='{id: local, version: "0.3.0"}',
            affiliate="'@chapter'",
            created="2025-05-05",
            answers="{volunteers: {level: 2}, licence-fit: {level: 0}}",
        ),
    )
    write(folder / "d.yaml", assessment_yaml(id="ddd001", updated="2025-05-05", answers="{}"))
    return catalog, AssessmentStore(folder)


def test_rows_from_the_arrays_are_the_table_export_exactly(tmp_path):
    catalog, store = mixed_folder(tmp_path)
    records = store.load_all().records
    table = score_records(records, catalog, store)
    columns, rows = export_rows(score_groups(records, catalog, store)[0])
    assert write_csv(columns, rows) == to_csv(table)
    assert write_json(columns, rows) == to_json(table)
    assert [row[0] for row in rows] == ["bbb001", "ccc001", "ddd001", "aaa001"]  # undated first, then by date
    assert "community" in columns and "'=HYPERLINK(1)" in write_csv(columns, rows)


def test_the_cli_export_imports_neither_pandas_nor_altair(tmp_path):
    mixed_folder(tmp_path)
    code = (
        "import runpy, sys\n"
        "sys.argv = ['partnerfit', 'export', '--format', 'csv', '-o', 'out.csv']\n"
        "try:\n    runpy.run_module('partnerfit', run_name='__main__')\n"
        "except SystemExit as exit:\n    assert not exit.code, exit.code\n"
        "print(sorted(name for name in ('pandas', 'altair', 'pyarrow') if name in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert result.stdout.strip() == "[]", result.stdout + result.stderr
    assert (tmp_path / "out.csv").read_text().count("\n") == 5
