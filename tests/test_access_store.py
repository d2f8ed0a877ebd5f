"""The access-controlled store: no read outside the viewer's scope, no write outside their rights, audit kept."""

import tempfile
from pathlib import Path

import pytest
from conftest import make_assessment
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnerfit.access import Membership, Viewer
from partnerfit.access_store import AccessControlledStore, coordination_notices
from partnerfit.assessment import SHARING
from partnerfit.compare import find_similar_partners
from partnerfit.errors import NOT_FOUND, AccessDeniedError
from partnerfit.store import FolderStore, NotFoundError

AFFILIATES = ("WMDE", "WMAT", "WMUK")
REGIONS = ("South Asia", "North America", "Northern and Western Europe")
ROLES = ("viewer", "assessor", "coordinator")

viewers = st.builds(
    Viewer,
    email=st.just("v@example.org"),
    memberships=st.lists(
        st.builds(Membership, st.sampled_from(AFFILIATES), st.sampled_from(ROLES)), max_size=3
    ).map(tuple),
    liaison_regions=st.none() | st.frozensets(st.sampled_from(REGIONS)),
    admin=st.booleans(),
    listed=st.booleans(),
)
items = st.lists(
    st.tuples(st.sampled_from(AFFILIATES), st.sampled_from(REGIONS), st.sampled_from((None, *SHARING))),
    min_size=1,
    max_size=8,
)


def expected_readable(viewer: Viewer, affiliate: str, region: str, sharing: str | None) -> bool:
    """The issue's rules, written out independently of partnerfit.access."""
    if viewer.admin:
        return True
    if not viewer.listed:
        return False
    if affiliate in {m.affiliate for m in viewer.memberships}:
        return True
    if sharing == "movement":
        return True
    return (sharing or "liaisons") == "liaisons" and region in (viewer.liaison_regions or ())


def expected_editable(viewer: Viewer, affiliate: str) -> bool:
    return viewer.admin or any(
        m.affiliate == affiliate and m.role in ("assessor", "coordinator") for m in viewer.memberships
    )


def fill(root: Path, specs) -> FolderStore:
    inner = FolderStore(root)
    for number, (affiliate, region, sharing) in enumerate(specs):
        assessment = make_assessment(
            id=f"id{number:04d}", affiliate=affiliate, region=f"'{region}'", updated="2026-10-01"
        )
        inner.create(assessment.model_copy(update={"sharing": sharing}))
    return inner


@settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(viewer=viewers, specs=items)
def test_no_read_returns_an_assessment_outside_the_viewers_scope(viewer, specs):
    with tempfile.TemporaryDirectory() as folder:
        store = AccessControlledStore(fill(Path(folder), specs), viewer)
        expected = {
            f"id{n:04d}"
            for n, (aff, region, sharing) in enumerate(specs)
            if expected_readable(viewer, aff, region, sharing)
        }
        assert {r.id for r in store.load_all().records} == expected
        for number in range(len(specs)):
            assessment_id = f"id{number:04d}"
            if assessment_id in expected:
                assert store.get(assessment_id).id == assessment_id
            else:
                with pytest.raises(NotFoundError) as forbidden:
                    store.get(assessment_id)
                assert str(forbidden.value) == f"Assessment {assessment_id!r}: {NOT_FOUND}."
        with pytest.raises(NotFoundError) as missing:
            store.get("no-such-id")
        assert str(missing.value) == f"Assessment 'no-such-id': {NOT_FOUND}."  # the same words as forbidden


@settings(deadline=None, max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(viewer=viewers, specs=items)
def test_writes_are_refused_outside_the_viewers_rights(viewer, specs):
    with tempfile.TemporaryDirectory() as folder:
        inner = fill(Path(folder), specs)
        store = AccessControlledStore(inner, viewer)
        for record in inner.load_all().records:
            edited = inner.get(record.id).model_copy(update={"summary": "changed"})
            allowed = expected_editable(viewer, record.affiliate) and expected_readable(
                viewer, record.affiliate, record.region, record.sharing
            )
            if allowed:
                store.save(edited)
                assert inner.history(record.id)[-1].author == viewer.email
            else:
                with pytest.raises((AccessDeniedError, NotFoundError)):
                    store.save(edited)
                assert inner.get(record.id).summary is None  # nothing written
        new = make_assessment(id="brand-new-1", affiliate="WMAT")
        if expected_editable(viewer, "WMAT"):
            store.create(new)
        else:
            with pytest.raises(AccessDeniedError):
                store.create(new)


def coordinator(affiliate="WMDE"):
    return Viewer("c@example.org", (Membership(affiliate, "coordinator"),))


def assessor(affiliate="WMDE"):
    return Viewer("a@example.org", (Membership(affiliate, "assessor"),))


def test_sharing_changes_need_a_coordinator_and_are_audited(tmp_path):
    inner = fill(tmp_path, [("WMDE", "South Asia", None)])
    with pytest.raises(AccessDeniedError, match="may not change the sharing of assessments of WMDE"):
        AccessControlledStore(inner, assessor()).set_sharing(inner.get("id0000"), "movement")
    AccessControlledStore(inner, coordinator()).set_sharing(inner.get("id0000"), "movement")
    assert inner.get("id0000").sharing == "movement"
    last = inner.history("id0000")[-1]
    assert (last.author, last.changes) == ("c@example.org", ("sharing: liaisons → movement",))


def test_finalising_needs_a_coordinator(tmp_path, frameworks_dir):
    from partnerfit.catalog import load_frameworks

    framework = load_frameworks(frameworks_dir).frameworks["base"]
    inner = fill(tmp_path / "a", [("WMDE", "South Asia", None)])
    with pytest.raises(AccessDeniedError, match="may not finalise"):
        AccessControlledStore(inner, assessor()).finalise(inner.get("id0000"), framework)
    with pytest.raises(AccessDeniedError, match="may not finalise"):  # not through a plain save either
        AccessControlledStore(inner, assessor()).save(
            inner.get("id0000").model_copy(update={"status": "final"})
        )
    final = AccessControlledStore(inner, coordinator()).finalise(inner.get("id0000"), framework)
    last = inner.history("id0000")[-1]
    assert (final.status, last.action, last.author) == ("final", "finalise", "c@example.org")


def test_deleting_a_draft_is_for_coordinators_and_recorded(tmp_path):
    inner = fill(tmp_path, [("WMDE", "South Asia", None)])
    with pytest.raises(AccessDeniedError):
        AccessControlledStore(inner, assessor()).delete_draft("id0000")
    with pytest.raises(NotFoundError):
        AccessControlledStore(inner, coordinator("WMUK")).delete_draft("id0000")
    AccessControlledStore(inner, coordinator()).delete_draft("id0000")
    assert inner.load_all().records == []
    last = inner.history("id0000")[-1]
    assert (last.action, last.author) == ("delete", "c@example.org")


def test_coordination_notice_hides_what_the_viewer_may_not_read(tmp_path):
    from partnerfit.access import AccessList, Person

    inner = fill(tmp_path, [("WMUK", "South Asia", "affiliate")])
    access = AccessList((Person(email="boss@example.org", role="coordinator", affiliate="WMUK"),))
    found = find_similar_partners("example museum", inner.load_all().records)
    (notice,) = coordination_notices(found, assessor(), access)
    assert (notice.affiliate, notice.contacts, notice.match) == ("WMUK", ["boss@example.org"], None)
    assert notice.month == "2026-10"
    (readable,) = coordination_notices(found, coordinator("WMUK"), access)
    assert readable.match is not None


def test_create_refuses_an_existing_id_and_history_follows_read_rights(tmp_path):
    from partnerfit.errors import SaveConflictError

    inner = fill(tmp_path, [("WMUK", "South Asia", "affiliate")])
    existing = inner.get("id0000")
    with pytest.raises(SaveConflictError, match="already exists"):
        AccessControlledStore(inner, coordinator("WMDE")).create(
            existing.model_copy(update={"affiliate": "WMDE"})
        )
    AccessControlledStore(inner, assessor()).create(make_assessment(id="fresh-one", affiliate="WMDE"))
    history = AccessControlledStore(inner, assessor()).history("fresh-one")
    assert [(r.action, r.author) for r in history] == [("create", "a@example.org")]
    with pytest.raises(NotFoundError):
        AccessControlledStore(inner, assessor()).history("id0000")


@pytest.fixture(params=["folder", "postgres"])
def any_store(request, tmp_path):
    from partnerfit.store import open_store

    if request.param == "folder":
        return FolderStore(tmp_path / "assessments")
    return open_store(url=request.getfixturevalue("database_url"))


SPECS = [(a, r, s) for a in AFFILIATES for r in REGIONS[:2] for s in (None, *SHARING)]
VIEWERS = [
    Viewer("m@example.org", (Membership("WMDE", "viewer"),)),
    Viewer("l@example.org", liaison_regions=frozenset({"South Asia"})),
    Viewer("x@example.org", (Membership("WMAT", "assessor"),), frozenset({"North America"})),
    Viewer("u@example.org", listed=False),
]


@pytest.mark.parametrize("viewer", VIEWERS, ids=lambda v: v.email)
def test_the_wrapper_filters_reads_and_checks_writes_over_either_store(any_store, viewer):
    for number, (affiliate, region, sharing) in enumerate(SPECS):
        assessment = make_assessment(id=f"id{number:04d}", affiliate=affiliate, region=f"'{region}'")
        any_store.create(assessment.model_copy(update={"sharing": sharing}))
    store = AccessControlledStore(any_store, viewer)
    expected = {f"id{n:04d}" for n, spec in enumerate(SPECS) if expected_readable(viewer, *spec)}
    assert {r.id for r in store.load_all().records} == expected
    for number, (affiliate, _region, _sharing) in enumerate(SPECS):
        assessment_id = f"id{number:04d}"
        if assessment_id not in expected:
            with pytest.raises(NotFoundError):
                store.get(assessment_id)
            with pytest.raises(NotFoundError):
                store.history(assessment_id)
        elif not expected_editable(viewer, affiliate):
            with pytest.raises(AccessDeniedError):
                store.save(store.get(assessment_id).model_copy(update={"summary": "x"}))
        else:
            store.save(store.get(assessment_id).model_copy(update={"summary": "x"}))
            assert any_store.history(assessment_id)[-1].author == viewer.email


def test_withdrawing_is_for_those_who_may_finalise_and_recorded(tmp_path, frameworks_dir):
    from partnerfit.catalog import load_frameworks

    framework = load_frameworks(frameworks_dir).frameworks["base"]
    inner = fill(tmp_path / "a", [("WMDE", "South Asia", None)])
    inner.finalise(inner.get("id0000"), framework)
    with pytest.raises(AccessDeniedError, match="may not withdraw"):
        AccessControlledStore(inner, assessor()).withdraw("id0000", reason="called off")
    with pytest.raises(NotFoundError):
        AccessControlledStore(inner, coordinator("WMUK")).withdraw("id0000", reason="called off")
    AccessControlledStore(inner, coordinator()).withdraw("id0000", reason="called off")
    last = inner.history("id0000")[-1]
    assert (last.action, last.author, last.assessment.withdrawal.by) == (
        "withdraw",
        "c@example.org",
        "c@example.org",
    )
