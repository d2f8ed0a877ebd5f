"""Properties of scoring on random frameworks and answers (hypothesis), and a plain-Python oracle of the
rules that the vectorised ``score_assessments`` must agree with: several partnership types and a size per
assessment, red lines that may or may not be answered N/A, and referrals."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import yaml
from conftest import Answers
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from partnerfit.assessment import SIZES
from partnerfit.catalog import load_frameworks
from partnerfit.framework import (
    Band,
    Criterion,
    Dimension,
    Framework,
    Level,
    PartnershipType,
    RedLine,
    Referral,
)
from partnerfit.scoring import BLOCKED, INCOMPLETE, REFER, score_assessment, score_assessments
from partnerfit.store import AssessmentStore

WEIGHTS = st.sampled_from([0.5, 1.0, 1.5, 2.0, 3.0, 0.1, 0.2, 0.7])
SETTINGS = settings(deadline=None, max_examples=120)


# -- random frameworks and answers ---------------------------------------------------------------------------


@st.composite
def frameworks(draw) -> Framework:
    values = sorted(draw(st.sets(st.integers(-3, 10), min_size=2, max_size=6)))
    levels = tuple(Level(v, f"L{v}") for v in values)
    mins = [0.0, *draw(st.sets(st.integers(1, 100), max_size=3))]
    bands = tuple(Band(f"band-{i}", float(m), f"Band {i}") for i, m in enumerate(draw(st.permutations(mins))))
    base_types = [f"t{i}" for i in range(draw(st.integers(1, 3)))]
    types = [PartnershipType(t, t) for t in base_types]
    for i in range(draw(st.integers(0, 2))):  # refined types, maybe refining another refined type
        types.append(PartnershipType(f"r{i}", f"r{i}", refines=draw(st.sampled_from([t.id for t in types]))))
    type_ids = [t.id for t in types]
    dimensions, n = [], 0
    for d in range(draw(st.integers(1, 4))):
        criteria = []
        for _ in range(draw(st.integers(0 if d else 1, 4))):
            applies = draw(
                st.none() | st.lists(st.sampled_from(type_ids), min_size=1, max_size=3, unique=True)
            )
            red = draw(
                st.none()
                | st.builds(
                    RedLine, st.sampled_from(values), st.just("no"), st.sampled_from([None, "nothing"])
                )
            )
            sizes = draw(st.none() | st.lists(st.sampled_from(SIZES), min_size=1, max_size=3, unique=True))
            criteria.append(
                Criterion(
                    f"c{n}",
                    f"d{d}",
                    f"Q{n}",
                    weight=draw(WEIGHTS),
                    red_line=red,
                    applies_to=tuple(applies) if applies is not None else None,
                    sizes=tuple(sizes) if sizes is not None else None,
                )
            )
            n += 1
        dimensions.append(Dimension(f"d{d}", f"D{d}", weight=draw(WEIGHTS), criteria=tuple(criteria)))
    criterion_ids = [f"c{i}" for i in range(n)]
    referrals = []
    for i in range(draw(st.integers(0, 2))):
        shape = draw(st.sampled_from(["below", "above", "types"]))
        if shape == "types":
            when = {
                "partnership_types": tuple(draw(st.lists(st.sampled_from(type_ids), min_size=1, unique=True)))
            }
        else:
            when = {
                "criterion": draw(st.sampled_from(criterion_ids)),
                f"at_or_{shape}": draw(st.sampled_from(values)),
            }
        referrals.append(Referral(f"ref{i}", "Body", "https://example.org", "why", **when))
    return Framework(
        id="random",
        version="1",
        title="Random",
        description=None,
        languages=("en",),
        levels=levels,
        bands=bands,
        min_completeness=draw(st.sampled_from([0.0, 0.5, 0.6, 0.75, 0.8, 1.0])),
        partnership_types=tuple(types),
        dimensions=tuple(dimensions),
        lineage=(("random", "1"),),
        referrals=tuple(referrals),
    )


def answers_for(framework: Framework):
    """A strategy of Answers for ``framework``: one to three types, maybe a size, some criteria left out."""
    answer = st.none() | st.just("na") | st.sampled_from(framework.level_values)
    per_criterion = st.fixed_dictionaries({c.id: answer for c in framework.criteria})
    return st.builds(
        Answers,
        per_criterion.map(lambda d: {k: v for k, v in d.items() if v is not None}),
        st.lists(
            st.sampled_from([t.id for t in framework.partnership_types]), min_size=1, max_size=3, unique=True
        ),
        size=st.none() | st.sampled_from(SIZES),
    )


@st.composite
def framework_and_answers(draw):
    framework = draw(frameworks())
    return framework, draw(answers_for(framework))


def changed(answers: Answers, **levels) -> Answers:
    """The same partnership (types, size) with some answers changed."""
    return Answers({**answers.levels, **levels}, answers.partnership_types, answers.id, answers.size)


# -- the oracle: the rules, written plainly ------------------------------------------------------------------


def oracle(framework: Framework, answers: Answers) -> dict:
    levels = answers.levels
    refines = {t.id: t.refines for t in framework.partnership_types}
    lineage = set()
    for current in answers.partnership_types:  # rule 1: every type chosen and every type it refines ...
        while current is not None:
            lineage.add(current)
            current = refines[current]
    lo, hi = framework.levels[0].value, framework.levels[-1].value
    applicable = [  # ... and the size: a criterion applies to the union of what applies to each type
        c
        for c in framework.criteria
        if (c.applies_to is None or lineage & set(c.applies_to))
        and (answers.size is None or c.sizes is None or answers.size in c.sizes)
    ]
    numeric = {c.id: levels[c.id] for c in applicable if c.id in levels and levels[c.id] != "na"}
    score = {cid: (level - lo) / (hi - lo) for cid, level in numeric.items()}  # rule 2
    dimensions = {}
    for d in framework.dimensions:  # rule 3
        scored = [(c.weight, score[c.id]) for c in d.criteria if c.id in score]
        total = sum(w for w, _ in scored)
        dimensions[d.id] = 100 * sum(w * s for w, s in scored) / total if scored else None
    weighted = [(d.weight, dimensions[d.id]) for d in framework.dimensions if dimensions[d.id] is not None]
    overall = sum(w * s for w, s in weighted) / sum(w for w, _ in weighted) if weighted else None  # rule 4
    answered = sum(1 for c in applicable if c.id in levels)
    completeness = answered / len(applicable) if applicable else 0.0  # rule 5
    red = [c for c in applicable if c.red_line is not None]
    red_lines = [c.id for c in red if c.id in numeric and numeric[c.id] <= c.red_line.at_or_below]  # rule 6
    unanswered = [c.id for c in red if c.id not in levels]
    not_applicable = [c.id for c in red if levels.get(c.id) == "na"]
    disallowed = [c.id for c in red if levels.get(c.id) == "na" and c.red_line.na_when is None]
    referrals = [
        r.id
        for r in framework.referrals
        if (r.partnership_types and lineage & set(r.partnership_types))
        or (
            r.criterion in numeric
            and (
                (r.at_or_below is not None and numeric[r.criterion] <= r.at_or_below)
                or (r.at_or_above is not None and numeric[r.criterion] >= r.at_or_above)
            )
        )
    ]
    if red_lines:  # rule 7: blocked, then refer, then incomplete, then the band
        recommendation = BLOCKED
    elif referrals:
        recommendation = REFER
    elif round(completeness, 6) < framework.min_completeness or unanswered or disallowed or overall is None:
        recommendation = INCOMPLETE
    else:
        recommendation = max(
            (b for b in framework.bands if b.min <= round(overall, 6)), key=lambda b: b.min
        ).id
    return {
        "dimensions": dimensions,
        "overall": overall,
        "completeness": completeness,
        "red_lines": red_lines,
        "unanswered": unanswered,
        "not_applicable": not_applicable,
        "disallowed": disallowed,
        "referrals": referrals,
        "recommendation": recommendation,
        "applicable": len(applicable),
        "answered": answered,
    }


def approx_or_none(value):
    return None if value is None else pytest.approx(value, rel=1e-9, abs=1e-9)


def assert_matches_oracle(result, expected: dict) -> None:
    assert result.dimensions == {k: approx_or_none(v) for k, v in expected["dimensions"].items()}
    assert result.overall == approx_or_none(expected["overall"])
    assert result.completeness == pytest.approx(expected["completeness"])
    assert list(result.red_lines) == expected["red_lines"]
    assert list(result.unanswered_red_lines) == expected["unanswered"]
    assert list(result.not_applicable_red_lines) == expected["not_applicable"]
    assert list(result.disallowed_not_applicable_red_lines) == expected["disallowed"]
    assert list(result.referrals) == expected["referrals"]
    assert (result.applicable, result.answered) == (expected["applicable"], expected["answered"])
    assert result.recommendation == expected["recommendation"]


def test_oracle_agrees_with_a_hand_computed_case():
    # d0 (weight 2): c0 (weight 1) at 4 of 0-4 -> 1, c1 (weight 3) at 2 -> .5: 100 * 2.5 / 4 = 62.5;
    # d1 (weight 1) has only c2, answered na -> null. Overall 62.5, completeness 3/3, band-1 (min 50).
    framework = Framework(
        id="f",
        version="1",
        title="F",
        description=None,
        languages=("en",),
        levels=tuple(Level(v, str(v)) for v in range(5)),
        bands=(Band("band-1", 50, "B1"), Band("band-0", 0, "B0")),
        min_completeness=0.8,
        partnership_types=(PartnershipType("t0", "T0"),),
        lineage=(("f", "1"),),
        dimensions=(
            Dimension(
                "d0",
                "D0",
                weight=2,
                criteria=(Criterion("c0", "d0", "Q"), Criterion("c1", "d0", "Q", weight=3)),
            ),
            Dimension("d1", "D1", criteria=(Criterion("c2", "d1", "Q"),)),
        ),
    )
    expected = oracle(framework, Answers({"c0": 4, "c1": 2, "c2": "na"}, "t0"))
    assert (expected["dimensions"], expected["overall"], expected["recommendation"]) == (
        {"d0": 62.5, "d1": None},
        62.5,
        "band-1",
    )
    assert_matches_oracle(
        score_assessment(framework, Answers({"c0": 4, "c1": 2, "c2": "na"}, "t0")), expected
    )


# -- properties ----------------------------------------------------------------------------------------------


@SETTINGS
@given(framework_and_answers())
def test_scores_stay_between_0_and_100(case):
    framework, answers = case
    result = score_assessment(framework, answers)
    assert all(0.0 <= v <= 100.0 for v in result.dimensions.values() if v is not None)
    assert result.overall is None or 0.0 <= result.overall <= 100.0
    assert 0.0 <= result.completeness <= 1.0


@SETTINGS
@given(framework_and_answers(), st.data())
def test_raising_one_level_never_lowers_that_dimension(case, data):
    framework, answers = case
    raisable = [
        c
        for c in framework.criteria
        if isinstance(answers.levels.get(c.id), int) and answers.levels[c.id] < framework.highest
    ]
    assume(raisable)
    criterion = data.draw(st.sampled_from(raisable))
    higher = data.draw(
        st.sampled_from([v for v in framework.level_values if v > answers.levels[criterion.id]])
    )
    before = score_assessment(framework, answers).dimensions[criterion.dimension_id]
    after = score_assessment(framework, changed(answers, **{criterion.id: higher})).dimensions[
        criterion.dimension_id
    ]
    assert (before is None) == (after is None)  # applicability, not the level, decides whether it counts
    assert before is None or after >= before - 1e-9


@SETTINGS
@given(framework_and_answers(), st.data())
def test_na_never_changes_the_other_criteria_contribution(case, data):
    framework, answers = case
    criterion = data.draw(st.sampled_from(framework.criteria))
    others = {k: v for k, v in answers.levels.items() if k != criterion.id}
    with_na = score_assessment(
        framework,
        changed(Answers(others, answers.partnership_types, size=answers.size), **{criterion.id: "na"}),
    )
    without = score_assessment(framework, Answers(others, answers.partnership_types, size=answers.size))
    assert with_na.dimensions == {k: approx_or_none(v) for k, v in without.dimensions.items()}
    assert with_na.overall == approx_or_none(without.overall)
    assert with_na.red_lines == without.red_lines
    assert with_na.completeness >= without.completeness


@SETTINGS
@given(framework_and_answers(), st.data())
def test_a_red_line_always_blocks(case, data):
    framework, answers = case
    applicable = framework.applicable_criteria(answers.partnership_types, answers.size)
    red = [c for c in applicable if c.red_line is not None]
    assume(red)
    criterion = data.draw(st.sampled_from(red))
    level = data.draw(
        st.sampled_from([v for v in framework.level_values if v <= criterion.red_line.at_or_below])
    )
    result = score_assessment(framework, changed(answers, **{criterion.id: level}))
    assert criterion.id in result.red_lines
    assert result.recommendation == BLOCKED


@SETTINGS
@given(framework_and_answers(), st.data())
def test_a_red_line_answered_na_without_na_when_is_never_better_than_incomplete(case, data):
    framework, answers = case
    applicable = framework.applicable_criteria(answers.partnership_types, answers.size)
    strict = [c for c in applicable if c.red_line is not None and c.red_line.na_when is None]
    assume(strict)
    criterion = data.draw(st.sampled_from(strict))
    result = score_assessment(framework, changed(answers, **{criterion.id: "na"}))
    assert criterion.id in result.disallowed_not_applicable_red_lines
    assert result.recommendation in {BLOCKED, REFER, INCOMPLETE}


@SETTINGS
@given(framework_and_answers(), st.data())
def test_an_allowed_na_on_a_red_line_scores_like_any_na(case, data):
    framework, answers = case
    applicable = framework.applicable_criteria(answers.partnership_types, answers.size)
    allowed = [c for c in applicable if c.red_line is not None and c.red_line.na_when is not None]
    assume(allowed)
    criterion = data.draw(st.sampled_from(allowed))
    result = score_assessment(framework, changed(answers, **{criterion.id: "na"}))
    assert criterion.id in result.not_applicable_red_lines
    assert criterion.id not in result.disallowed_not_applicable_red_lines


@SETTINGS
@given(framework_and_answers(), st.data())
def test_adding_a_type_never_removes_a_question(case, data):
    framework, answers = case
    extra = data.draw(st.sampled_from([t.id for t in framework.partnership_types]))

    def ids(types, size):
        return {c.id for c in framework.applicable_criteria(types, size)}

    one = ids(answers.partnership_types, answers.size)
    assert one <= ids((*answers.partnership_types, extra), answers.size)
    assert one <= ids(answers.partnership_types, None)  # no size: every size's criteria


@SETTINGS
@given(framework_and_answers())
def test_recommendation_is_a_band_or_blocked_refer_or_incomplete(case):
    framework, answers = case
    result = score_assessment(framework, answers)
    assert result.recommendation in {BLOCKED, REFER, INCOMPLETE, *(b.id for b in framework.bands)}
    assert (result.recommendation == BLOCKED) == bool(result.red_lines)
    assert (result.recommendation == REFER) == (bool(result.referrals) and not result.red_lines)


@settings(deadline=None, max_examples=150)
@given(st.data())
def test_vectorised_batch_equals_the_oracle(data):
    framework = data.draw(frameworks())
    batch = data.draw(st.lists(answers_for(framework), min_size=1, max_size=8))
    for i, answers in enumerate(batch):
        answers.id = f"a{i}"
    results = score_assessments(framework, batch)
    assert [r.assessment_id for r in results] == [f"a{i}" for i in range(len(batch))]
    for result, answers in zip(results, batch, strict=True):
        assert_matches_oracle(result, oracle(framework, answers))


# -- frameworks through files and snapshots ------------------------------------------------------------------


def red_line_entry(red_line: RedLine) -> dict:
    entry = {"at_or_below": red_line.at_or_below, "reason": "no"}
    return {**entry, "na_when": red_line.na_when} if red_line.na_when else entry


def referral_entry(referral: Referral) -> dict:
    when = {
        k: list(v) if isinstance(v, tuple) else v
        for k in ("criterion", "at_or_below", "at_or_above", "partnership_types")
        if (v := getattr(referral, k)) is not None
    }
    return {
        "id": referral.id,
        "body": referral.body,
        "url": referral.url,
        "reason": referral.reason,
        "when": when,
    }


def as_files(framework: Framework) -> dict[str, dict]:
    """The framework as a base file and, for its refined types, an overlay file (what authors would write)."""
    refined = [t for t in framework.partnership_types if t.refines]
    base = {
        "schema": 1,
        "id": "rbase",
        "version": "1",
        "title": "Random",
        "scale": {"levels": [{"value": lv.value, "label": lv.label} for lv in framework.levels]},
        "bands": [{"id": b.id, "min": b.min, "label": b.label} for b in framework.bands],
        "min_completeness": framework.min_completeness,
        "partnership_types": [
            {"id": t.id, "label": t.label} for t in framework.partnership_types if not t.refines
        ],
        "dimensions": [
            {
                "id": d.id,
                "title": d.title,
                "weight": d.weight,
                "criteria": [
                    {
                        "id": c.id,
                        "question": c.question,
                        "weight": c.weight,
                        **(
                            {"applies_to": [t for t in c.applies_to if t.startswith("t")]}
                            if c.applies_to and any(t.startswith("t") for t in c.applies_to)
                            else {}
                        ),
                        **({"red_line": red_line_entry(c.red_line)} if c.red_line else {}),
                        **({"sizes": list(c.sizes)} if c.sizes is not None else {}),
                    }
                    for c in d.criteria
                ],
            }
            for d in framework.dimensions
        ],
    }
    overlay = {
        "schema": 1,
        "id": "rlocal",
        "version": "1",
        "extends": "rbase",
        "title": "Local",
        "partnership_types": [{"id": t.id, "label": t.label, "refines": t.refines} for t in refined],
        "dimensions": [],
        "referrals": [referral_entry(r) for r in framework.referrals],  # overlays may add referrals
    }
    for d in framework.dimensions:  # criteria that name a refined type get their applies_to in the overlay
        changed = [
            {"id": c.id, "applies_to": list(c.applies_to)}
            for c in d.criteria
            if c.applies_to and any(not t.startswith("t") for t in c.applies_to)
        ]
        if changed:
            overlay["dimensions"].append({"id": d.id, "criteria": changed})
    return {"base.yaml": base, "local.yaml": overlay}


@settings(deadline=None, max_examples=40)
@given(st.data())
def test_a_framework_written_as_files_scores_the_same(data):
    framework = data.draw(frameworks())
    assume(all(d.criteria for d in framework.dimensions))  # a file's new dimension needs a criterion
    batch = data.draw(st.lists(answers_for(framework), min_size=1, max_size=4))
    with tempfile.TemporaryDirectory() as directory:
        for name, content in as_files(framework).items():
            Path(directory, name).write_text(yaml.safe_dump(content, sort_keys=False), encoding="utf-8")
        catalog = load_frameworks(directory)
    assert catalog.problem_lines() == []
    loaded = catalog.get("rlocal")
    for answers in batch:
        expected = score_assessment(framework, answers)
        assert score_assessment(loaded, answers).to_json() == {
            **expected.to_json(),
            "framework": {"id": "rlocal", "version": "1"},
        }


@settings(deadline=None, max_examples=40)
@given(st.data())
def test_a_snapshot_scores_exactly_like_the_framework_it_froze(data):
    framework = data.draw(frameworks())
    batch = data.draw(st.lists(answers_for(framework), min_size=1, max_size=4))
    with tempfile.TemporaryDirectory() as directory:
        store = AssessmentStore(directory)
        digest = store.write_snapshot(framework)
        snapshot = store.read_snapshot(digest)
    assert snapshot == framework
    assert snapshot.digest == framework.digest
    assert score_assessments(snapshot, batch) == score_assessments(framework, batch)
