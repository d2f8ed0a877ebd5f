"""The steps of the Assess page: partner and context, one step per dimension, review. Rendering only: state
and saving live in ``assess_state``, the rules in ``partnerfit.walkthrough`` and ``partnerfit.scoring``.
"""

from __future__ import annotations

import streamlit as st

from partnerfit.access import can_change_sharing, creatable_affiliates
from partnerfit.assessment import NOT_APPLICABLE, REGIONS, SHARING, SIZES, UNKNOWN, Assessment, region_label
from partnerfit.catalog import FrameworkCatalog
from partnerfit.framework import Criterion, Framework
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
    "one-off": "One-off (a single event or donation)",
    "project": "Project (months)",
    "long-term": "Long-term (a year or more)",
}


def affiliate_input(current: Assessment | None, on_change) -> None:
    """Free text with sign-in off; with sign-in, the affiliates this person may create assessments for."""
    allowed = creatable_affiliates(data.current_viewer())
    if allowed is None:
        st.text_input(
            "Your affiliate",
            key="assess_affiliate",
            on_change=on_change,
            max_chars=300,
            placeholder="e.g. Wikimédia France",
        )
        return
    if current is not None and current.affiliate not in allowed:
        allowed = [current.affiliate, *allowed]
    if st.session_state.get("assess_affiliate") not in allowed:
        st.session_state["assess_affiliate"] = allowed[0] if len(allowed) == 1 else None
    st.selectbox(
        "Your affiliate",
        allowed,
        key="assess_affiliate",
        on_change=on_change,
        placeholder="Choose your affiliate",
    )


def sharing_input(current: Assessment | None, on_change) -> None:
    """Who may read it: set when creating; changed later only by a coordinator."""
    may_change = (
        current is None or current.revision == 0 or can_change_sharing(data.current_viewer(), current)
    )
    st.selectbox(
        "Who may read it",
        SHARING,
        key="assess_sharing",
        on_change=on_change,
        format_func=sharing_label,
        disabled=not may_change,
        help="Besides admins. Its affiliate's coordinators can change this later on the Result page.",
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
            f"The framework {context.framework_id!r} this draft names is not loaded (see Frameworks). "
            "Choose another framework below."
        )
        st.session_state["assess_framework"] = None
    on_change = state.on_context_change

    st.subheader("The partner")
    st.text_input(
        "Partner name",
        key="assess_partner_name",
        on_change=on_change,
        max_chars=300,
        placeholder="e.g. Musée des Beaux-Arts de Lyon",
        help="The organisation you are thinking of partnering with.",
    )
    similar_partners(catalog, collection, current, context)
    left, middle, right = st.columns([2, 1, 2])
    left.text_area(
        "Other names (one per line, optional)",
        key="assess_aliases",
        on_change=on_change,
        height=80,
        help="Abbreviations or names in other languages: they help find earlier assessments.",
    )
    middle.text_input(
        "Country code",
        key="assess_country",
        on_change=on_change,
        max_chars=2,
        placeholder="FR",
        help="Two-letter ISO 3166-1 code of the partner's country, e.g. FR, BR, IN.",
    )
    right.text_input(
        "Website (optional)", key="assess_website", on_change=on_change, placeholder="https://www.example.org"
    )
    problems = context_problems(context, framework)
    for name in ("country", "website"):
        if name in problems:
            st.error(problems[name], icon=":material/error:")

    st.subheader("Your team and the partnership")
    left, right = st.columns(2)
    with left:
        affiliate_input(current, on_change)
        st.selectbox(
            "Your Wikimedia region",
            REGIONS,
            key="assess_region",
            index=None,
            format_func=region_label,
            on_change=on_change,
            placeholder="Choose a region",
        )
        st.text_input(
            "Assessors (optional, comma-separated)",
            key="assess_assessors",
            on_change=on_change,
            placeholder="e.g. Ana, Kwame",
        )
    with right:
        framework_picker(catalog, framework)
        type_picker(framework)
        st.selectbox(
            "Size of the partnership (optional)",
            SIZES,
            key="assess_size",
            index=None,
            on_change=on_change,
            format_func=lambda s: SIZE_LABELS.get(s, s),
            placeholder="Choose a size",
            help="The size decides which questions apply: a one-off event is not asked about a long-term "
            "relationship. Without a size, every question is asked.",
        )
        sharing_input(current, on_change)

    missing = missing_context(context)
    if missing:
        st.info(
            f"To start, fill in: {', '.join(missing)}. The draft is saved as soon as these are set.",
            icon=":material/edit:",
        )
    elif framework is not None and context.partnership_types and not steps:
        no_criteria_warning(framework, context.partnership_types)
    if current is not None and steps:
        st.button(
            f"Next: {md(tr(steps[0].dimension.title))}",
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
        "Framework",
        ids,
        key="assess_framework",
        index=None,
        on_change=state.on_context_change,
        format_func=lambda i: framework_choice_label(catalog.frameworks[i]),
        placeholder="Choose a framework",
        help="The global framework, or your affiliate's local version of it if it has one.",
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
                f"The framework {md(framework.id)} has no partnership type "
                f"{', '.join(code(t) for t in unknown)}: choose one of its types.",
                icon=":material/warning:",
            )

    def label(type_id: str) -> str:
        ptype = types[type_id]
        refines = f" (a kind of {tr(types[ptype.refines].label)})" if ptype.refines in types else ""
        return f"{tr(ptype.label)}{refines}"

    st.multiselect(
        "Partnership types",
        list(types),
        key="assess_types",
        format_func=label,
        on_change=state.on_context_change,
        disabled=framework is None,
        placeholder="Choose one or more types" if framework else "Choose a framework first",
        help="A sponsored event with content is both an event and funding: choose every type that fits; "
        "the questions of each apply.",
    )
    for type_id in chosen_ids:
        if types[type_id].description:
            st.caption(md(f"{tr(types[type_id].label)}: {tr(types[type_id].description)}"))


def no_criteria_warning(framework: Framework, type_ids: list[str]) -> None:
    st.warning(
        f"The framework {md(framework.id)} has no criteria for the partnership types "
        f"\u201c{md(framework.describe_types(type_ids, language()))}\u201d, so there is nothing to "
        "assess. Choose other types or another framework.",
        icon=":material/warning:",
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
    previous = "Partner and context" if position == 1 else tr(steps[position - 2].dimension.title)
    following = "Review" if position == len(steps) else tr(steps[position].dimension.title)
    if refused:
        st.error(
            f"To go on, fix the evidence links marked above ({len(refused)} question(s)): they must be full "
            "links "
            "starting with https://. Everything else on this step is saved.",
            icon=":material/link_off:",
        )
    if st.session_state.get(state.CONFLICT):
        st.error(
            "Your answers on this page are not saved: someone else changed this draft. See the choices at "
            "the top of the page.",
            icon=":material/sync_problem:",
        )
    navigation(position, previous, following, step.criteria)


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
            badges.append(":red-badge[:material/block: Red line]")
        if criterion.locked:
            badges.append(":gray-badge[:material/lock: Locked: no local version can change it]")
        if badges:
            st.markdown(" ".join(badges))
        if criterion.red_line is not None:
            level = framework.level(criterion.red_line.at_or_below)
            name = (
                f"{criterion.red_line.at_or_below} ({tr(level.label)})"
                if level
                else str(criterion.red_line.at_or_below)
            )
            st.caption(
                f"An answer of {md(name)} or lower blocks the partnership, whatever the other answers. "
                f"Why: {md(tr(criterion.red_line.reason))}"
            )
        if criterion.guidance:
            st.markdown(md(tr(criterion.guidance)))
        if criterion.sources:
            st.caption("Sources: " + verdict_view.sources_markdown(criterion))
        if criterion.local_guidance:
            st.info(
                f"**Your affiliate's local specification ({md(framework.id)}):** "
                f"{md(tr(criterion.local_guidance))}",
                icon=":material/location_on:",
            )
        options = [*framework.level_values, NOT_APPLICABLE, UNKNOWN, state.UNANSWERED]
        st.radio(
            "Your answer",
            options,
            key=state.level_key(criterion.id),
            index=None,
            format_func=lambda value: level_option(framework, criterion, value),
            on_change=state.on_answer_change,
            args=(criteria,),
        )
        left, right = st.columns(2)
        left.text_area(
            "Notes (optional)",
            key=state.notes_key(criterion.id),
            height=90,
            on_change=state.on_answer_change,
            args=(criteria,),
            placeholder="What you found, who you asked, what is still open",
        )
        right.text_area(
            "Evidence links (one per line, optional)",
            key=state.evidence_key(criterion.id),
            height=90,
            on_change=state.on_answer_change,
            args=(criteria,),
            placeholder="https://",
        )
        if refused:
            st.error(
                "Not saved, because evidence must be http(s) links: "
                + ", ".join(f"`{line}`" for line in refused)
                + ". Write them as full links starting with https://, or remove them.",
                icon=":material/link_off:",
            )


def level_option(framework: Framework, criterion: Criterion, value: int | str) -> str:
    if value == NOT_APPLICABLE:
        red_line = criterion.red_line
        if red_line is None:
            return "Not applicable to this partnership"
        if red_line.na_when is None:
            return "Not applicable (not allowed for this red line: the result stays incomplete)"
        return f"Not applicable, only when: {md(tr(red_line.na_when))}"
    if value == UNKNOWN:
        return "Unknown: ask the partner (counts as not answered; listed as a question for the partner)"
    if value == state.UNANSWERED:
        return "Not answered yet"
    level = framework.level(value)
    label = f"**{value} · {md(tr(level.label))}**" if level else f"**{value}**"
    text = criterion.rubric.get(value)
    return f"{label}: {md(tr(text))}" if text else label


def navigation(position: int, previous: str, following: str, criteria: tuple[Criterion, ...]) -> None:
    back, save, _, forward = st.columns([2, 1, 1, 2], vertical_alignment="center")
    back.button(
        f"Back: {md(previous)}",
        key="assess_back",
        icon=":material/arrow_back:",
        on_click=state.go_to,
        args=(position - 1, criteria),
    )
    save.button("Save draft", key="assess_save", icon=":material/save:", on_click=state.save_button)
    forward.button(
        f"Next: {md(following)}",
        key="assess_next",
        type="primary",
        icon=":material/arrow_forward:",
        icon_position="right",
        on_click=state.go_to,
        args=(position + 1, criteria),
    )


# -- the review step ----------------------------------------------------------------------------------------
def review_step(
    steps: list[DimensionStep], framework: Framework, current: Assessment, catalog: FrameworkCatalog
) -> ScoreResult:
    """What is open, the red lines hit and a live score of the draft; returns the score."""
    score = score_assessment(framework, current)
    st.subheader("Review before you finalise")
    words = md(recommendation_words(score.recommendation, framework.id, catalog))
    box = {BLOCKED: st.error, INCOMPLETE: st.warning, REFER: st.info}.get(score.recommendation, st.success)
    box(f"Recommendation so far: **{words}**", icon=":material/flag:")
    verdict_view.review_notes(framework, score)
    first, second, _ = st.columns(3)
    first.metric("Overall score", "–" if score.overall is None else f"{score.overall:.0f} / 100")
    second.metric(
        "Questions answered",
        f"{score.answered} of {score.applicable}",
        help=f"A recommendation needs at least {framework.min_completeness:.0%} answered (or marked not "
        "applicable), and every red-line question answered.",
    )
    if score.red_lines:
        lines = [
            f"- **{md(tr(framework.criterion(c).question))}** You answered {current.answers[c].level}. "
            f"{md(tr(framework.criterion(c).red_line.reason))}"
            for c in score.red_lines
        ]
        st.error(
            f"**{len(lines)} red line(s) hit**: the recommendation is not to partner on these terms, "
            "whatever "
            "the score.\n\n" + "\n".join(lines),
            icon=":material/block:",
        )
    if score.unanswered_red_lines:
        lines = [f"- {md(tr(framework.criterion(c).question))}" for c in score.unanswered_red_lines]
        st.warning(
            f"**{len(lines)} red-line question(s) not answered yet.** The result stays incomplete until "
            "they are answered (or marked not applicable):\n\n" + "\n".join(lines),
            icon=":material/help:",
        )
    elif score.recommendation == INCOMPLETE:
        st.warning(
            f"Too few answers for a recommendation: at least {framework.min_completeness:.0%} of the "
            "questions must be answered (or marked not applicable).",
            icon=":material/help:",
        )
    progress_table(steps, score, current)
    return score


def progress_table(steps: list[DimensionStep], score: ScoreResult, current: Assessment) -> None:
    """One row per dimension: answered, score so far, and a button to go back to it."""
    st.markdown("**Dimension by dimension**")
    for position, step in enumerate(steps, 1):
        done = answered_count(step.criteria, current)
        value = score.dimensions.get(step.dimension.id)
        title, answered, scored, go = st.columns([4, 2, 2, 2], vertical_alignment="center")
        title.markdown(md(tr(step.dimension.title)))
        answered.markdown(
            f"{done} of {len(step.criteria)} answered"
            if done < len(step.criteria)
            else ":green[:material/check: all answered]"
        )
        scored.markdown("score –" if value is None else f"score {value:.0f}")
        go.button(
            "Open" if done == len(step.criteria) else "Answer the rest",
            key=f"assess_goto__{step.dimension.id}",
            on_click=state.go_to,
            args=(position,),
            width="stretch",
        )
