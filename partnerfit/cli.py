"""The command line: ``python -m partnerfit COMMAND`` (or ``partnerfit COMMAND``), on the same core as the app."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from partnerfit.access import ACCESS_ENV, Viewer, can_read, load_access
from partnerfit.access_store import AccessControlledStore, visible
from partnerfit.assessment import Assessment, check_against_framework
from partnerfit.catalog import load_frameworks
from partnerfit.cli_db import db
from partnerfit.cli_partner import questionnaire
from partnerfit.errors import PartnerfitError, ValidationError
from partnerfit.export import export_rows, write_csv, write_json
from partnerfit.follow_up import follow_up_json, follow_up_lines
from partnerfit.framework_file import FrameworkFile
from partnerfit.i18n import LANGUAGES, _, environment_language, set_language
from partnerfit.integrity import check_store, remove_unreferenced_snapshots, unreferenced_snapshots
from partnerfit.partner_view import partner_view_json
from partnerfit.report import recommendation_label
from partnerfit.results import framework_for, score_groups
from partnerfit.scoring import BLOCKED, score_assessment
from partnerfit.store import (
    AssessmentStore,
    FolderStore,
    NotFoundError,
    database_url,
    open_store,
    read_assessment,
    store_holding,
)
from partnerfit.text import printable
from partnerfit.verdict import Verdict, explain

FRAMEWORKS = click.option(
    "--frameworks",
    "frameworks_dir",
    default="frameworks",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of framework files.",
)
ASSESSMENTS = click.option(
    "--assessments",
    "assessments_dir",
    default="assessments",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of assessment files.",
)


AS_VIEWER = click.option(
    "--as",
    "as_email",
    metavar="EMAIL",
    default=None,
    help="Act as this person of the access file (only what they may read); without it: as admin.",
)
ACCESS = click.option(
    "--access",
    "access_file",
    envvar=ACCESS_ENV,
    type=click.Path(dir_okay=False, path_type=Path),
    help=f"The access file for --as (default: ${ACCESS_ENV}).",
)


def _viewer(as_email: str | None, access_file: Path | None) -> Viewer | None:
    if as_email is None:
        return None
    if access_file is None:
        raise click.ClickException(f"--as needs the access file: pass --access FILE or set {ACCESS_ENV}")
    viewer = load_access(access_file).viewer(as_email)
    if not viewer.listed:
        raise click.ClickException(f"{as_email} is not in the access file {access_file}")
    return viewer


def echo(text: str, *, err: bool = False) -> None:
    """A line for the terminal: text from files never carries control characters or terminal codes to it."""
    click.echo(printable(text), err=err)


class _Group(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except PartnerfitError as error:
            raise click.ClickException(printable(str(error))) from None


@click.group(cls=_Group)
@click.version_option(package_name="partnerfit")
@click.option(
    "--lang",
    "language",
    type=click.Choice(sorted(LANGUAGES)),
    default=None,
    help="Language of the messages (default: PARTNERFIT_LANG, else the locale, else English).",
)
def cli(language: str | None) -> None:
    """partnerfit: assess a prospective partner against Wikimedia movement values."""
    set_language(language or environment_language())


@cli.command()
@FRAMEWORKS
@click.option(
    "--assessments",
    "assessments_dir",
    default=None,
    type=click.Path(file_okay=False, path_type=Path),
    help="Also check the assessment files in this folder.",
)
@AS_VIEWER
@ACCESS
def validate(
    frameworks_dir: Path, assessments_dir: Path | None, as_email: str | None, access_file: Path | None
) -> None:
    """Check every framework file (and, optionally, assessment file); print one line per problem.

    Example: python -m partnerfit validate --frameworks frameworks
    """
    if not frameworks_dir.is_dir():
        raise click.ClickException(f"{frameworks_dir}: no such folder")
    catalog = load_frameworks(frameworks_dir)
    lines = catalog.problem_lines()
    checked = len(catalog.frameworks)
    if assessments_dir is not None:
        viewer = _viewer(as_email, access_file)
        snapshots = AssessmentStore(assessments_dir)
        loaded = visible(snapshots.load_all(), viewer)
        _echo_notice(loaded.notice)
        lines += [line for error in loaded.errors for line in error.lines()]
        for record in loaded.records:
            try:
                assessment = read_assessment(record.path)
                basis = framework_for(assessment.framework, assessment.status, catalog, snapshots)
            except PartnerfitError as error:
                lines.append(f"{record.path}: framework: {error}")
                continue
            problems = check_against_framework(assessment, basis.framework, strict=record.status != "draft")
            lines += ValidationError(record.path, problems).lines() if problems else []
        checked += len(loaded.records)
    for line in lines:
        echo(line)
    if lines:
        click.echo(f"{len(lines)} problem(s) found.", err=True)
        sys.exit(1)
    click.echo(f"OK: {checked} file(s) valid.", err=True)


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@FRAMEWORKS
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@AS_VIEWER
@ACCESS
def score(
    file: Path, frameworks_dir: Path, as_json: bool, as_email: str | None, access_file: Path | None
) -> None:
    """Score one assessment file against its framework.

    Example: python -m partnerfit score assessments/samples/x.yaml --json
    """
    viewer = _viewer(as_email, access_file)
    try:
        assessment = read_assessment(file)
    except ValidationError:
        if viewer is not None and not viewer.admin:
            raise NotFoundError(str(file)) from None
        raise
    if not can_read(viewer, assessment):
        raise NotFoundError(str(file))
    catalog = load_frameworks(frameworks_dir)
    basis = framework_for(assessment.framework, assessment.status, catalog, store_holding(file))
    problems = check_against_framework(assessment, basis.framework, strict=True)
    if problems:
        raise ValidationError(file, problems)
    result = score_assessment(basis.framework, assessment)
    verdict = explain(basis.framework, assessment, result)
    if as_json:
        data = verdict.to_json()
        data["basis"] = basis.basis
        data["partner_view"] = partner_view_json(basis.framework, assessment)
        data.update(follow_up_json(basis.framework, assessment))
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
        return
    _print_summary(assessment, basis.framework, result, basis.note, verdict)
    _print_verdict(verdict)
    for line in follow_up_lines(basis.framework, assessment):
        echo(line)


CONDITIONS_PRINTED = 5


def _print_verdict(verdict: Verdict) -> None:
    """What explains the recommendation beyond the scores: referral, red lines answered N/A, robustness,
    questions for the partner, conditions (at most five, then how many more)."""
    for referral in verdict.referrals:
        echo(f"Referral: {referral.body} <{referral.url}>: {referral.reason}")
    for item in verdict.red_lines_not_applicable:
        allowed = f"allowed when: {item.na_when}" if item.allowed else "not allowed by this framework"
        echo(f"Red line answered N/A: {item.criterion_id} ({allowed})")
    robustness = verdict.robustness
    if verdict.recommendation == BLOCKED and set(robustness.deciding) <= set(verdict.score.red_lines):
        echo(
            f"Robustness: rests on the red-line answer(s) {', '.join(robustness.deciding)} (one level higher lifts it)"
        )
    elif robustness.fragile:
        echo(f"Robustness: fragile; decided by {', '.join(robustness.deciding)}")
    else:
        echo("Robustness: robust (no one-level answer change or +/-20% dimension weight changes it)")
    for question in verdict.questions:
        echo(f"Ask the partner: {question.criterion_id}: {question.question}")
    conditions = verdict.conditions
    if not conditions:
        return
    if verdict.recommendation == BLOCKED:
        echo("Decline, or the partner must change:")
        shown = verdict.red_lines_to_lift
    else:
        echo("Conditions to agree (most severe first):")
        shown = conditions[:CONDITIONS_PRINTED]
    for rank, condition in enumerate(shown, 1):
        ask = f": {condition.target_text}" if condition.target_text else ""
        echo(
            f"  {rank}. {condition.criterion_id}: now {condition.current_level}, reach {condition.target_level}{ask}"
        )
    if len(conditions) > len(shown):
        echo(f"  ... and {len(conditions) - len(shown)} more (score --json lists them all)")


def _print_summary(assessment: Assessment, framework, result, note: str, verdict: Verdict) -> None:
    def fmt(value: float | None) -> str:
        return "-" if value is None else f"{value:.1f}"

    echo(f"{assessment.partner.name} ({assessment.affiliate}, {assessment.region}; {assessment.status})")
    echo(f"Framework: {framework.id} {framework.version}" + (f"  [{note}]" if note else ""))
    echo(f"Recommendation: {recommendation_label(framework, result.recommendation)}")
    for reason in verdict.reasons:
        echo(f"  because {reason}")
    echo(
        f"Overall: {fmt(result.overall)}   Completeness: {result.completeness:.0%} "
        f"({result.answered} of {result.applicable}; minimum {framework.min_completeness:.0%})"
    )
    for dimension in framework.dimensions:
        echo(f"  {framework.label(dimension.title):<40} {fmt(result.dimensions.get(dimension.id))}")
    for crit_id in result.red_lines:
        criterion = framework.criterion(crit_id)
        reason = framework.label(criterion.red_line.reason) if criterion and criterion.red_line else ""
        echo(f"Red line: {crit_id}: {reason}")
    for crit_id in result.unanswered_red_lines:
        echo(f"Red-line criterion not answered: {crit_id}")


@cli.command()
@ASSESSMENTS
@FRAMEWORKS
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), required=True, help="Output format.")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here, not stdout."
)
@AS_VIEWER
@ACCESS
def export(
    assessments_dir: Path,
    frameworks_dir: Path,
    fmt: str,
    output: Path | None,
    as_email: str | None,
    access_file: Path | None,
) -> None:
    """Export one row per assessment with its scores, as CSV or JSON (from the database when
    PARTNERFIT_DATABASE_URL is set, else from the assessments folder); exit 1 if some file was skipped.

    Example: python -m partnerfit export --format csv -o assessments.csv
    """
    folders = (frameworks_dir,) if database_url() else (assessments_dir, frameworks_dir)
    for folder in folders:
        if not folder.is_dir():
            raise click.ClickException(f"{folder}: no such folder")
    catalog = load_frameworks(frameworks_dir)
    viewer = _viewer(as_email, access_file)
    store = open_store(assessments_dir)
    loaded = visible(store.load_all(), viewer)
    _echo_notice(loaded.notice)
    scored, problems = score_groups(loaded.records, catalog, store)
    for error in loaded.errors:
        for line in error.lines():
            echo(f"skipped: {line}", err=True)
    for path, message in problems:
        echo(f"not scored: {path}: {message}", err=True)
    columns, rows = export_rows(scored)
    text = write_csv(columns, rows) if fmt == "csv" else write_json(columns, rows)
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)
    if loaded.errors or problems:  # the rest is exported; the exit status says it was not everything
        sys.exit(1)


def _echo_notice(notice: str | None) -> None:
    if notice:
        click.echo(f"note: {notice}", err=True)


@cli.command()
@ASSESSMENTS
@click.option("--yes", is_flag=True, help="Remove them (without it, only list them).")
def gc(assessments_dir: Path, yes: bool) -> None:
    """List framework snapshots that no assessment refers to; remove them with --yes.

    Example: python -m partnerfit gc --assessments assessments --yes
    """
    if not assessments_dir.is_dir():
        raise click.ClickException(f"{assessments_dir}: no such folder")
    store = AssessmentStore(assessments_dir)
    paths = remove_unreferenced_snapshots(store) if yes else unreferenced_snapshots(store)
    for path in paths:
        echo(str(path))
    if yes:
        click.echo(f"Removed {len(paths)} unreferenced snapshot(s).", err=True)
    elif paths:
        click.echo(f"{len(paths)} unreferenced snapshot(s); run with --yes to remove them.", err=True)
    else:
        click.echo("No unreferenced snapshots.", err=True)


@cli.command()
@ASSESSMENTS
def check(assessments_dir: Path) -> None:
    """Verify the store like git fsck: snapshots, final assessments against them, the index against the files.

    Example: python -m partnerfit check --assessments assessments
    """
    if not assessments_dir.is_dir():
        raise click.ClickException(f"{assessments_dir}: no such folder")
    problems = check_store(AssessmentStore(assessments_dir))
    for line in problems:
        echo(line)
    if problems:
        click.echo(f"{len(problems)} problem(s) found.", err=True)
        sys.exit(1)
    click.echo("OK: snapshots, final assessments and index are consistent.", err=True)


@cli.command()
@click.argument("name")
@click.option(
    "--country", default=None, help="The partner's country (ISO code, e.g. DE): same country first."
)
@ASSESSMENTS
@click.option("--json", "as_json", is_flag=True, help="Print the matches as JSON.")
def similar(name: str, country: str | None, assessments_dir: Path, as_json: bool) -> None:
    """List assessments of partners with this or a similar name (matches, then possible matches), from the
    database when PARTNERFIT_DATABASE_URL is set, else from the assessments folder.

    Example: python -m partnerfit similar "Nat'l Museum of Art" --country DE
    """
    store = open_store(assessments_dir)
    if isinstance(store, FolderStore):
        if not assessments_dir.is_dir():
            raise click.ClickException(f"{assessments_dir}: no such folder")
        for error in store.load_all().errors:
            for line in error.lines():
                echo(f"skipped: {line}", err=True)
    found = store.similar_partners(name, country=country.upper() if country else None)
    rows = [
        {
            "partner": match.record.partner_name,
            "affiliate": match.record.affiliate,
            "region": match.record.region,
            "date": match.record.date.isoformat() if match.record.date else None,
            "status": match.record.status,
            "match": round(match.similarity, 1),
            "possible": match.possible,
            "id": match.record.id,
        }
        for match in found
    ]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    if not rows:
        echo("No assessment of a partner with this or a similar name was found.")
        return
    for row in rows:
        kind = "possible match" if row["possible"] else "match"
        echo(
            f"{row['partner']} | {row['affiliate']} | {row['region']} | {row['date'] or '-'} | {row['status']} | "
            f"{kind} {row['match']:.1f}"
        )


@cli.command()
@click.argument("assessment_id", metavar="ID")
@click.option(
    "--reason", required=True, help="Why it is withdrawn (kept with the assessment and its history)."
)
@click.option("--author", default=None, help="Who withdraws it (recorded in the history).")
@ASSESSMENTS
@AS_VIEWER
@ACCESS
def withdraw(
    assessment_id: str,
    reason: str,
    author: str | None,
    assessments_dir: Path,
    as_email: str | None,
    access_file: Path | None,
) -> None:
    """Withdraw a final assessment: it is kept with the reason and its history, and left out of comparisons
    (in the database when PARTNERFIT_DATABASE_URL is set, else in the assessments folder).

    Example: python -m partnerfit withdraw 3f2a9c1b7d4e --reason "The partnership was called off"
    """
    store = open_store(assessments_dir)
    if isinstance(store, FolderStore) and not assessments_dir.is_dir():
        raise click.ClickException(f"{assessments_dir}: no such folder")
    viewer = _viewer(as_email, access_file)
    if viewer is not None:
        store = AccessControlledStore(store, viewer)
    withdrawn = store.withdraw(assessment_id, reason=reason, author=author)
    echo(
        _("Withdrawn: {partner} ({affiliate}), revision {revision}.").format(
            partner=withdrawn.partner.name, affiliate=withdrawn.affiliate, revision=withdrawn.revision
        )
    )


@cli.command()
@click.option(
    "--kind", type=click.Choice(["framework", "assessment", "both"]), default="both", show_default=True
)
def schema(kind: str) -> None:
    """Print the JSON Schema of framework and/or assessment files, for editors.

    Example: python -m partnerfit schema --kind framework > framework.schema.json
    """
    schemas = {
        "framework": FrameworkFile.model_json_schema(by_alias=True),
        "assessment": Assessment.model_json_schema(by_alias=True),
    }
    data = schemas if kind == "both" else schemas[kind]
    click.echo(json.dumps(data, indent=1, ensure_ascii=False))


cli.add_command(db)
cli.add_command(questionnaire)


def main() -> None:
    cli(prog_name="partnerfit")
