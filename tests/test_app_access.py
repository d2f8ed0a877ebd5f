"""Sign-in, roles and sharing under AppTest: a role x sharing x page matrix, the ``?id=`` probe, the gate."""

from __future__ import annotations

import re

import pytest
from conftest import BASE_FRAMEWORK, ROOT, assessment_yaml, write
from result_compare_fixtures import chart_rows, chart_specs
from streamlit.testing.v1 import AppTest
from ui_fixtures import texts

from partnerfit.i18n import _, using_language
from partnerfit.report import escape_markdown

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-test-cookie-secret-of-more-than-32-characters",
    "client_id": "partnerfit",
    "client_secret": "secret",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}
ACCESS = """\
people:
  - {email: viewer@example.org, affiliate: WMDE, role: viewer}
  - {email: assessor@example.org, affiliate: WMDE, role: assessor}
  - {email: coord@example.org, affiliate: WMDE, role: coordinator}
  - {email: liaison@example.org, role: liaison, regions: [Northern and Western Europe]}
  - {email: root@example.org, role: admin}
"""
NWE = "Northern and Western Europe"
# id -> (partner name, affiliate, region, sharing): one assessment per sharing, and one outside every scope
ASSESSMENTS = {
    "de-affiliate": ("Alpha Museum", "WMDE", NWE, "affiliate"),
    "de-liaisons": ("Beta Library", "WMDE", NWE, None),
    "uk-movement": ("Gamma Archive", "WMUK", NWE, "movement"),
    "in-liaisons": ("Delta Institute", "WMIN", "South Asia", "liaisons"),
}
MEMBER = {"de-affiliate", "de-liaisons", "uk-movement"}
READABLE = {
    "viewer": MEMBER,
    "assessor": MEMBER,
    "coord": MEMBER,
    "liaison": {"de-liaisons", "uk-movement"},
    "root": set(ASSESSMENTS),
}


@pytest.fixture
def deployment(tmp_path, monkeypatch):
    return make_deployment(tmp_path, monkeypatch)


def make_deployment(tmp_path, monkeypatch):
    """Frameworks, the four assessments and the access file in ``tmp_path``, with the environment set."""
    write(tmp_path / "frameworks" / "base.yaml", BASE_FRAMEWORK)
    for assessment_id, (name, affiliate, region, sharing) in ASSESSMENTS.items():
        extra = {"sharing": sharing} if sharing else {}
        write(
            tmp_path / "assessments" / f"{assessment_id}.yaml",
            assessment_yaml(
                id=assessment_id,
                partner=f"{{name: {name}}}",
                affiliate=affiliate,
                region=f"'{region}'",
                status="final",
                updated="2026-10-01",
                **extra,
            ),
        )
    write(tmp_path / "access.yaml", ACCESS)
    monkeypatch.setenv("PARTNERFIT_FRAMEWORKS", str(tmp_path / "frameworks"))
    monkeypatch.setenv("PARTNERFIT_ASSESSMENTS", str(tmp_path / "assessments"))
    monkeypatch.setenv("PARTNERFIT_ACCESS", str(tmp_path / "access.yaml"))
    return tmp_path


def app(user: str | None, page: str = "home", query: dict[str, str] | None = None, auth=AUTH) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if auth is not None:
        at.secrets["auth"] = auth
    at.user = (
        {"is_logged_in": False} if user is None else {"is_logged_in": True, "email": f"{user}@example.org"}
    )
    if page != "home":
        at.switch_page(f"partnerfit/ui/pages/{page}.py")
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def everything(at: AppTest) -> str:
    """Every text, table cell and choice the run rendered: where a partner name could leak."""
    parts = [texts(at)]
    parts += [frame.value.to_csv() for frame in at.dataframe]
    for box in at.selectbox:
        parts += [str(option) for option in box.options]
    return "\n".join(parts)


def without_id(message: str) -> str:
    return re.sub("`[^`]*`", "ID", message)  # the id itself, as a code span


def names(ids) -> set[str]:
    return {ASSESSMENTS[i][0] for i in ids}


@pytest.mark.parametrize("role", list(READABLE))
@pytest.mark.parametrize("page", ["home", "result", "compare"])
def test_every_page_shows_exactly_what_the_role_may_read(deployment, role, page):
    at = app(role, page)
    assert not at.exception, [e.value for e in at.exception]
    shown = everything(at)
    for name in names(READABLE[role]):
        assert name in shown, (role, page, name)
    for name in names(set(ASSESSMENTS) - READABLE[role]):
        assert name not in shown, (role, page, name)


@pytest.mark.parametrize("role", list(READABLE))
def test_a_direct_link_says_the_same_for_missing_and_forbidden(deployment, role):
    missing = app(role, "result", {"id": "no-such-id"})
    missing_words = without_id(missing.error[0].value)
    assert "not found or no access" in missing_words
    for assessment_id, (name, *_rest) in ASSESSMENTS.items():
        at = app(role, "result", {"id": assessment_id})
        assert not at.exception, [e.value for e in at.exception]
        if assessment_id in READABLE[role]:
            assert at.header[0].value == name
        else:
            assert without_id(at.error[0].value) == missing_words
            assert name not in everything(at)


def test_compare_csv_holds_only_readable_rows(deployment):
    at = app("liaison", "compare")
    assert set(at.dataframe[0].value["Partner"]) == names(READABLE["liaison"])
    assert "Download these 2 rows (CSV)" in [b.proto.label for b in at.get("download_button")]


def test_signed_out_visitor_sees_only_the_sign_in_page(deployment):
    for page in ("home", "result", "compare"):
        at = app(None, page, {"id": "de-liaisons"})
        assert not at.exception, [e.value for e in at.exception]
        assert [b.label for b in at.button] == ["Sign in"]
        assert not any(name in everything(at) for name in names(ASSESSMENTS))


def test_signed_in_but_unlisted_sees_whom_to_ask(deployment):
    at = app("eve", "compare")
    shown = everything(at).replace("\\", "")  # markdown escapes
    assert "eve@example.org" in shown and "root@example.org" in shown
    assert "not shared with you yet" in shown
    assert not any(name in shown for name in names(ASSESSMENTS))
    assert [b.label for b in at.button] == ["Sign out"]


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (None, "no access file is set (PARTNERFIT_ACCESS)"),
        ("people:\n  - {email: x@example.org, role: boss}\n", "access.yaml: people[0].role (line 2)"),
        ("people:\n  - {email: x@example.org, role: liaison, regions: [Mars]}\n", "unknown region(s) 'Mars'"),
    ],
)
def test_a_bad_access_file_stops_the_app_instead_of_running_open(deployment, monkeypatch, content, fragment):
    if content is None:
        monkeypatch.delenv("PARTNERFIT_ACCESS")
    else:
        write(deployment / "access.yaml", content)
    at = app("root", "compare")
    assert "does not start" in at.error[0].value
    assert fragment in at.code[0].value
    assert not any(name in everything(at) for name in names(ASSESSMENTS))


def test_without_auth_secrets_the_app_is_single_user_and_reads_everything(deployment):
    at = app(None, "compare", auth=None)
    assert set(at.dataframe[0].value["Partner"]) == names(ASSESSMENTS)
    assert "Sign out" not in [b.label for b in at.button]


def test_sidebar_says_who_is_signed_in(deployment):
    at = app("coord", "home")
    shown = texts(at).replace("\\", "")
    assert "coord@example.org" in shown and "coordinator in WMDE" in shown


def test_compare_aggregates_include_others_only_in_groups_of_min_group(deployment):
    # five more in Northern and Western Europe not shared with WMDE: that region's cell has 3 + 5 = 8 (>= 5) and includes
    # them; South Asia holds one WMIN assessment the viewer may not read: "fewer than 5", no figure
    for number in range(5):
        write(
            deployment / "assessments" / f"hidden-{number}.yaml",
            assessment_yaml(
                id=f"hidden-{number}",
                partner=f"{{name: Hidden Partner {number}}}",
                affiliate="WMFR",
                updated="2026-10-01",
                sharing="affiliate",
                status="final",
                answers="{licence-fit: {level: 0}, pd-respect: {level: 0}, retention: {level: 0}}",
            ),
        )
    at = app("viewer", "compare")
    assert not at.exception, [e.value for e in at.exception]
    assert "Hidden Partner" not in everything(at)
    assert set(at.dataframe[0].value["Partner"]) == names(MEMBER)
    heatmap = next(s for s in chart_specs(at) if s.get("title") == "Mean score by region and dimension")
    cells = {(r["region"], r["dimension"]): r for r in chart_rows(heatmap)}
    nwe = cells[(NWE, "Openness")]
    assert nwe["assessments"] == "8"
    assert nwe["mean"] < 60  # pulled down by the five zeros the viewer cannot open
    south_asia = cells[("South Asia", "Openness")]
    assert (south_asia["label"], south_asia["assessments"]) == ("fewer than 5", "fewer than 5")
    assert south_asia["mean"] is None or south_asia["mean"] != south_asia["mean"]  # no figure
    assert "include 6 assessment(s) not shared with you" in texts(at)


def test_the_access_file_is_re_read_when_it_changes(deployment):
    assert "not shared with you yet" in everything(app("eve", "compare"))
    access = deployment / "access.yaml"
    access.write_text(access.read_text() + "  - {email: eve@example.org, affiliate: WMUK, role: viewer}\n")
    at = app("eve", "compare")
    assert set(at.dataframe[0].value["Partner"]) == {"Gamma Archive"}  # WMUK's own


def test_an_address_the_provider_did_not_verify_gets_no_access(deployment):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, "email": "root@example.org", "email_verified": False}
    at.run()
    assert "not shared with you yet" in everything(at)
    assert not any(name in everything(at) for name in names(ASSESSMENTS))


def test_the_min_group_rule_holds_after_a_filter_change(deployment):
    at = app("viewer", "compare")
    at.multiselect(key="compare_regions").set_value(["Northern and Western Europe"]).run()
    assert not at.exception, [e.value for e in at.exception]
    heatmap = next(s for s in chart_specs(at) if s.get("title") == "Mean score by region and dimension")
    # Gamma, Alpha and Beta are readable; no hidden assessment in this region: figures, no note
    assert {r["label"] for r in chart_rows(heatmap)} != {"fewer than 5"}
    at.multiselect(key="compare_regions").set_value([]).run()
    heatmap = next(s for s in chart_specs(at) if s.get("title") == "Mean score by region and dimension")
    assert "fewer than 5" in {r["label"] for r in chart_rows(heatmap)}  # South Asia: one hidden assessment


@pytest.mark.parametrize("language", ["fr", "de"])
def test_the_sign_in_pages_speak_the_language_of_the_url(deployment, language):
    with using_language(language):
        sign_in, sign_out, no_access = _("Sign in"), _("Sign out"), _("No access yet")
    assert (sign_in, sign_out, no_access) != ("Sign in", "Sign out", "No access yet")
    signed_out = app(None, "home", {"lang": language})
    assert [b.label for b in signed_out.button] == [sign_in]
    unlisted = app("eve", "home", {"lang": language})
    assert [t.value for t in unlisted.title] == [no_access]
    assert [b.label for b in unlisted.button] == [sign_out]
    member = app("assessor", "home", {"lang": language})
    assert sign_out in [b.label for b in member.sidebar.button]
    with using_language(language):
        role = _("{role} in {affiliate}").format(role=_("assessor"), affiliate="WMDE")
    assert any(escape_markdown(role) in c.value for c in member.sidebar.caption)


def on_database(deployment, database_url, monkeypatch) -> None:
    """The deployment's assessments imported into PostgreSQL, and the app pointed at it."""
    from partnerfit.store.database import import_folder

    assert not import_folder(database_url, deployment / "assessments").errors
    monkeypatch.setenv("PARTNERFIT_DATABASE_URL", database_url)
    monkeypatch.setenv("PARTNERFIT_ASSESSMENTS", str(deployment / "no-such-folder"))


@pytest.mark.parametrize("role", list(READABLE))
def test_compare_on_the_database_shows_exactly_what_the_role_may_read(
    deployment, database_url, monkeypatch, role
):
    on_database(deployment, database_url, monkeypatch)

    def no_full_load():
        raise AssertionError("Compare on the database loaded every assessment")

    monkeypatch.setattr("partnerfit.ui.data.collection", no_full_load)
    monkeypatch.setattr("partnerfit.ui.data.movement_collection", no_full_load)
    at = app(role, "compare")
    assert not at.exception, [e.value for e in at.exception]
    assert set(at.dataframe[0].value["Partner"]) == names(READABLE[role])
    shown = everything(at)
    assert not any(name in shown for name in names(set(ASSESSMENTS) - READABLE[role]))


def test_the_database_keeps_the_min_group_rule_for_a_non_admin(deployment, database_url, monkeypatch):
    for number in range(5):
        write(
            deployment / "assessments" / f"hidden-{number}.yaml",
            assessment_yaml(
                id=f"hidden-{number}",
                partner=f"{{name: Hidden Partner {number}}}",
                affiliate="WMFR",
                updated="2026-10-01",
                sharing="affiliate",
                status="final",
                answers="{licence-fit: {level: 0}, pd-respect: {level: 0}, retention: {level: 0}}",
            ),
        )
    on_database(deployment, database_url, monkeypatch)
    at = app("viewer", "compare")
    assert not at.exception, [e.value for e in at.exception]
    assert "Hidden Partner" not in everything(at)
    assert set(at.dataframe[0].value["Partner"]) == names(MEMBER)
    heatmap = next(s for s in chart_specs(at) if s.get("title") == "Mean score by region and dimension")
    cells = {(r["region"], r["dimension"]): r for r in chart_rows(heatmap)}
    assert cells[(NWE, "Openness")]["assessments"] == "8" and cells[(NWE, "Openness")]["mean"] < 60
    assert cells[("South Asia", "Openness")]["label"] == "fewer than 5"
    assert "include 6 assessment(s) not shared with you" in texts(at)
