"""Scoring pages, one module per area: tables, assessments, reviews, ranking."""
