"""The Frameworks page's parts: a framework's questions, scale and types, and what an overlay changes."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from partnerfit.diff import FieldChange, FrameworkDiff
from partnerfit.errors import ValidationError
from partnerfit.framework import Criterion, Framework, RedLine, Referral
from partnerfit.report import safe_link
from partnerfit.ui import common
from partnerfit.ui.common import md, tr
from partnerfit.ui.verdict_view import sources_markdown

FIELD_NAMES = {
    "weight": "Weight",
    "applies_to": "Applies to",
    "sizes": "Sizes",
    "red_line": "Red line",
    "locked": "Locked",
    "question": "Question",
    "guidance": "Guidance",
    "rubric": "Rubric",
    "title": "Title",
    "description": "Description",
    "local_guidance": "Local guidance",
}


def problem_files(errors: list[ValidationError]) -> None:
    """Every problem of every broken framework file, one line each: file, place (line), message."""
    common.problem_lines(errors)


def type_names(framework: Framework, type_ids: tuple[str, ...] | None) -> str:
    if type_ids is None:
        return "all partnership types"
    names = []
    for type_id in type_ids:
        ptype = framework.partnership_type(type_id)
        names.append(tr(ptype.label) if ptype else type_id)
    return ", ".join(names)


def describe(framework: Framework, field: str, value: Any) -> str:
    """A changed value in words (plain text: shown in a table)."""
    if value is None:
        return {"applies_to": "all partnership types", "sizes": "every size", "red_line": "none"}.get(
            field, "(none)"
        )
    if field == "applies_to":
        return type_names(framework, value)
    if field == "sizes":
        return ", ".join(value)
    if isinstance(value, RedLine):
        na = f" (N/A allowed when: {tr(value.na_when)})" if value.na_when is not None else ""
        return f"at or below {value.at_or_below}: {tr(value.reason)}{na}"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dict) and field == "rubric":
        return "; ".join(f"{level}: {tr(text)}" for level, text in sorted(value.items()))
    return tr(value) if isinstance(value, str | dict) else str(value)


def overview(framework: Framework) -> None:
    levels = pd.DataFrame(
        [
            {"Level": level.value, "Label": tr(level.label), "Meaning": tr(level.description)}
            for level in framework.levels
        ]
    )
    bands = pd.DataFrame(
        [
            {
                "Recommendation": tr(band.label),
                "From overall score": f"{band.min:g}",
                "Meaning": tr(band.description),
            }
            for band in framework.bands
        ]
    )
    left, right = st.columns(2)
    with left:
        st.markdown("**Scale** (every question is answered on it)")
        st.dataframe(levels, hide_index=True, width="stretch")
    with right:
        st.markdown("**Recommendation bands**")
        st.dataframe(bands, hide_index=True, width="stretch")
        st.caption(
            f"A recommendation needs at least {framework.min_completeness:.0%} of the applicable questions "
            "answered (or marked not applicable), and no red line hit."
        )
    types = pd.DataFrame(
        [
            {"Type": tr(t.label), "Id": t.id, "Refines": t.refines or "", "Description": tr(t.description)}
            for t in framework.partnership_types
        ]
    )
    st.markdown("**Partnership types**")
    st.dataframe(types, hide_index=True, width="stretch")
    if framework.referrals:
        st.markdown(
            "**Referrals** (requests that are not the affiliate's to decide: the recommendation is 'refer')"
        )
        st.dataframe(
            pd.DataFrame([referral_row(framework, r) for r in framework.referrals]),
            hide_index=True,
            width="stretch",
            column_config={"Link": st.column_config.LinkColumn()},
        )


def referral_row(framework: Framework, referral: Referral) -> dict[str, str]:
    if referral.partnership_types:
        when = f"partnership type {type_names(framework, referral.partnership_types)}"
    else:
        criterion = framework.criterion(referral.criterion or "")
        question = tr(criterion.question) if criterion else referral.criterion
        bound = (
            f"at or below {referral.at_or_below}"
            if referral.at_or_below is not None
            else f"at or above {referral.at_or_above}"
        )
        when = f"{question} answered {bound}"
    return {
        "Refer to": tr(referral.body),
        "When": when,
        "Why": tr(referral.reason),
        "Link": safe_link(referral.url) or "",
        "Added by": referral.introduced_by,
    }


def dimensions(framework: Framework, diff: FrameworkDiff | None) -> None:
    total = sum(d.weight for d in framework.dimensions) or 1
    for dimension in framework.dimensions:
        added = (
            f" · added by {dimension.introduced_by}"
            if dimension.introduced_by not in ("", framework.base_id)
            else ""
        )
        label = (
            f"{md(tr(dimension.title))} · weight {dimension.weight:g} ({dimension.weight / total:.0%}) · "
            f"{len(dimension.criteria)} question(s){md(added)}"
        )
        with st.expander(label):
            if dimension.description:
                st.markdown(md(tr(dimension.description)))
            for criterion in dimension.criteria:
                criterion_card(framework, criterion, diff)


def criterion_card(framework: Framework, criterion: Criterion, diff: FrameworkDiff | None) -> None:
    with st.container(border=True):
        st.markdown(f"**{md(tr(criterion.question))}**")
        badges = [
            f":blue-badge[weight {criterion.weight:g}]",
            f":gray-badge[applies to {md(type_names(framework, criterion.applies_to))}]",
        ]
        if criterion.sizes is not None:
            badges.append(f":gray-badge[sizes: {md(', '.join(criterion.sizes))}]")
        if criterion.red_line is not None:
            badges.append(
                f":red-badge[:material/block: red line at {criterion.red_line.at_or_below} or below]"
            )
        if criterion.locked:
            badges.append(":orange-badge[:material/lock: locked]")
        if diff is not None and criterion.id in {c.id for c in diff.added_criteria}:
            badges.append(f":green-badge[added by {md(framework.id)}]")
        elif diff is not None and diff.changes_of(criterion.id):
            badges.append(f":violet-badge[changed by {md(framework.id)}]")
        st.markdown(" ".join(badges) + f" · id `{criterion.id}`")
        if criterion.red_line is not None:
            na_when = criterion.red_line.na_when
            st.caption(
                f"Red line: {md(tr(criterion.red_line.reason))}"
                + (
                    f" · 'Not applicable' allowed when: {md(tr(na_when))}"
                    if na_when is not None
                    else " · 'Not applicable' is not allowed (the result stays incomplete)"
                )
            )
        if criterion.guidance:
            st.markdown(md(tr(criterion.guidance)))
        if criterion.sources:
            st.caption("Sources: " + sources_markdown(criterion))
        if criterion.local_guidance:
            st.info(
                f"**Local specification:** {md(tr(criterion.local_guidance))}", icon=":material/location_on:"
            )
        rubric = [
            f"- **{level.value} · {md(tr(level.label))}**: {md(tr(criterion.rubric[level.value]))}"
            for level in framework.levels
            if level.value in criterion.rubric
        ]
        if rubric:
            st.markdown("\n".join(rubric))


def changes(framework: Framework, parent: Framework, diff: FrameworkDiff) -> None:
    st.markdown(
        f"Compared with **{md(tr(parent.title))}** ({md(parent.id)} {md(parent.version)}), the framework it "
        "extends:"
    )
    added_referrals = [r for r in framework.referrals if r.introduced_by == framework.id]
    if diff.is_empty and not added_referrals:
        st.info("It changes nothing yet: it has the same questions, weights and red lines as its parent.")
        return
    for referral in added_referrals:
        st.markdown(
            f"- New referral: refer to **{md(tr(referral.body))}** when {md(referral_row(framework, referral)['When'])}"
        )
    if diff.min_completeness:
        before, after = diff.min_completeness
        st.markdown(f"- Answers needed for a recommendation: {before:.0%} → **{after:.0%}**")
    for ptype in diff.added_types:
        refines = framework.partnership_type(ptype.refines) if ptype.refines else None
        st.markdown(
            f"- New partnership type **{md(tr(ptype.label))}**"
            + (f", a kind of {md(tr(refines.label))}" if refines else "")
        )
    for dimension in diff.added_dimensions:
        st.markdown(f"- New dimension **{md(tr(dimension.title))}** (weight {dimension.weight:g})")
    for criterion in diff.added_criteria:
        dimension = framework.dimension(criterion.dimension_id)
        st.markdown(f"- New question in *{md(tr(dimension.title))}*: {md(tr(criterion.question))}")
    for criterion in diff.removed_criteria:
        st.markdown(f"- Removed question: ~~{md(tr(criterion.question))}~~")
    if diff.dimension_changes or diff.criterion_changes:
        st.markdown("**Changed weights, scope and red lines**")
        lines = [
            f"- Dimension **{md(tr(framework.dimension(c.id).title))}**: {change_words(framework, parent, c)}"
            for c in diff.dimension_changes
        ]
        for crit_id in dict.fromkeys(c.id for c in diff.criterion_changes):
            criterion = framework.criterion(crit_id)
            words = "; ".join(
                change_words(framework, parent, c) for c in diff.criterion_changes if c.id == crit_id
            )
            lines.append(f"- *{md(tr(criterion.question))}*: {words}")
        st.markdown("\n".join(lines))
    if diff.local_guidance:
        st.markdown("**Local guidance added**")
        for change in diff.local_guidance:
            criterion = framework.criterion(change.id)
            st.markdown(f"- *{md(tr(criterion.question))}*: {md(tr(change.after))}")


def change_words(framework: Framework, parent: Framework, change: FieldChange) -> str:
    """'weight 2 → **3**' (Markdown, escaped)."""
    before = md(describe(parent, change.field, change.before))
    after = md(describe(framework, change.field, change.after))
    return f"{FIELD_NAMES.get(change.field, change.field).lower()} {before} → **{after}**"
