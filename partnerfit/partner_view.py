"""The partner's own view of an assessment: its answers, kept beside the affiliate's and never scored, the gaps
between the two (talking points for the negotiation), and the partner links that let a partner answer without an
account.

A partner link is an unguessable token (``secrets.token_urlsafe``) that the store keeps only as its SHA-256, with
an expiry; a coordinator can revoke it, and it is used up once the partner has answered. The store keeps the links
(``Store.create_partner_link`` and its siblings); the rules about them are here.

This module imports nothing of ``partnerfit.assessment`` at run time: ``Assessment`` has a ``partner_view`` field
of the model defined here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from partnerfit.errors import PartnerfitError, Problem, ValidationError
from partnerfit.framework_file import Id
from partnerfit.i18n import N_, _
from partnerfit.text import brief, first_control_character, pick

if TYPE_CHECKING:
    from partnerfit.assessment import Assessment
    from partnerfit.conditions import Condition
    from partnerfit.framework import Criterion, Framework, TextValue
    from partnerfit.store.base import Store
    from partnerfit.store.folder import AssessmentRecord

NOT_APPLICABLE = "na"
LINK_DAYS = 30
"""How long a new partner link stays valid."""
MAX_NOTE = 5000
GAP_LEVELS = 2
"""Levels by which the two answers must differ to be a gap (on a criterion without a red line)."""
PARTNER_MARKERS = ("For the institution:", "Pour l'institution", "Für die Institution:")
"""How the guidance of the shipped frameworks starts its paragraph for the partner, in each language."""

LinkStatus = Literal["valid", "expired", "revoked", "used"]


def _check_level(value: Any) -> int | str:
    if value == NOT_APPLICABLE or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise PydanticCustomError(
        "level",
        "level must be a whole number on the framework's scale or 'na', not {value}",
        {"value": brief(value)},
    )


def _check_single_line(value: Any) -> str:
    if not isinstance(value, str):
        raise PydanticCustomError("text", "must be a string")
    found = first_control_character(value)
    if found is not None:
        raise PydanticCustomError("text", "contains a control character ({name})", {"name": found[1]})
    return value.strip()


PartnerLevel = Annotated[int | Literal["na"], BeforeValidator(_check_level)]
Name = Annotated[str, AfterValidator(_check_single_line), Field(min_length=1, max_length=300)]


class PartnerAnswer(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    level: PartnerLevel
    notes: str | None = Field(default=None, max_length=MAX_NOTE)


class PartnerView(BaseModel):
    """What the partner answered, who answered and when; read by nothing that scores."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    answered_by: Name
    answered_at: dt.datetime
    via: Literal["form", "file"] = "form"
    answers: dict[Id, PartnerAnswer] = Field(min_length=1)


# -- the links --------------------------------------------------------------------------------------------------
class PartnerLink(BaseModel):
    """One partner link as the store keeps it: the token's hash, never the token."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    token_hash: str = Field(pattern=r"^[0-9a-f]{64}$")
    assessment_id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$")
    created_by: str | None = Field(default=None, max_length=320)
    created_at: dt.datetime
    expires_at: dt.datetime
    revoked_at: dt.datetime | None = None
    used_at: dt.datetime | None = None

    def status(self, now: dt.datetime | None = None) -> LinkStatus:
        now = now or utc_now()
        if self.used_at is not None:
            return "used"
        if self.revoked_at is not None:
            return "revoked"
        if now >= self.expires_at:
            return "expired"
        return "valid"


LINK_PROBLEMS = {
    "unknown": N_("This partner link is not valid. Check that it was copied in full, or ask for a new one."),
    "expired": N_("This partner link has expired. Ask the affiliate that sent it for a new one."),
    "revoked": N_("This partner link was withdrawn by the affiliate that sent it."),
    "used": N_("This partner link has already been used: the answers were sent. Thank you."),
}


class PartnerLinkError(PartnerfitError):
    """The token names no link, or a link that has expired, was revoked or was used: ``reason`` says which."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(_(LINK_PROBLEMS[reason]))


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_partner_link(
    assessment_id: str, *, created_by: str | None, days: int = LINK_DAYS, now: dt.datetime | None = None
) -> tuple[str, PartnerLink]:
    """A fresh token (give it to the partner; it is not kept) and the link record the store keeps."""
    now = now or utc_now()
    token = secrets.token_urlsafe(32)
    link = PartnerLink(
        token_hash=hash_token(token),
        assessment_id=assessment_id,
        created_by=created_by,
        created_at=now,
        expires_at=now + dt.timedelta(days=days),
    )
    return token, link


def check_link(link: PartnerLink | None, now: dt.datetime | None = None) -> PartnerLink:
    """The link if a partner may answer through it now, else ``PartnerLinkError`` saying why not."""
    if link is None:
        raise PartnerLinkError("unknown")
    status = link.status(now)
    if status != "valid":
        raise PartnerLinkError(status)
    return link


# -- what the partner is asked --------------------------------------------------------------------------------
def partner_criteria(framework: Framework, assessment: Assessment) -> tuple[Criterion, ...]:
    """The criteria asked of this partnership (its types and size), in the framework's order."""
    return framework.applicable_criteria(assessment.partnership_types, assessment.size)


def partner_guidance(guidance: TextValue | None, language: str) -> str:
    """The part of a criterion's guidance written for the partner (the paragraphs from the one that starts "For
    the institution:", without those words), in ``language`` (else English); '' when the guidance has none."""
    paragraphs = pick(guidance, language, "en").split("\n\n")
    for index, paragraph in enumerate(paragraphs):
        for marker in PARTNER_MARKERS:
            if paragraph.startswith(marker):
                first = paragraph.removeprefix(marker).lstrip(" \u00a0\u202f:").strip()
                rest = [p.strip() for p in paragraphs[index + 1 :]]
                text = "\n\n".join([first[:1].upper() + first[1:], *rest]).strip()
                return text
    return ""


def with_partner_answers(
    assessment: Assessment,
    framework: Framework,
    answers: dict[str, dict[str, Any]],
    *,
    answered_by: str,
    via: str = "form",
    now: dt.datetime | None = None,
    where: str = "partner answers",
) -> Assessment:
    """The assessment with these partner answers beside the affiliate's (replacing earlier partner answers).

    ``answers`` maps criterion ids to ``{"level": ..., "notes": ...}``; unanswered criteria are left out. Every
    problem is reported (``ValidationError`` naming ``where``): a criterion not asked of this partnership, a level
    off the scale, no answer at all, no name."""
    from partnerfit.validation import validate_model

    asked = {c.id for c in partner_criteria(framework, assessment)}
    levels = set(framework.level_values)
    problems = [
        Problem(
            f"answers.{crit}",
            _("criterion {criterion} is not asked of this partnership").format(criterion=crit),
        )
        for crit in answers
        if crit not in asked
    ]
    for crit, answer in answers.items():
        level = answer.get("level") if isinstance(answer, dict) else None
        if isinstance(level, int) and not isinstance(level, bool) and level not in levels:
            problems.append(
                Problem(
                    f"answers.{crit}.level",
                    _("level {level} is not on the scale {levels} (or 'na')").format(
                        level=level, levels=sorted(levels)
                    ),
                )
            )
    if problems:
        raise ValidationError(where, problems)
    view = validate_model(
        PartnerView,
        {"answered_by": answered_by, "answered_at": now or utc_now(), "via": via, "answers": answers},
        where,
    )
    return assessment.model_copy(update={"partner_view": view})


SAVE_ATTEMPTS = 3


def link_for_token(store: Store, token: str, now: dt.datetime | None = None) -> PartnerLink:
    """The link a partner opened, if it may still be used, else ``PartnerLinkError`` saying why not."""
    return check_link(store.find_partner_link(hash_token(token)) if token else None, now)


def submit_partner_answers(
    store: Store,
    token: str,
    framework: Framework,
    answers: dict[str, dict[str, Any]],
    *,
    answered_by: str,
    via: str = "form",
    now: dt.datetime | None = None,
) -> Assessment:
    """Save the partner's answers through its link: the link is claimed first (one partner only), the answers are
    then saved beside the affiliate's (on a save conflict, again on the newer revision); if they cannot be saved
    the claim is undone, so nothing the partner sent is lost without a chance to send it again."""
    from partnerfit.errors import SaveConflictError

    now = now or utc_now()
    link = link_for_token(store, token, now)
    current = store.get(link.assessment_id)
    with_partner_answers(
        current, framework, answers, answered_by=answered_by, via=via, now=now
    )  # checks first
    if not store.claim_partner_link(link.token_hash, at=now):
        raise PartnerLinkError(_status_after_failed_claim(store, link.token_hash, now))
    try:
        attempts = 1
        while True:
            updated = with_partner_answers(
                current, framework, answers, answered_by=answered_by, via=via, now=now
            )
            try:
                return store.save(updated, author=f"partner: {answered_by}")  # history data, not translated
            except SaveConflictError as error:
                if attempts == SAVE_ATTEMPTS or error.current is None:
                    raise
                attempts += 1
                current = error.current
    except BaseException:
        store.release_partner_link(link.token_hash)
        raise


def _status_after_failed_claim(store: Store, token_hash: str, now: dt.datetime) -> str:
    """Why a claim failed: the link is gone, or it expired, was withdrawn or used meanwhile (another partner
    claimed it a moment ago: used)."""
    link = store.find_partner_link(token_hash)
    if link is None:
        return "unknown"
    status = link.status(now)
    return "used" if status == "valid" else status


# -- the gaps ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Gap:
    """A criterion where the partner's answer differs from the affiliate's by ``GAP_LEVELS`` or more, or a red
    line the two answer differently: a talking point for the negotiation."""

    criterion_id: str
    affiliate_level: int | str
    partner_level: int | str
    red_line: bool

    def to_json(self) -> dict[str, object]:
        return {
            "criterion": self.criterion_id,
            "affiliate_level": self.affiliate_level,
            "partner_level": self.partner_level,
        }


def find_gaps(framework: Framework, assessment: Assessment) -> list[Gap]:
    """The gaps between the affiliate's and the partner's answers, red lines first, then the largest."""
    view = assessment.partner_view
    if view is None:
        return []
    theirs = {crit: answer.level for crit, answer in view.answers.items()}
    criteria = partner_criteria(framework, assessment)
    return gaps_between(criteria, assessment.levels, theirs)


def gaps_between(
    criteria: Sequence[Criterion], affiliate: dict[str, int | str], partner: dict[str, int | str]
) -> list[Gap]:
    """The gaps between two sets of levels over ``criteria`` (the ones asked), red lines first, then the largest."""
    gaps = []
    for criterion in criteria:
        mine, theirs = affiliate.get(criterion.id), partner.get(criterion.id)
        if mine is None or theirs is None or mine == theirs:
            continue
        both_levels = isinstance(mine, int) and isinstance(theirs, int)
        if criterion.red_line is not None or (both_levels and abs(mine - theirs) >= GAP_LEVELS):
            gaps.append(Gap(criterion.id, mine, theirs, criterion.red_line is not None))
    spread = {g.criterion_id: abs(g.affiliate_level - g.partner_level) if _numeric(g) else 0 for g in gaps}
    return sorted(gaps, key=lambda g: (not g.red_line, -spread[g.criterion_id]))


def _numeric(gap: Gap) -> bool:
    return isinstance(gap.affiliate_level, int) and isinstance(gap.partner_level, int)


def agreed_conditions(conditions: list[Condition], assessment: Assessment) -> set[str]:
    """The criteria of ``conditions`` where the partner already answers at the level the condition asks for."""
    view = assessment.partner_view
    if view is None:
        return set()
    agreed = set()
    for condition in conditions:
        answer = view.answers.get(condition.criterion_id)
        if answer is not None and isinstance(answer.level, int) and answer.level >= condition.target_level:
            agreed.add(condition.criterion_id)
    return agreed


PARTNER_COLUMNS = ("partner_answered", "partner_gaps")
"""The export's columns: how many criteria the partner answered, and the gaps' criterion ids ("; ")."""


def partner_columns(framework: Framework, records: Sequence[AssessmentRecord]) -> dict[str, list[object]]:
    """``PARTNER_COLUMNS`` for listing records, row for row (None where the partner has not answered)."""
    answered: list[object] = []
    gaps: list[object] = []
    for record in records:
        if not record.partner_levels:
            answered.append(None)
            gaps.append(None)
            continue
        criteria = framework.applicable_criteria(record.partnership_types, record.size)
        answered.append(len(record.partner_levels))
        gaps.append(
            "; ".join(g.criterion_id for g in gaps_between(criteria, record.levels, record.partner_levels))
        )
    return {"partner_answered": answered, "partner_gaps": gaps}


def partner_view_json(framework: Framework, assessment: Assessment) -> dict[str, object] | None:
    """What ``score --json`` prints under ``partner_view``: null without partner answers."""
    view = assessment.partner_view
    if view is None:
        return None
    return {
        "answered": len(view.answers),
        "answered_by": view.answered_by,
        "answered_at": view.answered_at.isoformat(),
        "gaps": [gap.to_json() for gap in find_gaps(framework, assessment)],
    }
