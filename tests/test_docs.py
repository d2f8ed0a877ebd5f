"""The README documents what exists: every CLI command, the two set-up commands, every pinned dependency."""

import pickle
import re

from conftest import ROOT

from partnerfit.cli import cli
from partnerfit.errors import Problem, ValidationError

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_cli_command_is_in_the_readme_and_has_help():
    for name, command in cli.commands.items():
        assert f"`{name}" in README, f"README does not document the {name!r} command"
        assert command.help and "Example:" in command.help, f"{name} needs a help text with an example"


def test_the_two_setup_commands_are_documented_and_ci_runs_the_test_one():
    assert "make run" in README and "make test" in README
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_pinned_dependency_says_why_in_the_readme():
    for requirements in ("requirements.txt", "requirements-dev.txt"):
        for line in (ROOT / requirements).read_text(encoding="utf-8").splitlines():
            match = re.match(r"^([A-Za-z0-9_.-]+)==", line)
            if match:
                assert f"| {match.group(1)}" in README or f", {match.group(1)}" in README, match.group(1)


def test_validation_errors_survive_pickling_for_the_app_cache():
    error = ValidationError("f.yaml", [Problem("dimensions[0].weight", "must be > 0", 7)])
    assert pickle.loads(pickle.dumps(error)).lines()  # noqa: S301 - our own bytes == ["f.yaml: dimensions[0].weight (line 7): must be > 0"]
