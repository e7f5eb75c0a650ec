"""The real action plans shipped with the project (learning/fixtures/action_plans/).

Four Haringey Community Safety Partnership plans transcribed from their published
documents; strategies.json holds each plan's metadata, transcription notes, expected
counts, priority-level outcomes and the rows whose action text the source lost.
Loading goes through the same importer as a user's file, so it is all-or-nothing and
idempotent: loading again changes nothing.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from .action_plans import import_action_plan
from .importing import ImportResult
from .lead_agencies import set_lead_agencies
from .models import Priority, Strategy
from .tabular import read_path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "action_plans"


@dataclass
class LoadedPlan:
    strategy: Strategy
    result: ImportResult


def manifest():
    return json.loads((FIXTURES / "strategies.json").read_text(encoding="utf-8"))


def strategy_fields(entry):
    return {
        "title": entry["title"],
        "period_start": entry["period_start"],
        "period_end": entry["period_end"],
        "governing_body": entry["governing_body"],
        "source_document": entry["source_document"],
        "source_file": entry["source_file"],
        "notes": "\n".join(entry["notes"]),
    }


def load_shipped_plans(partnership, today=None):
    """Create or update the four shipped strategies in `partnership`."""
    today = today or timezone.localdate()
    loaded = []
    with transaction.atomic():
        for entry in manifest():
            fields = strategy_fields(entry)
            strategy, _ = Strategy.objects.update_or_create(
                partnership=partnership,
                slug=entry["slug"],
                defaults=fields,
                # Whether a plan is still being delivered is the partnership's call once
                # it is loaded; at first, plans whose period has ended are kept for reference.
                create_defaults={**fields, "is_active": entry["period_end"] >= today.year},
            )
            table = read_path(FIXTURES / entry["csv"])
            result = import_action_plan(strategy, table, known_gaps=entry["known_gaps"])
            set_lead_agencies(strategy)
            for outcomes in entry["priority_outcomes"]:
                Priority.objects.filter(
                    strategy=strategy, number=outcomes["priority_number"]
                ).update(
                    outcomes_heading=outcomes["heading"], outcomes="\n".join(outcomes["items"])
                )
            loaded.append(LoadedPlan(strategy, result))
    return loaded
