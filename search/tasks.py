"""Search work done in the background (config.background): reading an uploaded paper's
text, which for a long PDF takes longer than anyone should wait for an upload."""

from config.background import background_task

from . import indexing


@background_task
def read_paper_text(version_id):
    """Fill the search row of a paper's version with its text. Idempotent: the row is
    derived again from the version as it now is (a deleted version leaves no row)."""
    indexing.refresh_version(version_id)
