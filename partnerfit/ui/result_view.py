"""The Result page's parts: choosing and loading one assessment, the recommendation and why, conditions (the
answers and downloads are in ``result_answers``).

Every text from a file goes through ``common.md`` (Markdown) or into a dataframe; the pages call these in
order.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from partnerfit.assessment import Answer, Assessment, check_against_framework, orphan_answers, region_label
from partnerfit.catalog import FrameworkCatalog
from partnerfit.conditions import Condition, default_target
from partnerfit.errors import ValidationError, translated
from partnerfit.framework import Framework
from partnerfit.i18n import _, format_date, format_number, format_percent, ngettext
from partnerfit.report import (
    recommendation_label,
    size_word,
)
from partnerfit.results import CURRENT_VERSION, FrameworkBasis, framework_for
from partnerfit.scoring import BLOCKED, INCOMPLETE, REFER, ScoreResult, score_assessment
from partnerfit.store import AssessmentRecord, Store
from partnerfit.ui import common, verdict_view
from partnerfit.ui.data import Collection
from partnerfit.verdict import Verdict

CHOICE_KEY = "result_assessment"
# The assessment last viewed: widget state (CHOICE_KEY) is dropped when another page is shown, this is not, so
# opening Result from the sidebar comes back to it.
LAST_VIEWED = "result_last_viewed"


@dataclass(frozen=True)
class Loaded:
    """One assessment read in full, the framework it is scored with, and its score."""

    record: AssessmentRecord
    assessment: Assessment
    text: str
    basis: FrameworkBasis
    score: ScoreResult
    orphans: dict[str, Answer]

    @property
    def framework(self) -> Framework:
        return self.basis.framework


# -- choosing ------------------------------------------------------------------------------------------------
def status_word(status: str) -> str:
    """An assessment's status as people read it, in the current language."""
    words = {"final": _("final"), "draft": _("draft"), "withdrawn": _("withdrawn")}
    return words.get(status, status)


def _choice_label(record: AssessmentRecord) -> str:
    date = format_date(record.date) if record.date else _("no date")
    return f"{record.partner_name} · {record.affiliate} · {date} · {status_word(record.status)}"


def _sync_query_param() -> None:
    chosen = st.session_state.get(CHOICE_KEY)
    st.session_state[LAST_VIEWED] = chosen
    if chosen:
        st.query_params["id"] = chosen
    else:
        st.query_params.pop("id", None)


def choose_record(collection: Collection) -> AssessmentRecord | None:
    """The assessment named by ``?id=``, else the one last viewed in this session (Result opened from the
    sidebar), else the one picked in the selectbox; the one shown is written back to ``?id=``."""
    records = sorted(collection.records, key=lambda r: (r.date is None, r.date), reverse=True)
    by_id = {r.id: r for r in records}
    wanted = st.query_params.get("id")
    remembered = st.session_state.get(LAST_VIEWED)
    if not wanted and remembered in by_id:
        wanted = remembered
        st.query_params["id"] = remembered
    if wanted and wanted not in by_id:
        st.error(
            _(
                "Assessment {id}: not found or no access. It may have been moved or deleted, or not be shared "
                "with you; choose one below."
            ).format(id=common.code(wanted)),
            icon=":material/search_off:",
        )
    elif wanted:
        st.session_state[CHOICE_KEY] = wanted
        st.session_state[LAST_VIEWED] = wanted
    chosen = st.selectbox(
        _("Assessment"),
        list(by_id),
        key=CHOICE_KEY,
        index=None,
        placeholder=_("Choose an assessment"),
        format_func=lambda aid: _choice_label(by_id[aid]),
        on_change=_sync_query_param,
        help=_("Newest first. Partner · affiliate · date · status"),
    )
    return by_id.get(chosen) if chosen else None


# -- loading -------------------------------------------------------------------------------------------------
def load(record: AssessmentRecord, catalog: FrameworkCatalog, store: Store) -> Loaded:
    """Read the assessment (through the store, which refuses what the viewer may not read), pick its framework
    and score it; a ``PartnerfitError`` says why it cannot be shown."""
    path = Path(record.path)
    assessment = store.get(record.id)
    text = store.file_text(assessment)
    basis = framework_for(assessment.framework, assessment.status, catalog, store)
    problems = check_against_framework(assessment, basis.framework, strict=False)
    if problems:
        raise ValidationError(path, problems)
    score = score_assessment(basis.framework, assessment)
    return Loaded(record, assessment, text, basis, score, orphan_answers(assessment, basis.framework))


# -- header and recommendation -------------------------------------------------------------------------------
def header(loaded: Loaded) -> None:
    a, fw = loaded.assessment, loaded.framework
    st.header(common.md(a.partner.name), anchor=False)
    facts = [a.affiliate, region_label(a.region), fw.describe_types(a.partnership_types, common.language())]
    if a.size:
        facts.append(size_word(a.size))
    facts += [format_date(a.date) if a.date else _("no date"), status_word(a.status)]
    framework = _("Framework: {title} ({id} {version})").format(
        title=common.md(common.tr(fw.title)), id=common.md(fw.id), version=common.md(fw.version)
    )
    st.caption(" · ".join(common.md(f) for f in facts) + "  \n" + framework)
    if a.status == "withdrawn":
        withdrawal = a.withdrawal
        st.warning(
            _(
                "**Withdrawn** on {date} by {who}: {reason}  \nIt stays in the history but is left out of every "
                "comparison."
            ).format(
                date=format_date(withdrawal.date),
                who=common.md(withdrawal.by or _("someone unnamed")),
                reason=common.md(withdrawal.reason),
            ),
            icon=":material/undo:",
        )


def recommendation(loaded: Loaded, verdict: Verdict) -> None:
    fw, score = loaded.framework, loaded.score
    label = common.md(recommendation_label(fw, score.recommendation, common.language()))
    band = fw.band(score.recommendation)
    description = common.md(common.tr(band.description)) if band and band.description else ""
    lead = _("**Recommendation: {label}.**").format(label=label)
    if score.recommendation == BLOCKED:
        because = _(
            "A red line is hit: do not proceed unless the partner changes what the red line below names. The "
            "scores do not outweigh it."
        )
        st.error(f"{lead} {because}", icon=":material/block:")
    elif score.recommendation == REFER:
        because = _(
            "This request is for another body to decide (below); the affiliate should not agree to it on its own."
        )
        st.info(f"{lead} {because}", icon=":material/forward:")
    elif score.recommendation == INCOMPLETE:
        because = (
            _(
                "A red line is answered “not applicable” where this framework does not allow it: answer it with "
                "a level (see Why)."
            )
            if score.disallowed_not_applicable_red_lines
            else _("Answer the missing criteria before deciding.")
        )
        st.warning(f"{lead} {because}", icon=":material/pending:")
    elif band is not None and band == fw.bands[0]:
        st.success(f"{lead} {description}", icon=":material/check_circle:")
    elif band is not None and band == fw.bands[-1]:
        st.error(f"{lead} {description}", icon=":material/cancel:")
    else:
        st.warning(f"{lead} {description}", icon=":material/handshake:")
    columns = st.columns(3)
    columns[0].metric(
        _("Overall score"),
        "–"
        if score.overall is None
        else _("{score} / 100").format(score=format_number(score.overall, decimals=0)),
        help=_("Weighted mean of the dimension scores (0-100)."),
    )
    columns[1].metric(
        _("Answered"),
        _("{answered} of {applicable}").format(answered=score.answered, applicable=score.applicable),
        help=_(
            "{completeness} of the applicable criteria (“not applicable” counts as answered); the framework "
            "asks for at least {minimum}."
        ).format(
            completeness=format_percent(score.completeness), minimum=format_percent(fw.min_completeness)
        ),
    )
    columns[2].metric(_("Red lines hit"), str(len(score.red_lines)))
    verdict_view.referral_box(verdict.referrals)
    verdict_view.robustness(fw, verdict)


def why(loaded: Loaded, verdict: Verdict) -> None:
    """The reasons behind the recommendation, in the order a team would check them."""
    fw, score = loaded.framework, loaded.score
    st.subheader(_("Why"), anchor=False)
    verdict_view.not_applicable_red_lines(fw, score)
    verdict_view.questions_for_partner(verdict)
    for cid in score.red_lines:
        criterion = fw.criterion(cid)
        if criterion is None or criterion.red_line is None:
            continue
        level = loaded.assessment.levels.get(cid)
        found = fw.level(level) if isinstance(level, int) else None
        answered = f"{level} {common.tr(found.label)}" if found else str(level)
        st.error(
            _(
                "**Red line hit: {question}**  \nAnswered {answer} (red line at {level} or below). {reason}"
            ).format(
                question=common.md(common.tr(criterion.question)),
                answer=common.md(answered),
                level=criterion.red_line.at_or_below,
                reason=common.md(common.tr(criterion.red_line.reason)),
            ),
            icon=":material/dangerous:",
        )
    st.markdown("\n".join(f"- {line}" for line in _why_lines(fw, score)))
    note = translated(loaded.basis.note)
    if loaded.basis.basis == CURRENT_VERSION and not note:
        note = _("Draft: scored against the current version of its framework; finalising freezes the result.")
    if note:
        st.caption(f":material/info: {common.md(note)}")
    if loaded.orphans:
        count = len(loaded.orphans)
        label = ngettext(
            "{count} answer to criteria this framework no longer has",
            "{count} answers to criteria this framework no longer has",
            count,
        ).format(count=count)
        with st.expander(label):
            st.dataframe(
                pd.DataFrame(
                    [
                        {_("Criterion"): cid, _("Level"): str(ans.level), _("Notes"): ans.notes or ""}
                        for cid, ans in loaded.orphans.items()
                    ]
                ),
                hide_index=True,
            )


def _why_lines(fw: Framework, score: ScoreResult) -> list[str]:
    lines = []
    if score.applicable == 0:
        lines.append(
            _("The framework has no criteria for this partnership type, so there is nothing to score.")
        )
    else:
        values = {
            "completeness": format_percent(score.completeness),
            "count": score.applicable,
            "minimum": format_percent(fw.min_completeness),
        }
        if score.completeness >= fw.min_completeness:
            text = ngettext(
                "Completeness: {completeness} of {count} applicable criterion answered; this meets the "
                "framework’s minimum of {minimum}.",
                "Completeness: {completeness} of {count} applicable criteria answered; this meets the "
                "framework’s minimum of {minimum}.",
                score.applicable,
            )
        else:
            text = ngettext(
                "Completeness: {completeness} of {count} applicable criterion answered; this is below the "
                "framework’s minimum of {minimum}.",
                "Completeness: {completeness} of {count} applicable criteria answered; this is below the "
                "framework’s minimum of {minimum}.",
                score.applicable,
            )
        lines.append(text.format(**values))
    if score.unanswered_red_lines:
        names = "; ".join(common.md(common.tr(fw.criterion(c).question)) for c in score.unanswered_red_lines)
        lines.append(
            _(
                "Red-line criteria not answered yet (each must be answered before a recommendation): {names}"
            ).format(names=names)
        )
    if not score.red_lines and score.recommendation not in (BLOCKED, INCOMPLETE, REFER):
        lines.append(_("No red line is hit, so the overall score decides the band."))
    return lines


# -- conditions ----------------------------------------------------------------------------------------------
def target_level_chosen(fw: Framework) -> int:
    """The level to reach as chosen on this page (the control is drawn further down, with the conditions)."""
    chosen = st.session_state.get("result_target")
    return chosen if chosen in fw.level_values[1:] else default_target(fw)


def target_level(fw: Framework) -> int:
    values = list(fw.level_values)
    labels = {v: f"{v} {common.tr(fw.level(v).label)}" for v in values}
    chosen = st.segmented_control(
        _("Level to reach"),
        values[1:],
        default=default_target(fw),
        key="result_target",
        format_func=labels.get,
        help=_("Criteria answered below this level are listed; red-line hits always are."),
    )
    return default_target(fw) if chosen is None else chosen


def conditions(verdict: Verdict, found: list[Condition]) -> None:
    if not found:
        st.success(
            _("No answer is below the level to reach: nothing to negotiate."), icon=":material/thumb_up:"
        )
        return
    verdict_view.ranked_conditions(verdict, found, _condition)


def _condition(rank: int, c: Condition) -> None:
    with st.container(border=True):
        badge = " :red-badge[:material/dangerous: " + _("red line") + "]" if c.red_line else ""
        movement = _("{dimension} · now **{now}** → reach **{target}**").format(
            dimension=common.md(c.dimension_title),
            now=f"{c.current_level} {common.md(c.current_label)}",
            target=f"{c.target_level} {common.md(c.target_label)}",
        )
        points = (
            ""
            if c.red_line
            else " · " + _("+{points} overall points").format(points=format_number(c.points, decimals=1))
        )
        st.markdown(f"**{rank}. {common.md(c.question)}**{badge}  \n{movement}{points}")
        if c.target_text:
            source = "" if c.target_text_is_rubric else " " + _("(the scale’s general description)")
            st.markdown("> " + _("**Aim for:** {text}").format(text=common.md(c.target_text)) + source)
        if c.red_line:
            st.caption(common.md(c.red_line_reason))
        if c.notes:
            st.caption(_("Team notes: {notes}").format(notes=common.md(c.notes)))
