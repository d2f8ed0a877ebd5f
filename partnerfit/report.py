"""A shareable report of one assessment, in Markdown and in HTML, built from one document model
(``report_render``), with the Result page's charts as pictures and the comparison with past assessments
(``report_charts``). Texts are in the current language (``partnerfit.i18n``); framework texts in
``ReportInput.language``.

Everything that comes from a file (partner name, notes, framework texts) is escaped for the format it goes
into by the renderers. Links are written only if they are http(s).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from partnerfit.assessment import Assessment
from partnerfit.conditions import Condition
from partnerfit.framework import Framework
from partnerfit.i18n import N_, _, format_date, format_number, format_percent, using_language
from partnerfit.markup import escape_markdown, safe_link
from partnerfit.report_render import (
    Block,
    Bullets,
    Cell,
    Heading,
    Link,
    Paragraph,
    Table,
    render_html,
    render_markdown,
)
from partnerfit.robustness import WEIGHT_CHANGE
from partnerfit.scoring import BLOCKED, INCOMPLETE, REFER, ScoreResult
from partnerfit.unscored import unscored_reason
from partnerfit.verdict import Verdict

if (
    TYPE_CHECKING
):  # the charts need pandas and altair: only reports with charts load them (the CLI never does)
    import pandas as pd

    from partnerfit.report_charts import Comparison

__all__ = [
    "ReportInput",
    "build_document",
    "escape_markdown",
    "format_score",
    "recommendation_label",
    "safe_link",
    "size_word",
    "to_html",
    "to_markdown",
]


@dataclass
class ReportInput:
    """What a report shows: the assessment, what it was scored with, its score and its conditions; with
    ``charts``, the score chart and the comparison (``comparison``: this assessment among others; ``history``:
    this partner's assessments, ``charts.history_chart``'s frame)."""

    framework: Framework
    assessment: Assessment
    score: ScoreResult
    conditions: Sequence[Condition] = ()
    language: str = "en"
    basis_note: str = ""
    link: str | None = None
    generated: dt.date = field(default_factory=dt.date.today)
    verdict: Verdict | None = None  # what explains the recommendation (referral, robustness, questions, ...)
    charts: bool = False
    comparison: Comparison | None = None
    history: pd.DataFrame | None = None


def recommendation_label(framework: Framework, recommendation: str, language: str = "en") -> str:
    """A recommendation id as words: a band's label, or what 'blocked' and 'incomplete' mean."""
    if recommendation == BLOCKED:
        return _("Blocked by a red line")
    if recommendation == INCOMPLETE:
        return _("Incomplete: not enough answers to recommend")
    if recommendation == REFER:
        return _("Refer: not ours to decide")
    band = framework.band(recommendation)
    return framework.label(band.label, language) if band else recommendation


SIZE_WORDS = {"one-off": N_("one-off"), "project": N_("project"), "long-term": N_("long-term")}


def size_word(size: str | None) -> str:
    """A partnership's size (an id in files) as words in the current language; '–' when not given."""
    if not size:
        return "–"
    return _(SIZE_WORDS[size]) if size in SIZE_WORDS else size


def format_score(value: float | None, missing: str = "–") -> str:
    return missing if value is None else format_number(value, decimals=0)


def to_markdown(data: ReportInput) -> str:
    """The report as Markdown, in ``data.language``; every text escaped, so it renders literally."""
    with using_language(data.language):
        return render_markdown(*build_document(data))


def to_html(data: ReportInput) -> str:
    """The report as a standalone HTML page in ``data.language`` (print it to PDF from a browser)."""
    with using_language(data.language):
        return render_html(*build_document(data), data.language)


def build_document(data: ReportInput) -> tuple[str, list[Block]]:
    """The report's title and blocks, texts in the current language (unescaped: renderers escape)."""
    fw, a, score, lang = data.framework, data.assessment, data.score, data.language
    title = _("Partnership assessment: {partner}").format(partner=a.partner.name)
    blocks: list[Block] = [
        _facts(data),
        Heading(_("Recommendation")),
        Paragraph(
            _recommendation_sentence(fw, score, lang),
            strong=recommendation_label(fw, score.recommendation, lang),
        ),
    ]
    from partnerfit.follow_up import (
        outcome_blocks,
        team_and_condition_blocks,
    )  # it reads this module's blocks

    blocks += outcome_blocks(a)
    if a.status == "withdrawn" and a.withdrawal is not None:
        withdrawn = _("on {date} by {who}: {reason}").format(
            date=format_date(a.withdrawal.date), who=a.withdrawal.by or "–", reason=a.withdrawal.reason
        )
        blocks.append(Paragraph(withdrawn, strong=_("Withdrawn")))
    if a.completeness_override:
        blocks.append(
            Paragraph(
                _(
                    "finalised by a coordinator below the framework's minimum completeness. Reason given: {reason}"
                ).format(reason=a.completeness_override),
                strong=_("Completeness"),
            )
        )
    if data.basis_note:
        blocks.append(Paragraph(data.basis_note, strong=_("Note")))
    if data.verdict is not None:
        blocks += _verdict_blocks(fw, data.verdict, lang)
    blocks += _why_blocks(fw, score, lang)
    if a.summary:
        blocks += [Heading(_("Summary")), Paragraph(a.summary)]
    blocks += _score_blocks(data)
    blocks += _condition_blocks(data.conditions, blocked=score.recommendation == BLOCKED)
    blocks += _partner_blocks(fw, a, data.conditions, lang)
    blocks += team_and_condition_blocks(fw, a, lang)
    blocks += _criterion_blocks(fw, a, lang)
    footer = _("Generated by partnerfit on {date}. Assessment id {id}, revision {revision}.").format(
        date=format_date(data.generated), id=a.id, revision=a.revision
    )
    blocks.append(Paragraph(footer))
    link = safe_link(data.link) if data.link else None
    if link:
        blocks.append(Table([_("Open this result in partnerfit")], [[Link(link)]]))
    return title, blocks


def _facts(data: ReportInput) -> Table:
    fw, a, lang = data.framework, data.assessment, data.language
    statuses = {"final": _("final"), "draft": _("draft"), "withdrawn": _("withdrawn")}
    return Table(
        ["", ""],
        [
            [_("Partner"), a.partner.name + (f" ({a.partner.country})" if a.partner.country else "")],
            [_("Affiliate"), a.affiliate],
            [_("Region"), a.region],
            [_("Partnership types"), fw.describe_types(a.partnership_types, lang)],
            [_("Size"), size_word(a.size)],
            [_("Status"), statuses.get(a.status, a.status)],
            [_("Date"), format_date(a.date) if a.date else "–"],
            [_("Assessors"), ", ".join(a.assessors) or "–"],
            [_("Framework"), f"{fw.label(fw.title, lang)} ({fw.id} {fw.version})"],
        ],
    )


def _score_blocks(data: ReportInput) -> list[Block]:
    fw, a, score, lang = data.framework, data.assessment, data.score, data.language
    rows: list[list[Cell]] = [
        [
            fw.label(d.title, lang),
            format_number(d.weight),
            format_score(score.dimensions.get(d.id))
            if score.dimensions.get(d.id) is not None
            else unscored_reason(fw, a, d),
        ]
        for d in fw.dimensions
    ]
    rows.append([_("Overall"), "", format_score(score.overall)])
    blocks: list[Block] = [Heading(_("Scores"))]
    if data.charts:
        from partnerfit.report_charts import comparison_blocks, history_blocks, scores_blocks

        blocks += scores_blocks(fw, a, score)
    blocks.append(Table([_("Dimension"), _("Weight"), _("Score (0-100)")], rows))
    if data.charts:
        blocks += comparison_blocks(data.comparison)
        blocks += history_blocks(fw, data.history)
    return blocks


def _partner_blocks(fw: Framework, a: Assessment, conditions: Sequence[Condition], lang: str) -> list[Block]:
    from partnerfit.partner_report import partner_blocks  # it builds on this module's blocks

    return partner_blocks(fw, a, conditions, lang)


def _recommendation_sentence(fw: Framework, score: ScoreResult, lang: str) -> str:
    completeness = _("{completeness} of the {count} applicable criteria answered").format(
        completeness=format_percent(score.completeness), count=score.applicable
    )
    if score.recommendation == BLOCKED:
        return _(
            "At least one red line is hit; the overall score does not matter until it is resolved ({completeness})."
        ).format(completeness=completeness)
    if score.recommendation == INCOMPLETE:
        return _(
            "Overall {score} / 100, but {completeness} (the framework asks for at least {minimum}, with every "
            "applicable red-line criterion answered)."
        ).format(
            score=format_score(score.overall),
            completeness=completeness,
            minimum=format_percent(fw.min_completeness),
        )
    band = fw.band(score.recommendation)
    description = fw.label(band.description, lang) if band and band.description else ""
    sentence = _("Overall {score} / 100; {completeness}.").format(
        score=format_score(score.overall), completeness=completeness
    )
    return f"{sentence} {description}".strip()


def _why_blocks(fw: Framework, score: ScoreResult, lang: str) -> list[Block]:
    blocks: list[Block] = []

    def items(ids: Sequence[str], with_reason: bool) -> list[str]:
        out = []
        for cid in ids:
            criterion = fw.criterion(cid)
            if criterion is None:
                continue
            text = fw.label(criterion.question, lang)
            if with_reason and criterion.red_line:
                text += " " + _("Reason: {reason}").format(reason=fw.label(criterion.red_line.reason, lang))
            out.append(text)
        return out

    if score.red_lines:
        blocks += [Heading(_("Red lines hit")), Bullets(items(score.red_lines, True))]
    if score.unanswered_red_lines:
        blocks += [
            Heading(_("Red-line criteria not answered yet")),
            Bullets(items(score.unanswered_red_lines, False)),
        ]
    if score.not_applicable_red_lines:
        blocks += [
            Heading(_("Red-line criteria answered “not applicable”")),
            Bullets(items(score.not_applicable_red_lines, False)),
        ]
    return blocks


def _verdict_blocks(fw: Framework, verdict: Verdict, lang: str) -> list[Block]:
    """Why, in sentences; the referral; whether the result is robust; questions to put to the partner."""
    blocks: list[Block] = [
        Bullets([_("Because {reason}.").format(reason=reason) for reason in verdict.reasons])
    ]
    for referral in verdict.referrals:
        blocks.append(
            Paragraph(
                _("Refer to {body}: {reason}").format(body=referral.body, reason=referral.reason),
                strong=_("Not ours to decide"),
            )
        )
        link = safe_link(referral.url)
        if link:
            blocks.append(Table([_("Where to go")], [[Link(link, referral.body)]]))
    robustness = verdict.robustness
    if robustness.fragile:
        names = [
            fw.label(c.question, lang) for cid in robustness.deciding_criteria if (c := fw.criterion(cid))
        ]
        names += [
            _("the weight of {dimension}").format(dimension=fw.label(d.title, lang))
            for did in robustness.deciding_dimensions
            if (d := fw.dimension(did))
        ]
        blocks += [
            Paragraph(
                _(
                    "a one-level change of one of these answers, or {change} of one of these weights, changes the "
                    "recommendation:"
                ).format(change=weight_change()),
                strong=_("Fragile"),
            ),
            Bullets(names),
        ]
    else:
        blocks.append(
            Paragraph(
                _(
                    "no one-level change of a single answer or {change} of a dimension weight changes it."
                ).format(change=weight_change()),
                strong=_("Robust"),
            )
        )
    for item in verdict.red_lines_not_applicable:
        condition = (
            _("allowed when: {condition}").format(condition=item.na_when)
            if item.allowed
            else _("not allowed by this framework")
        )
        blocks.append(
            Paragraph(f"{item.question} ({condition})", strong=_("Red line answered not applicable"))
        )
    if verdict.questions:
        blocks += [
            Heading(_("Questions to put to the partner")),
            Bullets([q.question + (f" ({q.notes})" if q.notes else "") for q in verdict.questions]),
        ]
    return blocks


def _condition_blocks(conditions: Sequence[Condition], *, blocked: bool = False) -> list[Block]:
    """The conditions, most severe first; a blocked result lists the red lines to lift, then what would follow."""
    if not conditions:
        return [
            Heading(_("Conditions to agree with the partner")),
            Paragraph(_("No answer is below the target level: nothing to negotiate.")),
        ]
    headers = ["#", _("Dimension"), _("Criterion"), _("Now"), _("Level to reach"), _("Why")]
    if blocked:
        lift = [c for c in conditions if c.red_line]
        rest = [c for c in conditions if not c.red_line]
        blocks: list[Block] = [
            Heading(_("Decline, or the partner must change:")),
            Table(headers, _rows(lift, 1)),
        ]
        if rest:
            blocks += [
                Heading(_("If the partner lifts the red lines, also agree"), level=3),
                Table(headers, _rows(rest, len(lift) + 1)),
            ]
        return blocks
    return [
        Heading(_("Conditions to agree with the partner")),
        Paragraph(
            _(
                "Most severe first: red lines, then answers at the lowest level, then by how much reaching the "
                "level would raise the overall score. Turn each into a written condition of the agreement."
            )
        ),
        Table(headers, _rows(conditions, 1)),
    ]


def _rows(conditions: Sequence[Condition], start: int) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for rank, c in enumerate(conditions, start=start):
        reach = f"{c.target_level} {c.target_label}" + (f": {c.target_text}" if c.target_text else "")
        why = (
            _("Red line: {reason}").format(reason=c.red_line_reason)
            if c.red_line
            else _("+{points} overall points").format(points=format_number(c.points, decimals=1))
        )
        rows.append(
            [str(rank), c.dimension_title, c.question, f"{c.current_level} {c.current_label}", reach, why]
        )
    return rows


def _criterion_blocks(fw: Framework, a: Assessment, lang: str) -> list[Block]:
    rows: list[list[Cell]] = []
    for criterion in fw.applicable_criteria(a.partnership_types, a.size):
        answer = a.answers.get(criterion.id)
        shown = fw.describe_answer(answer.level if answer else None, lang)
        dimension = fw.dimension(criterion.dimension_id)
        links = [Link(u) for u in map(safe_link, answer.evidence if answer else []) if u]
        sources = [
            Link(u, fw.label(src.title, lang)) for src in criterion.sources if (u := safe_link(src.url))
        ]
        rows.append(
            [
                fw.label(dimension.title, lang) if dimension else criterion.dimension_id,
                fw.label(criterion.question, lang),
                shown,
                format_number(criterion.weight),
                (answer.notes or "") if answer else "",
                links,
                sources,
            ]
        )
    headers = [
        _("Dimension"),
        _("Criterion"),
        _("Level"),
        _("Weight"),
        _("Notes"),
        _("Evidence"),
        _("Sources"),
    ]
    return [Heading(_("Answers")), Table(headers, rows)]


def weight_change() -> str:
    """The weight change the robustness check tries ("±20%"), written the language's way."""
    return "±" + format_percent(WEIGHT_CHANGE)
