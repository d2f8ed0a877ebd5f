"""partnerfit: partner values-alignment assessments for Wikimedia affiliates (the core, no UI)."""

from partnerfit.assessment import REGIONS, Assessment
from partnerfit.catalog import FrameworkCatalog, load_frameworks
from partnerfit.errors import FrameworkNotFoundError, PartnerfitError, SaveConflictError, ValidationError
from partnerfit.framework import Framework
from partnerfit.results import score_records
from partnerfit.scoring import ScoreResult, score_assessment, score_assessments
from partnerfit.store import AssessmentStore

__all__ = [
    "REGIONS",
    "Assessment",
    "AssessmentStore",
    "Framework",
    "FrameworkCatalog",
    "FrameworkNotFoundError",
    "PartnerfitError",
    "SaveConflictError",
    "ScoreResult",
    "ValidationError",
    "load_frameworks",
    "score_assessment",
    "score_assessments",
    "score_records",
]
