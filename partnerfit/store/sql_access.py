"""``partnerfit.access.can_read`` as a SQL condition on the ``scores`` table's columns (affiliate, region,
sharing), so the database answers a signed-in viewer's Compare without loading what they may not read."""

from __future__ import annotations

from typing import Any

from partnerfit.access import Viewer
from partnerfit.assessment import SHARING_DEFAULT


def readable_condition(viewer: Viewer | None) -> tuple[str, dict[str, Any]]:
    """The condition and its bound parameters: everything for None (sign-in off) and admins, nothing for someone
    the access file does not list; else the affiliate's members, the region's liaisons unless shared with the
    affiliate only, and everyone listed for what is shared with the movement."""
    if viewer is None or viewer.admin:
        return "TRUE", {}
    if not viewer.listed:
        return "FALSE", {}
    params: dict[str, Any] = {
        "read_affiliates": sorted({m.affiliate for m in viewer.memberships}),
        "read_default": SHARING_DEFAULT,
    }
    shared = "coalesce(sharing, :read_default)"
    clauses = ["affiliate = ANY(:read_affiliates)", f"{shared} = 'movement'"]
    if viewer.liaison_regions is not None:
        clauses.append(f"({shared} = 'liaisons' AND region = ANY(:read_regions))")
        params["read_regions"] = sorted(viewer.liaison_regions)
    return f"({' OR '.join(clauses)})", params
