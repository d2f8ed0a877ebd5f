"""Who else assessed a partner, and a partner's history (issue 3: partner.id, else the normalised name)."""

from __future__ import annotations

import datetime as dt
import json
from itertools import count
from pathlib import Path

import pytest
from conftest import make_assessment

from partnerfit.compare import (
    POSSIBLE_THRESHOLD,
    SIMILARITY_THRESHOLD,
    assessed_since,
    find_similar_partners,
    normalise_name,
    partner_history,
)
from partnerfit.store import AssessmentRecord
from partnerfit.walkthrough import stable_partner_id

_ids = count()


def record(
    name: str, *, region: str = "Northern and Western Europe", created: str | None = None, **partner: object
) -> AssessmentRecord:
    number = next(_ids)
    fields = {"partner": json.dumps({"name": name, **partner}), "region": json.dumps(region)}
    if created:
        fields["created"] = created
    assessment = make_assessment(id=f"assessment-{number:04d}", **fields)
    return AssessmentRecord.from_assessment(Path(f"/data/{number}.yaml"), assessment)


def names(found) -> list[str]:
    return [s.record.partner_name for s in found]


@pytest.mark.parametrize(
    ("query", "stored"),
    [
        ("EXAMPLE MUSEUM", "Example Museum"),  # case
        ("Musee d'Orsay", "Musée d’Orsay"),  # accents, typographic apostrophe
        ("Example-Museum.", "Example Museum"),  # punctuation
        ("Museum, Example", "Example Museum"),  # word order
        ("lyon musee d art", "Musée d'Art, Lyon"),
    ],
)
def test_same_partner_written_differently_is_found(query, stored):
    found = find_similar_partners(query, [record(stored), record("University of Cambridge")])
    assert names(found) == [stored]
    assert found[0].similarity == 100.0
    assert normalise_name(query) == normalise_name(stored)


@pytest.mark.parametrize(
    "hidden",
    ["\u200b", "\u00ad", "\u200c", "\u200d", "\u2060", "\ufeff"],  # zero-width space, soft hyphen, joiners...
)
def test_invisible_format_characters_do_not_hide_a_partner(hidden):
    stored = record(f"Musée du Lou{hidden}vre")
    found = find_similar_partners(f"{hidden}Musée du Louvre", [stored, record("British Library")])
    assert names(found) == [stored.partner_name] and found[0].similarity == 100.0
    older = record("Musée du Louvre", created="2023-01-01")
    assert [r.id for r in partner_history(stored, [stored, older])] == [older.id, stored.id]
    assert stable_partner_id(f"東京{hidden}大学") == stable_partner_id("東京大学")  # the id of a new partner


def test_alias_of_a_stored_record_matches():
    stored = record("Bibliothèque nationale de France", aliases=["BnF"])
    found = find_similar_partners("BnF", [stored, record("British Library")])
    assert [s.record.id for s in found] == [stored.id]
    assert found[0].matched == "BnF"


def test_alias_given_with_the_query_matches():
    stored = record("BnF")
    found = find_similar_partners("Bibliothèque nationale de France", [stored], aliases=["bnf"])
    assert [s.record.id for s in found] == [stored.id]


@pytest.mark.parametrize(
    ("query", "stored"),
    [
        ("University of Oxford", "University of Cambridge"),
        ("Example Museum", "National Library of Wales"),
        ("Tate Modern", "Tate Britain"),
        ("Deutsches Museum", "Deutsche Bahn"),
    ],
)
def test_unrelated_names_do_not_match(query, stored):
    assert find_similar_partners(query, [record(stored)]) == []


def test_empty_query_finds_nothing():
    assert find_similar_partners("  ", [record("Example Museum")]) == []
    assert find_similar_partners("!!", [record("Example Museum")]) == []


def test_same_country_and_region_sort_first():
    far = record("Example Museum", country="US", region="North America")
    same_region = record("Example Museum", country="NL")
    same_country_other_region = record("Example Museum", country="DE", region="North America")
    both = record("Example Museum", country="DE")
    found = find_similar_partners(
        "Example Museum",
        [far, same_region, same_country_other_region, both],
        country="DE",
        region="Northern and Western Europe",
    )
    assert [s.record.id for s in found] == [both.id, same_country_other_region.id, same_region.id, far.id]
    assert [(s.same_country, s.same_region) for s in found] == [
        (True, True),
        (True, False),
        (False, True),
        (False, False),
    ]


def test_closer_names_sort_before_looser_ones_in_the_same_place():
    loose = record("Acme Corp")
    exact = record("ACME Corporation")
    found = find_similar_partners("Acme Corporation", [loose, exact])
    assert [s.record.id for s in found] == [exact.id, loose.id]
    assert found[0].similarity > found[1].similarity


def test_limit():
    records = [record("Example Museum") for _ in range(5)]
    assert len(find_similar_partners("Example Museum", records, limit=3)) == 3


# -- partner history -----------------------------------------------------------------------------------------


def test_history_follows_partner_id_across_renames():
    first = record("Bibliothèque nationale", id="bnf", created="2024-05-01")
    second = record("BnF", id="bnf", created="2026-01-10")
    other = record("Bibliothèque nationale", id="another-library", created="2025-01-01")
    history = partner_history(second, [second, other, first])
    assert [r.id for r in history] == [first.id, second.id]  # oldest first


def test_history_without_id_uses_the_normalised_name():
    a = record("Musée d'Art, Lyon", created="2025-03-01")
    b = record("LYON Musee d Art", created="2023-03-01")
    c = record("Musée d'Art, Lille", created="2024-03-01")
    assert [r.id for r in partner_history(a, [a, b, c])] == [b.id, a.id]


def test_history_joins_an_earlier_assessment_without_id_by_its_name():
    earlier = record("Example Museum", created="2024-01-01")
    linked = record("Example Museum", id="example-museum", created="2025-01-01")
    unrelated = record("Another Museum", id="another-museum")
    assert [r.id for r in partner_history(linked, [linked, earlier, unrelated])] == [earlier.id, linked.id]
    assert [r.id for r in partner_history(earlier, [linked, earlier, unrelated])] == [earlier.id, linked.id]


def test_history_never_joins_two_different_ids_through_a_shared_name():
    first = record("Example Museum", id="example-museum-a", created="2024-01-01")
    no_id = record("Example Museum", created="2025-01-01")
    second = record("Example Museum", id="example-museum-b", created="2026-01-01")
    assert [r.id for r in partner_history(first, [first, no_id, second])] == [first.id, no_id.id]


def test_undated_assessments_come_last_in_history():
    undated = record("Example Museum")
    dated = record("Example Museum", created="2026-01-01")
    assert [r.id for r in partner_history(undated, [undated, dated])] == [dated.id, undated.id]


# -- abbreviations, possible matches, assessed since a draft was started (issue 10) ---------------------------


@pytest.mark.parametrize(
    ("query", "stored"),
    [
        ("Example Univ.", "Example University"),  # 85.7 against 86 before abbreviations were folded
        ("Univ of Lindenfeld", "University of Lindenfeld"),
        ("Nat'l Inst. of Science", "National Institute of Science"),
        ("Natl Mus. of Art & Design", "National Museum of Art and Design"),
        ("St. Gallen Abbey Library", "Saint Gallen Abbey Library"),
    ],
)
def test_common_abbreviations_are_folded(query, stored):
    assert normalise_name(query) == normalise_name(stored)
    [match] = find_similar_partners(query, [record(stored)])
    assert (match.similarity, match.possible) == (100.0, False)


def test_a_near_miss_is_a_possible_match_listed_after_the_matches():
    found = find_similar_partners(
        "Lindenfeld City Archive",
        [
            record("Lindenfeld Municipal Archive"),
            record("Lindenfeld City Archives"),
            record("Example Museum"),
        ],
    )
    assert [(s.record.partner_name, s.possible) for s in found] == [
        ("Lindenfeld City Archives", False),
        ("Lindenfeld Municipal Archive", True),
    ]
    assert POSSIBLE_THRESHOLD <= found[1].similarity < SIMILARITY_THRESHOLD


def test_assessed_since_lists_other_affiliates_after_the_draft_was_started():
    before = record("Example Museum", created="2025-01-01")
    after = record("Example Museum", created="2025-06-01")
    found = assessed_since(
        "draft-id", "Example Museum", [before, after], since=dt.date(2025, 3, 1), affiliate="Another Chapter"
    )
    assert [s.record.id for s in found] == [after.id]
    assert (
        assessed_since(
            "draft-id", "Example Museum", [after], since=dt.date(2025, 3, 1), affiliate="Example Chapter"
        )
        == []
    )  # the team's own affiliate is not "someone else"
