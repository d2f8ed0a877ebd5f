"""A shareable report of one assessment, in Markdown and in HTML, built from one document model.

Everything that comes from a file (partner name, notes, framework texts) is escaped for the format it goes
into: ``html.escape`` for HTML, backslash escapes for Markdown. Links are written only if they are http(s).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from partnerfit.assessment import Assessment
from partnerfit.conditions import Condition
from partnerfit.framework import Framework
from partnerfit.scoring import BLOCKED, INCOMPLETE, REFER, ScoreResult
from partnerfit.verdict import Verdict

# Every ASCII punctuation character may be backslash-escaped in CommonMark; these are the ones that can start
# markup (emphasis, links, HTML, headings, lists, tables, code, math and directives in Streamlit; '/' because
# Streamlit turns ':material/name:' into an icon even with its colons escaped).
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~&$:=\"'/])")
# In plain CommonMark/GFM (a downloaded .md file) fewer escapes are needed, which keeps the file readable:
# characters that open inline markup anywhere, and those that start a block only at the start of a line.
_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]<>|~&$#])")
_BLOCK_START = re.compile(r"^(\s*)([-+=>]|\d+(?=[.)]))")


def escape_markdown(text: str, *, streamlit: bool = True) -> str:
    """``text`` as literal Markdown: specials backslash-escaped, so nothing in it becomes markup.

    With ``streamlit=True`` (for ``st.markdown`` and friends) every special is escaped, including
    Streamlit's own ``:emoji:``, ``:color[...]`` and ``$math$``; with ``streamlit=False`` only what
    CommonMark and GitHub tables need, line by line.
    """
    if streamlit:
        return _MARKDOWN_SPECIALS.sub(r"\\\1", text)
    lines = []
    for line in text.split("\n"):
        line = _INLINE_SPECIALS.sub(r"\\\1", line)
        lines.append(_BLOCK_START.sub(lambda m: m.group(1) + _escape_block_start(m.group(2)), line))
    return "\n".join(lines)


def _escape_block_start(token: str) -> str:
    """'-' -> '\\-'; '12' (before '.' or ')') -> '12\\' so the '.' or ')' that follows is escaped."""
    return token + "\\" if token.isdigit() else "\\" + token


_MARKUP_IN_URL = {"<": "%3C", ">": "%3E", '"': "%22", "'": "%27", "`": "%60"}


def safe_link(url: str) -> str | None:
    """``url`` if it is an absolute http(s) link without spaces, with markup characters percent-encoded (as a
    browser would: ``https://fr.wikipedia.org/wiki/Musée_d'Orsay`` is a real link, not one to drop); else None.
    """
    if not isinstance(url, str) or re.search(r"\s", url):
        return None
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return "".join(_MARKUP_IN_URL.get(char, char) for char in url)


# -- the document model --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Link:
    url: str
    text: str | None = None


Cell = str | Link | list[Link]


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Paragraph:
    text: str
    strong: str = ""  # an optional bold lead-in


@dataclass(frozen=True)
class Bullets:
    items: list[str]


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[Cell]]


Block = Heading | Paragraph | Bullets | Table


@dataclass
class ReportInput:
    """What a report shows: the assessment, what it was scored with, its score and its conditions."""

    framework: Framework
    assessment: Assessment
    score: ScoreResult
    conditions: Sequence[Condition] = ()
    language: str = "en"
    basis_note: str = ""
    link: str | None = None
    generated: dt.date = field(default_factory=dt.date.today)
    verdict: Verdict | None = None  # what explains the recommendation (referral, robustness, questions, ...)


def recommendation_label(framework: Framework, recommendation: str, language: str = "en") -> str:
    """A recommendation id as words: a band's label, or what 'blocked' and 'incomplete' mean."""
    if recommendation == BLOCKED:
        return "Blocked by a red line"
    if recommendation == INCOMPLETE:
        return "Incomplete: not enough answers to recommend"
    if recommendation == REFER:
        return "Refer: not ours to decide"
    band = framework.band(recommendation)
    return framework.label(band.label, language) if band else recommendation


def format_score(value: float | None, missing: str = "–") -> str:
    return missing if value is None else f"{value:.0f}"


def build_document(data: ReportInput) -> tuple[str, list[Block]]:
    """The report's title and blocks, texts in ``data.language`` (unescaped: renderers escape)."""
    fw, a, score, lang = data.framework, data.assessment, data.score, data.language
    label = fw.label
    title = f"Partnership assessment: {a.partner.name}"
    blocks: list[Block] = [
        Table(
            ["", ""],
            [
                ["Partner", a.partner.name + (f" ({a.partner.country})" if a.partner.country else "")],
                ["Affiliate", a.affiliate],
                ["Region", a.region],
                ["Partnership types", fw.describe_types(a.partnership_types, lang)],
                ["Size", a.size or "–"],
                ["Status", a.status],
                ["Date", a.date.isoformat() if a.date else "–"],
                ["Assessors", ", ".join(a.assessors) or "–"],
                ["Framework", f"{label(fw.title, lang)} ({fw.id} {fw.version})"],
            ],
        ),
        Heading("Recommendation"),
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
    if data.basis_note:
        blocks.append(Paragraph(data.basis_note, strong="Note"))
    if data.verdict is not None:
        blocks += _verdict_blocks(fw, data.verdict)
    blocks += _why_blocks(fw, score, lang)
    if a.summary:
        blocks += [Heading("Summary"), Paragraph(a.summary)]
    blocks += [
        Heading("Scores"),
        Table(
            ["Dimension", "Weight", "Score (0-100)"],
            [
                [
                    label(d.title, lang),
                    f"{d.weight:g}",
                    format_score(score.dimensions.get(d.id), "not scored"),
                ]
                for d in fw.dimensions
            ]
            + [["Overall", "", format_score(score.overall)]],
        ),
    ]
    blocks += _condition_blocks(data.conditions, blocked=score.recommendation == BLOCKED)
    blocks += _partner_blocks(fw, a, data.conditions, lang)
    blocks += team_and_condition_blocks(fw, a, lang)
    blocks += _criterion_blocks(fw, a, lang)
    footer = (
        f"Generated by partnerfit on {data.generated.isoformat()}. "
        f"Assessment id {a.id}, revision {a.revision}."
    )
    blocks.append(Paragraph(footer))
    link = safe_link(data.link) if data.link else None
    if link:
        blocks.append(Table(["Open this result in partnerfit"], [[Link(link)]]))
    return title, blocks


def _partner_blocks(fw: Framework, a: Assessment, conditions: Sequence[Condition], lang: str) -> list[Block]:
    from partnerfit.partner_report import partner_blocks  # it builds on this module's blocks

    return partner_blocks(fw, a, conditions, lang)


def _recommendation_sentence(fw: Framework, score: ScoreResult, lang: str) -> str:
    completeness = f"{score.completeness:.0%} of the {score.applicable} applicable criteria answered"
    if score.recommendation == BLOCKED:
        return (
            f"At least one red line is hit; the overall score does not matter until it is resolved "
            f"({completeness})."
        )
    if score.recommendation == INCOMPLETE:
        return (
            f"Overall {format_score(score.overall)} / 100, but {completeness} (the framework asks for at "
            "least "
            f"{fw.min_completeness:.0%}, with every applicable red-line criterion answered)."
        )
    band = fw.band(score.recommendation)
    description = fw.label(band.description, lang) if band and band.description else ""
    return f"Overall {format_score(score.overall)} / 100; {completeness}. {description}".strip()


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
                text += " Reason: " + fw.label(criterion.red_line.reason, lang)
            out.append(text)
        return out

    if score.red_lines:
        blocks += [Heading("Red lines hit"), Bullets(items(score.red_lines, True))]
    if score.unanswered_red_lines:
        blocks += [
            Heading("Red-line criteria not answered yet"),
            Bullets(items(score.unanswered_red_lines, False)),
        ]
    if score.not_applicable_red_lines:
        blocks += [
            Heading("Red-line criteria answered 'not applicable'"),
            Bullets(items(score.not_applicable_red_lines, False)),
        ]
    return blocks


def _verdict_blocks(fw: Framework, verdict: Verdict) -> list[Block]:
    """Why, in sentences; the referral; whether the result is robust; questions to put to the partner."""
    blocks: list[Block] = [Bullets([f"Because {reason}." for reason in verdict.reasons])]
    for referral in verdict.referrals:
        blocks.append(Paragraph(f"Refer to {referral.body}: {referral.reason}", strong="Not ours to decide."))
        link = safe_link(referral.url)
        if link:
            blocks.append(Table(["Where to go"], [[Link(link, referral.body)]]))
    robustness = verdict.robustness
    if robustness.fragile:
        names = [fw.label(c.question) for cid in robustness.deciding_criteria if (c := fw.criterion(cid))]
        names += [
            f"the weight of {fw.label(d.title)}"
            for did in robustness.deciding_dimensions
            if (d := fw.dimension(did))
        ]
        blocks += [
            Paragraph(
                "a one-level change of one of these answers, or +/-20% of one of these weights, changes the "
                "recommendation:",
                strong="Fragile:",
            ),
            Bullets(names),
        ]
    else:
        blocks.append(
            Paragraph(
                "no one-level change of a single answer or +/-20% of a dimension weight changes it.",
                strong="Robust:",
            )
        )
    for item in verdict.red_lines_not_applicable:
        condition = f"allowed when: {item.na_when}" if item.allowed else "not allowed by this framework"
        blocks.append(Paragraph(f"{item.question} ({condition})", strong="Red line answered not applicable:"))
    if verdict.questions:
        blocks += [
            Heading("Questions to put to the partner"),
            Bullets([q.question + (f" ({q.notes})" if q.notes else "") for q in verdict.questions]),
        ]
    return blocks


def _condition_blocks(conditions: Sequence[Condition], *, blocked: bool = False) -> list[Block]:
    """The conditions, most severe first; a blocked result lists the red lines to lift, then what would follow."""
    if not conditions:
        return [
            Heading("Conditions to agree with the partner"),
            Paragraph("No answer is below the target level: nothing to negotiate."),
        ]
    headers = ["#", "Dimension", "Criterion", "Now", "Level to reach", "Why"]
    if blocked:
        lift = [c for c in conditions if c.red_line]
        rest = [c for c in conditions if not c.red_line]
        blocks: list[Block] = [
            Heading("Decline, or the partner must change:"),
            Table(headers, _rows(lift, 1)),
        ]
        if rest:
            blocks += [
                Heading("If the partner lifts the red lines, also agree", level=3),
                Table(headers, _rows(rest, len(lift) + 1)),
            ]
        return blocks
    return [
        Heading("Conditions to agree with the partner"),
        Paragraph(
            "Most severe first: red lines, then answers at the lowest level, then by how much reaching the "
            "level would raise the overall score. Turn each into a written condition of the agreement."
        ),
        Table(headers, _rows(conditions, 1)),
    ]


def _rows(conditions: Sequence[Condition], start: int) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for rank, c in enumerate(conditions, start=start):
        reach = f"{c.target_level} {c.target_label}" + (f": {c.target_text}" if c.target_text else "")
        why = "Red line: " + c.red_line_reason if c.red_line else f"+{c.points:.1f} overall points"
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
                f"{criterion.weight:g}",
                (answer.notes or "") if answer else "",
                links,
                sources,
            ]
        )
    return [
        Heading("Answers"),
        Table(["Dimension", "Criterion", "Level", "Weight", "Notes", "Evidence", "Sources"], rows),
    ]


# -- Markdown ------------------------------------------------------------------------------------------------
def _md_inline(text: str) -> str:
    return escape_markdown(" ".join(text.split()), streamlit=False)


def _md_cell(cell: Cell) -> str:
    if isinstance(cell, Link):
        return f"[{_md_inline(cell.text)}](<{cell.url}>)" if cell.text else f"<{cell.url}>"
    if isinstance(cell, list):
        return " ".join(_md_cell(link) for link in cell)
    return _md_inline(cell)


def to_markdown(data: ReportInput) -> str:
    """The report as Markdown; every text escaped, so it renders literally."""
    title, blocks = build_document(data)
    out = [f"# {_md_inline(title)}", ""]
    for block in blocks:
        if isinstance(block, Heading):
            out += [f"{'#' * block.level} {_md_inline(block.text)}", ""]
        elif isinstance(block, Paragraph):
            lead = f"**{_md_inline(block.strong)}**: " if block.strong else ""
            out += [
                lead + "\n".join(_md_inline(line) for line in block.text.splitlines() if line.strip()),
                "",
            ]
        elif isinstance(block, Bullets):
            out += [f"- {_md_inline(item)}" for item in block.items] + [""]
        else:
            headers = [_md_inline(h) or " " for h in block.headers]
            out.append("| " + " | ".join(headers) + " |")
            out.append("|" + "|".join("---" for _ in headers) + "|")
            out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in block.rows]
            out.append("")
    return "\n".join(out)


# -- HTML ----------------------------------------------------------------------------------------------------
_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:60rem;margin:2rem auto;
padding:0 1rem;line-height:1.45;color:#1b1b1b}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:1.8rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.92rem}
th,td{border:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}td{overflow-wrap:anywhere}
@media print{body{margin:0;max-width:none}a{color:inherit}}
"""


def _html_cell(cell: Cell) -> str:
    if isinstance(cell, Link):
        url = html.escape(cell.url, quote=True)
        return f'<a href="{url}" rel="noopener noreferrer">{html.escape(cell.text or cell.url)}</a>'
    if isinstance(cell, list):
        return "<br>".join(_html_cell(link) for link in cell)
    return html.escape(cell)


def to_html(data: ReportInput) -> str:
    """The report as a standalone HTML page (print it to PDF from a browser); every text escaped."""
    title, blocks = build_document(data)
    body = [f"<h1>{html.escape(title)}</h1>"]
    for block in blocks:
        if isinstance(block, Heading):
            level = min(max(block.level, 2), 6)
            body.append(f"<h{level}>{html.escape(block.text)}</h{level}>")
        elif isinstance(block, Paragraph):
            lead = f"<strong>{html.escape(block.strong)}</strong>: " if block.strong else ""
            text = "<br>".join(html.escape(line) for line in block.text.splitlines() if line.strip())
            body.append(f"<p>{lead}{text}</p>")
        elif isinstance(block, Bullets):
            body.append("<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in block.items) + "</ul>")
        else:
            head = (
                "<tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in block.headers) + "</tr>"
                if any(block.headers)
                else ""
            )
            rows = "".join(
                "<tr>" + "".join(f"<td>{_html_cell(c)}</td>" for c in row) + "</tr>" for row in block.rows
            )
            body.append(f"<table>{head}{rows}</table>")
    return (
        '<!DOCTYPE html>\n<html lang="' + html.escape(data.language, quote=True) + '"><head>'
        '<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )
