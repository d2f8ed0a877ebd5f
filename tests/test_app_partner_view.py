"""The partner's own view under AppTest: the partner form through a link (valid, expired, revoked, wrong, used),
nothing of the affiliate's answers on it, and the Result page's side-by-side view, gaps, links and files."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from conftest import BASE_FRAMEWORK, ROOT, assessment_yaml, write
from streamlit.testing.v1 import AppTest
from ui_fixtures import texts

from partnerfit.partner_view import new_partner_link
from partnerfit.report import escape_markdown
from partnerfit.store import FolderStore

AFFILIATE_SIDE = "Ask the museum for its licence register."
PARTNER_SIDE = "Free licences keep your name on every copy."
FRAMEWORK = BASE_FRAMEWORK.replace(
    "        rubric: {0: NC or ND only, 2: Some free, 4: All CC BY-SA or freer}\n",
    "        rubric: {0: NC or ND only, 2: Some free, 4: All CC BY-SA or freer}\n"
    f'        guidance: "For the affiliate team: {AFFILIATE_SIDE}\\n\\nFor the institution: {PARTNER_SIDE}"\n',
)
SECRET_NOTE = "Our director distrusts them"
ANSWERS = (
    "{licence-fit: {level: 4, notes: "
    + SECRET_NOTE
    + "}, pd-respect: {level: 4}, retention: {level: 3, notes: Checked the policy}}"
)


@pytest.fixture
def folders(tmp_path, monkeypatch):
    write(tmp_path / "frameworks" / "base.yaml", FRAMEWORK)
    write(tmp_path / "assessments" / "museum.yaml", assessment_yaml(id="museum-001", answers=ANSWERS))
    write(
        tmp_path / "assessments" / "other.yaml",
        assessment_yaml(id="other-0001", partner="{name: Other Archive}", affiliate="Other Chapter"),
    )
    monkeypatch.setenv("PARTNERFIT_FRAMEWORKS", str(tmp_path / "frameworks"))
    monkeypatch.setenv("PARTNERFIT_ASSESSMENTS", str(tmp_path / "assessments"))
    return tmp_path


def make_link(folders, **options) -> tuple[str, FolderStore]:
    store = FolderStore(folders / "assessments")
    token, link = new_partner_link("museum-001", created_by=None, **options)
    store.create_partner_link(link)
    return token, store


def partner_form(token: str, **query: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["partner"] = token
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def shows_nothing_else(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.radio and not at.text_input and not at.text_area
    assert not at.sidebar.children or not any(texts(at.sidebar))
    shown = texts(at)
    assert "Example Museum" not in shown and "Example Chapter" not in shown


def test_a_valid_link_shows_the_questions_with_the_partner_guidance_only(folders):
    token, _ = make_link(folders)
    at = partner_form(token)
    assert not at.exception, [e.value for e in at.exception]
    shown = texts(at)
    assert "Example Chapter asks for your view" in shown
    assert escape_markdown(PARTNER_SIDE) in shown
    assert (
        escape_markdown(AFFILIATE_SIDE) not in shown
        and SECRET_NOTE not in shown
        and "Checked the policy" not in shown
    )
    # the criteria of a content partnership, each unanswered: nothing of the affiliate's levels is preset
    assert [r.key for r in at.radio] == [
        "partner_level__licence-fit",
        "partner_level__pd-respect",
        "partner_level__retention",
    ]
    assert all(r.value is None for r in at.radio)
    assert not any("Other Archive" in t for t in shown.split("\n"))


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("wrong", "This partner link is not valid"),
        ("expired", "This partner link has expired"),
        ("revoked", "This partner link was withdrawn"),
        ("used", "This partner link has already been used"),
    ],
)
def test_a_link_that_cannot_be_used_says_why_and_shows_nothing_else(folders, case, message):
    now = dt.datetime.now(dt.UTC)
    token, store = make_link(folders, now=now - dt.timedelta(days=40) if case == "expired" else None)
    if case == "wrong":
        token = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    elif case == "revoked":
        store.revoke_partner_link(store.partner_links("museum-001")[0].token_hash, at=now)
    elif case == "used":
        store.claim_partner_link(store.partner_links("museum-001")[0].token_hash, at=now)
    at = partner_form(token)
    assert message in texts(at)
    shows_nothing_else(at)


def test_the_partner_form_is_shown_even_when_sign_in_is_on(folders, monkeypatch):
    access = write(folders / "access.yaml", "people:\n  - {email: root@example.org, role: admin}\n")
    monkeypatch.setenv("PARTNERFIT_ACCESS", str(access))
    token, _ = make_link(folders)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["auth"] = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "a-test-cookie-secret-of-more-than-32-characters",
        "client_id": "partnerfit",
        "client_secret": "secret",
        "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
    }
    at.user = {"is_logged_in": False}
    at.query_params["partner"] = token
    at.run()
    assert "Example Chapter asks for your view" in texts(at)
    assert "Sign in" not in [b.label for b in at.button]


def test_sending_the_form_keeps_the_answers_beside_the_affiliates_and_uses_the_link(folders):
    token, store = make_link(folders)
    at = partner_form(token)
    at.text_input(key="partner_name").input("Dr. Ada Example, curator")
    at.radio(key="partner_level__licence-fit").set_value(1)
    at.text_area(key="partner_notes__licence-fit").input("Only NC for now")
    at.radio(key="partner_level__retention").set_value("na")
    at.button(key="partner_send").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Your answers were sent to Example Chapter." in texts(at)
    saved = yaml.safe_load((folders / "assessments" / "museum.yaml").read_text())
    assert saved["partner_view"]["answered_by"] == "Dr. Ada Example, curator"
    assert saved["partner_view"]["answers"] == {
        "licence-fit": {"level": 1, "notes": "Only NC for now"},
        "retention": {"level": "na"},
    }
    assert saved["answers"]["licence-fit"] == {"level": 4, "notes": SECRET_NOTE}  # the affiliate's, untouched
    again = partner_form(token)
    assert "This partner link has already been used" in texts(again)


def test_the_form_without_a_name_is_not_sent_and_keeps_the_answers(folders):
    token, store = make_link(folders)
    at = partner_form(token)
    at.radio(key="partner_level__licence-fit").set_value(2)
    at.button(key="partner_send").click().run()
    assert "Please write your name and role" in texts(at)
    assert at.radio(key="partner_level__licence-fit").value == 2
    assert store.get("museum-001").partner_view is None
    assert store.partner_links("museum-001")[0].used_at is None


# -- the Result page ------------------------------------------------------------------------------------------
PARTNER_VIEW = (
    "{answered_by: Dr. Ada, answered_at: 2026-11-20T10:00:00Z, answers: "
    "{licence-fit: {level: 0, notes: We need NC}, pd-respect: {level: 3}, retention: {level: 1}}}"
)


def result_page(assessment_id: str = "museum-001") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page("partnerfit/ui/pages/result.py")
    at.query_params["id"] = assessment_id
    return at.run()


def test_result_shows_both_answers_side_by_side_with_the_gaps(folders):
    write(
        folders / "assessments" / "museum.yaml",
        assessment_yaml(id="museum-001", answers=ANSWERS, partner_view=PARTNER_VIEW),
    )
    at = result_page()
    assert not at.exception, [e.value for e in at.exception]
    table = next(d.value for d in at.dataframe if "Partner" in d.value.columns)
    assert list(table["You"]) == ["4 Exemplary", "4 Exemplary", "3 Strong"]
    assert list(table["Partner"]) == ["0 Absent", "3 Strong", "1 Weak"]
    assert list(table["Gap"]) == [True, False, True]
    shown = texts(at)
    assert list(table["Partner's notes"]) == ["We need NC", "", ""]
    write(  # a question the partner left out is listed only on demand
        folders / "assessments" / "museum.yaml",
        assessment_yaml(
            id="museum-001", answers=ANSWERS, partner_view=PARTNER_VIEW.replace(", retention: {level: 1}", "")
        ),
    )
    at = result_page()
    assert len(next(d.value for d in at.dataframe if "Partner" in d.value.columns)) == 2
    at.toggle(key="partner_show_all").set_value(True).run()
    table = next(d.value for d in at.dataframe if "Partner" in d.value.columns)
    assert list(table["Partner"]) == ["0 Absent", "3 Strong", "not answered"]
    assert "2 gaps to talk about" in shown
    assert "red line answered differently" in shown and "differ by 2 levels or more" in shown
    assert "Answered by Dr\\. Ada" in shown


def test_result_notes_the_conditions_the_partner_already_agrees_with(folders):
    answers = "{licence-fit: {level: 2}, pd-respect: {level: 4}, retention: {level: 1}}"
    view = "{answered_by: Dr. Ada, answered_at: 2026-11-20T10:00:00Z, answers: {retention: {level: 4}}}"
    write(
        folders / "assessments" / "museum.yaml",
        assessment_yaml(id="museum-001", answers=answers, partner_view=view),
    )
    at = result_page()
    agreed = [m.value for m in at.markdown if "**Conditions the partner already agrees with**" in m.value]
    assert agreed and "Is data kept only as long as needed?" in agreed[0]
    assert "free licence" not in agreed[0]


def test_result_without_partner_answers_says_so_and_partner_answers_never_change_the_score(folders):
    at = result_page()
    assert "The partner has not answered yet." in texts(at)
    before = at.metric[0].value
    write(
        folders / "assessments" / "museum.yaml",
        assessment_yaml(id="museum-001", answers=ANSWERS, partner_view=PARTNER_VIEW),
    )
    assert result_page().metric[0].value == before == "94 / 100"


def test_a_coordinator_creates_a_link_that_opens_the_form_and_withdraws_it(folders):
    at = result_page()
    at.button(key="partner_link_create").click().run()
    assert not at.exception, [e.value for e in at.exception]
    url = next(c.value for c in at.code if "?partner=" in c.value)
    token = url.split("?partner=")[1].split("&")[0]
    assert "Example Chapter asks for your view" in texts(partner_form(token))
    links = FolderStore(folders / "assessments").partner_links("museum-001")
    assert (
        len(links) == 1
        and token not in (folders / "assessments" / ".partner-links" / "museum-001.yaml").read_text()
    )
    at.button(key=f"partner_link_revoke__{links[0].token_hash[:16]}").click().run()
    assert "This partner link was withdrawn" in texts(partner_form(token))


# -- end to end, on both stores ------------------------------------------------------------------------------
@pytest.fixture(params=["folder", "postgres"])
def any_store(request, folders, monkeypatch):
    """The folders' assessments in the folder store, or imported into PostgreSQL (the app then uses it)."""
    from partnerfit.store import open_store
    from partnerfit.store.database import import_folder

    if request.param == "folder":
        monkeypatch.delenv("PARTNERFIT_DATABASE_URL", raising=False)
        return open_store(folders / "assessments")
    url = request.getfixturevalue("database_url")
    assert not import_folder(url, folders / "assessments").errors
    monkeypatch.setenv("PARTNERFIT_DATABASE_URL", url)
    return open_store(url=url)


def test_link_form_and_side_by_side_end_to_end_on_both_stores(any_store):
    at = result_page()
    at.button(key="partner_link_create").click().run()
    url = next(c.value for c in at.code if "?partner=" in c.value)
    token = url.split("?partner=")[1].split("&")[0]
    form = partner_form(token, lang="de")
    assert "Example Chapter bittet um Ihre Einschätzung" in texts(form)
    form.text_input(key="partner_name").input("Dr. Ada")
    form.radio(key="partner_level__licence-fit").set_value(1)
    form.button(key="partner_send").click().run()
    assert "Ihre Antworten wurden an Example Chapter gesendet." in texts(form)
    assert any_store.get("museum-001").partner_view.answers["licence-fit"].level == 1
    assert any_store.history("museum-001")[-1].author == "partner: Dr. Ada"
    at = result_page()
    assert "1 gap to talk about" in texts(at)
    assert any_store.partner_links("museum-001")[0].status() == "used"
    assert "Dieser Partnerlink wurde bereits verwendet" in texts(partner_form(token, lang="de"))
