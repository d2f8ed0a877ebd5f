"""The contract for team answers, tracked conditions and outcome reviews, on both homes of assessments."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import BASE_FRAMEWORK, framework_from_yaml, make_assessment

from partnerfit.assessment import ConditionHeld, Consensus, Outcome, TrackedCondition
from partnerfit.outcome import with_outcome
from partnerfit.store import FolderStore, Store, open_store
from partnerfit.team import save_change, with_assessor_answers, with_consensus
from partnerfit.tracked_conditions import with_tracked


@pytest.fixture(params=["folder", "postgres"])
def store(request, tmp_path: Path) -> Store:
    if request.param == "folder":
        return FolderStore(tmp_path / "assessments")
    return open_store(url=request.getfixturevalue("database_url"))


def test_two_assessors_saving_at_once_never_overwrite_each_other(store):
    seen = store.save(make_assessment())
    alice = save_change(
        store, seen, lambda a: with_assessor_answers(a, "alice", {"licence-fit": 0}), author="alice"
    )
    # bob's page still shows the revision before alice's save
    bob = save_change(
        store, seen, lambda a: with_assessor_answers(a, "bob", {"licence-fit": 3}), author="bob"
    )
    assert bob.revision == alice.revision + 1
    stored = store.get(seen.id)
    assert stored.team.answers == {"alice": {"licence-fit": 0}, "bob": {"licence-fit": 3}}
    assert stored.levels["licence-fit"] == 0  # the lower median of 0 and 3 until a consensus
    history = store.history(seen.id)
    assert [(r.author, r.changes) for r in history[-2:]] == [
        ("alice", ("assessors", "alice answered: licence-fit – → 0")),
        ("bob", ("assessors", "bob answered: licence-fit – → 3")),
    ]


def test_team_answers_consensus_conditions_and_outcome_survive_save_finalise_and_history(store):
    framework = framework_from_yaml(BASE_FRAMEWORK)
    draft = store.save(make_assessment())
    draft = store.save(
        with_assessor_answers(
            with_assessor_answers(draft, "alice", {"licence-fit": 0}), "bob", {"licence-fit": 4}
        )
    )
    draft = store.save(
        with_consensus(draft, "licence-fit", Consensus(level=3, reason="the contract", by="alice"))
    )
    final = store.finalise(draft, framework, author="alice")
    condition = TrackedCondition(
        id="licence", text="CC BY-SA for every file", owner="alice", due=dt.date(2027, 1, 31)
    )
    final = store.save(with_tracked(final, condition), author="alice")
    review = Outcome(
        date=dt.date(2027, 6, 1),
        partner_again="with-changes",
        went_well="Uploads",
        conditions=[ConditionHeld(condition="licence", held="partly", note="two files NC")],
    )
    final = store.save(with_outcome(final, review), author="bob")

    stored = store.get(final.id)
    assert stored.team.consensus["licence-fit"].reason == "the contract" and stored.levels["licence-fit"] == 3
    assert stored.tracked_conditions == [condition] and stored.outcome == review
    record = next(r for r in store.load_all().records if r.id == final.id)
    assert (record.team_assessors, record.reviewed, record.partner_again) == (
        ("alice", "bob"),
        dt.date(2027, 6, 1),
        "with-changes",
    )
    assert (record.conditions_open, record.next_condition_due) == (1, dt.date(2027, 1, 31))
    changes = [line for r in store.history(final.id) for line in r.changes]
    assert "consensus licence-fit: 3" in changes
    assert "condition licence added" in changes and "outcome review" in changes
    assert store.history(final.id)[1].assessment.team.consensus == {}  # before the consensus was recorded
