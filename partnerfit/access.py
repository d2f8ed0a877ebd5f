"""Who may see and change which assessment: the access file, the signed-in viewer and the rules.

The access file (path in ``PARTNERFIT_ACCESS``) lists people and their roles::

    people:
      - {email: alice@example.org, affiliate: Wikimedia Deutschland, role: assessor}
      - {email: lee@example.org, role: liaison, regions: [South Asia]}   # no regions: every region
      - {email: root@example.org, role: admin}

The rules are pure functions of a ``Viewer`` and an assessment's affiliate, region and sharing, so the store
wrapper (``partnerfit.access_store``), the pages and the CLI all apply the same ones.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from partnerfit.assessment import REGIONS, SHARING_DEFAULT, PlainText, region_label
from partnerfit.errors import Problem, ValidationError
from partnerfit.i18n import N_, _
from partnerfit.validation import load_model_file

ACCESS_ENV = "PARTNERFIT_ACCESS"
AFFILIATE_ROLES: tuple[str, ...] = ("viewer", "assessor", "coordinator")  # each includes the one before
Role = Literal["viewer", "assessor", "coordinator", "liaison", "admin"]
_EMAIL = r"^[^@\s]+@[^@\s]+$"
T = TypeVar("T")


class Person(BaseModel):
    """One line of the access file: one person's role in one affiliate, or as a liaison or an admin."""

    model_config = ConfigDict(extra="forbid")

    email: str = Field(pattern=_EMAIL, max_length=320)
    role: Role
    affiliate: PlainText | None = Field(default=None, min_length=1, max_length=300)
    regions: list[str] | None = None

    @field_validator("email")
    @classmethod
    def _lower_case(cls, value: str) -> str:
        return value.strip().lower()

    @field_validator("regions")
    @classmethod
    def _known_regions(cls, value: list[str] | None) -> list[str] | None:
        if value is not None and not value:
            raise ValueError("list at least one region, or leave 'regions' out for all of them")
        unknown = [r for r in value or [] if r not in REGIONS]
        if unknown:
            raise ValueError(
                f"unknown region(s) {', '.join(map(repr, unknown))}; the regions are: {', '.join(REGIONS)}"
            )
        return value

    @model_validator(mode="after")
    def _fields_for_role(self) -> Person:
        if self.role in AFFILIATE_ROLES and self.affiliate is None:
            raise ValueError(
                f"the role {self.role!r} needs an 'affiliate' (its name as written in assessments)"
            )
        if self.role in ("liaison", "admin") and self.affiliate is not None:
            raise ValueError(f"the role {self.role!r} belongs to no affiliate: remove 'affiliate'")
        if self.role != "liaison" and self.regions is not None:
            raise ValueError("only a liaison has 'regions'")
        return self


class AccessFileModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    people: list[Person] = Field(min_length=1)
    min_group: int = Field(
        default=5,
        ge=1,
        description="Compare shows aggregates including unreadable assessments from this size",
    )


@dataclass(frozen=True)
class Membership:
    affiliate: str
    role: str  # one of AFFILIATE_ROLES


@dataclass(frozen=True)
class Viewer:
    """A signed-in person as the access file describes them.

    ``liaison_regions`` is None for someone who is not a liaison; a liaison listed without regions gets all of
    them. ``listed`` is False for a person the file does not name (they may read nothing).
    """

    email: str
    memberships: tuple[Membership, ...] = ()
    liaison_regions: frozenset[str] | None = None
    admin: bool = False
    listed: bool = True

    @property
    def roles(self) -> frozenset[str]:
        roles = {m.role for m in self.memberships}
        if self.liaison_regions is not None:
            roles.add("liaison")
        if self.admin:
            roles.add("admin")
        return frozenset(roles)

    def role_in(self, affiliate: str) -> str | None:
        """The highest affiliate role this person has in ``affiliate``."""
        ranks = [AFFILIATE_ROLES.index(m.role) for m in self.memberships if m.affiliate == affiliate]
        return AFFILIATE_ROLES[max(ranks)] if ranks else None


class Shared(Protocol):
    """What the rules need of an assessment (an ``Assessment`` or an ``AssessmentRecord``)."""

    affiliate: str
    region: str
    sharing: str | None


@dataclass(frozen=True)
class AccessList:
    """The validated access file: everyone listed, as viewers."""

    people: tuple[Person, ...]
    source: str = ""
    min_group: int = 5

    def viewer(self, email: str) -> Viewer:
        """The viewer for ``email``; someone not in the file gets a viewer who may read nothing."""
        email = email.strip().lower()
        entries = [p for p in self.people if p.email == email]
        if not entries:
            return Viewer(email, listed=False)
        liaisons = [p for p in entries if p.role == "liaison"]
        regions = None
        if liaisons:
            given = liaisons[0].regions
            regions = frozenset(given) if given else frozenset(REGIONS)
        return Viewer(
            email,
            tuple(Membership(p.affiliate, p.role) for p in entries if p.role in AFFILIATE_ROLES),
            regions,
            any(p.role == "admin" for p in entries),
        )

    def admins(self) -> list[str]:
        return sorted({p.email for p in self.people if p.role == "admin"})

    def coordinators(self, affiliate: str) -> list[str]:
        """Whom to contact about ``affiliate``'s assessments: its coordinators (else the admins)."""
        found = sorted({p.email for p in self.people if p.role == "coordinator" and p.affiliate == affiliate})
        return found or self.admins()


def parse_access(model: AccessFileModel, source: str | Path) -> AccessList:
    """Cross-entry rules: a person listed twice for one affiliate (or as liaison) with different rights."""
    problems: list[Problem] = []
    seen: dict[tuple[str, str | None, str], tuple[int, Person]] = {}
    for index, person in enumerate(model.people):
        scope = "affiliate" if person.role in AFFILIATE_ROLES else person.role
        key = (person.email, person.affiliate, scope)
        if key in seen:
            first_index, first = seen[key]
            if first != person:
                where = f"in {person.affiliate!r}" if person.affiliate else f"as {person.role}"
                problems.append(
                    Problem(
                        f"people[{index}]",
                        f"{person.email} is listed {where} twice with different rights (see people[{first_index}]); "
                        "keep one entry",
                    )
                )
            continue
        seen[key] = (index, person)
    if problems:
        raise ValidationError(source, problems)
    return AccessList(tuple(model.people), str(source), model.min_group)


def load_access(path: Path | str) -> AccessList:
    """Read and validate an access file; ``ValidationError`` names the file, the entry and the problem."""
    path = Path(path)
    if not path.is_file():
        raise ValidationError(path, [Problem("", "the access file does not exist")])
    return parse_access(load_model_file(AccessFileModel, path), path)


def access_path_from_environment() -> Path | None:
    value = os.environ.get(ACCESS_ENV, "").strip()
    return Path(value) if value else None


# -- the rules -----------------------------------------------------------------------------------------------
def sharing_of(assessment: Shared) -> str:
    return assessment.sharing or SHARING_DEFAULT


def can_read(viewer: Viewer | None, assessment: Shared) -> bool:
    """Admins and the affiliate's members always; liaisons of its region unless it is shared with the
    affiliate only; everyone listed when it is shared with the movement. ``None`` is unrestricted."""
    if viewer is None or viewer.admin:
        return True
    if not viewer.listed:
        return False
    if viewer.role_in(assessment.affiliate) is not None:
        return True
    sharing = sharing_of(assessment)
    if sharing == "movement":
        return True
    return (
        sharing == "liaisons"
        and viewer.liaison_regions is not None
        and assessment.region in viewer.liaison_regions
    )


def _has_role(viewer: Viewer | None, affiliate: str, role: str) -> bool:
    if viewer is None or viewer.admin:
        return True
    held = viewer.role_in(affiliate)
    return held is not None and AFFILIATE_ROLES.index(held) >= AFFILIATE_ROLES.index(role)


def can_create(viewer: Viewer | None, affiliate: str) -> bool:
    return _has_role(viewer, affiliate, "assessor")


def can_edit(viewer: Viewer | None, assessment: Shared) -> bool:
    return _has_role(viewer, assessment.affiliate, "assessor")


def can_finalise(viewer: Viewer | None, assessment: Shared) -> bool:
    return _has_role(viewer, assessment.affiliate, "coordinator")


def can_change_sharing(viewer: Viewer | None, assessment: Shared) -> bool:
    return _has_role(viewer, assessment.affiliate, "coordinator")


def can_delete_draft(viewer: Viewer | None, assessment: Shared) -> bool:
    return _has_role(viewer, assessment.affiliate, "coordinator")


def can_manage_partner_links(viewer: Viewer | None, assessment: Shared) -> bool:
    """Making and withdrawing the links through which a partner answers: the affiliate's coordinators."""
    return _has_role(viewer, assessment.affiliate, "coordinator")


def creatable_affiliates(viewer: Viewer | None) -> list[str] | None:
    """The affiliates ``viewer`` may create assessments for; None means any (admins, single-user)."""
    if viewer is None or viewer.admin:
        return None
    return sorted({m.affiliate for m in viewer.memberships if _has_role(viewer, m.affiliate, "assessor")})


def readable(viewer: Viewer | None, assessments: Iterable[T]) -> list[T]:
    return [a for a in assessments if can_read(viewer, a)]


ROLE_NAMES = {
    "viewer": N_("viewer"),
    "assessor": N_("assessor"),
    "coordinator": N_("coordinator"),
}


def describe(viewer: Viewer) -> str:
    """One line for the sidebar: the roles this person has (in the current language)."""
    parts = [
        _("{role} in {affiliate}").format(role=_(ROLE_NAMES.get(m.role, m.role)), affiliate=m.affiliate)
        for m in viewer.memberships
    ]
    if viewer.liaison_regions is not None:
        regions: Sequence[str] = sorted(viewer.liaison_regions)
        parts.append(
            _("liaison (all regions)")
            if len(regions) == len(REGIONS)
            else _("liaison ({regions})").format(regions=", ".join(region_label(r) for r in regions))
        )
    if viewer.admin:
        parts.append(_("admin"))
    return "; ".join(parts) or _("no role")
