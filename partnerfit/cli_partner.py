"""``partnerfit questionnaire ...``: the partner's questionnaire as a file (export it, import it when it comes back)."""

from __future__ import annotations

from pathlib import Path

import click

from partnerfit.catalog import load_frameworks
from partnerfit.cli_options import FRAMEWORKS, assessments_option
from partnerfit.i18n import LANGUAGES, current_language, ngettext, using_language
from partnerfit.questionnaire import build_questionnaire, read_file, returned_assessment, to_csv, to_yaml
from partnerfit.results import framework_for
from partnerfit.store import open_store

ASSESSMENTS = assessments_option(
    "Folder of assessment files (the database when PARTNERFIT_DATABASE_URL is set)."
)


def _load(assessments_dir: Path, frameworks_dir: Path, assessment_id: str):
    store = open_store(assessments_dir)
    assessment = store.get(assessment_id)
    basis = framework_for(assessment.framework, assessment.status, load_frameworks(frameworks_dir), store)
    return store, assessment, basis.framework


@click.group()
def questionnaire() -> None:
    """The partner's questionnaire as a file, for partners who do not use the web form.

    Example: python -m partnerfit questionnaire export 3f2a9c1b7d4e --format csv -o questions.csv
    """


@questionnaire.command("export")
@click.argument("assessment_id")
@click.option("--format", "fmt", type=click.Choice(["yaml", "csv"]), default="yaml", show_default=True)
@click.option(
    "--lang", "language", type=click.Choice(sorted(LANGUAGES)), default=None, help="The partner's language."
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here, not stdout."
)
@ASSESSMENTS
@FRAMEWORKS
def export_questionnaire(
    assessment_id: str,
    fmt: str,
    language: str | None,
    output: Path | None,
    assessments_dir: Path,
    frameworks_dir: Path,
) -> None:
    """Write the questionnaire of one assessment (questions, guidance for the partner, levels; none of the
    affiliate's answers).

    Example: python -m partnerfit questionnaire export 3f2a9c1b7d4e --lang fr -o questions.yaml
    """
    _, assessment, framework = _load(assessments_dir, frameworks_dir, assessment_id)
    with using_language(language or current_language()) as chosen:
        made = build_questionnaire(assessment, framework, chosen)
    text = to_csv(made) if fmt == "csv" else to_yaml(made)
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


@questionnaire.command("import")
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@ASSESSMENTS
@FRAMEWORKS
def import_questionnaire(file: Path, assessments_dir: Path, frameworks_dir: Path) -> None:
    """Keep a returned questionnaire as the partner's answers of its assessment (refused, with the reason, when
    it was made for another assessment or framework version).

    Example: python -m partnerfit questionnaire import returned.csv
    """
    returned = read_file(file)
    store, assessment, framework = _load(assessments_dir, frameworks_dir, returned.assessment)
    updated = returned_assessment(returned, assessment, framework, name=str(file))
    view = updated.partner_view
    saved = store.save(updated, author=f"partner: {view.answered_by} (file)")
    count = len(view.answers)
    click.echo(
        ngettext(
            "Kept {count} answer of {name} beside the affiliate's in assessment {id} (revision {revision}).",
            "Kept {count} answers of {name} beside the affiliate's in assessment {id} (revision {revision}).",
            count,
        ).format(count=count, name=view.answered_by, id=saved.id, revision=saved.revision)
    )
