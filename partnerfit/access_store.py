"""Access control where data leaves the store: a wrapper that filters every read and checks every write.

``AccessControlledStore(inner, viewer)`` implements the ``Store`` interface over any store and applies
``partnerfit.access``'s rules to it. ``viewer=None`` is unrestricted (sign-in off, or the CLI without ``--as``).
Who wrote what, and when, is the inner store's history (the viewer is the author).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from partnerfit.access import (
    AccessList,
    Viewer,
    can_change_sharing,
    can_create,
    can_delete_draft,
    can_edit,
    can_finalise,
    can_manage_partner_links,
    can_read,
    sharing_of,
)
from partnerfit.assessment import SHARING, Assessment
from partnerfit.errors import AccessDeniedError, SaveConflictError, ValidationError
from partnerfit.framework import Framework
from partnerfit.i18n import N_, _
from partnerfit.partner_view import PartnerLink
from partnerfit.store import AssessmentRecord, LoadResult, NotFoundError, Revision, Store
from partnerfit.store.base import SAVE
from partnerfit.team import others_answers_changed

if TYPE_CHECKING:  # compare needs pandas, which the CLI's export does not load
    from partnerfit.compare import SimilarPartner


def visible(loaded: LoadResult, viewer: Viewer | None) -> LoadResult:
    """What ``viewer`` may see of a load: readable records only; file problems (their paths carry partner
    names) only for admins and unrestricted use."""
    if viewer is None:
        return loaded
    records = [r for r in loaded.records if can_read(viewer, r)]
    errors = loaded.errors if viewer.admin else []
    return replace(loaded, records=records, errors=errors)


_DENIED = {
    "change the sharing of": N_("{who} may not change the sharing of assessments of {affiliate}."),
    "finalise": N_("{who} may not finalise assessments of {affiliate}."),
    "delete drafts of": N_("{who} may not delete drafts of assessments of {affiliate}."),
    "create": N_("{who} may not create assessments of {affiliate}."),
    "change": N_("{who} may not change assessments of {affiliate}."),
    "add final": N_("{who} may not add final assessments of {affiliate}."),
    "send partner links for": N_("{who} may not send partner links for assessments of {affiliate}."),
    "withdraw partner links for": N_("{who} may not withdraw partner links for assessments of {affiliate}."),
    "change other assessors' answers in": N_(
        "{who} may not change other assessors' answers in assessments of {affiliate}."
    ),
}
"""What a viewer may not do, one sentence each (a new action without one here reads in English)."""


def _denied(what: str, assessment: Assessment | AssessmentRecord, viewer: Viewer | None) -> AccessDeniedError:
    who = viewer.email if viewer else _("this account")
    template = _DENIED.get(what)
    if template is None:
        return AccessDeniedError(f"{who} may not {what} assessments of {assessment.affiliate}.")
    return AccessDeniedError(_(template).format(who=who, affiliate=assessment.affiliate))


class AccessControlledStore(Store):
    """The store as ``viewer`` may use it: reads filtered, writes checked; the viewer is the author recorded in
    the history. Any ``Store`` can be wrapped (the folder store, the database)."""

    def __init__(self, inner: Store, viewer: Viewer | None):
        self.inner = inner
        self.viewer = viewer
        self.description = inner.description

    def _author(self, author: str | None) -> str | None:
        return self.viewer.email if self.viewer is not None else author

    # -- reads ---------------------------------------------------------------------------------------------
    def load_all(self, *, viewer: Viewer | None = None) -> LoadResult:
        return visible(self.inner.load_all(), self.viewer)

    def get(self, assessment_id: str, *, viewer: Viewer | None = None) -> Assessment:
        """The assessment, or ``NotFoundError`` with the same words whether it is missing or not readable."""
        try:
            assessment = self.inner.get(assessment_id)
        except ValidationError:
            if self.viewer is not None and not self.viewer.admin:
                raise NotFoundError(assessment_id) from None
            raise
        if not can_read(self.viewer, assessment):
            raise NotFoundError(assessment_id)
        return assessment

    def history(self, assessment_id: str, *, viewer: Viewer | None = None) -> list[Revision]:
        self.get(assessment_id)  # only for those who may read it
        return self.inner.history(assessment_id)

    def state(self) -> str:
        return self.inner.state()

    def similar_partners(self, name: str, **options) -> list[SimilarPartner]:
        """Movement-wide on purpose: show the matches through ``coordination_notices``, which hides what the
        viewer may not read."""
        options["viewer"] = None
        return self.inner.similar_partners(name, **options)

    def _unrestricted(self) -> bool:
        return self.viewer is None or self.viewer.admin

    def compare(self, filters, catalog, *, limit=None):
        """The inner store's answer (SQL on the database) for who may read everything; else over the
        readable assessments only."""
        if self._unrestricted():
            return self.inner.compare(filters, catalog, limit=limit)
        return super().compare(filters, catalog, limit=limit)

    def compare_trend(self, filters, catalog, *, period, by_region):
        if self._unrestricted():
            return self.inner.compare_trend(filters, catalog, period=period, by_region=by_region)
        return super().compare_trend(filters, catalog, period=period, by_region=by_region)

    def compare_options(self, base, catalog):
        if self._unrestricted():
            return self.inner.compare_options(base, catalog)
        return super().compare_options(base, catalog)

    def refresh_scores(self, catalog) -> int:
        return self.inner.refresh_scores(catalog)

    def file_text(self, assessment: Assessment) -> str:
        self.get(assessment.id)
        return self.inner.file_text(assessment)

    def read_snapshot(self, digest: str) -> Framework | None:
        return self.inner.read_snapshot(digest)

    def write_snapshot(self, framework: Framework) -> str:
        return self.inner.write_snapshot(framework)

    # -- writes --------------------------------------------------------------------------------------------
    def _stored(self, assessment_id: str) -> Assessment | None:
        try:
            return self.inner.get(assessment_id)
        except (NotFoundError, ValidationError):
            return None  # the inner store refuses to overwrite what it cannot read

    def _check_save(self, previous: Assessment | None, new: Assessment) -> None:
        viewer = self.viewer
        if previous is None:
            if not can_create(viewer, new.affiliate):
                raise _denied("create", new, viewer)
            if new.status == "final" and not can_finalise(viewer, new):
                raise _denied("add final", new, viewer)
            return
        if not can_read(viewer, previous):
            raise NotFoundError(previous.id)
        if not (can_edit(viewer, previous) and can_edit(viewer, new)):
            raise _denied("change", previous, viewer)
        if sharing_of(previous) != sharing_of(new) and not can_change_sharing(viewer, previous):
            raise _denied("change the sharing of", previous, viewer)
        if previous.status != new.status and not can_finalise(viewer, previous):
            raise _denied("finalise", previous, viewer)
        if (
            viewer is not None
            and not can_finalise(viewer, previous)
            and others_answers_changed(previous, new, viewer.email)
        ):
            raise _denied("change other assessors' answers in", previous, viewer)

    def create(self, assessment: Assessment, *, author: str | None = None) -> Assessment:
        """Add a new assessment if the viewer may; an id in use is refused without naming what holds it."""
        if self._stored(assessment.id) is None:
            self._check_save(None, assessment)
        elif self.viewer is not None:
            raise SaveConflictError(
                _("An assessment with id {id} already exists; it was not added again.").format(
                    id=repr(assessment.id)
                )
            )
        return self.inner.create(assessment, author=self._author(author))

    def save(self, assessment: Assessment, *, author: str | None = None, action: str = SAVE) -> Assessment:
        """Check the viewer's rights against the stored copy and the new one, then save."""
        self._check_save(self._stored(assessment.id), assessment)
        return self.inner.save(assessment, author=self._author(author), action=action)

    def finalise(
        self, assessment: Assessment, framework: Framework, *, author: str | None = None
    ) -> Assessment:
        if not can_finalise(self.viewer, assessment):
            raise _denied("finalise", assessment, self.viewer)
        return super().finalise(assessment, framework, author=author)

    def set_sharing(self, assessment: Assessment, sharing: str) -> Assessment:
        if sharing not in SHARING:
            raise AccessDeniedError(
                _("unknown sharing {sharing}; choose one of {choices}").format(
                    sharing=repr(sharing), choices=", ".join(SHARING)
                )
            )
        return self.save(assessment.model_copy(update={"sharing": sharing}))

    def withdraw(self, assessment_id: str, *, reason: str, author: str | None = None) -> Assessment:
        """Withdraw a final assessment if the viewer may finalise it (who may finalise may take it back)."""
        assessment = self.get(assessment_id)
        if not can_finalise(self.viewer, assessment):
            raise _denied("withdraw", assessment, self.viewer)
        return super().withdraw(assessment_id, reason=reason, author=self._author(author))

    def delete_draft(self, assessment_id: str, *, author: str | None = None) -> None:
        assessment = self.get(assessment_id)
        if not can_delete_draft(self.viewer, assessment):
            raise _denied("delete drafts of", assessment, self.viewer)
        self.inner.delete_draft(assessment_id, author=self._author(author))

    # -- partner links: made and withdrawn by coordinators; the token itself is the partner's only credential --
    def create_partner_link(self, link: PartnerLink) -> PartnerLink:
        assessment = self.get(link.assessment_id)
        if not can_manage_partner_links(self.viewer, assessment):
            raise _denied("send partner links for", assessment, self.viewer)
        return self.inner.create_partner_link(link)

    def partner_links(self, assessment_id: str) -> list[PartnerLink]:
        self.get(assessment_id)
        return self.inner.partner_links(assessment_id)

    def find_partner_link(self, token_hash: str) -> PartnerLink | None:
        return self.inner.find_partner_link(token_hash)

    def revoke_partner_link(self, token_hash: str, *, at) -> PartnerLink:
        link = self.inner.find_partner_link(token_hash)
        if link is None:
            raise NotFoundError(f"partner link {token_hash[:8]}")
        assessment = self.get(link.assessment_id)
        if not can_manage_partner_links(self.viewer, assessment):
            raise _denied("withdraw partner links for", assessment, self.viewer)
        return self.inner.revoke_partner_link(token_hash, at=at)

    def claim_partner_link(self, token_hash: str, *, at) -> bool:
        return self.inner.claim_partner_link(token_hash, at=at)

    def release_partner_link(self, token_hash: str) -> None:
        self.inner.release_partner_link(token_hash)


# -- coordination across sharing -------------------------------------------------------------------------------
@dataclass(frozen=True)
class CoordinationNotice:
    """An earlier assessment of a partner with a similar name, as the viewer may see it.

    For an assessment the viewer may not read, only the affiliate, the month and whom to contact: no partner
    name as stored, no score, verdict or notes (``match`` is None).
    """

    affiliate: str
    region: str
    month: str
    contacts: list[str] = field(default_factory=list)
    match: SimilarPartner | None = None

    @property
    def readable(self) -> bool:
        return self.match is not None


def coordination_notices(
    found: Sequence[SimilarPartner], viewer: Viewer | None, access: AccessList | None
) -> list[CoordinationNotice]:
    notices = []
    for match in found:
        record = match.record
        month = record.date.strftime("%Y-%m") if record.date else "undated"
        contacts = access.coordinators(record.affiliate) if access else []
        shown = match if can_read(viewer, record) else None
        notices.append(CoordinationNotice(record.affiliate, record.region, month, contacts, shown))
    return notices
