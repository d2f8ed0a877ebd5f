"""Access control where data leaves the store: a wrapper that filters every read and checks every write.

``AccessControlledStore(inner, viewer)`` offers the store's methods and applies ``partnerfit.access``'s rules to
them, whatever the inner store is. ``viewer=None`` is unrestricted (sign-in off, or the CLI without ``--as``).
Every write is stamped in the assessment's ``audit`` (who and when).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from partnerfit.access import (
    AccessList,
    Viewer,
    can_change_sharing,
    can_create,
    can_delete_draft,
    can_edit,
    can_finalise,
    can_read,
    sharing_of,
)
from partnerfit.assessment import SHARING, Assessment, AuditEntry
from partnerfit.errors import NOT_FOUND, AccessDeniedError, NotFoundError, SaveConflictError, ValidationError
from partnerfit.framework import Framework
from partnerfit.store import AssessmentRecord, AssessmentStore, LoadResult


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def with_audit(
    assessment: Assessment, action: str, author: str | None, detail: str | None = None
) -> Assessment:
    entry = AuditEntry(at=now(), by=author, action=action, detail=detail)
    return assessment.model_copy(update={"audit": [*assessment.audit, entry]})


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


def _denied(what: str, assessment: Assessment | AssessmentRecord, viewer: Viewer | None) -> AccessDeniedError:
    who = viewer.email if viewer else "you"
    return AccessDeniedError(f"{who} may not {what} assessments of {assessment.affiliate}.")


class AccessControlledStore:
    """The store as ``viewer`` may use it: reads filtered, writes checked and audited."""

    def __init__(self, inner: AssessmentStore, viewer: Viewer | None):
        self.inner = inner
        self.viewer = viewer

    @property
    def root(self) -> Path:
        return self.inner.root

    @property
    def author(self) -> str | None:
        return self.viewer.email if self.viewer else None

    # -- reads ---------------------------------------------------------------------------------------------
    def load_all(self, **options) -> LoadResult:
        return visible(self.inner.load_all(**options), self.viewer)

    def get(self, assessment_id: str) -> Assessment:
        """The assessment, or ``NotFoundError`` with the same words whether it is missing or not readable."""
        record = self.inner.find(assessment_id)
        if record is None or not can_read(self.viewer, record):
            raise NotFoundError(NOT_FOUND)
        return self.read(record.path)

    def read(self, path: Path | str) -> Assessment:
        try:
            assessment = self.inner.read(path)
        except ValidationError:
            if self.viewer is not None and not self.viewer.admin:
                raise NotFoundError(NOT_FOUND) from None
            raise
        if not can_read(self.viewer, assessment):
            raise NotFoundError(NOT_FOUND)
        return assessment

    def history(self, assessment_id: str) -> list[AuditEntry]:
        """Who did what, when (oldest first): the assessment's audit, for those who may read it."""
        return list(self.get(assessment_id).audit)

    def path_for(self, assessment: Assessment) -> Path:
        return self.inner.path_for(assessment)

    def read_snapshot(self, digest: str) -> Framework | None:
        return self.inner.read_snapshot(digest)

    def write_snapshot(self, framework: Framework) -> str:
        return self.inner.write_snapshot(framework)

    # -- writes --------------------------------------------------------------------------------------------
    def _stored(self, path: Path) -> Assessment | None:
        if not path.exists():
            return None
        try:
            return self.inner.read(path)
        except ValidationError:
            return None  # the inner save refuses to overwrite an unreadable file

    def _check_save(self, previous: Assessment | None, new: Assessment) -> None:
        viewer = self.viewer
        if previous is None:
            if not can_create(viewer, new.affiliate):
                raise _denied("create", new, viewer)
            if new.status == "final" and not can_finalise(viewer, new):
                raise _denied("add final", new, viewer)
            return
        if not can_read(viewer, previous):
            raise NotFoundError(NOT_FOUND)
        if not (can_edit(viewer, previous) and can_edit(viewer, new)):
            raise _denied("change", previous, viewer)
        if sharing_of(previous) != sharing_of(new) and not can_change_sharing(viewer, previous):
            raise _denied("change the sharing of", previous, viewer)
        if previous.status != new.status and not can_finalise(viewer, previous):
            raise _denied("finalise", previous, viewer)

    def save(self, assessment: Assessment, path: Path | None = None) -> tuple[Path, Assessment]:
        """Check the viewer's rights against the stored copy and the new one, stamp the audit, save."""
        path = Path(path) if path is not None else self.inner.path_for(assessment)
        previous = self._stored(path)
        self._check_save(previous, assessment)
        stamped = with_audit(assessment, "created" if previous is None else "saved", self.author)
        if previous is not None and sharing_of(previous) != sharing_of(assessment):
            stamped = with_audit(
                stamped, "sharing", self.author, f"{sharing_of(previous)} → {sharing_of(assessment)}"
            )
        return self.inner.save(stamped, path)

    def create(self, assessment: Assessment) -> tuple[Path, Assessment]:
        """Add a new assessment as given (an upload keeps its revision and dates), if the viewer may create it
        (and finalise it, for a final one); an id in use is refused without naming what holds it."""
        if self.inner.find(assessment.id) is not None:
            raise SaveConflictError(
                f"an assessment with id {assessment.id!r} exists already; not overwriting it"
            )
        self._check_save(None, assessment)
        return self.inner.create(with_audit(assessment, "created", self.author))

    def set_sharing(
        self, assessment: Assessment, sharing: str, path: Path | None = None
    ) -> tuple[Path, Assessment]:
        if sharing not in SHARING:
            raise AccessDeniedError(f"unknown sharing {sharing!r}; choose one of {', '.join(SHARING)}")
        return self.save(assessment.model_copy(update={"sharing": sharing}), path)

    def finalise(
        self, assessment: Assessment, framework: Framework, path: Path | None = None
    ) -> tuple[Path, Assessment]:
        path = Path(path) if path is not None else self.inner.path_for(assessment)
        previous = self._stored(path)
        if previous is not None and not can_read(self.viewer, previous):
            raise NotFoundError(NOT_FOUND)
        for version in filter(None, (previous, assessment)):
            if not can_finalise(self.viewer, version):
                raise _denied("finalise", version, self.viewer)
        changes_sharing = previous is not None and sharing_of(previous) != sharing_of(assessment)
        if changes_sharing and not can_change_sharing(self.viewer, previous):
            raise _denied("change the sharing of", previous, self.viewer)
        return self.inner.finalise(with_audit(assessment, "finalised", self.author), framework, path)

    def delete_draft(self, assessment_id: str) -> None:
        """Record the deletion in the draft's audit, then let the inner store remove it."""
        record = self.inner.find(assessment_id)
        if record is None or not can_read(self.viewer, record):
            raise NotFoundError(NOT_FOUND)
        if not can_delete_draft(self.viewer, record):
            raise _denied("delete drafts of", record, self.viewer)
        assessment = self.inner.read(record.path)
        self.inner.save(with_audit(assessment, "deleted", self.author), record.path)
        self.inner.delete_draft(assessment_id, author=self.author)


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
