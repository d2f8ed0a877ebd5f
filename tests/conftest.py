"""Shared fixtures: small frameworks and assessments written inline into tmp_path."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from streamlit import config

# The command line's messages follow the locale; tests read English unless they choose otherwise.
os.environ["PARTNERFIT_LANG"] = "en"

ROOT = Path(__file__).resolve().parent.parent
# The app's config hides error details from the browser; tests (AppTest reads the same config) want them in full.
config.set_option("client.showErrorDetails", "full")


@pytest.fixture(autouse=True)
def _own_preferences_folder(tmp_path_factory, monkeypatch):
    """What the app remembers of a person (partnerfit.preferences) goes to a folder of each test's own, never into
    a shared data folder where it would change the next test's language."""
    monkeypatch.setenv("PARTNERFIT_PREFS", str(tmp_path_factory.mktemp("prefs")))


BASE_FRAMEWORK = """\
schema: 1
id: base
version: "1.0.0"
title: Base values
scale:
  levels:
    - {value: 0, label: Absent}
    - {value: 1, label: Weak}
    - {value: 2, label: Partial}
    - {value: 3, label: Strong}
    - {value: 4, label: Exemplary}
bands:
  - {id: aligned, min: 75, label: Aligned}
  - {id: conditional, min: 50, label: Proceed with conditions}
  - {id: not-aligned, min: 0, label: Not aligned}
partnership_types:
  - {id: content, label: Content donation}
  - {id: research, label: Research and data}
dimensions:
  - id: openness
    title: Openness
    weight: 3
    criteria:
      - id: licence-fit
        question: Will the material be released under a free licence?
        rubric: {0: NC or ND only, 2: Some free, 4: All CC BY-SA or freer}
        weight: 2
        red_line: {at_or_below: 0, reason: Non-free terms for material meant for the projects}
        locked: true
      - id: pd-respect
        question: Are public-domain works left in the public domain?
        applies_to: [content]
  - id: privacy
    title: Privacy
    criteria:
      - id: reader-data
        question: Does the partner ask for non-public reader data?
        applies_to: [research]
        red_line: {at_or_below: 1, reason: Non-public data outside a formal agreement}
        locked: true
      - id: retention
        question: Is data kept only as long as needed?
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def frameworks_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "frameworks"
    write(directory / "base.yaml", BASE_FRAMEWORK)
    return directory


def assessment_yaml(**overrides: str) -> str:
    fields = {
        "id": "a1b2c3d4e5f6",
        "framework": '{id: base, version: "1.0.0"}',
        "partner": "{name: Example Museum, country: DE}",
        "affiliate": "Example Chapter",
        "region": "Northern and Western Europe",
        "partnership_type": "content",
        "status": "draft",
        "answers": "{licence-fit: {level: 3}, pd-respect: {level: 4}, retention: {level: na}}",
    }
    fields.update(overrides)
    return "schema: 1\n" + "".join(f"{k}: {v}\n" for k, v in fields.items())


# -- helpers shared by the core's test files ------------------------------------------------------------


def framework_from_yaml(text: str):
    """A resolved base framework from inline YAML (no files); fails the test if it is not a valid base."""
    from partnerfit.framework_file import FrameworkFile
    from partnerfit.resolve import resolve_base
    from partnerfit.validation import validate_model
    from partnerfit.yamlio import parse_yaml

    text = textwrap.dedent(text)
    document = validate_model(FrameworkFile, parse_yaml(text), None, text)
    framework, problems = resolve_base(document)
    assert framework is not None, [p.render() for p in problems]
    return framework


def load_catalog(directory: Path, files: dict[str, str]):
    """Write ``files`` (relative name -> YAML) below ``directory`` and load every framework there."""
    from partnerfit.catalog import load_frameworks

    for name, text in files.items():
        write(directory / name, text)
    return load_frameworks(directory)


def make_assessment(**overrides: str):
    """An ``Assessment`` parsed from ``assessment_yaml(**overrides)``."""
    from partnerfit.store import parse_assessment_text

    return parse_assessment_text(assessment_yaml(**overrides), None)


class Answers:
    """What scoring needs (a ``Scorable``): an id, partnership types (one as a string), a size, the levels."""

    def __init__(
        self, levels: dict, partnership_types: str | tuple = "content", id: str = "a", size: str | None = None
    ):
        self.levels = dict(levels)
        self.partnership_types = (
            (partnership_types,) if isinstance(partnership_types, str) else tuple(partnership_types)
        )
        self.size = size
        self.id = id


# -- PostgreSQL: one throwaway cluster per test session, a fresh database per test ------------------------


@pytest.fixture(scope="session")
def postgres_template():
    """A cluster started once per session and a database upgraded to the newest schema, copied per test."""
    from pg_cluster import Cluster, binaries

    bin_dir = binaries()
    if bin_dir is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    cluster = Cluster(bin_dir).start()
    try:
        from partnerfit.store.database import upgrade
        from partnerfit.store.sql import engine_for

        url = cluster.url("partnerfit_template")
        upgrade(url)
        engine_for(url).dispose()
        yield cluster
    finally:
        cluster.stop()


_database_counter = iter(range(1_000_000))


@pytest.fixture
def database_url(postgres_template) -> str:
    """A new, upgraded, empty database in the session's cluster."""
    import sqlalchemy as sa

    name = f"test_{next(_database_counter)}"
    admin = sa.create_engine(
        f"postgresql+psycopg://postgres@127.0.0.1:{postgres_template.port}/postgres",
        isolation_level="AUTOCOMMIT",
    )
    with admin.connect() as connection:
        connection.execute(sa.text(f"CREATE DATABASE {name} TEMPLATE partnerfit_template"))
    admin.dispose()
    return f"postgresql+psycopg://postgres@127.0.0.1:{postgres_template.port}/{name}"


def same(first, second) -> bool:
    """Two assessments hold the same content (whatever a store remembers privately, e.g. the text it read)."""
    return first is not None and second is not None and first.to_data() == second.to_data()
