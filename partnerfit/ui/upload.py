"""Home's "open an assessment file someone sent": validate it, show its result without saving, or add it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from partnerfit.assessment import Assessment, check_against_framework
from partnerfit.catalog import FrameworkCatalog
from partnerfit.errors import PartnerfitError, ValidationError, translated
from partnerfit.i18n import _
from partnerfit.results import framework_for
from partnerfit.scoring import score_assessment
from partnerfit.store import parse_assessment_text
from partnerfit.ui import assess_state, data
from partnerfit.ui.common import (
    ASSESS_PAGE,
    RESULT_PAGE,
    code,
    md,
    recommendation_badge,
    show_error,
    tr,
)
from partnerfit.ui.data import Collection
from partnerfit.yamlio import MAX_ASSESSMENT_BYTES, decode_text, too_large


def uploaded_assessment(catalog: FrameworkCatalog, collection: Collection) -> None:
    upload = st.file_uploader(
        _("Assessment file (.yaml)"),
        type=["yaml", "yml"],
        key="home_upload",
        help=_("A file saved by partnerfit (at most 1 MiB), e.g. downloaded from a result page."),
    )
    if upload is None:
        return
    try:
        if upload.size > MAX_ASSESSMENT_BYTES:  # refused before its bytes are even looked at
            raise ValidationError(upload.name, [too_large(upload.size, MAX_ASSESSMENT_BYTES)])
        text = decode_text(upload.getvalue(), upload.name, max_bytes=MAX_ASSESSMENT_BYTES)
        assessment = parse_assessment_text(text, upload.name)
    except PartnerfitError as error:
        show_error(
            error,
            _("{file} is not a valid assessment file; nothing was saved.").format(file=md(upload.name)),
        )
        return
    st.success(
        _(
            "{file} is a valid assessment: **{partner}**, assessed by **{affiliate}** ({region}), {status}, "
            "framework {framework} {version}."
        ).format(
            file=f"**{md(upload.name)}**",
            partner=md(assessment.partner.name),
            affiliate=md(assessment.affiliate),
            region=md(assessment.region),
            status=_("final") if assessment.status == "final" else _("draft"),
            framework=md(assessment.framework.id),
            version=md(assessment.framework.version),
        ),
        icon=":material/check_circle:",
    )
    view, add = st.tabs([_("View its result"), _("Add it to our assessments")])
    with view:
        preview(assessment, catalog)
    with add:
        add_to_folder(assessment, collection)


def preview(assessment: Assessment, catalog: FrameworkCatalog) -> None:
    """The result of the uploaded assessment, computed here and not saved anywhere."""
    store = data.store()
    try:
        basis = framework_for(assessment.framework, assessment.status, catalog, store)
    except PartnerfitError as error:
        show_error(error, _("Its result cannot be computed here."))
        return
    framework = basis.framework
    if basis.note:
        st.caption(translated(basis.note))
    problems = check_against_framework(assessment, framework, strict=False)
    if problems:
        st.warning(
            _("The file does not fit the framework here:")
            + "\n\n"
            + "\n".join(f"- {md(p.render())}" for p in problems)
        )
        return
    score = score_assessment(framework, assessment)
    st.markdown(
        _("Recommendation: {recommendation}").format(
            recommendation=recommendation_badge(score.recommendation, framework.id, catalog)
        )
    )
    first, second, _gap = st.columns(3)
    first.metric(
        _("Overall score"),
        "–" if score.overall is None else _("{score} / 100").format(score=f"{score.overall:.0f}"),
    )
    second.metric(
        _("Questions answered"),
        _("{answered} of {applicable}").format(answered=score.answered, applicable=score.applicable),
    )
    for crit_id in score.red_lines:
        criterion = framework.criterion(crit_id)
        st.error(
            _("Red line hit: **{question}** {reason}").format(
                question=md(tr(criterion.question)), reason=md(tr(criterion.red_line.reason))
            )
        )
    rows = [
        {
            _("Dimension"): tr(d.title),
            _("Score (0-100)"): None if score.dimensions.get(d.id) is None else round(score.dimensions[d.id]),
        }
        for d in framework.dimensions
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    st.caption(_("Shown only: nothing was saved. Add it to your assessments to see it next to the others."))


def add_to_folder(assessment: Assessment, collection: Collection) -> None:
    """Add the file, exactly as it is, to the assessments folder through the store (``create``), which refuses
    an existing id or file name; an id already listed is pointed to before anything is offered."""
    existing = collection.record(assessment.id)
    if existing is not None:
        st.warning(
            _(
                "An assessment with this id ({id}) is already in your assessments folder: **{partner}** by "
                "{affiliate}, {status}, in {file}. It was not added again."
            ).format(
                id=code(assessment.id),
                partner=md(existing.partner_name),
                affiliate=md(existing.affiliate),
                status=_("final") if existing.status == "final" else _("draft"),
                file=code(existing.path.name),
            ),
            icon=":material/content_copy:",
        )
        target = RESULT_PAGE if existing.status == "final" else ASSESS_PAGE
        st.page_link(
            target,
            label=_("Open the one you already have"),
            icon=":material/open_in_new:",
            query_params={"id": existing.id},
        )
        return
    store = data.store()
    if assessment.status == "final":
        st.markdown(_("A final assessment is added exactly as it is, and opens on its result page."))
    else:
        st.markdown(
            _("The draft is added as it is and opens in the walk-through, where you can continue it.")
        )
    label = _("Add and open its result") if assessment.status == "final" else _("Add and continue the draft")
    if not st.button(label, key="home_add_upload", type="primary", icon=":material/save:"):
        return
    try:
        store.create(assessment, author=data.author())  # takes the lock; refuses an id or file name in use
    except PartnerfitError as error:
        show_error(error, _("It was not added."))
        return
    if assessment.status == "final":
        st.switch_page(RESULT_PAGE, query_params={"id": assessment.id})
    assess_state.reset()
    st.switch_page(ASSESS_PAGE, query_params={"id": assessment.id})
