"""Calibration cases: reference assessments modelled on public partnerships, each with an expert's verdict.

A case file (``calibration/*.yaml``) holds a ``case`` block (title, summary of the public facts, sources, the
verdict a domain expert gives and why, what it is modelled on) and an ``assessment`` block in the normal assessment
format. ``run_calibration`` scores every case against the shipped frameworks and says where the tool and the
expert agree; the test suite and ``scripts/calibration_report.py`` both use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from partnerfit.assessment import Assessment, check_against_framework
from partnerfit.catalog import FrameworkCatalog
from partnerfit.errors import Problem, ValidationError
from partnerfit.scoring import ScoreResult, score_assessment
from partnerfit.validation import validate_model
from partnerfit.yamlio import read_yaml

VERDICTS = ("aligned", "conditional", "not-aligned", "blocked", "incomplete", "refer")


class _CaseModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CaseSource(_CaseModel):
    title: str = Field(min_length=1)
    url: Annotated[str, Field(pattern=r"^https?://\S+$")]


class Case(_CaseModel):
    title: str = Field(min_length=1)
    summary: str = Field(min_length=1, description="The public facts the answers are based on")
    sources: list[CaseSource] = Field(min_length=1)
    expert_verdict: Literal[VERDICTS]  # type: ignore[valid-type]
    why: str = Field(min_length=1)
    modelled_on: str = Field(min_length=1)


class CaseFile(_CaseModel):
    case: Case
    assessment: dict[str, Any]


@dataclass(frozen=True)
class CaseResult:
    path: Path
    case: Case
    assessment: Assessment
    result: ScoreResult

    @property
    def agrees(self) -> bool:
        return self.result.recommendation == self.case.expert_verdict


def load_case(path: Path) -> tuple[Case, Assessment]:
    """Read one case file; raise ``ValidationError`` naming the file and every problem."""
    document = validate_model(CaseFile, read_yaml(path), path, path.read_text(encoding="utf-8"))
    try:
        assessment = Assessment.model_validate(document.assessment)
    except Exception as error:  # pydantic's error, re-raised with the file and place
        raise ValidationError(path, [Problem("assessment", str(error))]) from None
    return document.case, assessment


def score_case(path: Path, catalog: FrameworkCatalog) -> CaseResult:
    """Score one case against the loaded framework it names (its current version)."""
    case, assessment = load_case(path)
    framework = catalog.get(assessment.framework.id)
    if framework is None:
        raise ValidationError(path, [Problem("assessment.framework.id", "no loaded framework has this id")])
    problems = check_against_framework(assessment, framework, strict=True)
    if framework.version != assessment.framework.version:
        problems.append(
            Problem(
                "assessment.framework.version",
                f"the case is written for {assessment.framework.version}, the shipped framework is "
                f"{framework.version}: review the answers against the new version",
            )
        )
    if problems:
        raise ValidationError(path, problems)
    return CaseResult(path, case, assessment, score_assessment(framework, assessment))


def run_calibration(directory: Path, catalog: FrameworkCatalog) -> list[CaseResult]:
    """Score every case file below ``directory``, sorted by file name."""
    return [score_case(path, catalog) for path in sorted(Path(directory).glob("*.yaml"))]


def agreement_line(results: list[CaseResult]) -> str:
    """The sentence the README quotes, e.g. 'Agreement: 22 of 22 reference cases'."""
    agreed = sum(result.agrees for result in results)
    return f"Agreement: {agreed} of {len(results)} reference cases"
