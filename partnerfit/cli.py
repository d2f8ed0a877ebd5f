"""The command line: ``python -m partnerfit COMMAND`` (or ``partnerfit COMMAND``), on the same core as the app."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from partnerfit.access import ACCESS_ENV, Viewer, can_read, load_access
from partnerfit.access_store import AccessControlledStore, visible
from partnerfit.assessment import Assessment, check_against_framework, region_label
from partnerfit.catalog import load_frameworks
from partnerfit.cli_db import db
from partnerfit.cli_error import CliError
from partnerfit.cli_options import ASSESSMENTS, FRAMEWORKS
from partnerfit.cli_partner import questionnaire
from partnerfit.errors import PartnerfitError, ValidationError, message_of, translated
from partnerfit.export import export_rows, write_csv, write_json
from partnerfit.follow_up import follow_up_json, follow_up_lines
from partnerfit.framework_file import FrameworkFile
from partnerfit.i18n import (
    LANGUAGES,
    N_,
    _,
    current_language,
    environment_language,
    format_date,
    format_number,
    format_percent,
    ngettext,
    set_language,
)
from partnerfit.integrity import check_store, remove_unreferenced_snapshots, unreferenced_snapshots
from partnerfit.partner_view import partner_view_json
from partnerfit.report import recommendation_label
from partnerfit.results import framework_for, score_groups
from partnerfit.robustness import WEIGHT_CHANGE
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
        raise CliError(
            _("--as needs the access file: pass --access FILE or set {variable}").format(variable=ACCESS_ENV)
        )
    viewer = load_access(access_file).viewer(as_email)
    if not viewer.listed:
        raise CliError(_("{email} is not in the access file {file}").format(email=as_email, file=access_file))
    return viewer


def echo(text: str, *, err: bool = False) -> None:
    """A line for the terminal: text from files never carries control characters or terminal codes to it."""
    click.echo(printable(text), err=err)


class _Group(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except PartnerfitError as error:
            raise CliError(printable(translated(message_of(error)))) from None


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
        raise CliError(_("{folder}: no such folder").format(folder=frameworks_dir))
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
                problem = translated(message_of(error))
                lines.append(_("{file}: framework: {problem}").format(file=record.path, problem=problem))
                continue
            problems = check_against_framework(assessment, basis.framework, strict=record.status != "draft")
            lines += ValidationError(record.path, problems).lines() if problems else []
        checked += len(loaded.records)
    for line in lines:
        echo(line)
    if lines:
        _echo_problem_count(len(lines))
        sys.exit(1)
    click.echo(
        ngettext("OK: {count} file valid.", "OK: {count} files valid.", checked).format(count=checked),
        err=True,
    )


def _echo_problem_count(count: int) -> None:
    click.echo(
        ngettext("{count} problem found.", "{count} problems found.", count).format(count=count), err=True
    )


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
    verdict = explain(basis.framework, assessment, result, language=current_language())
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
STATUS_NAMES = {"draft": N_("draft"), "final": N_("final"), "withdrawn": N_("withdrawn")}
"""Statuses in words (the files hold the ids)."""


def _print_verdict(verdict: Verdict) -> None:
    """What explains the recommendation beyond the scores: referral, red lines answered N/A, robustness,
    questions for the partner, conditions (at most five, then how many more)."""
    for referral in verdict.referrals:
        echo(
            _("Referral: {body} <{url}>: {reason}").format(
                body=referral.body, url=referral.url, reason=referral.reason
            )
        )
    for item in verdict.red_lines_not_applicable:
        allowed = (
            _("allowed when: {condition}").format(condition=item.na_when)
            if item.allowed
            else _("not allowed by this framework")
        )
        echo(
            _("Red line answered N/A: {criterion} ({allowed})").format(
                criterion=item.criterion_id, allowed=allowed
            )
        )
    robustness = verdict.robustness
    deciding = ", ".join(robustness.deciding)
    if verdict.recommendation == BLOCKED and set(robustness.deciding) <= set(verdict.score.red_lines):
        echo(
            ngettext(
                "Robustness: rests on the red-line answer {criteria} (one level higher lifts it)",
                "Robustness: rests on the red-line answers {criteria} (one level higher lifts it)",
                len(robustness.deciding),
            ).format(criteria=deciding)
        )
    elif robustness.fragile:
        echo(_("Robustness: fragile; decided by {deciding}").format(deciding=deciding))
    else:
        echo(
            _(
                "Robustness: robust (no one-level answer change or +/-{change} dimension weight changes it)"
            ).format(change=format_percent(WEIGHT_CHANGE))
        )
    for question in verdict.questions:
        echo(
            _("Ask the partner: {criterion}: {question}").format(
                criterion=question.criterion_id, question=question.question
            )
        )
    conditions = verdict.conditions
    if not conditions:
        return
    if verdict.recommendation == BLOCKED:
        echo(_("Decline, or the partner must change:"))
        shown = verdict.red_lines_to_lift
    else:
        echo(_("Conditions to agree (most severe first):"))
        shown = conditions[:CONDITIONS_PRINTED]
    for rank, condition in enumerate(shown, 1):
        line = _("{rank}. {criterion}: now {level}, reach {target}").format(
            rank=rank,
            criterion=condition.criterion_id,
            level=condition.current_level,
            target=condition.target_level,
        )
        echo(f"  {line}: {condition.target_text}" if condition.target_text else f"  {line}")
    if len(conditions) > len(shown):
        more = len(conditions) - len(shown)
        echo(
            "  "
            + ngettext(
                "... and {count} more (score --json lists them all)",
                "... and {count} more (score --json lists them all)",
                more,
            ).format(count=more)
        )


def _print_summary(assessment: Assessment, framework, result, note: str, verdict: Verdict) -> None:
    def fmt(value: float | None) -> str:
        return "-" if value is None else format_number(value, decimals=1)

    language = current_language()
    echo(
        _("{partner} ({affiliate}, {region}; {status})").format(
            partner=assessment.partner.name,
            affiliate=assessment.affiliate,
            region=region_label(assessment.region),
            status=_(STATUS_NAMES.get(assessment.status, assessment.status)),
        )
    )
    echo(
        _("Framework: {id} {version}").format(id=framework.id, version=framework.version)
        + (f"  [{translated(note)}]" if note else "")
    )
    echo(
        _("Recommendation: {recommendation}").format(
            recommendation=recommendation_label(framework, result.recommendation, language)
        )
    )
    for reason in verdict.reasons:
        echo("  " + _("because {reason}").format(reason=reason))
    echo(
        _(
            "Overall: {overall}   Completeness: {completeness} ({answered} of {applicable}; minimum {minimum})"
        ).format(
            overall=fmt(result.overall),
            completeness=format_percent(result.completeness),
            answered=result.answered,
            applicable=result.applicable,
            minimum=format_percent(framework.min_completeness),
        )
    )
    for dimension in framework.dimensions:
        echo(f"  {framework.label(dimension.title, language):<40} {fmt(result.dimensions.get(dimension.id))}")
    for crit_id in result.red_lines:
        criterion = framework.criterion(crit_id)
        reason = (
            framework.label(criterion.red_line.reason, language) if criterion and criterion.red_line else ""
        )
        echo(_("Red line: {criterion}: {reason}").format(criterion=crit_id, reason=reason))
    for crit_id in result.unanswered_red_lines:
        echo(_("Red-line criterion not answered: {criterion}").format(criterion=crit_id))


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
            raise CliError(_("{folder}: no such folder").format(folder=folder))
    catalog = load_frameworks(frameworks_dir)
    viewer = _viewer(as_email, access_file)
    store = open_store(assessments_dir)
    loaded = visible(store.load_all(), viewer)
    _echo_notice(loaded.notice)
    scored, problems = score_groups(loaded.records, catalog, store)
    _echo_skipped(loaded.errors)
    for path, message in problems:
        echo(_("not scored: {file}: {problem}").format(file=path, problem=translated(message)), err=True)
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
        click.echo(_("note: {notice}").format(notice=notice), err=True)


def _echo_skipped(errors: list[ValidationError]) -> None:
    for error in errors:
        for line in error.lines():
            echo(_("skipped: {problem}").format(problem=line), err=True)


@cli.command()
@ASSESSMENTS
@click.option("--yes", is_flag=True, help="Remove them (without it, only list them).")
def gc(assessments_dir: Path, yes: bool) -> None:
    """List framework snapshots that no assessment refers to; remove them with --yes.

    Example: python -m partnerfit gc --assessments assessments --yes
    """
    _require_folder(assessments_dir)
    store = AssessmentStore(assessments_dir)
    paths = remove_unreferenced_snapshots(store) if yes else unreferenced_snapshots(store)
    for path in paths:
        echo(str(path))
    count = len(paths)
    if yes:
        message = ngettext(
            "Removed {count} unreferenced snapshot.", "Removed {count} unreferenced snapshots.", count
        )
    elif paths:
        message = ngettext(
            "{count} unreferenced snapshot; run with --yes to remove it.",
            "{count} unreferenced snapshots; run with --yes to remove them.",
            count,
        )
    else:
        message = _("No unreferenced snapshots.")
    click.echo(message.format(count=count), err=True)


def _require_folder(folder: Path) -> None:
    if not folder.is_dir():
        raise CliError(_("{folder}: no such folder").format(folder=folder))


@cli.command()
@ASSESSMENTS
def check(assessments_dir: Path) -> None:
    """Verify the store like git fsck: snapshots, final assessments against them, the index against the files.

    Example: python -m partnerfit check --assessments assessments
    """
    _require_folder(assessments_dir)
    problems = check_store(AssessmentStore(assessments_dir))
    for line in problems:
        echo(line)
    if problems:
        _echo_problem_count(len(problems))
        sys.exit(1)
    click.echo(_("OK: snapshots, final assessments and index are consistent."), err=True)


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
        _require_folder(assessments_dir)
        _echo_skipped(store.load_all().errors)
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
        echo(_("No assessment of a partner with this or a similar name was found."))
        return
    for match, row in zip(found, rows, strict=True):
        kind = _("possible match {score}") if row["possible"] else _("match {score}")
        date = format_date(match.record.date) or "-"
        status = _(STATUS_NAMES.get(row["status"], row["status"]))
        echo(
            f"{row['partner']} | {row['affiliate']} | {region_label(row['region'])} | {date} | {status} | "
            + kind.format(score=format_number(row["match"], decimals=1))
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
