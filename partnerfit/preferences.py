"""What a person used last: their affiliate, region and interface language, offered again next time.

Streamlit keeps nothing in the browser between visits (no cookies or local storage without a component), so the
app keeps these three values on the server, in a small JSON file per person: ``<folder>/<hash>.json``, the
folder being ``PARTNERFIT_PREFS`` or else ``<assessments>/.partnerfit-prefs`` (hidden, so no scan of the
assessments folder reads it as an assessment). The hash is of the signed-in person's e-mail, so file names do not
list who uses the app; with sign-in off there is a single local user (``LOCAL_USER``). With the database store
and several app hosts, point ``PARTNERFIT_PREFS`` at a shared folder (or accept per-host memories).

They are only defaults: a new assessment starts with the remembered affiliate and region (the team can change
them), and the remembered language is used when the URL and the session name none. A missing, unreadable or
tampered file is the same as no file.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from partnerfit.assessment import REGIONS
from partnerfit.i18n import LANGUAGES
from partnerfit.yamlio import write_atomically

FOLDER = ".partnerfit-prefs"
PREFS_ENV = "PARTNERFIT_PREFS"
LOCAL_USER = "local"
MAX_BYTES = 4096
MAX_AFFILIATE = 200

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Preferences:
    affiliate: str | None = None
    region: str | None = None  # one of REGIONS (an id: shown with region_label)
    language: str | None = None  # one of i18n.LANGUAGES

    def updated(self, **changes: str | None) -> Preferences:
        """These preferences with ``changes`` applied (values that are not valid are left out)."""
        return _checked(replace(self, **changes))


def preferences_folder(assessments_dir: Path) -> Path:
    """Where preferences are kept: ``PARTNERFIT_PREFS``, else a hidden folder in the assessments folder."""
    configured = os.environ.get(PREFS_ENV)
    return Path(configured) if configured else assessments_dir / FOLDER


def preferences_path(folder: Path, user: str | None) -> Path:
    digest = hashlib.sha256((user or LOCAL_USER).strip().lower().encode("utf-8")).hexdigest()[:32]
    return folder / f"{digest}.json"


def load_preferences(folder: Path, user: str | None) -> Preferences:
    """What ``user`` (None: the local user) used last; empty preferences when nothing valid is stored."""
    path = preferences_path(folder, user)
    try:
        with path.open("rb") as handle:
            content = handle.read(MAX_BYTES + 1)
        raw = json.loads(content) if len(content) <= MAX_BYTES else None
    except FileNotFoundError:
        return Preferences()
    except (OSError, ValueError) as error:
        log.warning("preferences file %s is unreadable, ignored: %s", path, error)
        return Preferences()
    if not isinstance(raw, dict):
        return Preferences()
    return _checked(Preferences(raw.get("affiliate"), raw.get("region"), raw.get("language")))


def save_preferences(folder: Path, user: str | None, preferences: Preferences) -> None:
    """Store ``preferences`` for ``user`` (atomically: a reader sees the old or the new file)."""
    path = preferences_path(folder, user)
    write_atomically(path, json.dumps(asdict(_checked(preferences)), ensure_ascii=False, indent=1) + "\n")


def _checked(preferences: Preferences) -> Preferences:
    affiliate = preferences.affiliate
    if (
        not isinstance(affiliate, str)
        or not affiliate.strip()
        or len(affiliate) > MAX_AFFILIATE
        or not affiliate.isprintable()
    ):
        affiliate = None
    region = preferences.region if preferences.region in REGIONS else None
    language = preferences.language if preferences.language in LANGUAGES else None
    return Preferences(affiliate.strip() if affiliate else None, region, language)
