import pytest
from conftest import assessment_yaml

from partnerfit.catalog import load_frameworks
from partnerfit.errors import ValidationError
from partnerfit.store import AssessmentRecord, parse_assessment_text
from partnerfit.walkthrough import (
    Context,
    dimension_steps,
    draft_from_context,
    move_to_framework,
    parse_evidence,
    partner_id_for,
    reassess,
    stable_partner_id,
    unanswered,
    with_answer,
    without_answers,
)


@pytest.fixture
def base(frameworks_dir):
    return load_frameworks(frameworks_dir).frameworks["base"]


def context(**changes) -> Context:
    fields = dict(
        partner_name="Example Museum",
        affiliate="Example Chapter",
        region="Northern and Western Europe",
        partnership_types=["content"],
        framework_id="base",
        country="de",
    )
    fields.update(changes)
    return Context(**fields)


def test_steps_skip_dimensions_without_criteria_for_the_type(base):
    steps = dimension_steps(base, ["content"])
    assert [(s.dimension.id, [c.id for c in s.criteria]) for s in steps] == [
        ("openness", ["licence-fit", "pd-respect"]),
        ("privacy", ["retention"]),
    ]
    assert [c.id for s in dimension_steps(base, ["research"]) for c in s.criteria] == [
        "licence-fit",
        "reader-data",
        "retention",
    ]


def test_draft_from_context_normalises_and_validates(base):
    draft = draft_from_context(context(aliases=[" EM ", ""]), base, assessment_id="abc123")
    assert draft.partner.country == "DE"
    assert draft.partner.aliases == ["EM"]
    assert draft.framework.version == "1.0.0"
    assert draft.status == "draft"


def test_draft_from_context_lists_missing_and_wrong_fields(base):
    with pytest.raises(ValidationError) as error:
        draft_from_context(
            context(affiliate=" ", country="Germany", website="ftp://x.org"), base, assessment_id="abc123"
        )
    places = {p.location for p in error.value.problems}
    assert places == {"affiliate", "country", "website"}


def test_draft_from_context_keeps_answers_and_version_of_previous(base):
    previous = parse_assessment_text(assessment_yaml(framework='{id: base, version: "0.9.0"}'), "a.yaml")
    draft = draft_from_context(
        context(partner_name="Renamed"), base, assessment_id="ignored", previous=previous
    )
    assert draft.id == previous.id
    assert draft.answers == previous.answers
    assert draft.framework.version == "0.9.0"
    assert move_to_framework(draft, base).framework.version == "1.0.0"


def test_evidence_keeps_http_links_and_refuses_the_rest():
    parsed = parse_evidence("https://example.org/a\n\n javascript:alert(1) \nhttp://x.org\nnot a link")
    assert parsed.links == ["https://example.org/a", "http://x.org"]
    assert parsed.refused == ["javascript:alert(1)", "not a link"]


def test_with_answer_sets_and_clears(base):
    draft = draft_from_context(context(), base, assessment_id="abc123")
    draft = with_answer(draft, "licence-fit", "3", " fine ", ["https://example.org"])
    assert draft.answers["licence-fit"].level == 3
    assert draft.answers["licence-fit"].notes == "fine"
    draft = with_answer(draft, "pd-respect", "na", "", [])
    assert draft.answers["pd-respect"].level == "na"
    assert [c.id for c in unanswered(base, draft)] == ["retention"]
    assert "licence-fit" not in with_answer(draft, "licence-fit", None, None, []).answers
    assert "pd-respect" not in without_answers(draft, {"pd-respect"}).answers


def test_unknown_is_kept_but_counts_as_unanswered(base):
    draft = draft_from_context(context(), base, assessment_id="abc123")
    draft = with_answer(draft, "licence-fit", "unknown", "ask about the licence", [])
    assert draft.answers["licence-fit"].level == "unknown"
    assert draft.unknown == ("licence-fit",)
    assert "licence-fit" not in draft.levels
    assert [c.id for c in unanswered(base, draft)] == ["licence-fit", "pd-respect", "retention"]


def test_steps_follow_the_union_of_types_and_the_size(base):
    both = [c.id for s in dimension_steps(base, ["content", "research"]) for c in s.criteria]
    assert both == ["licence-fit", "pd-respect", "reader-data", "retention"]


def test_reassess_starts_empty_and_keeps_the_partner(base):
    previous = parse_assessment_text(
        assessment_yaml(
            status="final",
            partner="{name: M, id: m-museum}",
            sharing="affiliate",
        ),
        "a.yaml",
    )
    fresh = reassess(previous, base, assessment_id="new123")
    assert (fresh.id, fresh.status, fresh.answers, fresh.revision) == ("new123", "draft", {}, 0)
    assert fresh.partner.id == "m-museum"
    assert fresh.sharing == "affiliate"  # the new draft keeps who may read it


def record(name: str, partner_id: str | None = None) -> AssessmentRecord:
    return AssessmentRecord(
        path=None,
        id="x12",
        revision=1,
        framework_id="base",
        framework_version="1",
        framework_digest=None,
        partner_name=name,
        partner_id=partner_id,
        partner_aliases=(),
        partner_country=None,
        affiliate="A",
        region="North America",
        partnership_types=("content",),
        size=None,
        status="final",
        created=None,
        updated=None,
        levels={},
    )


def test_partner_id_reuses_the_record_id_else_a_slug():
    assert partner_id_for(record("Musée d'Orsay", "orsay")) == "orsay"
    assert partner_id_for(record("Musée d'Orsay")) == "musee-d-orsay"
    assert stable_partner_id("故宫博物院").startswith("partner-")
    assert stable_partner_id("故宫博物院") != stable_partner_id("国家博物馆")
