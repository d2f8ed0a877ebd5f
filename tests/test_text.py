"""Texts for people: ``brief`` keeps user data quoted in an error message short, whatever its size."""

from __future__ import annotations

import pytest
from conftest import assessment_yaml

from partnerfit.errors import ValidationError
from partnerfit.store import parse_assessment_text
from partnerfit.text import brief


def test_brief_leaves_short_values_as_repr():
    assert brief("licence-fit") == "'licence-fit'"
    assert brief([0, 0, 2, 3, 4]) == "[0, 0, 2, 3, 4]"


def test_brief_bounds_long_and_deep_values():
    assert len(brief("x" * 1_000_000)) <= 80
    assert len(brief([[list(range(1000))] * 1000] * 1000)) <= 80
    assert "..." in brief("y" * 200)


def test_an_answer_level_holding_a_huge_value_gets_a_short_message():
    huge = "[" + ", ".join(["[" + ", ".join(["x"] * 9) + "]"] * 9000) + "]"
    with pytest.raises(ValidationError) as caught:
        parse_assessment_text(assessment_yaml(answers=f"{{licence-fit: {{level: {huge}}}}}"), "a.yaml")
    [line] = caught.value.lines()
    assert line.startswith("a.yaml: answers.licence-fit.level (line 9): level must be a whole number")
    assert len(line) < 250


def test_a_huge_unknown_field_or_answer_key_is_named_briefly():
    key = "k" * 100_000
    with pytest.raises(ValidationError) as caught:
        text = assessment_yaml(answers=f"{{? {key} : {{level: 1}}}}") + f"? {key}\n: 1\n"  # '?': keys > 1 KB
        parse_assessment_text(text, "a.yaml")
    assert len(caught.value.lines()) == 2
    assert all(len(line) < 300 for line in caught.value.lines())
