"""Options several command groups share (``partnerfit ...``, ``partnerfit questionnaire ...``)."""

from __future__ import annotations

from pathlib import Path

import click

FRAMEWORKS = click.option(
    "--frameworks",
    "frameworks_dir",
    default="frameworks",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of framework files.",
)


def assessments_option(help_text: str = "Folder of assessment files."):
    """``--assessments DIR`` (default ``assessments``), with the help a command group gives it."""
    return click.option(
        "--assessments",
        "assessments_dir",
        default="assessments",
        show_default=True,
        type=click.Path(file_okay=False, path_type=Path),
        help=help_text,
    )


ASSESSMENTS = assessments_option()
