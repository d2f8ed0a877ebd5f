"""The steps of the Assess page: partner and context, one step per dimension, review. Rendering only: state
and saving live in ``assess_state``, the rules in ``partnerfit.walkthrough`` and ``partnerfit.scoring``.
"""

from __future__ import annotations

import streamlit as st

from partnerfit.access import can_change_sharing, creatable_affiliates
from partnerfit.assessment import NOT_APPLICABLE, REGIONS, SHARING, SIZES, UNKNOWN, Assessment, region_label
from partnerfit.catalog import FrameworkCatalog
from partnerfit.framework import Criterion, Framework
from partnerfit.i18n import N_, _, format_percent, ngettext
from partnerfit.scoring import BLOCKED, INCOMPLETE, REFER, ScoreResult, score_assessment
from partnerfit.ui import assess_state as state
from partnerfit.ui import data, verdict_view
from partnerfit.ui.common import (
    code,
    framework_choice_label,
    language,
    lineage_sentence,
    md,
    recommendation_words,
    sharing_label,
    tr,
)
from partnerfit.ui.data import Collection
from partnerfit.ui.similar_partners import similar_partners
from partnerfit.walkthrough import (
    DimensionStep,
    answered_count,
    context_problems,
    missing_context,
)

SIZE_LABELS = {
    "one-off": N_("One-off (a single event or donation)"),
    "project": N_("Project (months)"),
    "long-term": N_("Long-term (a year or more)"),
}
STEP_LIST = "assess_step_list"


def required(label: str) -> str:
    """A required field's label: marked with an asterisk (the form says what it means)."""
    return f"{label} *"


def size_label(size: str) -> str:
    return _(SIZE_LABELS[size]) if size in SIZE_LABELS else size


def affiliate_input(current: Assessment | None, on_change) -> None:
    """Free text with sign-in off; with sign-in, the affiliates this person may create assessments for."""
    allowed = creatable_affiliates(data.current_viewer())
    if allowed is None:
        st.text_input(
            required(_("Your affiliate")),
            key="assess_affiliate",
            on_change=on_change,
            placeholder=_("e.g. Wikimédia France"),
        )
        return
    if current is not None and current.affiliate not in allowed:
        allowed = [current.affiliate, *allowed]
    if st.session_state.get("assess_affiliate") not in allowed:
        st.session_state["assess_affiliate"] = allowed[0] if len(allowed) == 1 else None
    st.selectbox(
        required(_("Your affiliate")),
        allowed,
        key="assess_affiliate",
        on_change=on_change,
        placeholder=_("Choose your affiliate"),
    )


def sharing_input(current: Assessment | None, on_change) -> None:
    """Who may read it: set when creating; changed later only by a coordinator."""
    may_change = (
        current is None or current.revision == 0 or can_change_sharing(data.current_viewer(), current)
    )
    st.selectbox(
        _("Who may read it"),
        SHARING,
        key="assess_sharing",
        on_change=on_change,
        format_func=sharing_label,
        disabled=not may_change,
        help=_("Besides admins. Its affiliate's coordinators can change this later on the Result page."),
    )


# -- step 0: partner and context ----------------------------------------------------------------------------
def context_step(
    catalog: FrameworkCatalog, collection: Collection, current: Assessment | None, steps: list[DimensionStep]
) -> None:
    state.init_context_widgets(current)
    context = state.context_from_widgets()
    framework = catalog.get(context.framework_id) if context.framework_id else None
    if context.framework_id and framework is None:
        st.error(
            _(
                "The framework {framework} this draft names is not loaded (see Frameworks). Choose another "
                "framework below."
            ).format(framework=code(context.framework_id))
        )
        st.session_state["assess_framework"] = None
    on_change = state.on_context_change

    problems = context_problems(context, framework)
    st.subheader(_("The partner"))
    st.caption(_("Fields marked * are required; the others are optional."))
    st.text_input(
        required(_("Partner name")),
        key="assess_partner_name",
        on_change=on_change,
        placeholder=_("e.g. Musée des Beaux-Arts de Lyon"),
        help=_("The organisation you are thinking of partnering with."),
    )
    if "partner_name" in problems:
        st.error(problems["partner_name"], icon=":material/error:")
    similar_partners(catalog, collection, current, context)
    left, middle, right = st.columns([2, 1, 2])
    left.text_area(
        _("Other names (one per line, optional)"),
        key="assess_aliases",
        on_change=on_change,
        height=80,
        help=_("Abbreviations or names in other languages: they help find earlier assessments."),
    )
    middle.text_input(
        _("Country code (optional)"),
        key="assess_country",
        on_change=on_change,
        max_chars=2,
        placeholder="FR",
        help=_("Two-letter ISO 3166-1 code of the partner's country, e.g. FR, BR, IN."),
    )
    right.text_input(
        _("Website (optional)"),
        key="assess_website",
        on_change=on_change,
        placeholder="https://www.example.org",
    )
    for name in ("country", "website"):
        if name in problems:
            st.error(problems[name], icon=":material/error:")

    st.subheader(_("Your team and the partnership"))
    left, right = st.columns(2)
    with left:
        affiliate_input(current, on_change)
        if "affiliate" in problems:
            st.error(problems["affiliate"], icon=":material/error:")
        st.selectbox(
            required(_("Your Wikimedia region")),
            REGIONS,
            key="assess_region",
            index=None,
            format_func=region_label,
            on_change=on_change,
            placeholder=_("Choose a region"),
        )
        st.text_input(
            _("Assessors (optional, comma-separated)"),
            key="assess_assessors",
            on_change=on_change,
            placeholder=_("e.g. Ana, Kwame"),
        )
    with right:
        framework_picker(catalog, framework)
        type_picker(framework)
        st.selectbox(
            _("Size of the partnership (optional)"),
            SIZES,
            key="assess_size",
            index=None,
            on_change=on_change,
            format_func=size_label,
            placeholder=_("Choose a size"),
            help=_(
                "The size decides which questions apply: a one-off event is not asked about a long-term "
                "relationship. Without a size, every question is asked."
            ),
        )
        sharing_input(current, on_change)

    missing = missing_context(context)
    if missing:
        st.info(
            _("To start, fill in: {fields}. The draft is saved as soon as these are set.").format(
                fields=", ".join(missing)
            ),
            icon=":material/edit:",
        )
    elif framework is not None and context.partnership_types and not steps:
        no_criteria_warning(framework, context.partnership_types)
    if current is not None and steps:
        st.button(
            _("Next: {step}").format(step=md(tr(steps[0].dimension.title))),
            key="assess_next_0",
            type="primary",
            icon=":material/arrow_forward:",
            icon_position="right",
            on_click=state.go_to,
            args=(1,),
        )


def framework_picker(catalog: FrameworkCatalog, framework: Framework | None) -> None:
    ids = sorted(catalog.frameworks, key=lambda i: (catalog.frameworks[i].lineage, i))
    st.selectbox(
        required(_("Framework")),
        ids,
        key="assess_framework",
        index=None,
        on_change=state.on_context_change,
        format_func=lambda i: framework_choice_label(catalog.frameworks[i]),
        placeholder=_("Choose a framework"),
        help=_("The global framework, or your affiliate's local version of it if it has one."),
    )
    if framework is not None:
        st.caption(lineage_sentence(framework, catalog))


def type_picker(framework: Framework | None) -> None:
    types = {t.id: t for t in framework.partnership_types} if framework else {}
    chosen_ids = [t for t in st.session_state.get("assess_types") or [] if t in types]
    unknown = [t for t in st.session_state.get("assess_types") or [] if t not in types]
    if unknown:
        st.session_state["assess_types"] = chosen_ids
        if framework is not None:  # e.g. a file naming a type this framework lacks: choose among its types
            st.warning(
                _(
                    "The framework {framework} has no partnership type {types}: choose one of its types."
                ).format(framework=md(framework.id), types=", ".join(code(t) for t in unknown)),
                icon=":material/warning:",
            )

    def label(type_id: str) -> str:
        ptype = types[type_id]
        if ptype.refines in types:
            return _("{type} (a kind of {parent})").format(
                type=tr(ptype.label), parent=tr(types[ptype.refines].label)
            )
        return tr(ptype.label)

    st.multiselect(
        required(_("Partnership types")),
        list(types),
        key="assess_types",
        format_func=label,
        on_change=state.on_context_change,
        disabled=framework is None,
        placeholder=_("Choose one or more types") if framework else _("Choose a framework first"),
        help=_(
            "A sponsored event with content is both an event and funding: choose every type that fits; the "
            "questions of each apply."
        ),
    )
    for type_id in chosen_ids:
        if types[type_id].description:
            st.caption(md(f"{tr(types[type_id].label)}: {tr(types[type_id].description)}"))


def no_criteria_warning(framework: Framework, type_ids: list[str]) -> None:
    st.warning(
        _(
            "The framework {framework} has no criteria for the partnership types “{types}”, so there is "
            "nothing to assess. Choose other types or another framework."
        ).format(framework=md(framework.id), types=md(framework.describe_types(type_ids, language()))),
        icon=":material/warning:",
    )


# -- the list of steps ------------------------------------------------------------------------------------
def step_list(names: list[str], position: int) -> None:
    """Every step, one click away (folded, so a phone shows the step itself first)."""
    st.session_state[STEP_LIST] = position  # the pill of the step shown is the one selected

    def chosen() -> None:
        target = st.session_state.get(STEP_LIST)
        if target is not None and target != position:
            state.go_to(target)

    with st.expander(_("All steps"), icon=":material/list:"):
        st.pills(
            _("Go to a step"),
            list(range(len(names))),
            key=STEP_LIST,
            format_func=lambda i: f"{i + 1}. {names[i]}",
            on_change=chosen,
            label_visibility="collapsed",
        )


# -- steps 1..n: one dimension each -------------------------------------------------------------------------
def dimension_step(
    position: int, steps: list[DimensionStep], framework: Framework, current: Assessment
) -> None:
    step = steps[position - 1]
    state.init_answer_widgets(step.criteria, current)
    st.subheader(md(tr(step.dimension.title)))
    if step.dimension.description:
        st.markdown(md(tr(step.dimension.description)))
    refused = state.refused_links(step.criteria)
    for number, criterion in enumerate(step.criteria, 1):
        criterion_block(number, criterion, framework, step.criteria, refused.get(criterion.id, []))
    previous = _("Partner and context") if position == 1 else tr(steps[position - 2].dimension.title)
    following = _("Review") if position == len(steps) else tr(steps[position].dimension.title)
    if refused:
        st.error(
            ngettext(
                "To go on, fix the evidence links marked above ({count} question): they must be full links "
                "starting with https://. Everything else on this step is saved.",
                "To go on, fix the evidence links marked above ({count} questions): they must be full links "
                "starting with https://. Everything else on this step is saved.",
                len(refused),
            ).format(count=len(refused)),
            icon=":material/link_off:",
        )
    if st.session_state.get(state.CONFLICT):
        st.error(
            _(
                "Your answers on this page are not saved: someone else changed this draft. See the choices at "
                "the top of the page."
            ),
            icon=":material/sync_problem:",
        )
    navigation(position, previous, following, step.criteria, review=len(steps) + 1)


def criterion_block(
    number: int,
    criterion: Criterion,
    framework: Framework,
    criteria: tuple[Criterion, ...],
    refused: list[str],
) -> None:
    with st.container(border=True, key=f"assess_criterion__{criterion.id}"):
        st.markdown(f"##### {number}. {md(tr(criterion.question))}")
        badges = []
        if criterion.red_line is not None:
            badges.append(":red-badge[:material/block: {label}]".format(label=_("Red line")))
        if criterion.locked:
            badges.append(
                ":gray-badge[:material/lock: {label}]".format(
                    label=_("Locked: no local version can change it")
                )
            )
        if badges:
            st.markdown(" ".join(badges))
        if criterion.red_line is not None:
            st.caption(
                _(
                    "An answer of {level} or lower blocks the partnership, whatever the other answers. "
                    "Why: {reason}"
                ).format(
                    level=md(red_line_level(framework, criterion)), reason=md(tr(criterion.red_line.reason))
                )
            )
        if criterion.guidance:
            st.markdown(md(tr(criterion.guidance)))
        if criterion.sources:
            st.caption(_("Sources: {sources}").format(sources=verdict_view.sources_markdown(criterion)))
        if criterion.local_guidance:
            st.info(
                _("**Your affiliate's local specification ({framework}):** {guidance}").format(
                    framework=md(framework.id), guidance=md(tr(criterion.local_guidance))
                ),
                icon=":material/location_on:",
            )
        options = [*framework.level_values, NOT_APPLICABLE, UNKNOWN, state.UNANSWERED]
        st.radio(
            _("Your answer"),
            options,
            key=state.level_key(criterion.id),
            index=None,
            format_func=lambda value: level_option(framework, criterion, value),
            on_change=state.on_answer_change,
            args=(criteria,),
        )
        red_line_warning(framework, criterion)
        left, right = st.columns(2)
        left.text_area(
            _("Notes (optional)"),
            key=state.notes_key(criterion.id),
            height=90,
            on_change=state.on_answer_change,
            args=(criteria,),
            placeholder=_("What you found, who you asked, what is still open"),
        )
        right.text_area(
            _("Evidence links (one per line, optional)"),
            key=state.evidence_key(criterion.id),
            height=90,
            on_change=state.on_answer_change,
            args=(criteria,),
            placeholder="https://",
        )
        if refused:
            st.error(
                _(
                    "Not saved, because evidence must be http(s) links: {lines}. Write them as full links "
                    "starting with https://, or remove them."
                ).format(lines=", ".join(code(line) for line in refused)),
                icon=":material/link_off:",
            )


def red_line_level(framework: Framework, criterion: Criterion) -> str:
    """The red line's threshold with its level's label, e.g. '0 (Contrary or absent)'."""
    value = criterion.red_line.at_or_below
    level = framework.level(value)
    return f"{value} ({tr(level.label)})" if level else str(value)


def red_line_warning(framework: Framework, criterion: Criterion) -> None:
    """Right under the answer: a level at or below the red line blocks the partnership (not only at the review)."""
    chosen = st.session_state.get(state.level_key(criterion.id))
    if criterion.red_line is None or not isinstance(chosen, int) or chosen > criterion.red_line.at_or_below:
        return
    st.error(
        _(
            "**This answer hits a red line.** The recommendation will be not to partner on these terms, whatever "
            "the other answers, unless the partner changes this. Why: {reason}"
        ).format(reason=md(tr(criterion.red_line.reason))),
        icon=":material/block:",
    )


def level_option(framework: Framework, criterion: Criterion, value: int | str) -> str:
    if value == NOT_APPLICABLE:
        red_line = criterion.red_line
        if red_line is None:
            return _("Not applicable to this partnership")
        if red_line.na_when is None:
            return _("Not applicable (not allowed for this red line: the result stays incomplete)")
        return _("Not applicable, only when: {condition}").format(condition=md(tr(red_line.na_when)))
    if value == UNKNOWN:
        return _("Unknown: ask the partner (counts as not answered; listed as a question for the partner)")
    if value == state.UNANSWERED:
        return _("Not answered yet")
    level = framework.level(value)
    label = f"**{value} · {md(tr(level.label))}**" if level else f"**{value}**"
    text = criterion.rubric.get(value)
    return f"{label}: {md(tr(text))}" if text else label


def navigation(
    position: int, previous: str, following: str, criteria: tuple[Criterion, ...], *, review: int
) -> None:
    """Back, save, next; and "Back to review" when this step was opened from the review."""
    if st.session_state.get(state.FROM_REVIEW):
        st.button(
            _("Back to review"),
            key="assess_return_to_review",
            icon=":material/fact_check:",
            on_click=state.go_to,
            args=(review, criteria),
        )
    back, save, forward = st.columns([2, 1, 2], vertical_alignment="center")
    back.button(
        _("Back: {step}").format(step=md(previous)),
        key="assess_back",
        icon=":material/arrow_back:",
        on_click=state.go_to,
        args=(position - 1, criteria),
        width="stretch",
    )
    save.button(
        _("Save draft"),
        key="assess_save",
        icon=":material/save:",
        on_click=state.save_button,
        width="stretch",
    )
    forward.button(
        _("Next: {step}").format(step=md(following)),
        key="assess_next",
        type="primary",
        icon=":material/arrow_forward:",
        icon_position="right",
        on_click=state.go_to,
        args=(position + 1, criteria),
        width="stretch",
    )


# -- the review step ----------------------------------------------------------------------------------------
def recommendation_box(score: ScoreResult, framework: Framework, words: str) -> None:
    """The recommendation so far in the colour the Result page gives it: the best band green, the lowest band and
    blocked red, incomplete and middle bands orange, a referral blue."""
    text = _("Recommendation so far: **{recommendation}**").format(recommendation=words)
    band = framework.band(score.recommendation)
    if score.recommendation == BLOCKED or (band is not None and band == framework.bands[-1]):
        st.error(text, icon=":material/block:" if score.recommendation == BLOCKED else ":material/cancel:")
    elif score.recommendation == REFER:
        st.info(text, icon=":material/forward:")
    elif band is not None and band == framework.bands[0]:
        st.success(text, icon=":material/check_circle:")
    else:
        st.warning(
            text, icon=":material/pending:" if score.recommendation == INCOMPLETE else ":material/handshake:"
        )


def review_step(
    steps: list[DimensionStep], framework: Framework, current: Assessment, catalog: FrameworkCatalog
) -> ScoreResult:
    """What is open, the red lines hit and a live score of the draft; returns the score."""
    st.session_state[state.FROM_REVIEW] = True  # a step opened from here offers "Back to review"
    score = score_assessment(framework, current)
    st.subheader(_("Review before you finalise"))
    recommendation_box(
        score, framework, md(recommendation_words(score.recommendation, framework.id, catalog))
    )
    verdict_view.review_notes(framework, score)
    first, second, _gap = st.columns(3)
    first.metric(
        _("Overall score"),
        "–" if score.overall is None else _("{score} / 100").format(score=f"{score.overall:.0f}"),
    )
    second.metric(
        _("Questions answered"),
        _("{answered} of {applicable}").format(answered=score.answered, applicable=score.applicable),
        help=_(
            "A recommendation needs at least {minimum} answered (or marked not applicable), and every red-line "
            "question answered."
        ).format(minimum=format_percent(framework.min_completeness)),
    )
    if score.red_lines:
        lines = [
            "- "
            + _("**{question}** You answered {level}. {reason}").format(
                question=md(tr(framework.criterion(c).question)),
                level=current.answers[c].level,
                reason=md(tr(framework.criterion(c).red_line.reason)),
            )
            for c in score.red_lines
        ]
        st.error(
            ngettext(
                "**{count} red line hit**: the recommendation is not to partner on these terms, whatever the "
                "score.",
                "**{count} red lines hit**: the recommendation is not to partner on these terms, whatever the "
                "score.",
                len(lines),
            ).format(count=len(lines))
            + "\n\n"
            + "\n".join(lines),
            icon=":material/block:",
        )
    if score.unanswered_red_lines:
        lines = [f"- {md(tr(framework.criterion(c).question))}" for c in score.unanswered_red_lines]
        st.warning(
            ngettext(
                "**{count} red-line question not answered yet.** The result stays incomplete until it is "
                "answered (or marked not applicable):",
                "**{count} red-line questions not answered yet.** The result stays incomplete until they are "
                "answered (or marked not applicable):",
                len(lines),
            ).format(count=len(lines))
            + "\n\n"
            + "\n".join(lines),
            icon=":material/help:",
        )
    elif score.recommendation == INCOMPLETE:
        st.warning(
            _(
                "Too few answers for a recommendation: at least {minimum} of the questions must be answered (or "
                "marked not applicable)."
            ).format(minimum=format_percent(framework.min_completeness)),
            icon=":material/help:",
        )
    progress_table(steps, score, current)
    return score


def progress_table(steps: list[DimensionStep], score: ScoreResult, current: Assessment) -> None:
    """One row per dimension: answered, score so far, and a button to go back to it."""
    st.markdown(_("**Dimension by dimension**"))
    for position, step in enumerate(steps, 1):
        done = answered_count(step.criteria, current)
        value = score.dimensions.get(step.dimension.id)
        title, answered, scored, go = st.columns([4, 2, 2, 2], vertical_alignment="center")
        title.markdown(md(tr(step.dimension.title)))
        answered.markdown(
            _("{done} of {count} answered").format(done=done, count=len(step.criteria))
            if done < len(step.criteria)
            else ":green[:material/check: {label}]".format(label=_("all answered"))
        )
        scored.markdown(_("score –") if value is None else _("score {score}").format(score=f"{value:.0f}"))
        go.button(
            _("Open") if done == len(step.criteria) else _("Answer the rest"),
            key=f"assess_goto__{step.dimension.id}",
            on_click=state.go_to,
            args=(position,),
            width="stretch",
        )
