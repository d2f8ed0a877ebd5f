"""The Result page's answers (every criterion with its level, notes and evidence, whole) and what it shares:
the downloads (the file and the reports, with the charts and the comparison drawn above) and the direct link."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from urllib.parse import quote, urlsplit

import pandas as pd
import streamlit as st

from partnerfit.errors import translated
from partnerfit.i18n import _, format_number, ngettext
from partnerfit.report import ReportInput, safe_link, to_html, to_markdown
from partnerfit.report_charts import Comparison
from partnerfit.ui import common, verdict_view
from partnerfit.ui.result_view import Loaded
from partnerfit.ui.tables import literal_table
from partnerfit.verdict import Verdict


# -- answers -------------------------------------------------------------------------------------------------
def answer_rows(loaded: Loaded) -> tuple[list[dict[str, object]], list[dict[str, str]]]:
    """The answers table (one row per applicable criterion, headers translated) and the evidence links."""
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
                _("Dimension"): common.tr(dimension.title) if dimension else criterion.dimension_id,
                _("Criterion"): question,
                _("Level"): shown,
                _("Notes"): (answer.notes or "") if answer else "",
                _("Details"): _answer_details(criterion.weight, bool(criterion.red_line), len(evidence)),
            }
        )
        links += [
            {_("Link"): url, _("Criterion"): question} for url in evidence
        ]  # the link first: on a phone
    return rows, links


def _answer_details(weight: float, red_line: bool, links: int) -> str:
    """Weight, red line and evidence in one short column, so the table fits a page (and wraps on a phone)."""
    parts = [_("weight {weight}").format(weight=format_number(weight))]
    if red_line:
        parts.append(_("red line"))
    if links:
        parts.append(ngettext("{count} evidence link", "{count} evidence links", links).format(count=links))
    return " · ".join(parts)


def answers_table(loaded: Loaded) -> None:
    """Every answer with its criterion and notes in full: a static table per dimension wraps long text (a data
    grid cuts it at the column's width), with the criterion as each row's head and four columns, narrow enough
    for a phone."""
    fw, a = loaded.framework, loaded.assessment
    rows, links = answer_rows(loaded)
    table = pd.DataFrame(rows)
    for dimension, answers in table.groupby(_("Dimension"), sort=False) if rows else ():
        st.markdown(f"**{common.md(str(dimension))}**")
        literal_table(answers.drop(columns=[_("Dimension")]).set_index(_("Criterion")))
    sources = [c for c in fw.applicable_criteria(a.partnership_types, a.size) if c.sources]
    if sources:
        label = ngettext(
            "Sources behind the questions ({count} criterion)",
            "Sources behind the questions ({count} criteria)",
            len(sources),
        ).format(count=len(sources))
        with st.expander(label):
            st.markdown(
                "\n".join(
                    f"- {common.md(common.tr(c.question))}: {verdict_view.sources_markdown(c)}"
                    for c in sources
                )
            )
    if links:
        st.caption(_("Evidence links"))
        st.dataframe(
            pd.DataFrame(links),
            hide_index=True,
            key="result_evidence",
            column_config={
                _("Link"): st.column_config.LinkColumn(width="medium"),
                _("Criterion"): st.column_config.TextColumn(width="large"),
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


def downloads(
    loaded: Loaded,
    verdict: Verdict,
    link: str,
    comparison: Comparison | None = None,
    history: pd.DataFrame | None = None,
) -> None:
    """The file and the two reports (with the charts and the comparison drawn above), made when clicked."""
    report = ReportInput(
        loaded.framework,
        loaded.assessment,
        loaded.score,
        verdict.conditions,
        language=common.language(),
        basis_note=translated(loaded.basis.note),
        link=link,
        verdict=verdict,
        charts=True,
        comparison=comparison,
        history=history,
    )
    stem = Path(loaded.record.path).stem
    downloads = (
        (_("Assessment file (YAML)"), loaded.text, f"{stem}.yaml", "application/yaml", "yaml", "download"),
        (
            _("Report (Markdown)"),
            partial(to_markdown, report),
            f"{stem}-report.md",
            "text/markdown",
            "markdown",
            "description",
        ),
        (
            _("Report (HTML, printable to PDF)"),
            partial(to_html, report),
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
        _("Link that opens this result directly (share it with people who use this partnerfit installation):")
    )
    st.code(link, language=None)
