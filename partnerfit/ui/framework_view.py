"""The Frameworks page's parts: a framework's questions, scale and types, and what an overlay changes."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from partnerfit.diff import FieldChange, FrameworkDiff
from partnerfit.errors import ValidationError
from partnerfit.framework import Criterion, Framework, RedLine, Referral
from partnerfit.i18n import N_, _, format_number, format_percent, ngettext
from partnerfit.report import safe_link
from partnerfit.ui import common
from partnerfit.ui.common import md, tr
from partnerfit.ui.tables import literal_table
from partnerfit.ui.verdict_view import sources_markdown

FIELD_NAMES = {
    "weight": N_("weight"),
    "applies_to": N_("applies to"),
    "sizes": N_("sizes"),
    "red_line": N_("red line"),
    "locked": N_("locked"),
    "question": N_("question"),
    "guidance": N_("guidance"),
    "rubric": N_("rubric"),
    "title": N_("title"),
    "description": N_("description"),
    "local_guidance": N_("local guidance"),
}


def problem_files(errors: list[ValidationError]) -> None:
    """Every problem of every broken framework file, one line each: file, place (line), message."""
    common.problem_lines(errors)


def type_names(framework: Framework, type_ids: tuple[str, ...] | None) -> str:
    if type_ids is None:
        return _("all partnership types")
    names = []
    for type_id in type_ids:
        ptype = framework.partnership_type(type_id)
        names.append(tr(ptype.label) if ptype else type_id)
    return ", ".join(names)


def describe(framework: Framework, field: str, value: Any) -> str:
    """A changed value in words (plain text: shown in a table)."""
    if value is None:
        return {
            "applies_to": _("all partnership types"),
            "sizes": _("every size"),
            "red_line": _("none"),
        }.get(field, _("(none)"))
    if field == "applies_to":
        return type_names(framework, value)
    if field == "sizes":
        return ", ".join(value)
    if isinstance(value, RedLine):
        na = (
            " " + _("(N/A allowed when: {condition})").format(condition=tr(value.na_when))
            if value.na_when is not None
            else ""
        )
        return (
            _("at or below {level}: {reason}").format(level=value.at_or_below, reason=tr(value.reason)) + na
        )
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, float):
        return format_number(value)
    if isinstance(value, dict) and field == "rubric":
        return "; ".join(f"{level}: {tr(text)}" for level, text in sorted(value.items()))
    return tr(value) if isinstance(value, str | dict) else str(value)


def overview(framework: Framework) -> None:
    levels = pd.DataFrame(
        [
            {_("Level"): level.value, _("Label"): tr(level.label), _("Meaning"): tr(level.description)}
            for level in framework.levels
        ]
    )
    bands = pd.DataFrame(
        [
            {
                _("Recommendation"): tr(band.label),
                _("From overall score"): format_number(band.min),
                _("Meaning"): tr(band.description),
            }
            for band in framework.bands
        ]
    )
    # Static tables: they wrap long meanings and stack on a phone, where a data grid would cut them.
    left, right = st.columns(2)
    with left:
        st.markdown(_("**Scale** (every question is answered on it)"))
        literal_table(levels.set_index(_("Level")))
    with right:
        st.markdown(_("**Recommendation bands**"))
        literal_table(bands.set_index(_("Recommendation")))
        st.caption(
            _(
                "A recommendation needs at least {minimum} of the applicable questions answered (or marked not "
                "applicable), and no red line hit."
            ).format(minimum=format_percent(framework.min_completeness))
        )
    types = pd.DataFrame(
        [
            {
                _("Type"): tr(t.label),
                _("Id"): t.id,
                _("Refines"): t.refines or "",
                _("Description"): tr(t.description),
            }
            for t in framework.partnership_types
        ]
    )
    if not any(t.refines for t in framework.partnership_types):
        types = types.drop(columns=[_("Refines")])  # an empty column only narrows the others on a phone
    st.markdown(_("**Partnership types**"))
    literal_table(types.set_index(_("Type")))
    if framework.referrals:
        st.markdown(
            _(
                "**Referrals** (requests that are not the affiliate’s to decide: the recommendation is “refer”)"
            )
        )
        st.dataframe(
            pd.DataFrame([referral_row(framework, r) for r in framework.referrals]),
            hide_index=True,
            width="stretch",
            column_config={_("Link"): st.column_config.LinkColumn()},
        )


def referral_row(framework: Framework, referral: Referral) -> dict[str, str]:
    if referral.partnership_types:
        when = _("partnership type {types}").format(types=type_names(framework, referral.partnership_types))
    else:
        criterion = framework.criterion(referral.criterion or "")
        question = tr(criterion.question) if criterion else referral.criterion
        when = (
            _("{question} answered at or below {level}").format(question=question, level=referral.at_or_below)
            if referral.at_or_below is not None
            else _("{question} answered at or above {level}").format(
                question=question, level=referral.at_or_above
            )
        )
    return {
        _("Refer to"): tr(referral.body),
        _("When"): when,
        _("Why"): tr(referral.reason),
        _("Link"): safe_link(referral.url) or "",
        _("Added by"): referral.introduced_by,
    }


def dimensions(framework: Framework, diff: FrameworkDiff | None) -> None:
    total = sum(d.weight for d in framework.dimensions) or 1
    for dimension in framework.dimensions:
        added = (
            " · " + _("added by {framework}").format(framework=dimension.introduced_by)
            if dimension.introduced_by not in ("", framework.base_id)
            else ""
        )
        count = len(dimension.criteria)
        label = (
            f"{md(tr(dimension.title))} · "
            + _("weight {weight} ({share})").format(
                weight=format_number(dimension.weight), share=format_percent(dimension.weight / total)
            )
            + " · "
            + ngettext("{count} question", "{count} questions", count).format(count=count)
            + md(added)
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
            ":blue-badge[" + _("weight {weight}").format(weight=format_number(criterion.weight)) + "]",
            ":gray-badge["
            + _("applies to {types}").format(types=md(type_names(framework, criterion.applies_to)))
            + "]",
        ]
        if criterion.sizes is not None:
            badges.append(
                ":gray-badge[" + _("sizes: {sizes}").format(sizes=md(", ".join(criterion.sizes))) + "]"
            )
        if criterion.red_line is not None:
            red_line = _("red line at {level} or below").format(level=criterion.red_line.at_or_below)
            badges.append(f":red-badge[:material/block: {red_line}]")
        if criterion.locked:
            badges.append(":orange-badge[:material/lock: " + _("locked") + "]")
        if diff is not None and criterion.id in {c.id for c in diff.added_criteria}:
            badges.append(
                ":green-badge[" + _("added by {framework}").format(framework=md(framework.id)) + "]"
            )
        elif diff is not None and diff.changes_of(criterion.id):
            badges.append(
                ":violet-badge[" + _("changed by {framework}").format(framework=md(framework.id)) + "]"
            )
        st.markdown(" ".join(badges) + f" · id `{criterion.id}`")
        if criterion.red_line is not None:
            na_when = criterion.red_line.na_when
            st.caption(
                _("Red line: {reason}").format(reason=md(tr(criterion.red_line.reason)))
                + " · "
                + (
                    _("“Not applicable” allowed when: {condition}").format(condition=md(tr(na_when)))
                    if na_when is not None
                    else _("“Not applicable” is not allowed (the result stays incomplete)")
                )
            )
        if criterion.guidance:
            st.markdown(md(tr(criterion.guidance)))
        if criterion.sources:
            st.caption(_("Sources: {sources}").format(sources=sources_markdown(criterion)))
        if criterion.local_guidance:
            st.info(
                _("**Local specification:** {guidance}").format(guidance=md(tr(criterion.local_guidance))),
                icon=":material/location_on:",
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
        _("Compared with **{title}** ({id} {version}), the framework it extends:").format(
            title=md(tr(parent.title)), id=md(parent.id), version=md(parent.version)
        )
    )
    added_referrals = [r for r in framework.referrals if r.introduced_by == framework.id]
    if diff.is_empty and not added_referrals:
        st.info(_("It changes nothing yet: it has the same questions, weights and red lines as its parent."))
        return
    for referral in added_referrals:
        st.markdown(
            "- "
            + _("New referral: refer to **{body}** when {condition}").format(
                body=md(tr(referral.body)), condition=md(referral_row(framework, referral)[_("When")])
            )
        )
    if diff.min_completeness:
        before, after = diff.min_completeness
        st.markdown(
            "- "
            + _("Answers needed for a recommendation: {before} → **{after}**").format(
                before=format_percent(before), after=format_percent(after)
            )
        )
    for ptype in diff.added_types:
        refines = framework.partnership_type(ptype.refines) if ptype.refines else None
        st.markdown(
            "- "
            + (
                _("New partnership type **{type}**, a kind of {parent}").format(
                    type=md(tr(ptype.label)), parent=md(tr(refines.label))
                )
                if refines
                else _("New partnership type **{type}**").format(type=md(tr(ptype.label)))
            )
        )
    for dimension in diff.added_dimensions:
        st.markdown(
            "- "
            + _("New dimension **{dimension}** (weight {weight})").format(
                dimension=md(tr(dimension.title)), weight=format_number(dimension.weight)
            )
        )
    for criterion in diff.added_criteria:
        dimension = framework.dimension(criterion.dimension_id)
        st.markdown(
            "- "
            + _("New question in *{dimension}*: {question}").format(
                dimension=md(tr(dimension.title)), question=md(tr(criterion.question))
            )
        )
    for criterion in diff.removed_criteria:
        st.markdown("- " + _("Removed question: ~~{question}~~").format(question=md(tr(criterion.question))))
    if diff.dimension_changes or diff.criterion_changes:
        st.markdown(_("**Changed weights, scope and red lines**"))
        lines = [
            "- "
            + _("Dimension **{dimension}**: {change}").format(
                dimension=md(tr(framework.dimension(c.id).title)), change=change_words(framework, parent, c)
            )
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
        st.markdown(_("**Local guidance added**"))
        for change in diff.local_guidance:
            criterion = framework.criterion(change.id)
            st.markdown(f"- *{md(tr(criterion.question))}*: {md(tr(change.after))}")


def change_words(framework: Framework, parent: Framework, change: FieldChange) -> str:
    """'weight 2 → **3**' (Markdown, escaped)."""
    before = md(describe(parent, change.field, change.before))
    after = md(describe(framework, change.field, change.after))
    name = _(FIELD_NAMES[change.field]) if change.field in FIELD_NAMES else change.field
    return f"{name} {before} → **{after}**"
