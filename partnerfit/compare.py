"""Comparing assessments: who else assessed a partner, a partner's history, and the dimensions to compare on."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process, utils

from partnerfit.store import AssessmentRecord

SIMILARITY_THRESHOLD = 86.0  # WRatio: word order and partial names count, generic one-word names score ~90


@lru_cache(maxsize=65536)
def normalise_name(name: str) -> str:
    """Case, accents, punctuation and word order folded away: 'Musée d'Art, Lyon' == 'lyon musee d art'.

    Invisible format characters (zero-width space, soft hyphen, joiners, byte order mark...) are dropped, so
    'Mu\u00adseum' is still 'museum' and does not split a partner's history.
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch) and unicodedata.category(ch) != "Cf")
    words = re.findall(r"\w+", utils.default_process(text))
    return " ".join(sorted(words))


@dataclass(frozen=True)
class SimilarPartner:
    record: AssessmentRecord
    similarity: float
    matched: str  # the name or alias that matched
    same_country: bool
    same_region: bool


def find_similar_partners(
    name: str,
    records: Sequence[AssessmentRecord],
    *,
    aliases: Sequence[str] = (),
    country: str | None = None,
    region: str | None = None,
    threshold: float = SIMILARITY_THRESHOLD,
    limit: int = 20,
) -> list[SimilarPartner]:
    """Assessments of a partner with this name (or an alias) or a similar one; same country and region first."""
    queries = [normalise_name(q) for q in (name, *aliases) if q and q.strip()]
    queries = [q for q in queries if q]
    if not queries:
        return []
    choices: list[str] = []
    owners: list[int] = []
    for index, record in enumerate(records):
        for candidate in (record.partner_name, *record.partner_aliases):
            choices.append(normalise_name(candidate))
            owners.append(index)
    best: dict[int, tuple[float, str]] = {}
    for query in queries:
        for _choice, score, position in process.extract(
            query,
            choices,
            scorer=fuzz.WRatio,
            score_cutoff=threshold,
            limit=None,
        ):
            owner = owners[position]
            if score > best.get(owner, (-1.0, ""))[0]:
                record = records[owner]
                names = (record.partner_name, *record.partner_aliases)
                matched = next(
                    (n for n in names if normalise_name(n) == choices[position]), record.partner_name
                )
                best[owner] = (score, matched)
    found = [
        SimilarPartner(
            records[i],
            score,
            matched,
            same_country=bool(country) and records[i].partner_country == country,
            same_region=bool(region) and records[i].region == region,
        )
        for i, (score, matched) in best.items()
    ]
    found.sort(
        key=lambda s: (
            not s.same_country,
            not s.same_region,
            -s.similarity,
            -(s.record.date.toordinal() if s.record.date else 0),
        )
    )
    return found[:limit]


def partner_history(record: AssessmentRecord, records: Sequence[AssessmentRecord]) -> list[AssessmentRecord]:
    """Every assessment of the same partner, oldest first.

    Two assessments are of the same partner when they share a ``partner.id``, or when one of them has no id and
    their normalised names are equal (an assessment linked to an earlier one that had no id yet joins its
    history). Two different ids are two partners, whatever their names.
    """
    members = {id(record): record}
    ids = {record.partner_id} - {None}
    names = {normalise_name(record.partner_name)}
    grew = True
    while grew:
        grew = False
        for other in records:
            if id(other) in members:
                continue
            name = normalise_name(other.partner_name)
            if other.partner_id:
                joins = other.partner_id in ids or (not ids and name in names)
            else:
                joins = name in names
            if joins:
                members[id(other)] = other
                ids |= {other.partner_id} - {None}
                names.add(name)
                grew = True
    return sorted(members.values(), key=lambda r: (r.date is None, r.date or dt.date.min, r.id))
