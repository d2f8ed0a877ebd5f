"""The Result page's parts: choosing and loading one assessment, the recommendation and why, conditions,
answers.

Every text from a file goes through ``common.md`` (Markdown) or into a dataframe; the pages call these in
order.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

import pandas as pd
import streamlit as st

from partnerfit.assessment import Answer, Assessment, check_against_framework, orphan_answers, region_label
from partnerfit.catalog import FrameworkCatalog
from partnerfit.conditions import Condition, default_target
from partnerfit.errors import NOT_FOUND, ValidationError, translated
from partnerfit.framework import Framework
from partnerfit.report import ReportInput, recommendation_label, safe_link, to_html, to_markdown
from partnerfit.results import CURRENT_VERSION, FrameworkBasis, framework_for
from partnerfit.scoring import BLOCKED, INCOMPLETE, REFER, ScoreResult, score_assessment
from partnerfit.store import AssessmentRecord, Store
from partnerfit.ui import common, verdict_view
from partnerfit.ui.data import Collection
from partnerfit.verdict import Verdict

CHOICE_KEY = "result_assessment"


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
def _choice_label(record: AssessmentRecord) -> str:
    date = record.date.isoformat() if record.date else "no date"
    return f"{record.partner_name} · {record.affiliate} · {date} · {record.status}"


def _sync_query_param() -> None:
    chosen = st.session_state.get(CHOICE_KEY)
    if chosen:
        st.query_params["id"] = chosen
    else:
        st.query_params.pop("id", None)


def choose_record(collection: Collection) -> AssessmentRecord | None:
    """The assessment named by ``?id=``, else the one picked in the selectbox (which then sets ``?id=``)."""
    records = sorted(collection.records, key=lambda r: (r.date is None, r.date), reverse=True)
    by_id = {r.id: r for r in records}
    wanted = st.query_params.get("id")
    if wanted and wanted not in by_id:
        st.error(
            f"Assessment {common.code(wanted)}: {NOT_FOUND}. It may have been moved or deleted, or not be "
            "shared with you; choose one below.",
            icon=":material/search_off:",
        )
    elif wanted:
        st.session_state[CHOICE_KEY] = wanted
    chosen = st.selectbox(
        "Assessment",
        list(by_id),
        key=CHOICE_KEY,
        index=None,
        placeholder="Choose an assessment",
        format_func=lambda aid: _choice_label(by_id[aid]),
        on_change=_sync_query_param,
        help="Newest first. Partner · affiliate · date · status",
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
        facts.append(a.size)
    facts += [a.date.isoformat() if a.date else "no date", "final" if a.status == "final" else "draft"]
    st.caption(
        " · ".join(common.md(f) for f in facts)
        + f"  \nFramework: {common.md(common.tr(fw.title))} ({common.md(fw.id)} {common.md(fw.version)})"
    )


def recommendation(loaded: Loaded, verdict: Verdict) -> None:
    fw, score = loaded.framework, loaded.score
    label = common.md(recommendation_label(fw, score.recommendation, common.language()))
    band = fw.band(score.recommendation)
    description = common.md(common.tr(band.description)) if band and band.description else ""
    if score.recommendation == BLOCKED:
        st.error(
            f"**Recommendation: {label}.** A red line is hit: do not proceed unless the partner changes "
            "what the red line below names. The scores do not outweigh it.",
            icon=":material/block:",
        )
    elif score.recommendation == REFER:
        st.info(
            f"**Recommendation: {label}.** This request is for another body to decide (below); the affiliate "
            "should not agree to it on its own.",
            icon=":material/forward:",
        )
    elif score.recommendation == INCOMPLETE:
        because = (
            "A red line is answered 'not applicable' where this framework does not allow it: answer it with a "
            "level (see Why)."
            if score.disallowed_not_applicable_red_lines
            else "Answer the missing criteria before deciding."
        )
        st.warning(f"**Recommendation: {label}.** {because}", icon=":material/pending:")
    elif band is not None and band == fw.bands[0]:
        st.success(f"**Recommendation: {label}.** {description}", icon=":material/check_circle:")
    elif band is not None and band == fw.bands[-1]:
        st.error(f"**Recommendation: {label}.** {description}", icon=":material/cancel:")
    else:
        st.warning(f"**Recommendation: {label}.** {description}", icon=":material/handshake:")
    columns = st.columns(3)
    columns[0].metric(
        "Overall score",
        "–" if score.overall is None else f"{score.overall:.0f} / 100",
        help="Weighted mean of the dimension scores (0-100).",
    )
    columns[1].metric(
        "Answered",
        f"{score.answered} of {score.applicable}",
        help=f"{score.completeness:.0%} of the applicable criteria ('not applicable' counts as "
        f"answered); the framework asks for at least {fw.min_completeness:.0%}.",
    )
    columns[2].metric("Red lines hit", str(len(score.red_lines)))
    verdict_view.referral_box(verdict.referrals)
    verdict_view.robustness(fw, verdict)


def why(loaded: Loaded, verdict: Verdict) -> None:
    """The reasons behind the recommendation, in the order a team would check them."""
    fw, score = loaded.framework, loaded.score
    st.subheader("Why", anchor=False)
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
            f"**Red line hit: {common.md(common.tr(criterion.question))}**  \nAnswered "
            f"{common.md(answered)} (red line at {criterion.red_line.at_or_below} or below). "
            f"{common.md(common.tr(criterion.red_line.reason))}",
            icon=":material/dangerous:",
        )
    lines = []
    if score.applicable == 0:
        lines.append("The framework has no criteria for this partnership type, so there is nothing to score.")
    else:
        verdict = "meets" if score.completeness >= fw.min_completeness else "is below"
        lines.append(
            f"Completeness: {score.completeness:.0%} of {score.applicable} applicable criteria answered; "
            f"this {verdict} the framework's minimum of {fw.min_completeness:.0%}."
        )
    if score.unanswered_red_lines:
        names = "; ".join(common.md(common.tr(fw.criterion(c).question)) for c in score.unanswered_red_lines)
        lines.append(
            f"Red-line criteria not answered yet (each must be answered before a recommendation): {names}"
        )
    if not score.red_lines and score.recommendation not in (BLOCKED, INCOMPLETE, REFER):
        lines.append("No red line is hit, so the overall score decides the band.")
    st.markdown("\n".join(f"- {line}" for line in lines))
    note = translated(loaded.basis.note)
    if loaded.basis.basis == CURRENT_VERSION and not note:
        note = "Draft: scored against the current version of its framework; finalising freezes the result."
    if note:
        st.caption(f":material/info: {common.md(note)}")
    if loaded.orphans:
        with st.expander(f"{len(loaded.orphans)} answer(s) to criteria this framework no longer has"):
            st.dataframe(
                pd.DataFrame(
                    [
                        {"criterion": cid, "level": str(ans.level), "notes": ans.notes or ""}
                        for cid, ans in loaded.orphans.items()
                    ]
                ),
                hide_index=True,
            )


# -- conditions ----------------------------------------------------------------------------------------------
def target_level_chosen(fw: Framework) -> int:
    """The level to reach as chosen on this page (the control is drawn further down, with the conditions)."""
    chosen = st.session_state.get("result_target")
    return chosen if chosen in fw.level_values[1:] else default_target(fw)


def target_level(fw: Framework) -> int:
    values = list(fw.level_values)
    labels = {v: f"{v} {common.tr(fw.level(v).label)}" for v in values}
    chosen = st.segmented_control(
        "Level to reach",
        values[1:],
        default=default_target(fw),
        key="result_target",
        format_func=labels.get,
        help="Criteria answered below this level are listed; red-line hits always are.",
    )
    return default_target(fw) if chosen is None else chosen


def conditions(verdict: Verdict, found: list[Condition]) -> None:
    if not found:
        st.success("No answer is below the level to reach: nothing to negotiate.", icon=":material/thumb_up:")
        return
    verdict_view.ranked_conditions(verdict, found, _condition)


def _condition(rank: int, c: Condition) -> None:
    with st.container(border=True):
        badge = " :red-badge[:material/dangerous: red line]" if c.red_line else ""
        st.markdown(
            f"**{rank}. {common.md(c.question)}**{badge}  \n"
            f"{common.md(c.dimension_title)} · now **{c.current_level} {common.md(c.current_label)}** → "
            f"reach **{c.target_level} {common.md(c.target_label)}**"
            + ("" if c.red_line else f" · +{c.points:.1f} overall points")
        )
        if c.target_text:
            source = "" if c.target_text_is_rubric else " (the scale's general description)"
            st.markdown(f"> **Aim for:** {common.md(c.target_text)}{source}")
        if c.red_line:
            st.caption(common.md(c.red_line_reason))
        if c.notes:
            st.caption("Team notes: " + common.md(c.notes))


# -- answers -------------------------------------------------------------------------------------------------
def answers_table(loaded: Loaded) -> None:
    fw, a = loaded.framework, loaded.assessment
    rows, links = [], []
    for criterion in fw.applicable_criteria(a.partnership_types, a.size):
        answer = a.answers.get(criterion.id)
        shown = fw.describe_answer(answer.level if answer else None, common.language())
        dimension = fw.dimension(criterion.dimension_id)
        evidence = [link for link in map(safe_link, answer.evidence if answer else []) if link]
        question = common.tr(criterion.question)
        rows.append(
            {
                "Criterion": question,
                "Level": shown,
                "Notes": (answer.notes or "") if answer else "",
                "Evidence": len(evidence),
                "Dimension": common.tr(dimension.title) if dimension else criterion.dimension_id,
                "Weight": criterion.weight,
                "Red line": "yes" if criterion.red_line else "",
            }
        )
        links += [{"Criterion": question, "Link": url} for url in evidence]
    st.dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        key="result_answers",
        height=min(35 * len(rows) + 40, 600),
        column_config={
            "Criterion": st.column_config.TextColumn(width="large"),
            "Notes": st.column_config.TextColumn(width="medium"),
            "Weight": st.column_config.NumberColumn(format="%g"),
            "Evidence": st.column_config.NumberColumn("Evidence links", format="%d"),
        },
    )
    sources = [c for c in fw.applicable_criteria(a.partnership_types, a.size) if c.sources]
    if sources:
        with st.expander(f"Sources behind the questions ({len(sources)} criteria)"):
            st.markdown(
                "\n".join(
                    f"- {common.md(common.tr(c.question))}: {verdict_view.sources_markdown(c)}"
                    for c in sources
                )
            )
    if links:
        st.caption("Evidence links")
        st.dataframe(
            pd.DataFrame(links),
            hide_index=True,
            key="result_evidence",
            column_config={
                "Criterion": st.column_config.TextColumn(width="large"),
                "Link": st.column_config.LinkColumn(width="large"),
            },
        )


# -- downloads and link --------------------------------------------------------------------------------------
def result_link(assessment_id: str) -> str:
    """The address that opens this result: this app's address with the page path ``result`` and ``?id=``."""
    current = st.context.url or ""
    parts = urlsplit(current)
    path = parts.path.rsplit("/", 1)[0] if parts.path else ""
    origin = f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""
    return f"{origin}{path}/result?id={quote(assessment_id)}"


def downloads(loaded: Loaded, verdict: Verdict, link: str) -> None:
    report = ReportInput(
        loaded.framework,
        loaded.assessment,
        loaded.score,
        verdict.conditions,
        language=common.language(),
        basis_note=loaded.basis.note,
        link=link,
        verdict=verdict,
    )
    stem = Path(loaded.record.path).stem
    downloads = (
        ("Assessment file (YAML)", loaded.text, f"{stem}.yaml", "application/yaml", "yaml", "download"),
        (
            "Report (Markdown)",
            to_markdown(report),
            f"{stem}-report.md",
            "text/markdown",
            "markdown",
            "description",
        ),
        (
            "Report (HTML, printable to PDF)",
            to_html(report),
            f"{stem}-report.html",
            "text/html",
            "html",
            "print",
        ),
    )
    for column, (label, data, file_name, mime, key, icon) in zip(st.columns(3), downloads, strict=True):
        column.download_button(
            label,
            data,
            file_name=file_name,
            mime=mime,
            key=f"result_download_{key}",
            icon=f":material/{icon}:",
            on_click="ignore",
        )
    st.caption(
        "Link that opens this result directly (share it with people who use this partnerfit installation):"
    )
    st.code(link, language=None)
