"""Evaluation services: the only write path (each atomic, audited, keyword-only, actor first)."""

from .campaigns import (
    campaign_assign_evenly,
    campaign_close,
    campaign_create,
    campaign_sample,
    draw,
    evaluation_assign,
    reviewer_refusal,
    sample_size,
)
from .rubrics import clean_items, parse_items, rubric_create, rubric_revise
from .scoring import (
    CLOCK_KIND,
    evaluation_score,
    grade_for,
    rectification_review,
    rectification_submit,
)

__all__ = [
    "CLOCK_KIND",
    "campaign_assign_evenly",
    "campaign_close",
    "campaign_create",
    "campaign_sample",
    "clean_items",
    "draw",
    "evaluation_assign",
    "evaluation_score",
    "grade_for",
    "parse_items",
    "rectification_review",
    "rectification_submit",
    "reviewer_refusal",
    "rubric_create",
    "rubric_revise",
    "sample_size",
]
