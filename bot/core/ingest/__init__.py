"""Ingest: article files in, proposed claims out for review; accepted claims go live in the store."""

from bot.core.ingest.edit import ClaimEdit, EditOutcome, EditRefused
from bot.core.ingest.metadata import Overrides
from bot.core.ingest.service import Ingest, IngestSummary, Prepared, ReviewOutcome, prepare

__all__ = ["ClaimEdit", "EditOutcome", "EditRefused", "Ingest", "IngestSummary", "Overrides", "Prepared",
           "ReviewOutcome", "prepare"]
