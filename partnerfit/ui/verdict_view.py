"""What explains a recommendation, on the Result page and the Assess review: the referral, red lines answered
'not applicable', whether the result is robust, the questions to put to the partner, and the conditions ranked by
severity (at most five shown, the rest folded). Every text from a file goes through ``common.md``.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from partnerfit.conditions import Condition
from partnerfit.framework import Criterion, Framework
from partnerfit.i18n import _, ngettext
from partnerfit.report import safe_link, weight_change
from partnerfit.scoring import BLOCKED, ScoreResult
from partnerfit.ui import common
from partnerfit.verdict import NA_NOT_ALLOWED, ReferralNotice, Verdict

CONDITIONS_SHOWN = 5


def sources_markdown(criterion: Criterion) -> str:
    """The criterion's sources as Markdown links (titles escaped, links checked), separated by ' · '."""
    links = []
    for source in criterion.sources:
        url = safe_link(source.url)
        title = common.md(common.tr(source.title))
        links.append(f"[{title}]({url})" if url else title)
    return " · ".join(links)


def referral_box(referrals: tuple[ReferralNotice, ...] | list[ReferralNotice]) -> None:
    """Each referral that applies: the body that decides, its link and why."""
    for referral in referrals:
        url = safe_link(referral.url)
        body = f"[{common.md(referral.body)}]({url})" if url else common.md(referral.body)
        st.info(
            _("**Not ours to decide: refer to {body}.** {reason}").format(
                body=body, reason=common.md(referral.reason)
            ),
            icon=":material/forward:",
        )


def not_applicable_red_lines(fw: Framework, score: ScoreResult) -> None:
    """Red lines answered N/A: where the framework does not allow it (the result is capped at incomplete), and
    where it does (with its condition, for the team to check)."""
    disallowed = set(score.disallowed_not_applicable_red_lines)
    for cid in score.not_applicable_red_lines:
        criterion = fw.criterion(cid)
        if criterion is None or criterion.red_line is None:
            continue
        question = common.md(common.tr(criterion.question))
        if cid in disallowed:
            headline = common.md(_(NA_NOT_ALLOWED).format(name=cid))
            st.warning(
                _(
                    "**{headline}.** {question} The result cannot be better than incomplete until it is answered "
                    "with a level."
                ).format(headline=headline[:1].upper() + headline[1:], question=question),
                icon=":material/rule:",
            )
        else:
            st.caption(
                ":material/rule: "
                + _(
                    "Red line answered N/A: {question} (allowed when: {condition}). Check that this is so."
                ).format(question=question, condition=common.md(common.tr(criterion.red_line.na_when)))
            )


def robustness(fw: Framework, verdict: Verdict) -> None:
    """Whether a small change of one answer or one dimension weight would change the recommendation."""
    result = verdict.robustness
    if not result.fragile:
        st.caption(
            ":material/verified: "
            + _(
                "**Robust:** no one-level change of a single answer and no {change} change of a dimension’s "
                "weight changes this recommendation."
            ).format(change=weight_change())
        )
        return
    if verdict.recommendation == BLOCKED and set(result.deciding_criteria) <= set(verdict.score.red_lines):
        names = "; ".join(
            common.md(common.tr(c.question)) for cid in result.deciding_criteria if (c := fw.criterion(cid))
        )
        st.caption(
            ":material/balance: "
            + ngettext(
                "**Rests on the red-line answer:** {names}. One level higher lifts the block: make sure the answer "
                "is right.",
                "**Rests on the red-line answers:** {names}. One level higher lifts the block: make sure the "
                "answers are right.",
                len(result.deciding_criteria),
            ).format(names=names)
        )
        return
    names = [common.tr(c.question) for cid in result.deciding_criteria if (c := fw.criterion(cid))]
    names += [
        _("the weight of {dimension}").format(dimension=common.tr(d.title))
        for did in result.deciding_dimensions
        if (d := fw.dimension(did))
    ]
    listed = "\n".join(f"- {common.md(name)}" for name in names)
    st.warning(
        _(
            "**Fragile:** one small change would give another recommendation. Check these facts before you decide "
            "(a one-level change of the answer, or {change} of the weight, flips it):"
        ).format(change=weight_change())
        + f"\n\n{listed}",
        icon=":material/balance:",
    )


def questions_for_partner(verdict: Verdict) -> None:
    if not verdict.questions:
        return
    lines = "\n".join(
        f"- {common.md(q.question)}" + (f" ({common.md(q.notes)})" if q.notes else "")
        for q in verdict.questions
    )
    count = len(verdict.questions)
    st.info(
        ngettext(
            "**{count} question to put to the partner** (answered “unknown”; it counts as not answered):",
            "**{count} questions to put to the partner** (answered “unknown”; they count as not answered):",
            count,
        ).format(count=count)
        + f"\n\n{lines}",
        icon=":material/contact_support:",
    )


def conditions_heading(verdict: Verdict) -> str:
    if verdict.recommendation == BLOCKED:
        return _("Decline, or the partner must change:")
    return _("Conditions to agree with the partner")


def ranked_conditions(
    verdict: Verdict, found: list[Condition], render: Callable[[int, Condition], None]
) -> None:
    """At most five conditions, most severe first; the rest folded. A blocked result lists the red lines to
    lift, and folds the conditions that would follow if they were lifted."""
    if verdict.recommendation == BLOCKED:
        lift = [c for c in found if c.red_line]
        rest = [c for c in found if not c.red_line]
        st.caption(
            _("A red line is hit: this is not negotiable as it stands. Decline, unless the partner changes:")
        )
        for rank, condition in enumerate(lift, start=1):
            render(rank, condition)
        if rest:
            label = ngettext(
                "If the partner lifts the red lines: {count} further condition",
                "If the partner lifts the red lines: {count} further conditions",
                len(rest),
            ).format(count=len(rest))
            with st.expander(label):
                for rank, condition in enumerate(rest, start=len(lift) + 1):
                    render(rank, condition)
        return
    st.caption(
        _(
            "Most severe first: red lines, then answers at the lowest level, then by how much reaching the level "
            "would raise the overall score. Turn each into a written condition of the agreement."
        )
    )
    for rank, condition in enumerate(found[:CONDITIONS_SHOWN], start=1):
        render(rank, condition)
    if len(found) > CONDITIONS_SHOWN:
        more = len(found) - CONDITIONS_SHOWN
        label = ngettext(
            "{count} more condition that weighs less", "{count} more conditions that weigh less", more
        ).format(count=more)
        with st.expander(label):
            for rank, condition in enumerate(found[CONDITIONS_SHOWN:], start=CONDITIONS_SHOWN + 1):
                render(rank, condition)


def review_notes(fw: Framework, score: ScoreResult) -> None:
    """On the Assess review: the referral and the red lines answered N/A (the rest is the review's own)."""
    language = common.language()
    referral_box(
        [
            ReferralNotice(r.id, fw.label(r.body, language), r.url, fw.label(r.reason, language))
            for r in fw.referrals
            if r.id in score.referrals
        ]
    )
    not_applicable_red_lines(fw, score)
