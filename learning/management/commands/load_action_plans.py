"""python manage.py load_action_plans --partnership SLUG

Loads (or brings up to date) the four Haringey action plans shipped with the project.
Safe to run again: nothing is duplicated."""

from django.core.management.base import BaseCommand

from ...shipped import load_shipped_plans
from ._library import find_partnership


class Command(BaseCommand):
    help = "Load the shipped Haringey action plans into a partnership."

    def add_arguments(self, parser):
        parser.add_argument("--partnership", required=True)

    def handle(self, *args, **options):
        for plan in load_shipped_plans(find_partnership(options["partnership"])):
            self.stdout.write(f"{plan.strategy}: {plan.result.summary('actions')}")
