"""The assessment file format: each broken field gets one clear, located problem."""

import pytest
from conftest import assessment_yaml, make_assessment

from partnerfit.errors import ValidationError
from partnerfit.store import parse_assessment_text


def problems_of(text: str) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        parse_assessment_text(text, "sent.yaml")
    return caught.value.lines()


@pytest.mark.parametrize("level", ["high", "3.5", "true", "'3'"])
def test_a_bad_level_is_one_problem_that_says_what_is_allowed(level):
    lines = problems_of(assessment_yaml(answers=f"{{licence-fit: {{level: {level}}}}}"))
    assert len(lines) == 1
    assert lines[0].startswith("sent.yaml: answers.licence-fit.level (line")
    assert "whole number on the framework's scale, 'na' or 'unknown'" in lines[0]


def test_levels_and_na_are_accepted():
    assessment = parse_assessment_text(assessment_yaml(), "a.yaml")
    assert assessment.levels == {"licence-fit": 3, "pd-respect": 4, "retention": "na"}


def test_evidence_must_be_http_links():
    lines = problems_of(
        assessment_yaml(answers="{licence-fit: {level: 3, evidence: ['javascript:alert(1)']}}")
    )
    assert len(lines) == 1 and "http(s) link" in lines[0] and "answers.licence-fit.evidence[0]" in lines[0]


def test_unknown_region_names_the_field():
    lines = problems_of(assessment_yaml(region="Atlantis"))
    assert any(line.startswith("sent.yaml: region (line") for line in lines)


def test_schema_1_partnership_type_is_read_as_a_list_and_written_back_as_schema_2():

    assessment = make_assessment()  # schema: 1 with partnership_type: content
    assert assessment.partnership_types == ["content"]
    data = assessment.to_data()
    assert (data["schema"], data["partnership_types"]) == (2, ["content"])
    assert "partnership_type" not in data


def test_schema_2_lists_several_types_and_refuses_the_old_field():

    text = assessment_yaml(partnership_type="[content, research]").replace(
        "partnership_type:", "partnership_types:"
    )
    assert parse_assessment_text(text.replace("schema: 1", "schema: 2"), "a.yaml").partnership_types == [
        "content",
        "research",
    ]
    with pytest.raises(ValidationError) as error:
        parse_assessment_text(assessment_yaml().replace("schema: 1", "schema: 2"), "b.yaml")
    assert "partnership_type is the schema-1 field" in str(error.value)


def test_unknown_answers_are_kept_apart_from_levels():

    assessment = make_assessment(
        answers="{licence-fit: {level: unknown, notes: ask}, retention: {level: na}}"
    )
    assert assessment.unknown == ("licence-fit",)
    assert assessment.levels == {"retention": "na"}
    assert not assessment.answers["licence-fit"].answered


@pytest.mark.parametrize(
    ("field", "value", "place"),
    [
        ("partner", '{name: "Evil\\e[31mMuseum"}', "partner.name"),
        ("partner", '{name: Museum, aliases: ["ok", "bad\\0alias"]}', "partner.aliases[1]"),
        ("affiliate", '"Chapter\\a"', "affiliate"),
        ("affiliate", '"Two\\nlines"', "affiliate"),
        ("assessors", '["Ann\\tLee"]', "assessors[0]"),
        ("partner", '{name: "C1 \\x9b control"}', "partner.name"),
    ],
)
def test_control_characters_in_one_line_fields_are_refused(field, value, place):
    with pytest.raises(ValidationError) as raised:
        make_assessment(**{field: value})
    lines = "\n".join(raised.value.lines())
    assert place in lines and "contains a control character (U+" in lines


def test_notes_and_summary_may_have_several_lines():
    assessment = make_assessment(
        summary='"First\\nsecond"', answers='{licence-fit: {level: 3, notes: "a\\nb"}}'
    )
    assert assessment.summary == "First\nsecond"


def test_ids_and_links_with_a_trailing_line_break_are_refused():
    with pytest.raises(ValidationError, match="licence-fit"):
        make_assessment(answers='{"licence-fit\\n": {level: 3}}')
    with pytest.raises(ValidationError, match="evidence"):
        make_assessment(answers='{licence-fit: {level: 3, evidence: ["https://example.org/\\n"]}}')


def test_a_withdrawn_assessment_needs_its_withdrawal_and_only_it_has_one():
    from partnerfit.errors import ValidationError

    withdrawn = make_assessment(status="withdrawn", withdrawal="{reason: Called off, date: 2026-11-01}")
    assert withdrawn.withdrawal.reason == "Called off"
    with pytest.raises(ValidationError, match="withdrawal"):
        make_assessment(status="withdrawn")
    with pytest.raises(ValidationError, match="withdrawal"):
        make_assessment(status="final", withdrawal="{reason: Called off, date: 2026-11-01}")
