"""One contract for both homes of assessments: the folder store and the PostgreSQL store behave the same."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BASE_FRAMEWORK, framework_from_yaml, make_assessment, same

from partnerfit.errors import SaveConflictError, ValidationError
from partnerfit.store import FolderStore, NotFoundError, Store, StoreError, open_store


@pytest.fixture(params=["folder", "postgres"])
def store(request, tmp_path: Path) -> Store:
    if request.param == "folder":
        return FolderStore(tmp_path / "assessments")
    return open_store(url=request.getfixturevalue("database_url"))


def complete(**overrides):
    return make_assessment(
        answers="{licence-fit: {level: 3}, pd-respect: {level: 4}, reader-data: {level: na}, "
        "retention: {level: 2}}",
        **overrides,
    )


def test_get_of_an_unknown_id_is_not_found(store):
    with pytest.raises(NotFoundError, match="not found or no access"):
        store.get("nosuchid123")
    with pytest.raises(NotFoundError):
        store.history("nosuchid123")


def test_a_new_draft_is_added_by_its_first_save_and_read_back_by_id(store):
    saved = store.save(make_assessment())
    assert saved.revision == 1 and saved.created is not None and saved.updated is not None
    assert same(store.get(saved.id), saved)
    assert [r.id for r in store.load_all().records] == [saved.id]


def test_create_keeps_the_assessment_as_given_and_refuses_an_existing_id(store):
    given = make_assessment(revision="4", created="2024-01-02", updated="2024-02-03")
    assert same(store.create(given), given)
    assert same(store.get(given.id), given)
    with pytest.raises(SaveConflictError) as raised:
        store.create(given.model_copy(update={"affiliate": "Another"}))
    assert same(raised.value.current, given)


def test_a_save_based_on_an_old_revision_is_refused_with_the_stored_version(store):
    first = store.save(make_assessment())
    theirs = store.save(first.model_copy(update={"summary": "theirs"}))
    with pytest.raises(SaveConflictError, match="someone else") as raised:
        store.save(first.model_copy(update={"summary": "mine"}))
    assert same(raised.value.current, theirs)
    assert store.get(first.id).summary == "theirs"


def test_saving_a_missing_assessment_at_a_later_revision_is_not_found(store):
    with pytest.raises(NotFoundError):
        store.save(make_assessment(revision="3"))


def test_finalise_snapshots_the_framework_and_freezes_the_result(store):
    framework = framework_from_yaml(BASE_FRAMEWORK)
    draft = store.save(complete())
    final = store.finalise(draft, framework, author="alice@example.org")
    assert final.status == "final" and final.framework.digest == framework.digest
    assert store.read_snapshot(framework.digest) == framework
    assert store.get(draft.id).status == "final"
    assert store.history(draft.id)[-1].action == "finalise"


def test_finalise_refuses_an_assessment_that_does_not_fit_the_framework(store):
    draft = store.save(make_assessment(answers="{no-such-criterion: {level: 2}}"))
    with pytest.raises(ValidationError):
        store.finalise(draft, framework_from_yaml(BASE_FRAMEWORK))
    assert store.get(draft.id).status == "draft"


def test_an_unknown_snapshot_is_none(store):
    assert store.read_snapshot("0" * 64) is None


def test_history_has_one_entry_per_save_with_author_and_changes(store):
    first = store.save(make_assessment(), author="alice@example.org")
    second = store.save(
        first.model_copy(update={"answers": {**first.answers, "retention": first.answers["licence-fit"]}}),
        author="bob@example.org",
    )
    revisions = store.history(first.id)
    assert [(r.revision, r.author) for r in revisions] == [(1, "alice@example.org"), (2, "bob@example.org")]
    assert revisions[1].changes == ("retention: na → 3",)
    assert same(revisions[1].assessment, second)


def test_restore_makes_an_earlier_revision_current_as_a_new_revision(store):
    first = store.save(make_assessment(summary="original"))
    store.save(first.model_copy(update={"summary": "changed"}))
    restored = store.restore(first.id, 1, author="carol@example.org")
    assert restored.revision == 3 and restored.summary == "original"
    assert store.get(first.id).summary == "original"
    assert [r.revision for r in store.history(first.id)] == [1, 2, 3]
    assert store.history(first.id)[-1].action == "restore"


def test_delete_draft_removes_it_and_keeps_its_history(store):
    draft = store.save(make_assessment())
    store.delete_draft(draft.id, author="alice@example.org")
    with pytest.raises(NotFoundError):
        store.get(draft.id)
    assert store.load_all().records == []
    assert store.history(draft.id)[-1].action == "delete"


def test_a_final_assessment_cannot_be_deleted(store):
    final = store.finalise(store.save(complete()), framework_from_yaml(BASE_FRAMEWORK))
    with pytest.raises(StoreError, match="final"):
        store.delete_draft(final.id)
    assert same(store.get(final.id), final)


def test_withdraw_keeps_a_final_assessment_as_withdrawn_with_its_reason_as_a_new_revision(store):
    final = store.finalise(store.save(complete()), framework_from_yaml(BASE_FRAMEWORK))
    withdrawn = store.withdraw(final.id, reason="The partnership was called off", author="alice@example.org")
    assert withdrawn.status == "withdrawn" and withdrawn.revision == final.revision + 1
    assert withdrawn.withdrawal.reason == "The partnership was called off"
    assert withdrawn.withdrawal.by == "alice@example.org"
    assert same(store.get(final.id), withdrawn)
    assert [r.status for r in store.load_all().records] == ["withdrawn"]
    revisions = store.history(final.id)
    assert [r.action for r in revisions[-2:]] == ["finalise", "withdraw"]
    assert revisions[-1].author == "alice@example.org" and same(revisions[-2].assessment, final)
    assert revisions[-1].changes == ("status: final → withdrawn",)


def test_withdraw_refuses_a_draft_an_empty_reason_and_a_second_withdrawal(store):
    draft = store.save(complete())
    with pytest.raises(StoreError, match="only a final assessment"):
        store.withdraw(draft.id, reason="no longer needed")
    final = store.finalise(draft, framework_from_yaml(BASE_FRAMEWORK))
    with pytest.raises(StoreError, match="reason"):
        store.withdraw(final.id, reason="   ")
    assert store.get(final.id).status == "final"
    store.withdraw(final.id, reason="called off")
    with pytest.raises(StoreError, match="withdrawn"):
        store.withdraw(final.id, reason="again")
    with pytest.raises(StoreError, match="only drafts"):
        store.delete_draft(final.id)
    with pytest.raises(NotFoundError):
        store.withdraw("nosuchid123", reason="x")


def test_restore_of_the_final_revision_takes_a_withdrawal_back(store):
    final = store.finalise(store.save(complete()), framework_from_yaml(BASE_FRAMEWORK))
    store.withdraw(final.id, reason="by mistake")
    restored = store.restore(final.id, final.revision)
    assert restored.status == "final" and restored.withdrawal is None


def test_load_all_lists_every_assessment_with_its_listing_fields(store):
    a = store.save(make_assessment(id="aaaaaaaaaaaa"))
    b = store.save(make_assessment(id="bbbbbbbbbbbb", partner="{name: Other Library}", region="South Asia"))
    records = {r.id: r for r in store.load_all().records}
    assert set(records) == {a.id, b.id}
    assert records[b.id].partner_name == "Other Library" and records[b.id].region == "South Asia"
    assert records[a.id].levels == a.levels and records[a.id].revision == 1


def test_the_state_key_changes_with_every_save(store):
    before = store.state()
    saved = store.save(make_assessment())
    after_first = store.state()
    store.save(saved)
    assert len({before, after_first, store.state()}) == 3


def test_similar_partners_finds_names_and_aliases_the_same_way_on_both_stores(store):
    store.save(make_assessment(id="aaaaaaaaaaaa", partner="{name: Musée d'Art de Lyon, aliases: [MAL Lyon]}"))
    store.save(make_assessment(id="bbbbbbbbbbbb", partner="{name: University of Nairobi}"))
    store.save(make_assessment(id="cccccccccccc", partner="{name: Kraków City Library}"))

    def found(name: str, **options) -> list[str]:
        return [s.record.id for s in store.similar_partners(name, **options)]

    assert found("musee d'art lyon") == ["aaaaaaaaaaaa"]
    assert found("Someone", aliases=["MAL Lyon"]) == ["aaaaaaaaaaaa"]
    assert found("Nairobi University") == ["bbbbbbbbbbbb"]
    assert found("Krakow City Library") == ["cccccccccccc"]
    assert found("Krakow City Library", exclude_id="cccccccccccc") == []
    assert found("Completely Different Foundation") == []


def test_open_store_picks_the_database_only_when_a_url_is_set(tmp_path, monkeypatch):
    from partnerfit.store.sql import SqlStore

    monkeypatch.delenv("PARTNERFIT_DATABASE_URL", raising=False)
    assert isinstance(open_store(tmp_path), FolderStore)
    monkeypatch.setenv("PARTNERFIT_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert isinstance(open_store(tmp_path), SqlStore)


def test_a_database_that_cannot_be_reached_is_a_clear_store_error(unused_port_url):
    with pytest.raises(StoreError, match="cannot be used"):
        open_store(url=unused_port_url).load_all()


@pytest.fixture
def unused_port_url() -> str:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"postgresql+psycopg://nobody@127.0.0.1:{port}/none?connect_timeout=2"


# -- Compare: both stores give the same answer -------------------------------------------------------------------
REGIONS = ("South Asia", "North America", "Latin America and Caribbean")
LEVELS = ("0", "1", "2", "3", "4", "na", "unknown")


def compare_data(framework) -> list:
    """A varied, fixed set: regions, types, statuses (a withdrawn one too), incomplete answers, accents."""
    import random

    rng = random.Random(11)
    partners = ["Museo de Valparaíso", "Université de Lyon", "Kraków City Library", "Dhaka Archive"]
    made = []
    for i in range(24):
        answers = ", ".join(
            f"{crit}: {{level: {rng.choice(LEVELS)}}}"
            for crit in ("licence-fit", "pd-respect", "reader-data", "retention")
            if rng.random() > 0.15
        )
        status = rng.choice(["final", "final", "draft", "withdrawn"])
        extra = {}
        if status != "draft":
            extra["framework"] = f'{{id: base, version: "1.0.0", digest: {framework.digest}}}'
        if status == "withdrawn":
            extra["withdrawal"] = "{reason: called off, date: 2026-01-02}"
        if i % 4:  # else the default, liaisons
            extra["sharing"] = ("affiliate", "liaisons", "movement")[(i // 3) % 3]
        made.append(
            make_assessment(
                id=f"cmp{i:04d}xx",
                partner=f"{{name: {partners[i % 4]} {i}}}",
                region=f"'{REGIONS[i % 3]}'",
                affiliate=f"Affiliate {i % 5}",
                partnership_type=rng.choice(["content", "research"]),
                status=status,
                answers=f"{{{answers}}}",
                updated=f"2025-{1 + i % 12:02d}-{1 + i:02d}",
                **extra,
            )
        )
    return made


@pytest.fixture
def both(tmp_path, database_url):
    from conftest import load_catalog

    catalog = load_catalog(tmp_path / "frameworks", {"base.yaml": BASE_FRAMEWORK})
    stores = [FolderStore(tmp_path / "assessments"), open_store(url=database_url)]
    for store in stores:
        store.write_snapshot(catalog.get("base"))
        for assessment in compare_data(catalog.get("base")):
            store.create(assessment)
    return stores, catalog


FILTERS = [
    {},
    {"statuses": ()},
    {"statuses": ("draft",)},
    {"regions": ("South Asia",)},
    {"partnership_types": ("research",), "affiliates": ("Affiliate 1", "Affiliate 2")},
    {"partner": "valparaiso"},
    {"partner": "KRAKOW library"},
    {"date_from": "2025-03-01", "date_to": "2025-06-30"},
    {"regions": ("Nowhere",)},
]


@pytest.mark.parametrize("chosen", FILTERS, ids=str)
def test_compare_gives_the_same_answer_on_both_stores(both, chosen):
    import datetime as dt

    from partnerfit.compare_query import CompareFilters

    stores, catalog = both
    chosen = {k: dt.date.fromisoformat(v) if k.startswith("date") else v for k, v in chosen.items()}
    filters = CompareFilters(base_framework="base", **chosen)
    folder, database = (store.compare(filters, catalog, limit=5) for store in stores)
    assert (folder.total, folder.counted, folder.affiliates) == (
        database.total,
        database.counted,
        database.affiliates,
    )
    assert folder.mean_overall == pytest.approx(database.mean_overall)
    assert folder.bands == database.bands and folder.red_lines == database.red_lines
    assert folder.dimensions == database.dimensions
    pd_testing().assert_frame_equal(folder.region_means, database.region_means, check_dtype=False)
    pd_testing().assert_frame_equal(folder.summary, database.summary, check_dtype=False)
    pd_testing().assert_frame_equal(folder.rows, database.rows, check_dtype=False)
    for period, by_region in (("quarter", False), ("year", True)):
        pd_testing().assert_frame_equal(
            stores[0].compare_trend(filters, catalog, period=period, by_region=by_region),
            stores[1].compare_trend(filters, catalog, period=period, by_region=by_region),
            check_dtype=False,
        )


def test_compare_defaults_to_finals_leaves_withdrawn_out_and_counts_incomplete_apart(both):
    from partnerfit.compare_query import CompareFilters

    stores, catalog = both
    data = compare_data(catalog.get("base"))
    for store in stores:
        finals = store.compare(CompareFilters(base_framework="base"), catalog)
        assert finals.total == sum(a.status == "final" for a in data) > 0
        assert set(finals.rows["status"]) == {"final"}
        everything = store.compare(CompareFilters(base_framework="base", statuses=()), catalog)
        assert everything.total == sum(a.status != "withdrawn" for a in data)
        assert 0 < everything.counted < everything.total  # some are below the minimum completeness
        assert everything.bands.get("incomplete", 0) >= 1
        found = store.compare(
            CompareFilters(base_framework="base", statuses=(), partner="valparaiso"), catalog
        )
        assert found.total > 0 and all("Valparaíso" in name for name in found.rows["partner"])


def test_a_framework_change_rescores_drafts_and_a_new_revision_is_rescored(both, tmp_path):
    from conftest import load_catalog

    from partnerfit.compare_query import CompareFilters

    stores, catalog = both
    folder, database = stores
    for store in stores:
        store.create(complete(id="cmpdraft01", partner="{name: Complete Draft Museum}"))
    assert database.refresh_scores(catalog) == 25  # every assessment, once
    assert database.refresh_scores(catalog) == 0
    filters = CompareFilters(base_framework="base", statuses=("draft",), partner="complete draft")
    before = database.compare(filters, catalog).mean_overall
    changed = load_catalog(
        tmp_path / "changed", {"base.yaml": BASE_FRAMEWORK.replace("weight: 3", "weight: 1")}
    )
    drafts = 1 + sum(a.status == "draft" for a in compare_data(catalog.get("base")))
    assert database.refresh_scores(changed) == drafts  # finals keep their snapshot's scores
    after = database.compare(filters, changed).mean_overall
    assert after != before and after == pytest.approx(folder.compare(filters, changed).mean_overall)
    database.save(database.get("cmpdraft01").model_copy(update={"summary": "again"}))
    assert database.refresh_scores(changed) == 1


def viewers():
    from partnerfit.access import Membership, Viewer

    return {
        "member": Viewer("m@example.org", (Membership("Affiliate 1", "assessor"),)),
        "liaison": Viewer("l@example.org", liaison_regions=frozenset({"South Asia"})),
        "both": Viewer(
            "b@example.org",
            (Membership("Affiliate 2", "viewer"),),
            liaison_regions=frozenset({"North America", "Latin America and Caribbean"}),
        ),
        "listed": Viewer("x@example.org"),
        "unlisted": Viewer("u@example.org", listed=False),
    }


@pytest.mark.parametrize("who", ["member", "liaison", "both", "listed", "unlisted"])
@pytest.mark.parametrize("chosen", [{}, {"statuses": ()}, {"regions": ("South Asia",)}], ids=str)
def test_the_database_answers_a_signed_in_viewer_as_the_table_in_memory_with_a_pool(both, who, chosen):
    """What a non-admin may read (rows, counts, options, trend) and the privacy rule on means and spreads, in
    SQL, equal the pandas path (``TableSource`` over the readable table, a ``Pool`` of every assessment)."""
    from partnerfit.access import readable
    from partnerfit.compare_query import CompareFilters
    from partnerfit.results import score_records
    from partnerfit.ui.compare_source import Pool, TableSource

    (folder, database), catalog = both
    viewer = viewers()[who]
    records = folder.load_all().records
    mine = score_records(readable(viewer, records), catalog, folder)
    source = TableSource(mine, Pool(score_records(records, catalog, folder), min_group=3))
    filters = CompareFilters(base_framework="base", **chosen)
    expected = source.answer(filters, 5)
    found = database.compare(filters, catalog, limit=5, viewer=viewer, min_group=3)
    assert (found.total, found.counted, found.affiliates, found.bands, found.red_lines) == (
        expected.found.total,
        expected.found.counted,
        expected.found.affiliates,
        expected.found.bands,
        expected.found.red_lines,
    )
    assert (found.others, found.hidden_dimensions) == (expected.others, expected.hidden_dimensions)
    assert found.dimensions == expected.found.dimensions
    pd_testing().assert_frame_equal(found.rows, expected.found.rows, check_dtype=False)
    for got, want in (
        (found.region_means, expected.found.region_means),
        (found.summary, expected.found.summary),
    ):
        keys = [c for c in ("region", "dimension_id") if c in want.columns]
        pd_testing().assert_frame_equal(
            got.sort_values(keys, ignore_index=True),
            want.sort_values(keys, ignore_index=True),
            check_dtype=False,
        )
    assert database.compare_options("base", catalog, viewer=viewer) == source.options("base")
    pd_testing().assert_frame_equal(
        database.compare_trend(filters, catalog, period="year", by_region=True, viewer=viewer),
        source.trend(filters, "year", True),
        check_dtype=False,
    )


def test_a_viewer_sees_only_what_they_may_read_and_small_groups_of_others_not_at_all(both):
    from partnerfit.access import can_read
    from partnerfit.compare_query import CompareFilters

    (folder, database), catalog = both
    viewer = viewers()["liaison"]
    filters = CompareFilters(base_framework="base", statuses=())
    found = database.compare(filters, catalog, viewer=viewer, min_group=3)
    everyone = database.compare(filters, catalog)
    assert 0 < found.total < everyone.total and found.others == everyone.total - found.total
    assert all(can_read(viewer, folder.get(i)) for i in found.rows["id"])
    notes = found.region_means["note"]
    assert (notes == "fewer than 3").any() and (notes == "").any()
    assert found.region_means.loc[notes != "", "mean"].isna().all()


def pd_testing():
    import pandas.testing

    return pandas.testing


def test_compare_options_are_the_same_on_both_stores(both):
    stores, catalog = both
    folder, database = (store.compare_options("base", catalog) for store in stores)
    assert folder == database
    assert folder.bases == {"base": sum(a.status != "withdrawn" for a in compare_data(catalog.get("base")))}
    assert folder.affiliates == tuple(f"Affiliate {i}" for i in range(5))
    assert stores[0].compare_options(None, catalog).affiliates == ()


def test_quartiles_from_score_counts_are_those_of_the_scores():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from partnerfit.store.sql_compare import _quantile

    @settings(max_examples=200, deadline=None)
    @given(
        st.lists(st.sampled_from([0.0, 12.5, 25.0, 33.3, 50.0, 66.7, 75.0, 100.0]), min_size=1, max_size=60)
    )
    def check(scores):
        import numpy as np

        counts = sorted({s: scores.count(s) for s in scores}.items())
        for q in (0.25, 0.5, 0.75):
            assert _quantile(counts, len(scores), q) == pytest.approx(float(np.quantile(scores, q)))

    check()


# -- partner links ----------------------------------------------------------------------------------------------
def _link_for(store, assessment, **options):
    from partnerfit.partner_view import new_partner_link

    token, link = new_partner_link(assessment.id, created_by="coord@example.org", **options)
    store.create_partner_link(link)
    return token, link


def test_a_partner_link_is_kept_as_the_hash_of_its_token_only(store):
    from partnerfit.partner_view import hash_token

    saved = store.save(make_assessment())
    token, link = _link_for(store, saved)
    assert store.partner_links(saved.id) == [link]
    assert store.find_partner_link(hash_token(token)) == link
    assert store.find_partner_link(token) is None  # the token itself is stored nowhere
    assert store.find_partner_link(hash_token(token + "x")) is None


def test_a_partner_link_for_an_unknown_assessment_is_refused(store):
    from partnerfit.partner_view import new_partner_link

    with pytest.raises(NotFoundError):
        store.create_partner_link(new_partner_link("nosuchid123", created_by=None)[1])


def test_a_partner_link_can_be_claimed_once_and_released_when_the_save_failed(store):
    import datetime as dt

    saved = store.save(make_assessment())
    _, link = _link_for(store, saved)
    now = dt.datetime.now(dt.UTC)
    assert store.claim_partner_link(link.token_hash, at=now) is True
    assert store.claim_partner_link(link.token_hash, at=now) is False
    assert store.find_partner_link(link.token_hash).status(now) == "used"
    store.release_partner_link(link.token_hash)
    assert store.claim_partner_link(link.token_hash, at=now) is True


def test_a_revoked_or_expired_partner_link_cannot_be_claimed(store):
    import datetime as dt

    saved = store.save(make_assessment())
    _, revoked = _link_for(store, saved)
    _, expiring = _link_for(store, saved, days=1)
    now = dt.datetime.now(dt.UTC)
    assert store.revoke_partner_link(revoked.token_hash, at=now).status(now) == "revoked"
    assert store.claim_partner_link(revoked.token_hash, at=now) is False
    assert store.claim_partner_link(expiring.token_hash, at=now + dt.timedelta(days=2)) is False
    assert [link.status(now) for link in store.partner_links(saved.id)] == ["revoked", "valid"]
    with pytest.raises(NotFoundError):
        store.revoke_partner_link("0" * 64, at=now)


def test_a_used_partner_link_stays_used_when_revoked(store):
    import datetime as dt

    saved = store.save(make_assessment())
    _, link = _link_for(store, saved)
    now = dt.datetime.now(dt.UTC)
    store.claim_partner_link(link.token_hash, at=now)
    assert store.revoke_partner_link(link.token_hash, at=now).status(now) == "used"


def test_partner_answers_are_saved_beside_the_affiliates_and_kept_in_history(store):
    from partnerfit.partner_view import submit_partner_answers

    framework = framework_from_yaml(BASE_FRAMEWORK)
    saved = store.save(complete())
    token, _ = _link_for(store, saved)
    answered = submit_partner_answers(
        store, token, framework, {"licence-fit": {"level": 1, "notes": "NC only"}}, answered_by="Dr. Ada"
    )
    stored = store.get(saved.id)
    assert stored.partner_view.answers["licence-fit"].level == 1
    assert stored.levels == saved.levels  # the affiliate's answers are untouched
    assert same(stored, answered)
    last = store.history(saved.id)[-1]
    assert last.author == "partner: Dr. Ada" and "partner's answers" in last.changes
