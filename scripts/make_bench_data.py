"""Generate many realistic, throwaway assessments for benchmarks and screenshots.

    .venv/bin/python scripts/make_bench_data.py bench-data/10k --count 10000

Assessments are made against the frameworks in --frameworks (default frameworks/): every partnership type and
region, dates over three years, partners assessed again by other affiliates, some drafts, some red lines hit,
and final ones with a framework snapshot, as the app would write them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

from partnerfit.assessment import REGIONS, SIZES
from partnerfit.catalog import load_frameworks
from partnerfit.framework import Framework
from partnerfit.store import FILE_HEADER, AssessmentStore
from partnerfit.yamlio import dump_yaml

KINDS = [
    "Museum",
    "University",
    "Library",
    "Archive",
    "Research Institute",
    "Foundation",
    "Broadcaster",
    "Gallery",
]
PLACES = {
    "Central & Eastern Europe and Central Asia": (
        ["Kraków", "Tbilisi", "Almaty", "Brno", "Kyiv"],
        ["PL", "GE"],
    ),
    "East, Southeast Asia and Pacific": (
        ["Manila", "Jakarta", "Taipei", "Wellington", "Hanoi"],
        ["PH", "ID"],
    ),
    "Latin America and Caribbean": (["Bogotá", "Recife", "Lima", "Santiago", "Kingston"], ["CO", "BR"]),
    "Middle East and North Africa": (["Tunis", "Amman", "Rabat", "Cairo", "Beirut"], ["TN", "JO"]),
    "North America": (["Toronto", "Chicago", "Oaxaca", "Austin", "Montréal"], ["CA", "US"]),
    "Northern and Western Europe": (["Lyon", "Leiden", "Bergen", "Cork", "Kassel"], ["FR", "NL"]),
    "South Asia": (["Dhaka", "Pune", "Kandy", "Lahore", "Kathmandu"], ["BD", "IN"]),
    "Sub-Saharan Africa": (["Accra", "Nairobi", "Kampala", "Dakar", "Lagos"], ["GH", "KE"]),
}
AFFILIATES = {
    "Central & Eastern Europe and Central Asia": ["Wikimedia Polska", "Wikimedians of Georgia UG"],
    "East, Southeast Asia and Pacific": ["Wikimedia Indonesia", "Wikimedians of the Philippines"],
    "Latin America and Caribbean": ["Wikimedia Colombia", "Wiki Movimento Brasil"],
    "Middle East and North Africa": ["Wikimedians of Tunisia UG", "Wikimedia Levant"],
    "North America": ["Wikimedia Canada", "Wikimedia NYC"],
    "Northern and Western Europe": ["Wikimédia France", "Wikimedia Nederland", "Wikimedia Norge"],
    "South Asia": ["Wikimedia Bangladesh", "Punjabi Wikimedians"],
    "Sub-Saharan Africa": ["Wikimedia Ghana UG", "Wikimedia Kenya"],
}
NOTES = [
    "Confirmed in the meeting with the head of collections.",
    "Draft agreement, section 4; still to be signed.",
    "They asked for time to check with their legal department.",
    "Volunteers raised this on the village pump; see the discussion.",
    "Only for the photo collection, not for the archive scans.",
    "Verbal commitment; ask for it in writing.",
]
REGION_BIAS = dict(zip(REGIONS, [0.1, -0.2, 0.3, -0.3, 0.0, 0.4, -0.1, 0.2], strict=True))


def generate(frameworks_dir: Path, out: Path, count: int, *, seed: int = 7) -> int:
    """Write ``count`` assessments below ``out``; returns how many were written."""
    rng = random.Random(seed)
    catalog = load_frameworks(frameworks_dir)
    frameworks = list(catalog.frameworks.values())
    if not frameworks:
        raise SystemExit(f"no framework loaded from {frameworks_dir}")
    base = [f for f in frameworks if not f.is_overlay]
    store = AssessmentStore(out)
    digests = {f.id: store.write_snapshot(f) for f in frameworks}
    partners: list[tuple[str, str, str]] = []  # (name, region, country)
    start = dt.date.today() - dt.timedelta(days=3 * 365)
    for index in range(count):
        if partners and rng.random() < 0.25:
            name, region, country = rng.choice(partners)
        else:
            region = rng.choice(REGIONS)
            cities, countries = PLACES[region]
            name = f"{rng.choice(cities)} {rng.choice(KINDS)}"
            if rng.random() < 0.5:
                name += (
                    f" of {rng.choice(['Modern Art', 'History', 'Science', 'Languages', 'Music', 'Maps'])}"
                )
            country = rng.choice(countries)
            partners.append((name, region, country))
        framework = rng.choice(base) if rng.random() < 0.7 else rng.choice(frameworks)
        date = start + dt.timedelta(days=rng.randrange(3 * 365))
        data = _assessment(rng, framework, index, name, region, country, date, digests[framework.id])
        path = out / region.split()[0].lower().strip(",&") / f"bench-{index:06d}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(FILE_HEADER + dump_yaml(data), encoding="utf-8")
    return count


def _assessment(
    rng: random.Random,
    framework: Framework,
    index: int,
    name: str,
    region: str,
    country: str,
    date: dt.date,
    digest: str,
) -> dict:
    ptype = rng.choice(framework.partnership_types).id
    quality = rng.gauss(2.6 + REGION_BIAS[region], 0.7)
    final = rng.random() < 0.8
    answers: dict[str, dict] = {}
    for criterion in framework.applicable_criteria([ptype]):
        if not final and rng.random() < 0.3:
            continue
        if rng.random() < 0.04:
            answers[criterion.id] = {"level": "na"}
            continue
        level = round(rng.gauss(quality, 0.9))
        if criterion.red_line:
            hit = rng.random() < 0.02
            level = criterion.red_line.at_or_below if hit else max(level, criterion.red_line.at_or_below + 1)
        answer: dict = {"level": min(max(level, framework.lowest), framework.highest)}
        if rng.random() < 0.3:
            answer["notes"] = rng.choice(NOTES)
        if rng.random() < 0.15:
            answer["evidence"] = [f"https://meta.wikimedia.org/wiki/Partnerships/{index}/{criterion.id}"]
        answers[criterion.id] = answer
    ref = {"id": framework.id, "version": framework.version, **({"digest": digest} if final else {})}
    return {
        "schema": 2,
        "id": f"bench{index:07d}",
        "revision": 1,
        "framework": ref,
        "partner": {"name": name, "country": country},
        "affiliate": rng.choice(AFFILIATES[region]),
        "region": region,
        "partnership_types": [ptype],
        "size": rng.choice(SIZES),
        "status": "final" if final else "draft",
        "created": date,
        "updated": date + dt.timedelta(days=rng.randrange(0, 20)),
        "answers": answers,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--frameworks", type=Path, default=Path("frameworks"))
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    written = generate(args.frameworks, args.out, args.count, seed=args.seed)
    print(f"wrote {written} assessments to {args.out}")


if __name__ == "__main__":
    main()
