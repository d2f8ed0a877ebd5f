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
POSSIBLE_THRESHOLD = (
    76.0  # below the threshold but at or above this: a "possible match" the team should check
)

ABBREVIATIONS: dict[str, str] = {
    # common abbreviations in institution names -> the word they stand for (after case and accents are folded)
    "univ": "university",
    "uni": "university",
    "inst": "institute",
    "mus": "museum",
    "natl": "national",
    "nat'l": "national",
    "intl": "international",
    "int'l": "international",
    "st": "saint",
    "ste": "sainte",
    "dept": "department",
    "coll": "college",
    "acad": "academy",
    "lib": "library",
    "libr": "library",
    "assn": "association",
    "assoc": "association",
    "soc": "society",
    "fdn": "foundation",
    "ctr": "center",
    "centre": "center",
    "&": "and",
}
"""A small, conservative table: only abbreviations that hardly ever mean anything else in a partner's name."""
_ABBREVIATION_RE = re.compile(
    r"(?<![\w'])("
    + "|".join(re.escape(k) for k in sorted(ABBREVIATIONS, key=len, reverse=True))
    + r")(?![\w'])\.?"
)


@lru_cache(maxsize=65536)
def normalise_name(name: str) -> str:
    """Case, accents, punctuation, common abbreviations and word order folded away: 'Musée d'Art, Lyon' ==
    'lyon musee d art', 'Nat'l Mus. of Art & Design' == 'National Museum of Art and Design'.

    Invisible format characters (zero-width space, soft hyphen, joiners, byte order mark...) are dropped, so
    'Mu\u00adseum' is still 'museum' and does not split a partner's history.
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch) and unicodedata.category(ch) != "Cf")
    text = text.casefold().replace("\u2019", "'")
    text = _ABBREVIATION_RE.sub(lambda m: f" {ABBREVIATIONS[m.group(1)]} ", text.replace("&", " & "))
    words = re.findall(r"\w+", utils.default_process(text))
    return " ".join(sorted(words))


SIMILAR_LIMIT = 20  # assessments listed at most by find_similar_partners


@dataclass(frozen=True)
class SimilarPartner:
    record: AssessmentRecord
    similarity: float
    matched: str  # the name or alias that matched
    same_country: bool
    same_region: bool
    possible: bool = False  # a near miss (POSSIBLE_THRESHOLD <= similarity < threshold): check it by hand


def find_similar_partners(
    name: str,
    records: Sequence[AssessmentRecord],
    *,
    aliases: Sequence[str] = (),
    country: str | None = None,
    region: str | None = None,
    threshold: float = SIMILARITY_THRESHOLD,
    possible_threshold: float = POSSIBLE_THRESHOLD,
    limit: int = SIMILAR_LIMIT,
) -> list[SimilarPartner]:
    """Assessments of a partner with this name (or an alias) or a similar one: matches first (same country and
    region first), then the possible matches (similarity from ``possible_threshold`` up to ``threshold``)."""
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
            score_cutoff=min(threshold, possible_threshold),
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
            possible=score < threshold,
        )
        for i, (score, matched) in best.items()
    ]
    found.sort(
        key=lambda s: (
            s.possible,
            not s.same_country,
            not s.same_region,
            -s.similarity,
            -(s.record.date.toordinal() if s.record.date else 0),
        )
    )
    return found[:limit]


def assessed_since(
    assessment_id: str,
    name: str,
    records: Sequence[AssessmentRecord],
    *,
    since: dt.date,
    affiliate: str,
    aliases: Sequence[str] = (),
    country: str | None = None,
    region: str | None = None,
) -> list[SimilarPartner]:
    """Matches and possible matches assessed by another affiliate after ``since`` (a draft's creation date): what
    a team resuming that draft must hear about."""
    others = [
        r
        for r in records
        if r.id != assessment_id
        and r.affiliate.casefold() != affiliate.casefold()
        and r.date is not None
        and r.date > since
    ]
    return find_similar_partners(name, others, aliases=aliases, country=country, region=region)


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
