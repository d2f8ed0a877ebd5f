"""Where assessments live: the folder store (YAML files) today; the names below keep ``from partnerfit.store
import ...`` working."""

from partnerfit.store.folder import (
    CACHE_DIR,
    FILE_HEADER,
    LOCK_FILE,
    SNAPSHOT_DIR,
    AssessmentRecord,
    AssessmentStore,
    LoadResult,
    parse_assessment_text,
    read_assessment,
    store_holding,
)

__all__ = [
    "CACHE_DIR",
    "FILE_HEADER",
    "LOCK_FILE",
    "SNAPSHOT_DIR",
    "AssessmentRecord",
    "AssessmentStore",
    "LoadResult",
    "parse_assessment_text",
    "read_assessment",
    "store_holding",
]
