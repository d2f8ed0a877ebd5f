"""The command line's ``Error: ...`` line, in the language chosen with ``--lang``."""

from __future__ import annotations

from typing import IO, Any

import click

from partnerfit.i18n import _


class CliError(click.ClickException):
    """A domain error for the terminal: ``Error: message`` on stderr (translated), exit status 1."""

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(_("Error: {message}").format(message=self.format_message()), file=file, err=file is None)
