"""What kinds of case paper there are and who may read each: data the rules and the
transition guards need without importing the models (reviews.models.papers uses it as
CaseDocument.Kind and CaseDocument.Audience)."""

from django.db import models


class DocumentKind(models.TextChoices):
    """What a case paper is (CaseDocument.Kind)."""

    TERMS_OF_REFERENCE = "terms_of_reference", "Terms of reference"
    IMR = "imr", "Individual management review (IMR)"
    CHRONOLOGY = "chronology", "Chronology"
    DRAFT_OVERVIEW_REPORT = "draft_overview_report", "Draft overview report"
    EXECUTIVE_SUMMARY = "executive_summary", "Executive summary"
    ACTION_PLAN = "action_plan", "Action plan"
    HOME_OFFICE_LETTER = "home_office_letter", "Home Office QA letter"
    FINAL_REPORT = "final_report", "Final anonymised report"
    OTHER = "other", "Other"


class DocumentAudience(models.TextChoices):
    """Who may read a case paper (CaseDocument.Audience)."""

    STAFF = "staff", "Partnership staff and the chair"
    PANEL = "panel", "Panel, partnership staff and the chair"
    PUBLIC = "public", "Public once the review is published"


# Audiences a panel member may read; staff-only papers are hidden from the panel.
PANEL_AUDIENCES = (DocumentAudience.PANEL, DocumentAudience.PUBLIC)
# Only these kinds may ever be marked public, and so published.
PUBLISHABLE_KINDS = (DocumentKind.FINAL_REPORT, DocumentKind.EXECUTIVE_SUMMARY)

# What the Home Office submission pack holds: (what it is called, the kinds that serve).
# The overview report is the final report, or the draft if no final report exists yet.
PACK_PAPERS = (
    ("overview report", (DocumentKind.FINAL_REPORT, DocumentKind.DRAFT_OVERVIEW_REPORT)),
    ("executive summary", (DocumentKind.EXECUTIVE_SUMMARY,)),
    ("action plan", (DocumentKind.ACTION_PLAN,)),
)
