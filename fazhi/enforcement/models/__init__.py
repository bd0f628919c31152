"""Enforcement supervision models (行政执法监督). Each concern has its own module; re-exported here."""

from .cases import (
    Case,
    CaseEvent,
    CaseExtension,
    CaseOfficer,
    CriminalTransfer,
    ImportBatch,
    LegalReview,
)
from .registers import (
    DOMAINS,
    BenchmarkTier,
    Certificate,
    DiscretionBenchmark,
    EnforcementSubject,
    LenientListEntry,
    Officer,
    PowerItem,
    PowerItemVersion,
    TrainingRecord,
)
from .versions import BenchmarkVersion, LenientEntryVersion

__all__ = [
    "DOMAINS",
    "BenchmarkTier",
    "BenchmarkVersion",
    "Case",
    "CaseEvent",
    "CaseExtension",
    "CaseOfficer",
    "Certificate",
    "CriminalTransfer",
    "DiscretionBenchmark",
    "EnforcementSubject",
    "ImportBatch",
    "LegalReview",
    "LenientEntryVersion",
    "LenientListEntry",
    "Officer",
    "PowerItem",
    "PowerItemVersion",
    "TrainingRecord",
]
