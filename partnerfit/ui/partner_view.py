"""The partner's own view in the app: the partner form (``?partner=TOKEN``, no account, nothing else reachable)
and, on the Result page, the partner links, the questionnaire as a file, and both answers side by side with the
gaps as talking points."""

from __future__ import annotations

import functools
from urllib.parse import quote, urlsplit

import pandas as pd
import streamlit as st

from partnerfit.access import can_edit, can_manage_partner_links
from partnerfit.errors import PartnerfitError
from partnerfit.i18n import LANGUAGES, _, format_date, format_datetime, ngettext
from partnerfit.partner_view import (
    NOT_APPLICABLE,
    PartnerLinkError,
    agreed_conditions,
    find_gaps,
    link_for_token,
    new_partner_link,
    partner_criteria,
    partner_guidance,
    submit_partner_answers,
    utc_now,
)
from partnerfit.questionnaire import (
    build_questionnaire,
    file_name,
    read_questionnaire,
    returned_assessment,
    to_csv,
    to_yaml,
)
from partnerfit.results import framework_for
from partnerfit.store import open_store
from partnerfit.ui import common, data
from partnerfit.ui.common import md
from partnerfit.ui.result_view import Loaded
from partnerfit.verdict import Verdict

TOKEN_PARAM = "partner"  # noqa: S105 (the query parameter's name, not a secret)
URL_PATHS = ("home", "assess", "result", "compare", "frameworks")
DONE_KEY = "partner_form_done"


def requested() -> bool:
    """Whether this visit is a partner's (``?partner=`` in the address): then only the partner form runs."""
    return TOKEN_PARAM in st.query_params


def only_partner_form() -> None:
    """The partner form under every page's address, with no navigation and no sidebar."""
    pages = [
        st.Page(
            functools.partial(partner_form),
            title=_("Questions from a Wikimedia affiliate"),
            url_path=path,
            default=path == URL_PATHS[0],
        )
        for path in URL_PATHS
    ]
    st.navigation(pages, position="hidden").run()


# -- the partner form ---------------------------------------------------------------------------------------
def partner_form() -> None:
    store = _raw_store()
    token = st.query_params.get(TOKEN_PARAM, "")
    done = st.session_state.get(DONE_KEY)
    if done and done[0] == token:
        st.title(_("Thank you"), anchor=False)
        st.success(
            _("Your answers were sent to {affiliate}.").format(affiliate=md(done[1])), icon=":material/check:"
        )
        return
    try:
        link = link_for_token(store, token)
        assessment = store.get(link.assessment_id)
        framework = framework_for(assessment.framework, assessment.status, data.catalog(), store).framework
    except PartnerLinkError as error:
        st.title(_("Partner link"), anchor=False)
        st.error(str(error), icon=":material/link_off:")
        return
    except PartnerfitError:
        st.title(_("Partner link"), anchor=False)
        st.error(
            _(
                "This questionnaire cannot be shown right now. Please tell the affiliate that sent you the link."
            )
        )
        return
    _language_choice()
    st.header(_("{affiliate} asks for your view").format(affiliate=md(assessment.affiliate)), anchor=False)
    st.write(
        _(
            "{affiliate} is considering a partnership with {partner} and uses the Wikimedia movement's values "
            "framework to prepare it. These are the questions it asks itself. Your own answers are kept beside "
            "the affiliate's assessment and shown to its team as a basis for the conversation; they do not "
            "change its score. This link can be used once and expires on {date}."
        ).format(
            affiliate=md(assessment.affiliate),
            partner=md(assessment.partner.name),
            date=format_date(link.expires_at),
        )
    )
    criteria = partner_criteria(framework, assessment)
    with st.form("partner_form", border=False):
        name = st.text_input(
            _("Your name and role (required)"),
            key="partner_name",
            max_chars=300,
            placeholder=_("e.g. Dr. Ada Example, head of digital collections"),
        )
        for number, criterion in enumerate(criteria, start=1):
            _question(number, criterion, framework)
        sent = st.form_submit_button(_("Send my answers"), type="primary", key="partner_send")
    if sent:
        _send(store, token, framework, criteria, name, assessment.affiliate)


def _language_choice() -> None:
    languages = list(LANGUAGES)
    current = common.language()
    chosen = st.selectbox(
        _("Language"),
        languages,
        index=languages.index(current) if current in languages else 0,
        key="partner_language",
        format_func=LANGUAGES.get,
        width=200,
    )
    if chosen != current:
        st.session_state["language"] = chosen
        st.query_params["lang"] = chosen
        st.rerun()


def _question(number: int, criterion, framework) -> None:
    with st.container(border=True, key=f"partner_criterion__{criterion.id}"):
        st.markdown(f"##### {number}. {md(common.tr(criterion.question))}")
        if criterion.red_line is not None:
            st.markdown(":red-badge[:material/block: " + _("A hard limit of the Wikimedia movement") + "]")
            st.caption(md(common.tr(criterion.red_line.reason)))
        guidance = partner_guidance(criterion.guidance, common.language())
        if guidance:
            st.markdown(md(guidance))
        st.radio(
            _("Your answer"),
            [*framework.level_values, NOT_APPLICABLE],
            key=f"partner_level__{criterion.id}",
            index=None,
            format_func=lambda value: _level_option(framework, criterion, value),
        )
        st.text_area(_("Notes (optional)"), key=f"partner_notes__{criterion.id}", height=80, max_chars=5000)


def _level_option(framework, criterion, value) -> str:
    if value == NOT_APPLICABLE:
        return _("Does not apply to this partnership")
    level = framework.level(value)
    label = f"**{value} · {md(common.tr(level.label))}**" if level else f"**{value}**"
    text = criterion.rubric.get(value)
    return f"{label}: {md(common.tr(text))}" if text else label


def _send(store, token: str, framework, criteria, name: str, affiliate: str) -> None:
    answers = {}
    for criterion in criteria:
        level = st.session_state.get(f"partner_level__{criterion.id}")
        notes = (st.session_state.get(f"partner_notes__{criterion.id}") or "").strip()
        if level is not None:
            answers[criterion.id] = {"level": level, "notes": notes or None}
    if not name.strip():
        st.error(_("Please write your name and role at the top: the affiliate needs to know who answered."))
        return
    if not answers:
        st.error(_("Please answer at least one question before sending."))
        return
    try:
        submit_partner_answers(store, token, framework, answers, answered_by=name.strip())
    except PartnerLinkError as error:
        st.error(str(error), icon=":material/link_off:")
        return
    except PartnerfitError as error:
        common.show_error(error, _("Your answers could not be saved; nothing was lost: try sending again."))
        return
    st.session_state[DONE_KEY] = (token, affiliate)
    st.rerun()


def _raw_store():
    """The store without a viewer: the partner has no account; the link is the only key, to one assessment."""
    config = data.settings()
    return open_store(config.assessments_dir, url=config.database_url)


# -- the Result page ------------------------------------------------------------------------------------------
def section(loaded: Loaded, verdict: Verdict) -> None:
    """The Result page's part: both views side by side, the gaps, agreed conditions, links and the file."""
    st.subheader(_("The partner's view"), anchor=False)
    assessment = loaded.assessment
    imported = st.session_state.pop("partner_file_imported", None)
    if imported:
        st.success(_("The answers in {file} were kept as the partner's.").format(file=md(imported)))
    if assessment.partner_view is None:
        st.info(
            _(
                "The partner has not answered yet. Send it a link to the partner form, or the questionnaire as a file."
            ),
            icon=":material/forum:",
        )
    else:
        side_by_side(loaded, verdict)
    store = data.store()
    if can_manage_partner_links(store.viewer, assessment):
        _links(loaded)
    _questionnaire_files(loaded, can_edit(store.viewer, assessment))


def agreed_conditions_note(loaded: Loaded, verdict: Verdict) -> None:
    """Under the conditions list: the ones the partner already agrees with (it answers at the level to reach)."""
    conditions = list(verdict.conditions)
    agreed = agreed_conditions(conditions, loaded.assessment)
    if not agreed:
        return
    lines = [
        f"- **{rank}.** {md(c.question)}"  # the rank of the list above (red lines first in both)
        for rank, c in enumerate(conditions, start=1)
        if c.criterion_id in agreed
    ]
    with st.container(border=True, key="partner_agreed"):
        st.markdown(
            ":material/handshake: "
            + _("**Conditions the partner already agrees with** (it answers at the level to reach):")
            + "\n"
            + "\n".join(lines)
        )


def side_by_side(loaded: Loaded, verdict: Verdict) -> None:
    fw, a = loaded.framework, loaded.assessment
    view = a.partner_view
    st.caption(
        _("Answered by {name} on {date} ({via}). Not part of the score.").format(
            name=md(view.answered_by),
            date=format_date(view.answered_at),
            via=_("web form") if view.via == "form" else _("returned file"),
        )
    )
    gaps = find_gaps(fw, a)
    if gaps:
        lines = []
        for gap in gaps:
            criterion = fw.criterion(gap.criterion_id)
            what = _("red line answered differently") if gap.red_line else _("differ by 2 levels or more")
            lines.append(
                "- "
                + _("**{question}**: you {ours}, the partner {theirs} ({what})").format(
                    question=md(common.tr(criterion.question)),
                    ours=md(fw.describe_answer(gap.affiliate_level, common.language())),
                    theirs=md(fw.describe_answer(gap.partner_level, common.language())),
                    what=what,
                )
            )
        with st.container(border=True, key="partner_gaps"):
            st.markdown(
                "**"
                + ngettext("{count} gap to talk about", "{count} gaps to talk about", len(gaps)).format(
                    count=len(gaps)
                )
                + "**"
            )
            st.markdown("\n".join(lines))
    else:
        st.success(
            _("No gaps: the partner's answers are within one level of yours."), icon=":material/handshake:"
        )
    gap_ids = {g.criterion_id for g in gaps}
    every = st.toggle(_("Show every question, not only those the partner answered"), key="partner_show_all")
    rows = []
    for criterion in partner_criteria(fw, a):
        mine = a.levels.get(criterion.id)
        theirs = view.answers.get(criterion.id)
        if theirs is None and not every:
            continue
        rows.append(
            {
                _("Question"): common.tr(criterion.question),
                _("You"): fw.describe_answer(mine, common.language()),
                _("Partner"): fw.describe_answer(theirs.level if theirs else None, common.language()),
                _("Gap"): criterion.id in gap_ids,
                _("Partner's notes"): (theirs.notes or "") if theirs else "",
            }
        )
    st.dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        key="partner_side_by_side",
        width="stretch",
        column_config={
            _("Question"): st.column_config.TextColumn(width="large"),
            _("Partner's notes"): st.column_config.TextColumn(width="large"),
        },
    )


def _links(loaded: Loaded) -> None:
    store = data.store()
    assessment = loaded.assessment
    with st.expander(_("Partner links"), icon=":material/link:"):
        st.caption(
            _(
                "A link opens the partner form for this assessment only, without an account. It shows the "
                "questions, the guidance for the partner and the levels, never your answers or notes. It works "
                "once and expires after 30 days; withdraw it here."
            )
        )
        if st.button(_("Create a partner link"), key="partner_link_create", icon=":material/add_link:"):
            token, link = new_partner_link(assessment.id, created_by=data.author())
            try:
                store.create_partner_link(link)
            except PartnerfitError as error:
                common.show_error(error, _("The link could not be created."))
            else:
                st.session_state["partner_link_new"] = (assessment.id, token)
        new = st.session_state.get("partner_link_new")
        if new and new[0] == assessment.id:
            st.success(_("Send this link to the partner (it is shown only now):"), icon=":material/link:")
            st.code(partner_url(new[1], common.language()), language=None, wrap_lines=True)
        try:
            links = store.partner_links(assessment.id)
        except PartnerfitError as error:
            common.show_error(error, _("The partner links cannot be read."))
            return
        now = utc_now()
        labels = {
            "valid": _("open"),
            "expired": _("expired"),
            "revoked": _("withdrawn"),
            "used": _("answered"),
        }
        for link in reversed(links):
            status = link.status(now)
            left, right = st.columns([4, 1], vertical_alignment="center")
            left.write(
                _("Created {created} · expires {expires} · {status}").format(
                    created=format_datetime(link.created_at, "short"),
                    expires=format_date(link.expires_at),
                    status=labels[status],
                )
            )
            if status == "valid" and right.button(
                _("Withdraw"), key=f"partner_link_revoke__{link.token_hash[:16]}", icon=":material/link_off:"
            ):
                try:
                    store.revoke_partner_link(link.token_hash, at=utc_now())
                except PartnerfitError as error:
                    common.show_error(error, _("The link could not be withdrawn."))
                else:
                    st.session_state.pop("partner_link_new", None)
                    st.rerun()


def partner_url(token: str, language: str) -> str:
    """The partner form's address: this app's address with ``?partner=`` (and the partner's language)."""
    parts = urlsplit(st.context.url or "")
    path = parts.path.rsplit("/", 1)[0] if parts.path else ""
    origin = f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""
    return f"{origin}{path}/?{TOKEN_PARAM}={quote(token)}&lang={quote(language)}"


def _questionnaire_files(loaded: Loaded, may_import: bool) -> None:
    assessment, fw = loaded.assessment, loaded.framework
    with st.expander(_("Questionnaire as a file"), icon=":material/description:"):
        st.caption(
            _(
                "For partners who prefer a file: the same questions as the form, as a spreadsheet (CSV) or YAML, "
                "in the language chosen here. Import the file they send back."
            )
        )
        languages = list(LANGUAGES)
        language = st.selectbox(
            _("Partner's language"),
            languages,
            index=languages.index(common.language()) if common.language() in languages else 0,
            key="partner_file_language",
            format_func=LANGUAGES.get,
        )
        from partnerfit.i18n import using_language

        with using_language(language):
            made = build_questionnaire(assessment, fw, language)
        left, right = st.columns(2)
        left.download_button(
            _("Questionnaire (CSV)"),
            to_csv(made),
            file_name=file_name(assessment, "csv"),
            mime="text/csv",
            key="partner_file_csv",
            icon=":material/table:",
            on_click="ignore",
        )
        right.download_button(
            _("Questionnaire (YAML)"),
            to_yaml(made),
            file_name=file_name(assessment, "yaml"),
            mime="application/yaml",
            key="partner_file_yaml",
            icon=":material/download:",
            on_click="ignore",
        )
        if not may_import:
            return
        uploaded = st.file_uploader(
            _("Returned questionnaire"), type=["csv", "yaml", "yml"], key="partner_file_upload"
        )
        if uploaded is not None and st.button(
            _("Keep these answers as the partner's"), key="partner_file_import"
        ):
            _import(loaded, uploaded.name, uploaded.getvalue())


def _import(loaded: Loaded, name: str, content: bytes) -> None:
    try:
        returned = read_questionnaire(content, name)
        updated = returned_assessment(returned, loaded.assessment, loaded.framework, name=name)
        data.store().save(updated, author=f"partner: {updated.partner_view.answered_by} (file)")
    except PartnerfitError as error:
        common.show_error(error, _("The returned questionnaire was not imported."))
        return
    st.session_state["partner_file_imported"] = name
    st.rerun()
