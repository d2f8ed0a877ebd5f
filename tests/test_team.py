"""Several assessors: the level that counts (consensus, else lower median), disagreements, saving at once."""

from __future__ import annotations

import pytest
from conftest import BASE_FRAMEWORK, framework_from_yaml, make_assessment
from hypothesis import given
from hypothesis import strategies as st

from partnerfit.assessment import Consensus, Team
from partnerfit.errors import SaveConflictError
from partnerfit.scoring import score_assessment
from partnerfit.team import (
    combined_level,
    disagreements,
    follow_up_changes,
    is_disagreement,
    lower_median,
    pending,
    save_change,
    team_json,
    team_problems,
    with_assessor_answers,
    with_consensus,
)

LEVELS = st.integers(min_value=0, max_value=4)
ANSWERS = st.lists(st.one_of(LEVELS, st.just("na"), st.just("unknown")), min_size=1, max_size=8)


# -- the level that counts (hypothesis) ----------------------------------------------------------------------
@given(st.lists(LEVELS, min_size=1, max_size=15))
def test_the_lower_median_is_an_answer_with_half_the_answers_on_each_side(levels):
    median = lower_median(levels)
    assert median in levels
    assert sum(level <= median for level in levels) * 2 >= len(levels)
    assert sum(level >= median for level in levels) * 2 > len(levels) - (len(levels) % 2 == 0)


@given(st.lists(LEVELS, min_size=1, max_size=15), st.randoms())
def test_the_median_does_not_depend_on_who_answered_first(levels, random):
    shuffled = list(levels)
    random.shuffle(shuffled)
    assert lower_median(shuffled) == lower_median(levels)


@given(st.lists(LEVELS, min_size=2, max_size=15).filter(lambda xs: len(xs) % 2 == 0))
def test_with_an_even_number_of_answers_the_lower_middle_one_counts(levels):
    ordered = sorted(levels)
    assert lower_median(levels) == ordered[len(levels) // 2 - 1]


@given(ANSWERS, st.one_of(LEVELS, st.just("na")))
def test_a_consensus_always_counts_whatever_the_answers(answers, agreed):
    consensus = Consensus(level=agreed, reason="we talked it through")
    assert combined_level(answers, consensus) == agreed


@given(ANSWERS)
def test_without_consensus_the_median_of_the_levels_counts_unknown_is_no_answer(answers):
    numeric = [a for a in answers if isinstance(a, int)]
    level = combined_level(answers)
    if numeric:
        assert level == lower_median(numeric)
    elif "na" in answers:
        assert level == "na"
    else:
        assert level is None


@given(st.lists(LEVELS, min_size=1, max_size=8), st.one_of(st.none(), st.integers(0, 3)))
def test_disagreement_is_a_spread_of_two_or_a_split_on_the_red_line(levels, red_line):
    spread = max(levels) - min(levels)
    on_line = [red_line is not None and level <= red_line for level in levels]
    expected = len(levels) >= 2 and (spread >= 2 or (any(on_line) and not all(on_line)))
    assert is_disagreement(levels, red_line) is expected


@given(st.lists(LEVELS, min_size=1, max_size=6), st.one_of(st.none(), st.integers(0, 3)))
def test_not_applicable_beside_a_level_is_a_disagreement_and_one_answer_never_is(levels, red_line):
    assert is_disagreement([*levels, "na"], red_line)
    assert not is_disagreement(levels[:1], red_line)
    assert not is_disagreement(["na", "na"], red_line)


# -- on an assessment ----------------------------------------------------------------------------------------
FRAMEWORK = framework_from_yaml(BASE_FRAMEWORK)


def team_assessment(**answers):
    draft = make_assessment(
        answers="{licence-fit: {level: 3}, pd-respect: {level: 4}, retention: {level: 2}}"
    )
    for assessor, levels in answers.items():
        draft = with_assessor_answers(draft, assessor, levels)
    return draft


def test_an_assessment_without_a_team_scores_exactly_as_before():
    plain = make_assessment()
    assert plain.team is None and plain.levels == {"licence-fit": 3, "pd-respect": 4, "retention": "na"}
    assert team_json(FRAMEWORK, plain) == {"assessors": [], "disagreements": []}


def test_the_score_uses_the_median_until_the_team_records_a_consensus():
    draft = team_assessment(alice={"licence-fit": 4}, bob={"licence-fit": 1}, carol={"licence-fit": 2})
    assert draft.levels["licence-fit"] == 2  # the median of 1, 2, 4; the single answer's 3 is overridden
    median_score = score_assessment(FRAMEWORK, draft).overall
    agreed = with_consensus(draft, "licence-fit", Consensus(level=4, reason="the contract says CC BY-SA"))
    assert agreed.levels["licence-fit"] == 4
    assert score_assessment(FRAMEWORK, agreed).overall > median_score
    assert pending(FRAMEWORK, draft) == ["licence-fit"] and pending(FRAMEWORK, agreed) == []


def test_one_assessor_on_the_red_line_is_a_disagreement_listed_with_everyones_level():
    draft = team_assessment(alice={"licence-fit": 0, "retention": 2}, bob={"licence-fit": 1, "retention": 3})
    found = disagreements(FRAMEWORK, draft)
    assert [(d.criterion, d.levels) for d in found] == [("licence-fit", {"alice": 0, "bob": 1})]
    assert team_json(FRAMEWORK, draft)["disagreements"] == [
        {"criterion": "licence-fit", "levels": {"alice": 0, "bob": 1}, "consensus": None}
    ]


def test_an_assessor_is_added_to_the_assessors_and_an_empty_answer_set_removes_them():
    draft = team_assessment(alice={"licence-fit": 2})
    assert draft.assessors == ["alice"]
    assert with_assessor_answers(draft, "alice", {}).team.answers == {}


def test_team_answers_to_unknown_criteria_or_off_the_scale_are_problems_with_their_place():
    draft = make_assessment().model_copy(
        update={
            "team": Team(
                answers={"alice": {"licence-fit": 7, "nope": 2}},
                consensus={"retention": Consensus(level=9, reason="x")},
            )
        }
    )
    places = {p.location: p.message for p in team_problems(draft, FRAMEWORK)}
    assert "scale" in places["team.answers.alice.licence-fit"]
    assert "unknown criterion" in places["team.answers.alice.nope"]
    assert "scale" in places["team.consensus.retention.level"]


def test_history_says_who_answered_what_and_each_consensus():
    before = team_assessment(alice={"licence-fit": 2})
    after = with_consensus(
        with_assessor_answers(before, "bob", {"licence-fit": 4}),
        "licence-fit",
        Consensus(level=3, reason="r"),
    )
    assert follow_up_changes(before, after) == ["bob answered: licence-fit – → 4", "consensus licence-fit: 3"]


# -- saving at once ------------------------------------------------------------------------------------------
class RacingStore:
    """A store whose every first save is refused because someone else saved ``theirs`` meanwhile."""

    def __init__(self, theirs):
        self.theirs, self.saved, self.refused = theirs, [], 0

    def save(self, assessment, *, author=None):
        if assessment.revision < self.theirs.revision:
            self.refused += 1
            raise SaveConflictError("someone else", current=self.theirs)
        self.saved.append(assessment)
        return assessment


def test_on_a_conflict_only_the_own_answers_are_applied_again_to_the_fresh_version():
    seen = team_assessment(alice={"licence-fit": 2}).model_copy(update={"revision": 1})
    theirs = with_assessor_answers(seen, "bob", {"licence-fit": 0}).model_copy(
        update={"revision": 2, "summary": "bob's summary"}
    )
    store = RacingStore(theirs)
    saved = save_change(
        store, seen, lambda a: with_assessor_answers(a, "carol", {"licence-fit": 4}), author="carol"
    )
    assert store.refused == 1
    assert saved.team.answers == {
        "alice": {"licence-fit": 2},
        "bob": {"licence-fit": 0},
        "carol": {"licence-fit": 4},
    }
    assert saved.summary == "bob's summary"


def test_team_answers_are_refused_once_someone_finalised_meanwhile():
    seen = team_assessment(alice={"licence-fit": 2}).model_copy(update={"revision": 1})
    store = RacingStore(seen.model_copy(update={"revision": 2, "status": "final"}))
    with pytest.raises(Exception, match="finalised meanwhile"):
        save_change(
            store,
            seen,
            lambda a: with_assessor_answers(a, "bob", {"licence-fit": 1}),
            author=None,
            drafts_only=True,
        )


def test_a_signed_in_assessor_may_change_only_their_own_team_answers(tmp_path):
    from partnerfit.access import Membership, Viewer
    from partnerfit.access_store import AccessControlledStore
    from partnerfit.errors import AccessDeniedError
    from partnerfit.store import FolderStore

    inner = FolderStore(tmp_path)
    seen = inner.save(team_assessment(**{"bob@example.org": {"licence-fit": 1}}))
    affiliate = seen.affiliate
    lea = AccessControlledStore(inner, Viewer("lea@example.org", (Membership(affiliate, "assessor"),)))
    mine = lea.save(with_assessor_answers(seen, "lea@example.org", {"licence-fit": 3}))
    with pytest.raises(AccessDeniedError, match="other assessors' answers"):
        lea.save(with_assessor_answers(mine, "bob@example.org", {"licence-fit": 4}))
    coordinator = AccessControlledStore(
        inner, Viewer("c@example.org", (Membership(affiliate, "coordinator"),))
    )
    coordinator.save(with_assessor_answers(mine, "bob@example.org", {"licence-fit": 2}))
    assert inner.get(seen.id).team.answers["bob@example.org"] == {"licence-fit": 2}


def test_a_file_with_too_many_assessors_is_refused_naming_the_field():
    from conftest import assessment_yaml

    from partnerfit.errors import ValidationError
    from partnerfit.store import parse_assessment_text

    many = ", ".join(f"a{i}: {{licence-fit: 2}}" for i in range(60))
    with pytest.raises(ValidationError, match=r"team\.answers"):
        parse_assessment_text(assessment_yaml() + f"team: {{answers: {{{many}}}}}\n", None)


@given(
    st.dictionaries(
        st.sampled_from(["licence-fit", "pd-respect", "retention"]),
        st.one_of(LEVELS, st.just("na")),
        min_size=1,
    ),
    st.integers(min_value=1, max_value=4),
)
def test_a_team_that_gives_the_single_answers_scores_exactly_like_them(levels, members):
    answers = "{" + ", ".join(f"{c}: {{level: {v}}}" for c, v in levels.items()) + "}"
    single = make_assessment(answers=answers)
    team = single
    for index in range(members):
        team = with_assessor_answers(team, f"m{index}", levels)
    assert team.levels == single.levels
    assert score_assessment(FRAMEWORK, team) == score_assessment(FRAMEWORK, single)
