"""Safe defaults when the app is run: bound to this machine, no error details or server paths in the browser."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib

from conftest import ROOT
from streamlit.config import ShowErrorDetailsConfigOptions


def config() -> dict:
    return tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


def test_the_app_hides_error_details_from_the_browser():
    value = config()["client"]["showErrorDetails"]
    assert value == ShowErrorDetailsConfigOptions.NONE.value == "none"  # a value Streamlit accepts


def test_streamlit_run_binds_to_this_machine_only():
    assert config()["server"]["address"] == "127.0.0.1"


def test_streamlit_does_not_collect_all_garbage_after_every_rerun():
    # with 10,000 assessments cached, that pass took 0.3-0.5 s after each filter change (scripts/bench_browser.py)
    assert config()["runner"]["postScriptGC"] is False


def make_run(*settings: str) -> str:
    """The command `make run` would start (a dry run: nothing is installed or started)."""
    env = {k: v for k, v in os.environ.items() if k not in ("ADDRESS", "PORT")}
    printed = subprocess.run(
        ["make", "--dry-run", "--always-make", "run", *settings],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    [line] = [line for line in printed.splitlines() if "streamlit run app.py" in line]
    return line


def test_make_run_listens_on_127_0_0_1_unless_told_otherwise():
    assert re.search(r"--server\.address 127\.0\.0\.1\b", make_run())
    assert re.search(r"--server\.address 0\.0\.0\.0\b", make_run("ADDRESS=0.0.0.0"))
    assert "showErrorDetails" not in make_run()


def test_make_dev_shows_error_details():
    env = {k: v for k, v in os.environ.items() if k != "ADDRESS"}
    printed = subprocess.run(
        ["make", "--dry-run", "--always-make", "dev"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "--client.showErrorDetails full" in printed and "--server.address 127.0.0.1" in printed


def test_readme_warns_before_opening_the_app_to_the_network():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "ADDRESS=0.0.0.0 make run" in readme and "no sign-in yet" in readme


def test_an_unexpected_error_in_a_running_app_is_redacted(tmp_path):
    """The shipped config, read by a fresh process as `streamlit run` would: the message stays in the log."""
    script = tmp_path / "crash.py"
    script.write_text('raise RuntimeError("secret /srv/partnerfit/data")\n', encoding="utf-8")
    code = (
        "from streamlit.testing.v1 import AppTest\n"
        f"at = AppTest.from_file({str(script)!r}).run()\n"
        "print('shown: ' + '|'.join(e.message for e in at.exception))\n"
    )
    printed = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, timeout=120
    ).stdout
    # only what the browser gets: the log (on stdout too when `rich`, a dependency of the linters, is installed)
    # rightly holds the details
    [shown] = [line for line in printed.splitlines() if line.startswith("shown: ")]
    assert "redacted" in shown and "secret" not in shown
