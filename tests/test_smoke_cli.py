import json
import subprocess
import sys

from conftest import ROOT, assessment_yaml, write


def run_cli(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "partnerfit", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_score_json_reports_the_documented_fields(tmp_path, frameworks_dir):
    file = write(tmp_path / "assessments" / "a.yaml", assessment_yaml())
    result = run_cli("score", str(file), "--frameworks", str(frameworks_dir), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["assessment"] == "a1b2c3d4e5f6"
    assert data["framework"] == {"id": "base", "version": "1.0.0"}
    assert set(data) >= {"overall", "dimensions", "completeness", "red_lines", "recommendation"}
