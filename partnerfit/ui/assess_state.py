"""The Assess page's state: the draft in ``st.session_state`` (keys ``assess_...``), saving, conflicts.

The draft the team is editing lives in session state, so nothing typed is lost when a save is refused.
Widgets are initialised from the draft when they first appear and written back by callbacks, which save it.
"""

from __future__ import annotations

import streamlit as st

from partnerfit.access import sharing_of
from partnerfit.assessment import NOT_APPLICABLE, SHARING_DEFAULT, UNKNOWN, Assessment, new_assessment_id
from partnerfit.errors import PartnerfitError, SaveConflictError, ValidationError
from partnerfit.framework import Criterion, Framework
from partnerfit.i18n import _
from partnerfit.store import NotFoundError
from partnerfit.ui import data, preferences
from partnerfit.ui.common import code, message_text
from partnerfit.walkthrough import (
    Context,
    DimensionStep,
    answered_count,
    dimension_steps,
    draft_from_context,
    parse_evidence,
    with_answer,
)

DRAFT = "assess_draft"  # the Assessment as edited (maybe not saved)
SAVED = "assess_saved"  # the Assessment as last read from or written to the store
STEP = "assess_step"  # 0: partner and context, 1..n: dimensions, n + 1: review
NEW_ID = "assess_new_id"  # the id a new draft gets at its first save
PARTNER_ID = "assess_partner_id"  # partner.id chosen by linking to a similar partner
CONFLICT = "assess_conflict"
THEIRS = "assess_theirs"  # after a conflict: the version someone else saved (to show what they changed)
MESSAGE = "assess_message"  # (kind, text) shown once at the top
SCROLL_UP = "assess_scroll_up"  # set when the step changes: the new step is shown from its top
FROM_REVIEW = "assess_from_review"  # the team has been at the review: each step offers "Back to review"
LOADED = "assess_loaded"  # the ?id= that was last opened (so a failed load is not retried on every rerun)
STEP_PARAM = "step"  # ?step= in the URL: a reload of the tab lands on the step it showed

UNANSWERED = "unanswered"
CONTEXT_KEYS = {
    "assess_partner_name": "",
    "assess_aliases": "",
    "assess_country": "",
    "assess_website": "",
    "assess_affiliate": "",
    "assess_region": None,
    "assess_framework": None,
    "assess_types": [],
    "assess_size": None,
    "assess_assessors": "",
    "assess_sharing": SHARING_DEFAULT,
}


def level_key(criterion_id: str) -> str:
    return f"assess_level__{criterion_id}"


def notes_key(criterion_id: str) -> str:
    return f"assess_notes__{criterion_id}"


def evidence_key(criterion_id: str) -> str:
    return f"assess_evidence__{criterion_id}"


# -- reading state ------------------------------------------------------------------------------------------
def draft() -> Assessment | None:
    return st.session_state.get(DRAFT)


def saved() -> Assessment | None:
    return st.session_state.get(SAVED)


def step() -> int:
    return st.session_state.get(STEP, 0)


def is_dirty() -> bool:
    current = draft()
    return current is not None and current != saved()


def message(kind: str, text: str) -> None:
    st.session_state[MESSAGE] = (kind, text)


def steps_for(assessment: Assessment | None, framework: Framework | None) -> list[DimensionStep]:
    """The dimension steps of this draft; none until its partnership types are the framework's (a file may name
    a type the framework does not have: the draft then opens on its first step, to choose among its types)."""
    if (
        assessment is None
        or framework is None
        or any(framework.partnership_type(t) is None for t in assessment.partnership_types)
    ):
        return []
    return dimension_steps(framework, assessment.partnership_types, assessment.size)


# -- starting, opening, resetting ---------------------------------------------------------------------------
def reset() -> None:
    """Forget the current draft and every Assess widget value."""
    for key in [k for k in st.session_state if str(k).startswith("assess_")]:
        del st.session_state[key]


def start_new() -> None:
    reset()
    st.session_state[NEW_ID] = new_assessment_id()
    st.session_state[LOADED] = None
    preferences.prefill_new_assessment()


def open_assessment(assessment: Assessment, framework: Framework | None, at_step: int | None = None) -> None:
    """Make ``assessment`` (as stored) current, at ``at_step`` if it is one of its steps (a reload: the step the
    tab showed), else at the first step with unanswered criteria."""
    reset()
    st.session_state[DRAFT] = assessment
    st.session_state[SAVED] = assessment
    st.session_state[LOADED] = assessment.id
    st.session_state[PARTNER_ID] = assessment.partner.id
    steps = steps_for(assessment, framework)
    first_open = next(
        (i for i, s in enumerate(steps, 1) if answered_count(s.criteria, assessment) < len(s.criteria)),
        len(steps) + 1,
    )
    st.session_state[STEP] = first_open if steps else 0
    if steps and at_step is not None and 0 <= at_step <= len(steps) + 1:
        st.session_state[STEP] = at_step


def step_from_url() -> int | None:
    """The ``?step=`` of the address, if it is a number."""
    value = st.query_params.get(STEP_PARAM, "")
    return int(value) if value.isdigit() else None


def load_by_id(assessment_id: str, at_step: int | None = None) -> str | None:
    """Open the assessment with this id; if that fails, why (as Markdown: the id is a code span, so even a bare
    address in it is not a link)."""
    st.session_state[LOADED] = assessment_id
    store = data.store()
    try:
        assessment = store.get(assessment_id)
    except NotFoundError:  # the same words for a missing id and one the viewer may not read
        return _("Assessment {id}: not found or no access.").format(id=code(assessment_id))
    except PartnerfitError as error:
        return _("Assessment {id} cannot be read: {problem}").format(
            id=code(assessment_id), problem=message_text(str(error))
        )
    open_assessment(assessment, data.catalog().get(assessment.framework.id), at_step)
    return None


def reload_from_disk() -> None:
    """Drop unsaved changes and read the stored version again (after a conflict)."""
    current = draft()
    if current is None:
        return
    try:
        assessment = data.store().get(current.id)
    except PartnerfitError as error:
        message(
            "error", _("Assessment {id} cannot be read: {problem}").format(id=code(current.id), problem=error)
        )
        return
    current_step = step()
    open_assessment(assessment, data.catalog().get(assessment.framework.id))
    st.session_state[STEP] = current_step
    message("success", _("Loaded the version saved by the other person. Your unsaved changes were dropped."))


# -- saving -------------------------------------------------------------------------------------------------
def save(*, force: bool = False) -> bool:
    """Write the draft if it changed (or ``force``); a conflict is kept in state, never overwritten."""
    current = draft()
    if current is None or (not force and not is_dirty()):
        return True
    try:
        stored = data.store().save(current, author=data.author())
    except SaveConflictError as error:
        st.session_state[CONFLICT] = str(error)
        st.session_state[THEIRS] = error.current
        return False
    except (PartnerfitError, OSError) as error:
        message(
            "error",
            _(
                "Not saved: {problem} Your answers stay on this page and are saved again at the next change "
                "or step."
            ).format(problem=error),
        )
        return False
    st.session_state[CONFLICT] = None
    st.session_state[THEIRS] = None
    st.session_state[DRAFT] = stored
    st.session_state[SAVED] = stored
    st.session_state[LOADED] = stored.id
    preferences.remember(affiliate=stored.affiliate, region=stored.region)
    return True


def autosave() -> None:
    if not st.session_state.get(CONFLICT):
        save()


def save_as_copy() -> None:
    """After a conflict: keep this tab's version as a new draft of the same partner (a new id)."""
    current = draft()
    if current is None:
        return
    copy = current.model_copy(update={"id": new_assessment_id(), "revision": 0, "created": None})
    st.session_state[DRAFT] = copy
    st.session_state[SAVED] = None
    st.session_state[CONFLICT] = None
    if save(force=True):
        message(
            "success",
            _("Your version was saved as a new draft (id {id}). The other version is unchanged.").format(
                id=copy.id
            ),
        )


def save_button() -> None:
    if not is_dirty() and saved() is not None:
        message("success", _("Everything is saved."))
        return
    if save():
        message("success", _("Draft saved."))


# -- the context step ---------------------------------------------------------------------------------------
def init_context_widgets(assessment: Assessment | None) -> None:
    """Give the context widgets their values from the draft (only where they have none yet)."""
    values = dict(CONTEXT_KEYS)
    if assessment is not None:
        context = Context.of(assessment)
        values.update(
            {
                "assess_partner_name": context.partner_name,
                "assess_aliases": "\n".join(context.aliases),
                "assess_country": context.country,
                "assess_website": context.website,
                "assess_affiliate": context.affiliate,
                "assess_region": context.region,
                "assess_framework": context.framework_id,
                "assess_types": context.partnership_types,
                "assess_size": context.size,
                "assess_assessors": ", ".join(context.assessors),
                "assess_sharing": sharing_of(assessment),
            }
        )
    for key, value in values.items():
        if key not in st.session_state:
            st.session_state[key] = value


def context_from_widgets() -> Context:
    get = st.session_state.get
    return Context(
        partner_name=get("assess_partner_name") or "",
        aliases=[line for line in (get("assess_aliases") or "").splitlines() if line.strip()],
        country=get("assess_country") or "",
        website=get("assess_website") or "",
        partner_id=get(PARTNER_ID),
        affiliate=get("assess_affiliate") or "",
        region=get("assess_region"),
        partnership_types=list(get("assess_types") or []),
        size=get("assess_size"),
        assessors=[name for name in (get("assess_assessors") or "").split(",") if name.strip()],
        framework_id=get("assess_framework"),
    )


def on_context_change() -> None:
    """Callback of the context widgets: once the required fields are valid, the draft is built and saved."""
    context = context_from_widgets()
    framework = data.catalog().get(context.framework_id) if context.framework_id else None
    if framework is None:
        return
    current = draft()
    assessment_id = current.id if current else st.session_state.setdefault(NEW_ID, new_assessment_id())
    try:
        updated = draft_from_context(context, framework, assessment_id=assessment_id, previous=current)
    except ValidationError:
        return  # the form shows what is missing or wrong
    sharing = st.session_state.get("assess_sharing") or SHARING_DEFAULT
    if sharing != sharing_of(updated):
        updated = updated.model_copy(update={"sharing": sharing})
    if updated != current:
        first = current is None
        st.session_state[DRAFT] = updated
        autosave()
        if first and saved() is not None:
            message(
                "success", _("Draft saved (id {id}). It is saved again at every step.").format(id=updated.id)
            )


def link_partner(partner_id: str | None) -> None:
    st.session_state[PARTNER_ID] = partner_id
    on_context_change()


# -- the dimension steps ------------------------------------------------------------------------------------
def init_answer_widgets(criteria: tuple[Criterion, ...], assessment: Assessment) -> None:
    for criterion in criteria:
        answer = assessment.answers.get(criterion.id)
        level = answer.level if answer and answer.level is not None else UNANSWERED
        st.session_state.setdefault(level_key(criterion.id), level)
        st.session_state.setdefault(notes_key(criterion.id), (answer.notes or "") if answer else "")
        st.session_state.setdefault(evidence_key(criterion.id), "\n".join(answer.evidence) if answer else "")


def refused_links(criteria: tuple[Criterion, ...]) -> dict[str, list[str]]:
    """Criterion id -> evidence lines that are not http(s) links, as typed in this step."""
    refused = {}
    for criterion in criteria:
        lines = parse_evidence(st.session_state.get(evidence_key(criterion.id), "")).refused
        if lines:
            refused[criterion.id] = lines
    return refused


def answers_from_widgets(criteria: tuple[Criterion, ...], assessment: Assessment) -> Assessment:
    """The draft with this step's answers as the widgets show them (refused links left out)."""
    for criterion in criteria:
        if level_key(criterion.id) not in st.session_state:
            continue
        level = st.session_state[level_key(criterion.id)]
        level = None if level == UNANSWERED else level
        if level is not None and level not in (NOT_APPLICABLE, UNKNOWN):
            level = int(level)
        before = assessment.answers.get(criterion.id)
        notes = st.session_state.get(notes_key(criterion.id), before.notes if before else None)
        typed = st.session_state.get(evidence_key(criterion.id))
        evidence = (
            parse_evidence(typed).links if typed is not None else list(before.evidence if before else [])
        )
        assessment = with_answer(assessment, criterion.id, level, notes, evidence)
    return assessment


def on_answer_change(criteria: tuple[Criterion, ...]) -> None:
    current = draft()
    if current is None:
        return
    st.session_state[DRAFT] = answers_from_widgets(criteria, current)
    autosave()


def commit_pending_answers(framework: Framework | None) -> None:
    """Before anything is drawn: every answer widget value the session holds goes into the draft (and is saved).

    Callbacks normally do this; but a click that lands while the page reruns (right after Next) can reach the
    session without its callback, e.g. for a widget of the step being replaced. Whatever the team chose or typed
    is in session state, so nothing they entered is dropped."""
    current = draft()
    if current is None or framework is None:
        return
    held = tuple(c for c in framework.criteria if level_key(c.id) in st.session_state)
    if not held:
        return
    updated = answers_from_widgets(held, current)
    if updated != current:
        st.session_state[DRAFT] = updated
        autosave()


def go_to(target: int, criteria: tuple[Criterion, ...] = ()) -> None:
    """Move to another step, saving first; refused evidence links keep the team on this step to fix them."""
    if criteria and refused_links(criteria):
        on_answer_change(criteria)
        return  # the step shows which links to fix
    if criteria:
        on_answer_change(criteria)
    else:
        autosave()
    if max(0, target) != step():
        st.session_state[SCROLL_UP] = True
    st.session_state[STEP] = max(0, target)


def keep_step_in_url(position: int) -> None:
    """``?step=`` follows the step shown, so a reload of the tab lands on it."""
    if st.query_params.get(STEP_PARAM) != str(position):
        st.query_params[STEP_PARAM] = str(position)


def delete_draft() -> None:
    """Remove the current draft from the store (its history stays) and start afresh; a failure is told."""
    current = draft()
    if current is None:
        return
    if saved() is not None:
        try:
            data.store().delete_draft(current.id, author=data.author())
        except PartnerfitError as error:
            message("error", _("The draft was not deleted: {problem}").format(problem=error))
            return
    start_new()
    message("success", _("The draft of {partner} was deleted.").format(partner=current.partner.name))


# -- re-assessing (the Result page's "Re-assess" opens Assess with ?reassess=<id>) ----------------------------
def start_reassessment(previous_id: str) -> str | None:
    """Start and save a new draft of the partner of assessment ``previous_id`` (its context carried over) and
    make it current, with ``?id=`` naming it; if that fails, why (Markdown)."""
    from partnerfit.i18n import _
    from partnerfit.walkthrough import reassess

    st.query_params.pop("reassess", None)
    try:
        previous = data.store().get(previous_id)
    except NotFoundError:
        return _("Assessment {id}: not found or no access.").format(id=code(previous_id))
    except PartnerfitError as error:
        return _("Assessment {id} cannot be read: {problem}").format(
            id=code(previous_id), problem=message_text(str(error))
        )
    framework = data.catalog().get(previous.framework.id)
    if framework is None:
        return _("Framework {id} is not loaded, so a new draft cannot use it.").format(
            id=code(previous.framework.id)
        )
    start_new()
    st.session_state[DRAFT] = reassess(previous, framework, assessment_id=new_assessment_id())
    if save(force=True):
        open_assessment(draft(), framework)
        st.session_state[STEP] = 0
        st.query_params["id"] = draft().id
        message("success", _("A new draft of the same partner: check the details, then answer again."))
    return None
