"""``partnerfit db ...``: create or migrate the database schema, import a folder into it, export it to a folder."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from partnerfit.cli_error import CliError
from partnerfit.i18n import _, ngettext
from partnerfit.store import DATABASE_URL, database_url

URL = click.option(
    "--url",
    default=None,
    help=f"Database URL (postgresql+psycopg://user@host:port/name); default: ${DATABASE_URL}.",
)


def _url(url: str | None) -> str:
    url = url or database_url()
    if not url:
        raise CliError(_("no database: set {variable} or pass --url").format(variable=DATABASE_URL))
    return url


@click.group()
def db() -> None:
    """The PostgreSQL store: create its schema, import a folder of assessments, export it back.

    Example: PARTNERFIT_DATABASE_URL=postgresql+psycopg://app@db/partnerfit python -m partnerfit db upgrade
    """


@db.command()
@URL
def upgrade(url: str | None) -> None:
    """Create or migrate the schema to the newest revision (safe to run twice, or from two processes at once).

    Example: python -m partnerfit db upgrade
    """
    from partnerfit.store.database import upgrade as upgrade_schema

    revision = upgrade_schema(_url(url))
    click.echo(_("Schema at revision {revision}.").format(revision=revision), err=True)


@db.command(name="import")
@click.argument("directory", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option(
    "--frameworks",
    "frameworks_dir",
    default=None,
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Also check each assessment against its framework (snapshot, else the file in this folder).",
)
@click.option("--author", default=None, help="Recorded in the history of what is imported.")
@URL
def import_(directory: Path, frameworks_dir: Path | None, author: str | None, url: str | None) -> None:
    """Import every assessment file below DIRECTORY with its snapshot; bad files are named, the rest go in.

    Running it again adds nothing twice; a newer revision of a file is added to the history. With --frameworks
    the scores Compare reads are stored too (else the app stores them when Compare is first opened).

    Example: python -m partnerfit db import assessments --frameworks frameworks
    """
    from partnerfit.store.database import import_folder

    report = import_folder(_url(url), directory, frameworks_dir=frameworks_dir, author=author)
    if frameworks_dir is not None:  # the frameworks are known: store the scores Compare reads now, not lazily
        from partnerfit.catalog import load_frameworks
        from partnerfit.store.sql import SqlStore

        SqlStore(_url(url)).refresh_scores(load_frameworks(frameworks_dir))
    for line in report.errors:
        click.echo(_("not imported: {problem}").format(problem=line), err=True)
    parts = [
        _("{count} added").format(count=report.added),
        _("{count} updated").format(count=report.updated),
        _("{count} already there").format(count=report.skipped),
        ngettext(
            "{count} older revision kept in history",
            "{count} older revisions kept in history",
            report.history,
        ).format(count=report.history),
        ngettext("{count} bad file", "{count} bad files", len(report.errors)).format(
            count=len(report.errors)
        ),
    ]
    click.echo(", ".join(parts) + ".", err=True)
    if report.errors:
        sys.exit(1)


@db.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@URL
def export(directory: Path, url: str | None) -> None:
    """Write every assessment to DIRECTORY as YAML in the folder format, with the framework snapshots.

    Example: python -m partnerfit db export backup-folder
    """
    from partnerfit.store.database import export_folder

    count = export_folder(_url(url), directory)
    click.echo(
        ngettext(
            "{count} assessment written to {folder}.", "{count} assessments written to {folder}.", count
        ).format(count=count, folder=directory),
        err=True,
    )


@db.command()
@click.option(
    "--frameworks",
    "frameworks_dir",
    default="frameworks",
    show_default=True,
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="The framework files drafts are scored against (finals use their snapshots).",
)
@click.option("--all", "everything", is_flag=True, help="Score every assessment again, not only stale ones.")
@URL
def rescore(frameworks_dir: Path, everything: bool, url: str | None) -> None:
    """Store the score of every assessment whose stored score is missing or stale (a newer revision, or a
    draft whose framework file changed), for Compare; the app also does this lazily.

    Example: python -m partnerfit db rescore --frameworks frameworks
    """
    from partnerfit.catalog import load_frameworks
    from partnerfit.store.sql import SqlStore

    store = SqlStore(_url(url))
    if everything:
        store.forget_scores()
    count = store.refresh_scores(load_frameworks(frameworks_dir), check_all=True)
    click.echo(
        ngettext("{count} assessment scored.", "{count} assessments scored.", count).format(count=count),
        err=True,
    )
