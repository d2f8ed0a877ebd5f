"""The Result page's team section: each assessor answers on their own, disagreements are flagged, and the team
records a consensus with a reason. Until it does, the score uses the median of the team's levels (said on the page).

Signed in, a person answers as themselves (their e-mail); with sign-in off, by the name they type. Every save goes
through ``team.save_change``: when someone else saved meanwhile, only this person's answers (or this consensus)
are applied again to the newer version, so nobody's answers are overwritten.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from partnerfit.access import can_edit
from partnerfit.assessment import NOT_APPLICABLE, UNKNOWN, Assessment
from partnerfit.errors import PartnerfitError
from partnerfit.framework import Framework
from partnerfit.i18n import _, ngettext
from partnerfit.team import (
    assessor_names,
    combined_level,
    disagreements,
    levels_by_criterion,
    new_consensus,
    pending,
    save_change,
    with_assessor_answers,
    with_consensus,
)
from partnerfit.ui import assess_state, common, data
from partnerfit.ui.common import RESULT_PAGE
from partnerfit.ui.result_view import Loaded

NAME_KEY = "team_assessor"
TOAST_KEY = "team_saved_toast"
NO_ANSWER = "-"


def _level_text(framework: Framework, level: int | str | None) -> str:
    if level is None or level == NO_ANSWER:
        return "–"
    if level == NOT_APPLICABLE:
        return _("not applicable")
    if level == UNKNOWN:
        return _("unknown")
    found = framework.level(level) if isinstance(level, int) else None
    return f"{level} · {common.tr(found.label)}" if found else str(level)


def notice(loaded: Loaded) -> None:
    """Under the recommendation: the score uses the team's median where no consensus is recorded yet (and the
    toast of a change just saved on this page)."""
    saved = st.session_state.pop(TOAST_KEY, None)
    if saved:
        st.toast(saved, icon=":material/check:")
    waiting = pending(loaded.framework, loaded.assessment)
    open_disagreements = [
        d for d in disagreements(loaded.framework, loaded.assessment) if d.consensus is None
    ]
    if not waiting:
        return
    text = ngettext(
        "The score uses the median of the team's levels for {count} criterion they answered differently, until "
        "the team records a consensus.",
        "The score uses the median of the team's levels for {count} criteria they answered differently, until "
        "the team records a consensus.",
        len(waiting),
    ).format(count=len(waiting))
    if open_disagreements:
        text += " " + ngettext(
            "{count} disagreement is flagged under Team answers.",
            "{count} disagreements are flagged under Team answers.",
            len(open_disagreements),
        ).format(count=len(open_disagreements))
    st.info(text, icon=":material/groups:")


def assess_notice(assessment: Assessment) -> None:
    """On the Assess page: where the team answered, its level counts, not the one chosen in the steps."""
    answered = levels_by_criterion(assessment.team) if assessment.team else {}
    if not answered:
        return
    st.info(
        ngettext(
            "{count} question has team members' answers: the team's level counts for it (its consensus, else "
            "the median), whatever is chosen here. See Team answers on the Result page.",
            "{count} questions have team members' answers: the team's level counts for them (their consensus, "
            "else the median), whatever is chosen here. See Team answers on the Result page.",
            len(answered),
        ).format(count=len(answered)),
        icon=":material/groups:",
    )
    st.page_link(
        RESULT_PAGE, label=_("Team answers"), icon=":material/groups:", query_params={"id": assessment.id}
    )


def section(loaded: Loaded) -> None:
    """Everyone's level per criterion, the disagreements with their consensus, and answering as oneself."""
    st.subheader(_("Team answers"), anchor=False)
    assessment, framework = loaded.assessment, loaded.framework
    by_criterion = levels_by_criterion(assessment.team) if assessment.team else {}
    if by_criterion:
        _table(loaded, by_criterion)
    else:
        st.caption(
            _(
                "Several team members can answer on their own; the app then flags where they disagree and the "
                "team records a consensus."
            )
        )
    editable = assessment.status == "draft" and can_edit(data.current_viewer(), assessment)
    for item in disagreements(framework, assessment):
        _disagreement(loaded, item, editable)
    if editable:
        _answer_form(loaded)
    elif assessment.status == "final" and by_criterion:
        st.caption(_("The assessment is final: the team's answers and consensus are kept as they were."))


def _table(loaded: Loaded, by_criterion: dict[str, dict[str, int | str]]) -> None:
    framework, team = loaded.framework, loaded.assessment.team
    flagged = {d.criterion for d in disagreements(framework, loaded.assessment)}
    assessors = assessor_names(team)
    rows = []
    for criterion in framework.criteria:
        levels = by_criterion.get(criterion.id)
        if not levels:
            continue
        consensus = team.consensus.get(criterion.id)
        counted = combined_level(list(levels.values()), consensus)
        if consensus is not None:
            basis = _("consensus")
        elif len(set(levels.values())) == 1:
            basis = _("same answer")
        elif criterion.id in flagged:
            basis = _("median · disagreement")
        else:
            basis = _("median")
        row = {_("Criterion"): common.tr(criterion.question)}
        row.update({name: _level_text(framework, levels.get(name)) for name in assessors})
        row[_("Counts")] = _level_text(framework, counted)
        row[_("Based on")] = basis
        rows.append(row)
    st.dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        key="team_table",
        column_config={_("Criterion"): st.column_config.TextColumn(width="medium")},
    )


def _disagreement(loaded: Loaded, item, editable: bool) -> None:
    framework = loaded.framework
    criterion = framework.criterion(item.criterion)
    question = common.tr(criterion.question) if criterion else item.criterion
    levels = ", ".join(
        f"{common.md(who)}: {_level_text(framework, level)}" for who, level in item.levels.items()
    )
    if item.consensus is not None:
        st.success(
            _("**{question}**: the team disagreed ({levels}) and agreed on {level}: {reason}").format(
                question=common.md(question),
                levels=levels,
                level=_level_text(framework, item.consensus.level),
                reason=common.md(item.consensus.reason),
            ),
            icon=":material/handshake:",
        )
    else:
        st.warning(
            _(
                "**Disagreement** on **{question}**: {levels}. The median counts until the team agrees."
            ).format(question=common.md(question), levels=levels),
            icon=":material/flag:",
        )
    if editable:
        _consensus_form(loaded, item.criterion, item.consensus)


def _options(framework: Framework) -> list[int | str]:
    return [*framework.level_values, NOT_APPLICABLE, UNKNOWN]


def _consensus_form(loaded: Loaded, criterion_id: str, current) -> None:
    framework = loaded.framework
    label = _("Change the consensus") if current is not None else _("Record the consensus")
    with st.expander(label, icon=":material/handshake:", key=f"team_consensus_open_{criterion_id}"):
        options = _options(framework)
        level = st.selectbox(
            _("Level the team agrees on"),
            options,
            index=options.index(current.level) if current is not None else None,
            key=f"team_consensus_level_{criterion_id}",
            format_func=lambda value: _level_text(framework, value),
        )
        reason = st.text_area(
            _("Why (kept in the assessment and shown in the report)"),
            value=current.reason if current is not None else "",
            max_chars=5000,
            key=f"team_consensus_reason_{criterion_id}",
        )
        if st.button(_("Save the consensus"), key=f"team_consensus_save_{criterion_id}"):
            if level is None or not reason.strip():
                st.error(_("Choose a level and write why the team agrees on it."), icon=":material/error:")
                return
            consensus = new_consensus(level, reason.strip(), _who())
            _save(loaded, lambda a: with_consensus(a, criterion_id, consensus), _("Consensus saved."))


def _who() -> str | None:
    viewer = data.current_viewer()
    if viewer is not None and viewer.email:
        return viewer.email
    return st.session_state.get(NAME_KEY, "").strip() or None


def _answer_form(loaded: Loaded) -> None:
    assessment, framework = loaded.assessment, loaded.framework
    viewer = data.current_viewer()
    with st.expander(_("Answer as a team member"), icon=":material/person_add:", key="team_answer_open"):
        if viewer is not None and viewer.email:
            assessor = viewer.email
            st.caption(_("You answer as {name}.").format(name=common.md(assessor)))
        else:
            assessor = st.text_input(
                _("Your name"),
                key=NAME_KEY,
                max_chars=300,
                help=_(
                    "Each team member answers under their own name; the others' answers stay as they are."
                ),
            ).strip()
        if not assessor:
            st.caption(_("Type your name to answer."))
            return
        mine = assessment.team.answers.get(assessor, {}) if assessment.team else {}
        applicable = framework.applicable_criteria(assessment.partnership_types, assessment.size)
        options = [NO_ANSWER, *_options(framework)]
        with st.form(key="team_answers_form", border=False):
            chosen = {}
            for criterion in applicable:
                current = mine.get(criterion.id, NO_ANSWER)
                chosen[criterion.id] = st.selectbox(
                    common.tr(criterion.question),
                    options,
                    index=options.index(current) if current in options else 0,
                    key=f"team_level_{assessor}_{criterion.id}",
                    format_func=lambda value: (
                        _("no answer") if value == NO_ANSWER else _level_text(framework, value)
                    ),
                )
            submitted = st.form_submit_button(_("Save my answers"), key="team_answers_save", type="primary")
        if submitted:
            levels = {crit: level for crit, level in chosen.items() if level != NO_ANSWER}
            _save(
                loaded,
                lambda a: with_assessor_answers(a, assessor, levels),
                _("Your answers were saved."),
            )


def _save(loaded: Loaded, change, done: str) -> None:
    try:
        saved = save_change(
            data.store(), loaded.assessment, change, author=data.author() or _who(), drafts_only=True
        )
    except PartnerfitError as error:
        common.show_error(error, _("Not saved."))
        return
    forget_stale_assess_copy(saved)
    toast_after_rerun(done)


def toast_after_rerun(text: str) -> None:
    """Say ``text`` on the run that shows the saved change (a toast sent just before a rerun is lost)."""
    st.session_state[TOAST_KEY] = text
    st.rerun()


def forget_stale_assess_copy(saved: Assessment) -> None:
    """The Assess page of this session holds its own copy of the draft: without unsaved changes it is dropped,
    so the page reads this newer revision (else its next save would meet this one as a conflict)."""
    current = assess_state.draft()
    if current is not None and current.id == saved.id and not assess_state.is_dirty():
        assess_state.reset()
