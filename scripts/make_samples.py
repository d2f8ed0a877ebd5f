"""Write the shipped sample assessments into ``assessments/samples/`` and the framework snapshots of the final
ones into ``assessments/.snapshots/``, from the data in ``scripts/samples/`` (see its README.md).

    .venv/bin/python scripts/make_samples.py        # rewrites exactly the same files every time

Levels come from each sample's profile through a random generator seeded with the sample's key, drawn again
until the result lands where the profile says; answers written by hand (``fix``) are kept as they are. After
editing the data or the frameworks, run it again and commit the result (a test compares with a fresh run).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import yaml

from partnerfit.assessment import NOT_APPLICABLE, UNKNOWN, Assessment, check_against_framework, slugify
from partnerfit.catalog import load_frameworks
from partnerfit.framework import Criterion, Framework
from partnerfit.partner_view import with_partner_answers
from partnerfit.scoring import score_assessment
from partnerfit.store import FILE_HEADER, AssessmentStore
from partnerfit.walkthrough import stable_partner_id
from partnerfit.yamlio import dump_yaml, write_atomically

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "samples"
SAMPLES_FOLDER = "samples"


# An entry of samples.yaml with its partner and affiliate filled in (scripts/samples/README.md says the fields).
Sample = SimpleNamespace


@dataclass(frozen=True)
class Content:
    """Everything in ``scripts/samples/``."""

    settings: dict[str, Any]
    notes: dict[str, Any]  # notes.yaml: notes, type_notes, evidence
    samples: tuple[Sample, ...]


def load_content(data: Path = DATA) -> Content:
    settings, notes, shared, affiliates, entries = (
        yaml.safe_load((data / f"{name}.yaml").read_text(encoding="utf-8"))
        for name in ("settings", "notes", "partners", "affiliates", "samples")
    )
    affiliates = {
        key: SimpleNamespace(
            **({"languages": "the local languages"} | a), region=settings["country_region"][a["country"]]
        )
        for key, a in affiliates.items()
    }

    def partner(value: str | dict[str, Any]) -> SimpleNamespace:
        return SimpleNamespace(
            **({"aliases": [], "website": True} | (shared[value] if isinstance(value, str) else value))
        )

    samples = []
    for entry in entries:
        parts = {"partner": partner(entry["partner"]), "affiliate": affiliates[entry["affiliate"]]}
        samples.append(Sample(**(settings["sample_defaults"] | entry | parts)))
    return Content(settings, notes, tuple(samples))


def check_table(content: Content, frameworks: Mapping[str, Framework]) -> None:
    """Refuse data that would write inconsistent samples (a typo in a criterion id, a country in the wrong
    region, an overlay used where it makes no sense, a date out of range)."""
    settings, samples = content.settings, content.samples
    keys = [s.key for s in samples]
    if len(set(keys)) != len(keys):
        raise ValueError("sample keys must be unique")
    first, last = (dt.date.fromisoformat(settings[k]) for k in ("first_date", "last_date"))
    for position, s in enumerate(samples):
        framework = frameworks[s.affiliate.framework]
        where = f"sample {s.key!r}"
        if settings["country_region"][s.partner.country] != s.affiliate.region:
            raise ValueError(f"{where}: partner country {s.partner.country} is not in {s.affiliate.region}")
        countries = settings["overlay_countries"].get(s.affiliate.framework)
        if countries and s.partner.country not in countries:
            raise ValueError(f"{where}: {framework.id} is for partners in {', '.join(countries)}")
        for type_id in types_of(s):
            if framework.partnership_type(type_id) is None:
                raise ValueError(f"{where}: {type_id!r} is not a partnership type of {framework.id}")
        if s.profile not in settings["target"] or s.status not in ("final", "draft"):
            raise ValueError(f"{where}: unknown profile or status")
        if not first <= dt.date.fromisoformat(s.date) <= last:
            raise ValueError(f"{where}: date {s.date} outside {first}..{last}")
        if s.follows and not any(
            o.key == s.follows and o.partner == s.partner and o.date < s.date for o in samples[:position]
        ):
            raise ValueError(f"{where}: follows {s.follows!r}, which must be earlier and of the same partner")
        if s.framework_version and s.framework_version != framework.version:
            continue  # pinned to an earlier version: checked against its snapshot when written
        applicable = {c.id for c in framework.applicable_criteria(types_of(s), s.size)}
        for crit_id in (*s.fix, *s.na, *s.unknown):
            if crit_id not in applicable:
                raise ValueError(f"{where}: {crit_id!r} does not apply to {s.type!r} in {framework.id}")


def types_of(sample: Sample) -> list[str]:
    """The sample's partnership types: ``type`` is one id or a list of them."""
    return [sample.type] if isinstance(sample.type, str) else list(sample.type)


def _to_answer(sample: Sample, framework: Framework, rng: random.Random) -> list[Criterion]:
    """The applicable criteria this sample answers: all for a final; for a draft, the first part of the
    walk-through with a few skipped (and any answer written by hand)."""
    applicable = list(framework.applicable_criteria(types_of(sample), sample.size))
    if sample.status == "final":
        return applicable
    count = round(sample.answered * len(applicable))
    return [c for i, c in enumerate(applicable) if c.id in sample.fix or (i < count and rng.random() > 0.12)]


def draw_levels(
    sample: Sample,
    framework: Framework,
    criteria: list[Criterion],
    rng: random.Random,
    settings: Mapping[str, Any],
    previous: Mapping[str, int | str] | None = None,
) -> dict[str, int | str]:
    """Levels for ``criteria`` drawn from the sample's profile until the result is the one the profile stands
    for (its band for a final, 'incomplete' for a draft). A re-assessment starts from the ``previous``
    levels and raises some of them."""
    profile = sample.blocked_base if sample.profile in ("blocked", "refer") else sample.profile
    weights = settings["profiles"][profile]
    target = settings["target"][sample.profile] if sample.status == "final" else "incomplete"
    for _attempt in range(1000):
        levels: dict[str, int | str] = {}
        for criterion in criteria:
            if criterion.id in sample.fix:
                levels[criterion.id] = sample.fix[criterion.id]["level"]
            elif criterion.id in sample.na:
                levels[criterion.id] = NOT_APPLICABLE
            elif criterion.id in sample.unknown:
                levels[criterion.id] = UNKNOWN
            else:
                level = rng.choices(framework.level_values, weights=weights)[0]
                before = previous.get(criterion.id) if previous else None
                if isinstance(before, int):  # never worse than last time, sometimes one better
                    improved = rng.random() < settings["improve_chance"][profile]
                    level = max(level, min(framework.highest, before + improved))
                if criterion.red_line is not None:
                    floor = settings["red_line_floor"][profile]
                    level = max(level, criterion.red_line.at_or_below + 1, floor)
                level = max(level, settings["criterion_floor"].get(criterion.id, level))
                levels[criterion.id] = level
        scorable = SimpleNamespace(
            id=sample.key,
            partnership_types=types_of(sample),
            size=sample.size,
            levels={k: v for k, v in levels.items() if v != UNKNOWN},
        )
        result = score_assessment(framework, scorable)
        if result.recommendation == target:
            return levels
    raise RuntimeError(f"sample {sample.key!r}: no draw gives {target!r}; change its profile or its fixes")


def _drawn_answer(
    content: Content, sample: Sample, crit_id: str, level: int | str, base_type: str, rng: random.Random
) -> dict[str, Any]:
    """A drawn level with, by chance, a note from the templates (the partnership type's own first, else the
    neutral ones) and an evidence link."""
    settings, kind = content.settings, sample.partner.kind
    low = isinstance(level, int) and level <= 1
    chance = settings["low_note_chance"] if low else settings["note_chance"][sample.status]
    note = None
    if rng.random() < (1.0 if level == NOT_APPLICABLE else chance):
        words = {"k": f"the {kind}", "K": f"The {kind}", "langs": sample.affiliate.languages}
        tiers = {NOT_APPLICABLE: ("na",), 0: ("low",), 1: ("low",), 2: ("mid",), 4: ("top", "high")}
        by_type = content.notes["type_notes"].get(crit_id, {}).get(base_type, {})
        for source in (by_type, content.notes["notes"].get(crit_id, {})):
            texts = next((source[tier] for tier in tiers.get(level, ("high",)) if source.get(tier)), None)
            if texts:
                note = rng.choice(texts).format(**words)
                break
    reference = content.notes["evidence"].get(crit_id)
    linked = note and not low and level != NOT_APPLICABLE and reference
    evidence = (
        [evidence_link(reference, sample.partner)]
        if linked and rng.random() < settings["evidence_chance"]
        else []
    )
    return {"level": level, "notes": note, "evidence": evidence}


def evidence_link(reference: str, partner: SimpleNamespace) -> str:
    """``partner:PATH`` is a document of the partner's (example.com); ``wiki:ANCHOR`` a section of the
    affiliate's project page about the partner (example.org)."""
    kind, _, rest = reference.partition(":")
    if kind == "partner":
        return f"https://example.com/{slugify(partner.name)}/{rest}"
    if kind == "wiki":
        ascii_name = unicodedata.normalize("NFKD", partner.name).encode("ascii", "ignore").decode("ascii")
        title = "Partnerships/" + re.sub(r"[^A-Za-z0-9]+", "_", ascii_name).strip("_")
        return f"https://example.org/wiki/{title}#{rest}"
    raise ValueError(f"unknown evidence reference {reference!r}")


def build_assessment(
    content: Content,
    sample: Sample,
    framework: Framework,
    digest: str | None,
    previous: Assessment | None = None,
) -> Assessment:
    settings = content.settings
    rng = random.Random(f"{settings['seed']}:{sample.key}")
    criteria = _to_answer(sample, framework, rng)
    levels = draw_levels(sample, framework, criteria, rng, settings, previous.levels if previous else None)
    partner = sample.partner
    base_type = framework.type_lineage(types_of(sample)[0])[-1]
    answers: dict[str, dict[str, object]] = {}
    for criterion in criteria:
        level = levels[criterion.id]
        fixed = sample.fix.get(criterion.id)
        if fixed is not None:
            evidence = [evidence_link(e, partner) for e in fixed.get("evidence", ())]
            answers[criterion.id] = {"level": level, "notes": fixed.get("note"), "evidence": evidence}
        else:
            answers[criterion.id] = _drawn_answer(content, sample, criterion.id, level, base_type, rng)

    created = dt.date.fromisoformat(sample.date)
    final = sample.status == "final"
    last = dt.date.fromisoformat(settings["last_date"])
    updated = min(created + dt.timedelta(days=rng.randint(3, 40) if final else rng.randint(0, 12)), last)
    team = sample.affiliate.assessors
    assessors = rng.sample(team, k=rng.randint(1, min(3, len(team))))
    team_answers = None
    if sample.team:
        assessors = team[: sample.team.get("assessors", 3)]
        team_answers = team_of(sample, framework, answers, assessors, updated, rng)
    data = {
        "schema": 2,
        "id": hashlib.sha256(f"{settings['seed']}:{sample.key}".encode()).hexdigest()[:12],
        "revision": rng.randint(2, 6) if final else rng.randint(1, 3),
        "framework": {"id": framework.id, "version": framework.version, "digest": digest if final else None},
        "partner": {
            "name": partner.name,
            "id": stable_partner_id(partner.name) if sample.linked else None,
            "aliases": list(partner.aliases),
            "country": partner.country,
            "website": f"https://example.com/{slugify(partner.name)}" if partner.website else None,
        },
        "affiliate": sample.affiliate.name,
        "region": sample.affiliate.region,
        "partnership_types": types_of(sample),
        "size": sample.size,
        "assessors": assessors,
        "status": sample.status,
        "created": created,
        "updated": updated,
        "summary": sample.summary,
        "answers": answers,
        "team": team_answers,
        "tracked_conditions": sample.tracked_conditions,
        "outcome": sample.outcome,
    }
    assessment = Assessment.model_validate(data)
    view = getattr(sample, "partner_view", None)
    if view is None:
        return assessment
    return with_partner_answers(  # checked like the partner form's: asked criteria, levels on the scale
        assessment,
        framework,
        {crit: {"level": a["level"], "notes": a.get("note")} for crit, a in view["answers"].items()},
        answered_by=view["answered_by"],
        via=view["via"],
        now=dt.datetime.fromisoformat(view["answered_at"]),
    )


def team_of(
    sample: Sample,
    framework: Framework,
    answers: dict[str, dict[str, object]],
    members: list[str],
    day: dt.date,
    rng: random.Random,
) -> dict[str, object]:
    """Each member's own answers, so that the level that counts (consensus, else the lower median) is the
    sample's answer: members agree, the last one sometimes a level higher (never across a red line); on the
    criteria in ``disagree`` the last one is two levels away, and ``consensus`` (criterion: reason) records the
    team's level."""
    spec = sample.team
    highest, lowest = framework.highest, framework.lowest
    own: dict[str, dict[str, object]] = {member: {} for member in members}
    for criterion_id, answer in answers.items():
        level = answer["level"]
        criterion = framework.criterion(criterion_id)
        for member in members:
            own[member][criterion_id] = level
        if not isinstance(level, int):
            continue
        if criterion_id in spec.get("disagree", ()):
            own[members[-1]][criterion_id] = level + 2 if level + 2 <= highest else max(lowest, level - 2)
        elif criterion.red_line is None and level < highest and rng.random() < 0.25:
            own[members[-1]][criterion_id] = level + 1
    for criterion_id in spec.get("disagree", ()):
        if not isinstance(answers.get(criterion_id, {}).get("level"), int):
            raise ValueError(f"sample {sample.key!r}: disagree on {criterion_id!r}, which has no level")
    consensus = {
        criterion_id: {
            "level": answers[criterion_id]["level"],
            "reason": reason,
            "by": members[0],
            "date": day,
        }
        for criterion_id, reason in spec.get("consensus", {}).items()
    }
    return {"answers": own, "consensus": consensus}


def generate(
    frameworks_dir: Path = ROOT / "frameworks", root: Path = ROOT / "assessments", data: Path = DATA
) -> list[Path]:
    """Write every sample into ``root/samples/`` (removing the YAML files there first) and the snapshots of
    the frameworks the final ones use into ``root/.snapshots/``; return the paths written, in table order."""
    content = load_content(data)
    catalog = load_frameworks(frameworks_dir)
    if catalog.errors:
        raise SystemExit("frameworks do not load:\n" + "\n".join(catalog.problem_lines()))
    check_table(content, catalog.frameworks)
    store = AssessmentStore(root)
    folder = root / SAMPLES_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.yaml"):
        old.unlink()
    written = []
    built: dict[str, Assessment] = {}
    for sample in content.samples:
        framework = framework_of(sample, catalog.frameworks, store)
        digest = store.write_snapshot(framework) if sample.status == "final" else None
        assessment = build_assessment(content, sample, framework, digest, built.get(sample.follows))
        built[sample.key] = assessment
        problems = check_against_framework(assessment, framework, strict=True)
        if problems:
            raise ValueError(f"sample {sample.key!r}: " + "; ".join(p.render() for p in problems))
        path = folder / store.path_for(assessment).name
        write_atomically(path, FILE_HEADER + dump_yaml(assessment.to_data()))
        written.append(path)
    return written


def framework_of(sample: Sample, frameworks: Mapping[str, Framework], store: AssessmentStore) -> Framework:
    """The sample's framework: the loaded one, or for a sample pinned to an earlier ``framework_version`` the
    snapshot of that version kept in the store (so older finals keep scoring from what they were given)."""
    loaded = frameworks[sample.affiliate.framework]
    if not sample.framework_version or sample.framework_version == loaded.version:
        return loaded
    for source in (store, AssessmentStore(ROOT / "assessments", use_index=False)):
        for path in sorted(source.snapshot_path("0" * 64).parent.glob("*.json")):
            snapshot = source.read_snapshot(path.stem)
            if snapshot is not None and (snapshot.id, snapshot.version) == (
                loaded.id,
                sample.framework_version,
            ):
                return snapshot
    raise ValueError(
        f"sample {sample.key!r}: no snapshot of {loaded.id} {sample.framework_version} in the store"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frameworks", type=Path, default=ROOT / "frameworks", help="framework files")
    parser.add_argument("--root", type=Path, default=ROOT / "assessments", help="samples go to ROOT/samples")
    parser.add_argument("--data", type=Path, default=DATA, help="the sample data (samples.yaml, ...)")
    args = parser.parse_args()
    written = generate(args.frameworks, args.root, args.data)
    print(f"wrote {len(written)} samples to {args.root / SAMPLES_FOLDER}")


if __name__ == "__main__":
    main()
