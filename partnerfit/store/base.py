"""The store interface: where assessments live, addressed by id, whatever the home (a folder, a database).

Pages and the CLI only use ``Store``; ``open_store`` picks the implementation. Every save is optimistic: it names
the revision it was based on, and a store that holds a newer one refuses with ``SaveConflictError`` carrying that
newer version, so nothing anyone typed is overwritten. Every save is also kept in the history, so an earlier
revision can be shown and restored (as a new revision: history is never rewritten).
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from partnerfit.assessment import (
    SHARING_DEFAULT,
    Assessment,
    FrameworkRef,
    Withdrawal,
    check_against_framework,
)
from partnerfit.errors import NOT_FOUND, SaveConflictError, StoreError, ValidationError
from partnerfit.framework import Framework
from partnerfit.i18n import DEFAULT_LANGUAGE, N_, _, ngettext, using_language
from partnerfit.partner_view import PartnerLink
from partnerfit.store.folder import FILE_HEADER, LoadResult
from partnerfit.team import follow_up_changes
from partnerfit.yamlio import dump_yaml

if TYPE_CHECKING:
    import pandas as pd

    from partnerfit.catalog import FrameworkCatalog
    from partnerfit.compare import SimilarPartner
    from partnerfit.compare_query import CompareAnswer, CompareFilters, CompareOptions

__all__ = [
    "NotFoundError",
    "Revision",
    "SaveConflictError",
    "Store",
    "StoreError",
    "describe_changes",
    "recorded_changes",
]

# what a history entry records
SAVE, CREATE, FINALISE, RESTORE, IMPORT, DELETE = "save", "create", "finalise", "restore", "import", "delete"
WITHDRAW = "withdraw"
CONTEXT_FIELD_NAMES = {
    "affiliate": N_("affiliate"),
    "region": N_("region"),
    "partnership_type": N_("partnership type"),
    "partnership_types": N_("partnership types"),
    "size": N_("size"),
    "status": N_("status"),
    "summary": N_("summary"),
    "sharing": N_("sharing"),
}
CONTEXT_FIELDS = (
    "affiliate",
    "region",
    "partnership_type",
    "partnership_types",
    "size",
    "status",
    "summary",
    "sharing",
)


class NotFoundError(StoreError):
    """No such assessment, or the viewer may not see it: the same words for both, so nothing leaks."""

    def __init__(self, assessment_id: str):
        self.assessment_id = assessment_id
        super().__init__(
            _("Assessment {id}: {not_found}.").format(id=repr(assessment_id), not_found=_(NOT_FOUND))
        )


@dataclass(frozen=True)
class Revision:
    """One saved revision of an assessment: who saved it, when, what it changed, and the document itself."""

    assessment_id: str
    revision: int
    author: str | None
    at: dt.datetime
    action: str  # SAVE | CREATE | FINALISE | RESTORE | IMPORT | DELETE | WITHDRAW
    changes: tuple[str, ...]
    assessment: Assessment | None  # None for a deletion


def describe_changes(before: Assessment | None, after: Assessment) -> tuple[str, ...]:
    """Short lines saying what ``after`` changed relative to ``before`` (partner, context, each answer), in the
    current language. The stores record them in English (``recorded_changes``); the Result page says them again
    in the reader's language from the two revisions."""
    if before is None:
        count = len(after.levels)
        return (ngettext("created ({count} answer)", "created ({count} answers)", count).format(count=count),)
    lines = []
    if before.partner != after.partner:
        lines.append(_("partner details"))
    for name in CONTEXT_FIELDS:
        old, new = getattr(before, name, None), getattr(after, name, None)
        if name == "sharing":  # absent means the default
            old, new = old or SHARING_DEFAULT, new or SHARING_DEFAULT
        if old != new:
            field = _(CONTEXT_FIELD_NAMES.get(name, name))
            lines.append(_("{field}: {old} → {new}").format(field=field, old=_short(old), new=_short(new)))
    if before.assessors != after.assessors:
        lines.append(_("assessors"))
    if before.partner_view != after.partner_view:
        lines.append(_("partner's answers"))
    if before.framework != after.framework:
        lines.append(
            _("framework: {id} {version}").format(id=after.framework.id, version=after.framework.version)
        )
    lines += follow_up_changes(before, after)
    for crit in sorted(set(before.answers) | set(after.answers)):
        old, new = before.answers.get(crit), after.answers.get(crit)
        if old == new:
            continue
        old_level = old.level if old else None
        new_level = new.level if new else None
        if old_level != new_level:
            lines.append(f"{crit}: {_short(old_level)} → {_short(new_level)}")
        else:
            lines.append(_("{criterion}: notes or evidence").format(criterion=crit))
    return tuple(lines)


def recorded_changes(before: Assessment | None, after: Assessment) -> tuple[str, ...]:
    """What a history row stores: the change lines in English, whoever saved (the data stays one language)."""
    with using_language(DEFAULT_LANGUAGE):
        return describe_changes(before, after)


def _short(value: Any) -> str:
    text = "–" if value is None else str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def stamped(assessment: Assessment, revision: int) -> Assessment:
    """The assessment as a save writes it: the given revision, ``updated`` today, ``created`` kept or today."""
    today = dt.date.today()
    return assessment.model_copy(
        update={"revision": revision, "updated": today, "created": assessment.created or today}
    )


def conflict(current: Assessment, seen: int) -> SaveConflictError:
    return SaveConflictError(
        _(
            "Assessment {id} was saved by someone else meanwhile (revision {theirs}, yours is based on {yours}); "
            "your changes were not written. Keep your version as a new draft or load theirs."
        ).format(id=repr(current.id), theirs=current.revision, yours=seen),
        current=current,
    )


def conflict_on_create(assessment_id: str, where: str, current: Assessment | None) -> SaveConflictError:
    return SaveConflictError(
        _("An assessment with id {id} already exists ({where}); it was not overwritten.").format(
            id=repr(assessment_id), where=where
        ),
        current=current,
    )


class Store(ABC):
    """Assessments addressed by id. ``viewer`` (who is asking; None: unrestricted) is passed on to every read;
    ``author`` (who is writing) is recorded in the history."""

    description: str = "the store"

    # -- reading ------------------------------------------------------------------------------------------------
    @abstractmethod
    def load_all(self, *, viewer: Any = None) -> LoadResult:
        """Every assessment as a record (what listing, comparing and scoring need), plus unreadable entries."""

    @abstractmethod
    def get(self, assessment_id: str, *, viewer: Any = None) -> Assessment:
        """The whole assessment; ``NotFoundError`` if there is none with this id."""

    @abstractmethod
    def history(self, assessment_id: str, *, viewer: Any = None) -> list[Revision]:
        """Every saved revision, oldest first; ``NotFoundError`` if the id never existed."""

    @abstractmethod
    def state(self) -> str:
        """A cheap key that changes whenever any assessment changes (what the app's cache is keyed on)."""

    # -- writing ------------------------------------------------------------------------------------------------
    @abstractmethod
    def create(self, assessment: Assessment, *, author: str | None = None) -> Assessment:
        """Add a new assessment exactly as given (an upload keeps its revision and dates); an existing id is
        refused with ``SaveConflictError``."""

    @abstractmethod
    def save(self, assessment: Assessment, *, author: str | None = None, action: str = SAVE) -> Assessment:
        """Store a new revision if the stored one is still ``assessment.revision`` (else ``SaveConflictError``
        carrying the stored version); a revision-0 assessment the store does not hold yet is added. Returns the
        assessment as saved (revision + 1, ``updated`` today)."""

    @abstractmethod
    def delete_draft(self, assessment_id: str, *, author: str | None = None) -> None:
        """Remove a draft (its history stays); a final assessment is refused with ``StoreError``."""

    @abstractmethod
    def write_snapshot(self, framework: Framework) -> str:
        """Keep the framework, content-addressed; returns its digest."""

    @abstractmethod
    def read_snapshot(self, digest: str) -> Framework | None:
        """The framework kept under this digest, or None if there is none (or it does not match its digest)."""

    # -- partner links (``partnerfit.partner_view``): kept as the token's hash, never the token ------------------
    @abstractmethod
    def create_partner_link(self, link: PartnerLink) -> PartnerLink:
        """Keep a new link to ``link.assessment_id`` (``NotFoundError`` if there is no such assessment)."""

    @abstractmethod
    def partner_links(self, assessment_id: str) -> list[PartnerLink]:
        """The links made for this assessment, oldest first (used, expired and revoked ones included)."""

    @abstractmethod
    def find_partner_link(self, token_hash: str) -> PartnerLink | None:
        """The link with this token hash, or None."""

    @abstractmethod
    def revoke_partner_link(self, token_hash: str, *, at: dt.datetime) -> PartnerLink:
        """Withdraw a link (a used or already revoked one stays as it is); ``NotFoundError`` if there is none."""

    @abstractmethod
    def claim_partner_link(self, token_hash: str, *, at: dt.datetime) -> bool:
        """Mark the link used, atomically, if it is still valid at ``at``: True for the one caller that did."""

    @abstractmethod
    def release_partner_link(self, token_hash: str) -> None:
        """Undo a claim whose answers could not be saved, so the partner can send them again."""

    # -- built on the above -------------------------------------------------------------------------------------
    def similar_partners(
        self,
        name: str,
        *,
        aliases: tuple[str, ...] | list[str] = (),
        country: str | None = None,
        region: str | None = None,
        exclude_id: str | None = None,
        viewer: Any = None,
    ) -> list[SimilarPartner]:
        """Assessments of a partner with this or a similar name (the coordination look-up)."""
        from partnerfit.compare import find_similar_partners  # compare imports this package

        records = [r for r in self.load_all(viewer=viewer).records if r.id != exclude_id]
        return find_similar_partners(name, records, aliases=aliases, country=country, region=region)

    def compare(
        self, filters: CompareFilters, catalog: FrameworkCatalog, *, limit: int | None = None
    ) -> CompareAnswer:
        """Compare's answer for ``filters``: counts, means and spreads of every matching assessment, and the
        first ``limit`` rows (newest first). Here: every assessment scored in memory (the folder store)."""
        from partnerfit.compare_query import ROW_LIMIT, answer

        return answer(self._score_table(catalog), filters, limit=limit or ROW_LIMIT)

    def compare_trend(
        self, filters: CompareFilters, catalog: FrameworkCatalog, *, period: str, by_region: bool
    ) -> pd.DataFrame:
        """Mean overall score and count per period (and region) of the matching assessments that count."""
        from partnerfit.compare_query import trend

        return trend(self._score_table(catalog), filters, period=period, by_region=by_region)

    def compare_options(self, base: str | None, catalog: FrameworkCatalog) -> CompareOptions:
        """What Compare's filters offer (base frameworks with counts; for ``base``: affiliates, frameworks,
        dates)."""
        from partnerfit.compare_query import options

        return options(self._score_table(catalog), base)

    def refresh_scores(self, catalog: FrameworkCatalog) -> int:
        """Score what has no up-to-date stored score; returns how many were scored (a store that keeps no
        scores: 0)."""
        del catalog
        return 0

    def _score_table(self, catalog: FrameworkCatalog):
        from partnerfit.results import score_records

        return score_records(self.load_all().records, catalog, self)

    def file_text(self, assessment: Assessment) -> str:
        """The assessment as a YAML file in the folder format (what a download or ``db export`` writes)."""
        return FILE_HEADER + dump_yaml(assessment.to_data())

    def finalise(
        self, assessment: Assessment, framework: Framework, *, author: str | None = None
    ) -> Assessment:
        """Freeze the result: snapshot the framework, record its digest, mark final, save."""
        problems = check_against_framework(assessment, framework, strict=True)
        if problems:
            raise ValidationError(assessment.id, problems)
        digest = self.write_snapshot(framework)
        final = assessment.model_copy(
            update={
                "status": "final",
                "framework": FrameworkRef(id=framework.id, version=framework.version, digest=digest),
            }
        )
        return self.save(final, author=author, action=FINALISE)

    def withdraw(self, assessment_id: str, *, reason: str, author: str | None = None) -> Assessment:
        """Withdraw a final assessment (a partnership that did not happen, a result found wrong): status
        "withdrawn" with the reason, as a new revision; the history keeps every earlier one, and comparisons leave
        it out. A draft is deleted instead (``delete_draft``); an empty reason is refused."""
        reason = (reason or "").strip()
        if not reason:
            raise StoreError(
                f"Assessment {assessment_id!r} was not withdrawn: give the reason for withdrawing it."
            )
        current = self.get(assessment_id)
        if current.status != "final":
            raise StoreError(
                _(
                    "Assessment {id} is {status}: only a final assessment can be withdrawn (delete a draft "
                    "instead)."
                ).format(id=repr(assessment_id), status=current.status)
            )
        withdrawal = Withdrawal(reason=reason, by=author, date=dt.date.today())
        withdrawn = current.model_copy(update={"status": "withdrawn", "withdrawal": withdrawal})
        return self.save(withdrawn, author=author, action=WITHDRAW)

    def restore(self, assessment_id: str, revision: int, *, author: str | None = None) -> Assessment:
        """Make an earlier revision current again, as a new revision (the history keeps everything)."""
        wanted = next((r for r in self.history(assessment_id) if r.revision == revision), None)
        if wanted is None or wanted.assessment is None:
            raise NotFoundError(f"{assessment_id} revision {revision}")
        current = self.get(assessment_id)
        return self.save(
            wanted.assessment.model_copy(update={"revision": current.revision}), author=author, action=RESTORE
        )
