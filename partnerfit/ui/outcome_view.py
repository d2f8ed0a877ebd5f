"""The Result page's outcome review (under the verdict) and the conditions agreed with the partner.

A review belongs to a final assessment: did each tracked condition hold, what went well or badly, would we
partner again. Tracked conditions come from the ranked list (its ask, editable) or are written from scratch, each
with an owner, a due date and a status. Both are saved through ``team.save_change`` (someone saving meanwhile
does not lose their change, nor this one).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from partnerfit.access import can_edit
from partnerfit.assessment import ConditionHeld, Outcome, TrackedCondition
from partnerfit.conditions import Condition
from partnerfit.errors import PartnerfitError
from partnerfit.follow_up import status_label
from partnerfit.i18n import _, format_date
from partnerfit.outcome import HELD_LABELS, PARTNER_AGAIN_LABELS, review_due_on, with_outcome
from partnerfit.team import save_change
from partnerfit.tracked_conditions import STATUSES, new_condition_id, overdue, with_tracked
from partnerfit.ui import common, data
from partnerfit.ui.result_view import Loaded
from partnerfit.ui.team_view import forget_stale_assess_copy, toast_after_rerun

NEW = "-new-"


def _editable(loaded: Loaded) -> bool:
    return can_edit(data.current_viewer(), loaded.assessment)


def _save(loaded: Loaded, change, done: str) -> None:
    try:
        saved = save_change(data.store(), loaded.assessment, change, author=data.author())
    except PartnerfitError as error:
        common.show_error(error, _("Not saved."))
        return
    forget_stale_assess_copy(saved)
    toast_after_rerun(done)


# -- the outcome review --------------------------------------------------------------------------------------
def review(loaded: Loaded) -> None:
    """Under the verdict: the review if there is one, that one is due, and the form to write or change it."""
    assessment = loaded.assessment
    if assessment.status != "final":
        return
    outcome = assessment.outcome
    if outcome is not None:
        _show(loaded, outcome)
    elif assessment.date is not None:
        current = data.catalog().frameworks.get(loaded.framework.id, loaded.framework)  # as Home reckons
        due = review_due_on(assessment.date, current.review_period_months)
        if due <= dt.date.today():
            st.warning(
                _("An outcome review is due (since {date}): how did this partnership turn out?").format(
                    date=format_date(due)
                ),
                icon=":material/rate_review:",
            )
    if _editable(loaded):
        label = _("Change the outcome review") if outcome else _("Write the outcome review")
        with st.expander(label, icon=":material/rate_review:", key="outcome_open"):
            _form(loaded, outcome)


def _show(loaded: Loaded, outcome: Outcome) -> None:
    texts = {c.id: c.text for c in loaded.assessment.tracked_conditions}
    with st.container(border=True):
        st.markdown(
            _("**Outcome review** of {date}: would we partner again? **{answer}**").format(
                date=format_date(outcome.date), answer=_(PARTNER_AGAIN_LABELS[outcome.partner_again])
            )
        )
        for line in outcome.conditions:
            note = f": {common.md(line.note)}" if line.note else ""
            condition = common.md(texts.get(line.condition, line.condition))
            st.markdown(f"- **{_(HELD_LABELS[line.held])}**{note}  \n  {condition}")
        if outcome.went_well:
            st.markdown(_("**What went well:** {text}").format(text=common.md(outcome.went_well)))
        if outcome.went_badly:
            st.markdown(_("**What went badly:** {text}").format(text=common.md(outcome.went_badly)))


def _form(loaded: Loaded, outcome: Outcome | None) -> None:
    conditions = loaded.assessment.tracked_conditions
    held_before = {line.condition: line for line in outcome.conditions} if outcome else {}
    default_held = {"met": "yes", "not-met": "no", "open": "partly"}
    held_options = list(HELD_LABELS)
    with st.form(key="outcome_form", border=False):
        day = st.date_input(
            _("Date of the review"), value=outcome.date if outcome else dt.date.today(), key="outcome_date"
        )
        lines = {}
        for condition in conditions:
            before = held_before.get(condition.id)
            left, right = st.columns([1, 2])
            held = left.selectbox(
                common.md(condition.text),
                held_options,
                index=held_options.index(before.held if before else default_held[condition.status]),
                key=f"outcome_held_{condition.id}",
                format_func=lambda value: _(HELD_LABELS[value]),
            )
            note = right.text_input(
                _("One line on it"),
                value=(before.note or "") if before else "",
                max_chars=1000,
                key=f"outcome_note_{condition.id}",
            )
            lines[condition.id] = (held, note)
        if not conditions:
            st.caption(
                _("No conditions were tracked for this partnership; add them below to review each one.")
            )
        went_well = st.text_area(
            _("What went well"),
            value=(outcome.went_well or "") if outcome else "",
            max_chars=10000,
            key="outcome_went_well",
        )
        went_badly = st.text_area(
            _("What went badly"),
            value=(outcome.went_badly or "") if outcome else "",
            max_chars=10000,
            key="outcome_went_badly",
        )
        answers = list(PARTNER_AGAIN_LABELS)
        again = st.radio(
            _("Would we partner again?"),
            answers,
            index=answers.index(outcome.partner_again) if outcome else None,
            key="outcome_partner_again",
            format_func=lambda value: _(PARTNER_AGAIN_LABELS[value]),
            horizontal=True,
        )
        submitted = st.form_submit_button(_("Save the review"), key="outcome_save", type="primary")
    if not submitted:
        return
    if again is None:
        st.error(_("Say whether you would partner again."), icon=":material/error:")
        return
    review = Outcome(
        date=day,
        conditions=[
            ConditionHeld(condition=cid, held=held, note=note.strip() or None)
            for cid, (held, note) in lines.items()
        ],
        went_well=went_well.strip() or None,
        went_badly=went_badly.strip() or None,
        partner_again=again,
        by=data.author() or (outcome.by if outcome else None),
    )
    _save(loaded, lambda a: with_outcome(a, review), _("The outcome review was saved."))


# -- tracked conditions --------------------------------------------------------------------------------------
def tracked(loaded: Loaded, ranked: list[Condition]) -> None:
    """The conditions agreed with the partner: owner, due date, status; add one from the list or new."""
    assessment = loaded.assessment
    st.markdown(_("**Agreed with the partner and followed up**"))
    conditions = assessment.tracked_conditions
    if conditions:
        late = {c.id for c in overdue(conditions, dt.date.today())}
        rows = [
            {
                _("Condition"): c.text,
                _("Owner"): c.owner or "–",
                _("Due"): format_date(c.due) if c.due else "–",
                _("Status"): status_label(c.status) + (" · " + _("overdue") if c.id in late else ""),
            }
            for c in conditions
        ]
        st.dataframe(pd.DataFrame(rows), hide_index=True, key="tracked_table")
        if late:
            st.warning(_("Some agreed conditions are past their due date."), icon=":material/schedule:")
    else:
        st.caption(
            _("None yet: choose the conditions agreed with the partner from the list above, or add your own.")
        )
    if not _editable(loaded):
        return
    if conditions:
        _status_form(loaded)
    _add_form(loaded, ranked)


def _status_form(loaded: Loaded) -> None:
    with st.expander(
        _("Update the status of a condition"), icon=":material/task_alt:", key="tracked_status_open"
    ):
        by_id = {c.id: c for c in loaded.assessment.tracked_conditions}
        chosen = st.selectbox(
            _("Condition"),
            list(by_id),
            key="tracked_status_condition",
            format_func=lambda cid: by_id[cid].text,
        )
        condition = by_id[chosen]
        status = st.selectbox(
            _("Status"),
            STATUSES,
            index=STATUSES.index(condition.status),
            key=f"tracked_status_{chosen}",
            format_func=status_label,
        )
        if st.button(_("Save the status"), key="tracked_status_save"):
            updated = condition.model_copy(update={"status": status})
            _save(loaded, lambda a: with_tracked(a, updated), _("Status saved."))


def _ask(condition: Condition) -> str:
    """The ranked condition as a first draft of the agreed text: its rubric text, else the level to reach."""
    return condition.target_text or _("{question} At least: {level}.").format(
        question=condition.question, level=condition.target_label
    )


def _add_form(loaded: Loaded, ranked: list[Condition]) -> None:
    taken = {c.criterion for c in loaded.assessment.tracked_conditions if c.criterion}
    offered = {c.criterion_id: c for c in ranked if c.criterion_id not in taken}
    with st.expander(
        _("Add a condition agreed with the partner"), icon=":material/add_task:", key="tracked_add_open"
    ):
        source = st.selectbox(
            _("From"),
            [*offered, NEW],
            key="tracked_source",
            format_func=lambda cid: (
                _("A condition of our own") if cid == NEW else common.tr(offered[cid].question)
            ),
        )
        ask = _ask(offered[source]) if source in offered else ""
        text = st.text_area(
            _("Condition (edit as agreed)"), value=ask, max_chars=5000, key=f"tracked_text_{source}"
        )
        viewer = data.current_viewer()
        owner = st.text_input(
            _("Owner"), value=viewer.email if viewer is not None else "", max_chars=300, key="tracked_owner"
        )
        due = st.date_input(_("Due"), value=None, key="tracked_due")
        if st.button(_("Add the condition"), key="tracked_add", icon=":material/add:"):
            if not text.strip():
                st.error(_("Write the condition."), icon=":material/error:")
                return
            stem = source if source in offered else text
            condition = TrackedCondition(
                id=new_condition_id(stem, []),
                text=text.strip(),
                criterion=source if source in offered else None,
                owner=owner.strip() or None,
                due=due,
            )

            def add(
                fresh,
            ):  # the id is chosen on the version saved to, so nothing added meanwhile is replaced
                taken_ids = [c.id for c in fresh.tracked_conditions]
                return with_tracked(
                    fresh, condition.model_copy(update={"id": new_condition_id(stem, taken_ids)})
                )

            _save(loaded, add, _("Condition added."))
