"""The shipped content: every framework and sample assessment validates and scores, the global red lines
are locked, every text exists in every language a framework claims, and the samples cover what the comparison
views need."""

from __future__ import annotations

import datetime as dt
import importlib.util
import shutil
import sys
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from partnerfit.assessment import REGIONS, SIZES, check_against_framework
from partnerfit.catalog import load_frameworks
from partnerfit.compare import find_similar_partners
from partnerfit.framework import Framework
from partnerfit.results import SNAPSHOT, framework_for, score_records
from partnerfit.store import AssessmentStore, read_assessment
from partnerfit.text import missing_languages

ROOT = Path(__file__).resolve().parent.parent
FRAMEWORKS = ROOT / "frameworks"
ASSESSMENTS = ROOT / "assessments"
SAMPLES = ASSESSMENTS / "samples"
GLOBAL = "wikimedia-global"
SHIPPED_FRAMEWORKS = {GLOBAL, "example-gdpr-chapter", "example-south-asia", "example-small-user-group"}
BASE_TYPES = {"content", "education", "research", "events", "technology", "funding", "advocacy"}
EXAMPLE_HOSTS = {"example.org", "example.com"}


@pytest.fixture(scope="module")
def catalog():
    return load_frameworks(FRAMEWORKS)


@pytest.fixture(scope="module")
def snapshots() -> AssessmentStore:
    """The store whose ``.snapshots/`` folder holds the samples' frameworks."""
    return AssessmentStore(ASSESSMENTS, use_index=False)


@pytest.fixture(scope="module")
def loaded():
    return AssessmentStore(SAMPLES, use_index=False).load_all()


@pytest.fixture(scope="module")
def records(loaded):
    return loaded.records


@pytest.fixture(scope="module")
def table(records, catalog, snapshots):
    return score_records(records, catalog, snapshots)


@pytest.fixture(scope="module")
def generator():
    """scripts/make_samples.py as a module (registered, so that its dataclasses resolve)."""
    spec = importlib.util.spec_from_file_location("make_samples", ROOT / "scripts" / "make_samples.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.modules.pop(spec.name, None)


# -- frameworks ----------------------------------------------------------------------------------------------
def test_every_shipped_framework_validates_and_resolves(catalog):
    assert catalog.problem_lines() == []
    assert set(catalog.frameworks) == SHIPPED_FRAMEWORKS


def test_overlays_extend_the_global_framework(catalog):
    for framework_id in SHIPPED_FRAMEWORKS - {GLOBAL}:
        assert catalog.get(framework_id).base_id == GLOBAL


def test_every_global_red_line_is_locked(catalog):
    red_lines = [c for c in catalog.get(GLOBAL).criteria if c.red_line is not None]
    assert len(red_lines) >= 5
    assert [c.id for c in red_lines if not c.locked] == []


def test_no_overlay_softens_a_global_red_line(catalog):
    base = {c.id: c for c in catalog.get(GLOBAL).criteria if c.red_line is not None}
    for overlay in catalog.overlays_of(GLOBAL):
        for crit_id, criterion in base.items():
            kept = overlay.criterion(crit_id)
            assert kept is not None, f"{overlay.id} removed the red line {crit_id}"
            unchanged = kept.red_line == criterion.red_line and kept.weight == criterion.weight
            assert kept.locked and unchanged, f"{overlay.id} changed the red line {crit_id}"


def _text_gaps(framework: Framework, criteria, languages) -> list[str]:
    """Every criterion text (question, guidance, a rubric entry per scale level, red-line reason, local
    guidance) that is missing, or missing in one of ``languages``."""
    gaps = []
    for c in criteria:
        texts = {"question": c.question, "guidance": c.guidance}
        if c.red_line is not None:
            texts["red_line.reason"] = c.red_line.reason
        texts |= {f"rubric.{level}": c.rubric.get(level) for level in framework.level_values}
        for name, text in texts.items():
            if text is None:
                gaps.append(f"{c.id}.{name}: missing")
            elif missing := missing_languages(text, list(languages)):
                gaps.append(f"{c.id}.{name}: missing in {', '.join(missing)}")
        if c.local_guidance is not None and (missing := missing_languages(c.local_guidance, list(languages))):
            gaps.append(f"{c.id}.local_guidance: missing in {', '.join(missing)}")
    return gaps


def test_every_global_criterion_has_question_guidance_and_full_rubric_in_every_language(catalog):
    framework = catalog.get(GLOBAL)
    assert set(framework.languages) >= {"en", "fr"}
    assert len(framework.criteria) >= 30
    assert _text_gaps(framework, framework.criteria, framework.languages) == []


def test_global_labels_exist_in_every_language(catalog):
    framework = catalog.get(GLOBAL)
    labels = {"title": framework.title, "description": framework.description}
    labels |= {f"levels.{lv.value}": lv.label for lv in framework.levels}
    labels |= {f"bands.{b.id}": b.label for b in framework.bands}
    labels |= {f"types.{t.id}": t.label for t in framework.partnership_types}
    labels |= {f"dimensions.{d.id}": d.title for d in framework.dimensions}
    gaps = {name: missing_languages(text, list(framework.languages)) for name, text in labels.items()}
    assert {name: missing for name, missing in gaps.items() if missing} == {}


@pytest.mark.parametrize("overlay_id", sorted(SHIPPED_FRAMEWORKS - {GLOBAL}))
def test_overlay_criteria_are_complete_in_the_overlays_languages(catalog, overlay_id):
    overlay = catalog.get(overlay_id)
    own = [c for c in overlay.criteria if c.introduced_by == overlay_id]
    assert own, f"{overlay_id} adds no criterion of its own"
    own_languages = catalog.documents[
        overlay_id
    ].languages  # the file's own; the resolved set adds the base's
    assert _text_gaps(overlay, own, own_languages) == []
    guided = [c for c in overlay.criteria if c.introduced_by != overlay_id and c.local_guidance is not None]
    gaps = [gap for gap in _text_gaps(overlay, guided, own_languages) if "local_guidance" in gap]
    assert gaps == []


# -- sample assessments --------------------------------------------------------------------------------------
def test_every_sample_file_loads(loaded):
    files = sorted(SAMPLES.glob("*.yaml"))
    assert 50 <= len(files) <= 70
    assert [line for error in loaded.errors for line in error.lines()] == []
    assert len(loaded.records) == len(files)


def test_every_sample_validates_against_its_framework(records, catalog, snapshots):
    for record in records:
        assessment = read_assessment(record.path)
        basis = framework_for(assessment.framework, assessment.status, catalog, snapshots)
        problems = check_against_framework(assessment, basis.framework, strict=record.status == "final")
        assert [p.render() for p in problems] == [], record.path.name


def test_every_sample_scores(table, records):
    assert table.problems == []
    assert len(table.assessments) == len(records) == len(list(SAMPLES.glob("*.yaml")))
    finals = table.assessments[table.assessments["status"] == "final"]
    drafts = table.assessments[table.assessments["status"] == "draft"]
    assert set(finals["basis"]) == {SNAPSHOT}
    assert not finals["overall"].isna().any()
    assert "incomplete" not in set(finals["recommendation"])
    assert set(drafts["recommendation"]) == {"incomplete"}


def test_every_final_sample_has_its_snapshot(records, snapshots):
    for record in records:
        if record.status == "draft":
            assert record.framework_digest is None, record.path.name
            continue
        snapshot = snapshots.read_snapshot(record.framework_digest or "")  # None unless the digest matches
        assert snapshot is not None, f"{record.path.name}: no snapshot {record.framework_digest}"
        assert (snapshot.id, snapshot.version) == (record.framework_id, record.framework_version)


def test_samples_cover_regions_types_frameworks_years_and_sizes(records, catalog):
    assert {r.region for r in records} == set(REGIONS)
    assert {t for r in records for t in r.partnership_types} >= BASE_TYPES | {"one-off-upload", "edit-a-thon"}
    assert {r.framework_id for r in records} == SHIPPED_FRAMEWORKS
    assert len({r.date.year for r in records}) >= 3
    assert {r.size for r in records} == set(SIZES)
    statuses = [r.status for r in records]
    assert statuses.count("final") > 3 * statuses.count("draft") > 0


def test_final_samples_land_in_every_band_and_some_are_blocked(table):
    finals = table.assessments[table.assessments["status"] == "final"]
    counts = finals["recommendation"].value_counts()
    assert set(counts.index) == {"aligned", "conditional", "not-aligned", "blocked", "refer"}
    assert 5 <= counts["blocked"] <= 9
    assert (finals.loc[finals["recommendation"] == "blocked", "red_lines"] != "").all()


def test_samples_show_the_verdicts_of_the_2_0_0_framework(records, catalog, snapshots):
    """An editorial veto is blocked, a feed request and a logo request are referred, a clean one-off event is
    aligned with at most two conditions, a sample has several types, a draft has questions for the partner, and
    samples finalised on 1.0.0 keep scoring from its snapshot."""
    from partnerfit.conditions import negotiation_conditions
    from partnerfit.scoring import score_assessment

    by_partner = {r.partner_name: read_assessment(r.path) for r in records}

    def result(name):
        assessment = by_partner[name]
        basis = framework_for(assessment.framework, assessment.status, catalog, snapshots)
        return assessment, basis.framework, score_assessment(basis.framework, assessment)

    _, _, veto = result("Fjordheim Maritime Museum")
    assert veto.recommendation == "blocked" and veto.red_lines == ("no-editorial-control",)
    for name, referral in (
        ("Chao Phraya Search Co., Ltd.", "wikimedia-enterprise"),
        ("Commune de Kaffrine", "wmf-trademarks"),
    ):
        assessment, _, referred = result(name)
        assert referred.recommendation == "refer" and referral in referred.referrals
    assert len(by_partner["Commune de Kaffrine"].partnership_types) == 2
    event, framework, clean = result("Karoo Town Public Library")
    assert event.size == "one-off" and clean.recommendation == "aligned"
    assert len(negotiation_conditions(framework, event)) <= 2
    assert set(by_partner["Accra Learning Apps Ltd"].unknown) == {"partner-transparency", "data-minimisation"}
    pinned = [read_assessment(r.path) for r in records if r.framework_version == "1.0.0"]
    assert len(pinned) >= 3 and all(a.status == "final" for a in pinned)
    assert all(snapshots.read_snapshot(a.framework.digest).version == "1.0.0" for a in pinned)


def test_overlays_are_used_where_they_fit(records, catalog):
    for record in records:
        if record.framework_id == "example-south-asia":
            assert record.region == "South Asia", record.path.name
        if {"one-off-upload", "edit-a-thon"} & set(record.partnership_types):
            assert record.framework_id == "example-small-user-group" and record.size == "one-off"


def test_a_partner_was_assessed_by_two_affiliates_in_the_same_country(records):
    pairs = set()
    for record in records:
        others = [r for r in records if r.path != record.path]
        similar_partners = find_similar_partners(
            record.partner_name,
            others,
            aliases=record.partner_aliases,
            country=record.partner_country,
            region=record.region,
        )
        for similar in similar_partners:
            if similar.same_country and similar.record.affiliate != record.affiliate:
                pairs.add(frozenset((record.path.name, similar.record.path.name)))
    assert pairs, "no partner is assessed by two different affiliates in the same country"


def test_a_partner_reassessed_in_a_later_year_shows_a_trend(table):
    scored = table.assessments
    finals = scored[(scored["status"] == "final") & scored["partner_id"].notna()]
    trends = {}
    for partner_id, group in finals.sort_values("date").groupby("partner_id"):
        if group["date"].dt.year.nunique() >= 2:
            trends[partner_id] = list(group["overall"])
    assert trends, "no partner.id has assessments in two different years"
    assert any(scores == sorted(scores) and scores[-1] > scores[0] for scores in trends.values())


def test_samples_are_fictional_and_link_only_to_example_domains(records):
    hosts = defaultdict(set)
    for record in records:
        assessment = read_assessment(record.path)
        links = [assessment.partner.website] if assessment.partner.website else []
        links += [url for answer in assessment.answers.values() for url in answer.evidence]
        for url in links:
            hosts[urlparse(url).hostname].add(record.path.name)
        assert "example" in assessment.affiliate.lower() or "fictional" in assessment.affiliate.lower()
    elsewhere = {host: sorted(files)[:3] for host, files in hosts.items() if host not in EXAMPLE_HOSTS}
    assert elsewhere == {}


def test_sample_dates_are_plausible(records):
    for record in records:
        first, last = dt.date(2024, 1, 1), dt.date(2026, 11, 20)
        assert first <= record.created <= record.updated <= last, record.path.name


def test_shipped_samples_equal_a_fresh_generation(generator, tmp_path):
    """A hand edit to a sample, or a change to the generator or the frameworks without re-running it, shows
    here: run `.venv/bin/python scripts/make_samples.py` and commit the result."""
    stale = tmp_path / "samples" / "stale-sample.yaml"
    stale.parent.mkdir(parents=True)
    stale.write_text("left over\n", encoding="utf-8")
    written = generator.generate(FRAMEWORKS, tmp_path)
    assert not stale.exists()
    fresh = {p.name: p.read_bytes() for p in written}
    shipped = {p.name: p.read_bytes() for p in SAMPLES.glob("*.yaml")}
    assert sorted(fresh) == sorted(shipped)
    assert [name for name in fresh if fresh[name] != shipped[name]] == []
    for snapshot in (tmp_path / ".snapshots").iterdir():
        assert (ASSESSMENTS / ".snapshots" / snapshot.name).read_bytes() == snapshot.read_bytes()
    again = generator.generate(FRAMEWORKS, tmp_path)
    assert {p.name: p.read_bytes() for p in again} == fresh


def test_samples_come_from_the_data_files(generator, tmp_path):
    """The generator only draws: a sample's text and a new sample come from scripts/samples/*.yaml."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "scripts" / "samples", data)
    entries = yaml.safe_load((data / "samples.yaml").read_text(encoding="utf-8"))
    entries[0]["summary"] = "Changed in the data file."
    entries.append(
        entries[0]
        | {"key": "one-more", "partner": {"name": "Another Archive", "kind": "archive", "country": "DE"}}
    )
    (data / "samples.yaml").write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    written = generator.generate(FRAMEWORKS, tmp_path / "out", data)
    assert len(written) == len(list(SAMPLES.glob("*.yaml"))) + 1
    first = yaml.safe_load(written[0].read_text(encoding="utf-8"))
    assert first["summary"] == "Changed in the data file."
    assert yaml.safe_load(written[-1].read_text(encoding="utf-8"))["partner"]["name"] == "Another Archive"
