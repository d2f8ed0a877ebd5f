"""The access file and the rules: who may read and change which assessment."""

from types import SimpleNamespace

import pytest
from conftest import write

from partnerfit.access import (
    can_change_sharing,
    can_create,
    can_delete_draft,
    can_edit,
    can_finalise,
    can_read,
    load_access,
)
from partnerfit.assessment import REGIONS
from partnerfit.errors import ValidationError

ACCESS = """\
people:
  - {email: alice@example.org, affiliate: Wikimedia Deutschland, role: assessor}
  - {email: Alice@Example.org, affiliate: Wikimedia Österreich, role: viewer}
  - {email: cora@example.org, affiliate: Wikimedia Deutschland, role: coordinator}
  - {email: lee@example.org, role: liaison, regions: [South Asia]}
  - {email: lia@example.org, role: liaison}
  - {email: root@example.org, role: admin}
"""


@pytest.fixture
def access(tmp_path):
    return load_access(write(tmp_path / "access.yaml", ACCESS))


def item(affiliate="Wikimedia Deutschland", region="Northern and Western Europe", sharing=None):
    return SimpleNamespace(affiliate=affiliate, region=region, sharing=sharing)


def test_viewer_collects_memberships_case_insensitively(access):
    alice = access.viewer("ALICE@example.org")
    assert alice.role_in("Wikimedia Deutschland") == "assessor"
    assert alice.role_in("Wikimedia Österreich") == "viewer"
    assert alice.roles == {"assessor", "viewer"}
    assert access.viewer("lia@example.org").liaison_regions == frozenset(REGIONS)
    assert access.viewer("lee@example.org").liaison_regions == {"South Asia"}


def test_unlisted_person_reads_nothing_even_shared_with_the_movement(access):
    stranger = access.viewer("eve@example.org")
    assert not stranger.listed
    assert not can_read(stranger, item(sharing="movement"))


def test_members_read_their_affiliate_whatever_the_sharing(access):
    alice = access.viewer("alice@example.org")
    assert can_read(alice, item(sharing="affiliate"))
    assert can_read(alice, item(affiliate="Wikimedia Österreich", sharing="affiliate"))
    assert not can_read(alice, item(affiliate="Wikimedia UK", sharing="liaisons"))
    assert can_read(alice, item(affiliate="Wikimedia UK", sharing="movement"))


def test_liaisons_read_their_regions_unless_affiliate_only(access):
    lee = access.viewer("lee@example.org")
    assert can_read(lee, item(region="South Asia"))  # default sharing: liaisons
    assert not can_read(lee, item(region="South Asia", sharing="affiliate"))
    assert not can_read(lee, item(region="North America"))
    assert can_read(access.viewer("lia@example.org"), item(region="North America"))


def test_write_rights_follow_the_roles(access):
    alice, cora, root = (
        access.viewer(e) for e in ("alice@example.org", "cora@example.org", "root@example.org")
    )
    viewer_only = item(affiliate="Wikimedia Österreich")
    assert can_create(alice, "Wikimedia Deutschland") and not can_create(alice, "Wikimedia Österreich")
    assert can_edit(alice, item()) and not can_edit(alice, viewer_only)
    assert not can_finalise(alice, item()) and can_finalise(cora, item())
    assert not can_change_sharing(alice, item()) and can_change_sharing(cora, item())
    assert not can_delete_draft(alice, item()) and can_delete_draft(cora, item())
    assert not can_edit(access.viewer("lia@example.org"), item())  # liaisons read only
    assert can_delete_draft(root, viewer_only) and can_create(root, "Anyone")
    assert can_edit(None, item())  # unrestricted: sign-in off


def test_coordinators_are_the_contacts_else_the_admins(access):
    assert access.coordinators("Wikimedia Deutschland") == ["cora@example.org"]
    assert access.coordinators("Wikimedia UK") == ["root@example.org"]


@pytest.mark.parametrize(
    ("line", "place", "message"),
    [
        ("{email: x@example.org, affiliate: A, role: boss}", "people[1].role", "must be 'viewer'"),
        (
            "{email: x@example.org, role: liaison, regions: [Mars]}",
            "people[1].regions",
            "unknown region(s) 'Mars'",
        ),
        ("{email: x@example.org, role: assessor}", "people[1]", "needs an 'affiliate'"),
        ("{email: x@example.org, role: admin, affiliate: A}", "people[1]", "belongs to no affiliate"),
        ("{email: not-an-email, role: admin}", "people[1].email", "should match pattern"),
        ("{email: x@example.org, role: admin, team: A}", "people[1].team", "unknown field"),
    ],
)
def test_bad_entries_are_named_by_file_place_and_line(tmp_path, line, place, message):
    path = write(
        tmp_path / "access.yaml", f"people:\n  - {{email: ok@example.org, role: admin}}\n  - {line}\n"
    )
    with pytest.raises(ValidationError) as caught:
        load_access(path)
    rendered = caught.value.render()
    assert f"{path}: {place} (line 3):" in rendered
    assert message in rendered


def test_conflicting_duplicates_are_refused_identical_ones_tolerated(tmp_path):
    path = write(
        tmp_path / "access.yaml",
        "people:\n"
        "  - {email: a@example.org, affiliate: A, role: viewer}\n"
        "  - {email: A@example.org, affiliate: A, role: viewer}\n"
        "  - {email: a@example.org, affiliate: A, role: coordinator}\n"
        "  - {email: l@example.org, role: liaison, regions: [South Asia]}\n"
        "  - {email: l@example.org, role: liaison}\n",
    )
    with pytest.raises(ValidationError) as caught:
        load_access(path)
    assert [p.location for p in caught.value.problems] == ["people[2]", "people[4]"]
    assert (
        "a@example.org is listed in 'A' twice with different rights (see people[0])" in caught.value.render()
    )
    assert "l@example.org is listed as liaison twice" in caught.value.render()


def test_missing_empty_and_broken_files_are_errors(tmp_path):
    with pytest.raises(ValidationError, match="the access file does not exist"):
        load_access(tmp_path / "nope.yaml")
    with pytest.raises(
        ValidationError, match=r"empty.yaml: people \(line 1\): list should have at least 1 item"
    ):
        load_access(write(tmp_path / "empty.yaml", "people: []\n"))
    with pytest.raises(ValidationError, match="line"):
        load_access(write(tmp_path / "broken.yaml", "people: [\n"))
