"""Data for the load benchmark, run inside the server's own settings (PostgreSQL).

    python -m tests.perf.load_data demo    -> the demo data (fictional), into the
                                              production settings' database
    python -m tests.perf.load_data setup   -> JSON: cases, public paths, search path
    python -m tests.perf.load_data verify FILE -> JSON: what the database holds for the
                                                  transitions listed in FILE
    python -m tests.perf.load_data review-page -> JSON: a published review's address
    python -m tests.perf.load_data take-down PATH -> unpublish the review page at PATH

The manager's password and authenticator key come from the environment (BENCH_PASSWORD,
BENCH_TOTP_KEY), so the benchmark can sign in through the real forms.
"""

import json
import os
import sys
from datetime import date


def setup():
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from wagtail.models import Page

    from partnerships.models import Membership, Partnership, Role
    from reviews.models import Review, ReviewKind
    from reviews.stages import State
    from tests.site_search import search_path

    partnership = Partnership.objects.order_by("pk").first()
    user_model = Membership.user.field.related_model
    manager = user_model.objects.create_user(
        "bench-manager",
        email="bench-manager@example.org",
        password=os.environ["BENCH_PASSWORD"],
        first_name="Bench",
        last_name="Manager",
    )
    Membership.objects.create(user=manager, partnership=partnership, role=Role.REVIEW_MANAGER)
    TOTPDevice.objects.create(
        user=manager, name="Bench", key=os.environ["BENCH_TOTP_KEY"], confirmed=True
    )
    cases = [
        Review.objects.create(
            partnership=partnership,
            kind=ReviewKind.DHR,
            reference=f"BENCH-LOAD-{number:02d}",
            notified_on=date(2026, 1, 15),
            summary="Fictional case used by the load benchmark.",
            is_fictional=True,
            state=State.DRAFTING,  # synthetic rows: set directly, not through the workflow
        ).pk
        for number in range(int(os.environ.get("BENCH_CASES", "5")))
    ]
    paths = sorted({page.url for page in Page.objects.live().public().specific() if page.url})
    paths += ["/site-map/", "/feeds/reviews/", "/sitemap.xml"]
    return {"cases": cases, "paths": paths, "search": search_path()}


def a_published_review_page():
    """The address of one published review's page (the one the spike takes down)."""
    from reviews.models import ReviewPage

    page = ReviewPage.objects.live().public().order_by("pk").first()
    return {"path": page.url}


def take_down(path):
    """Unpublish the review page at this address, as a manager taking it down does."""
    from reviews.models import ReviewPage

    page = next(page for page in ReviewPage.objects.live() if page.url == path)
    page.unpublish()
    return {"taken_down": path}


def verify(made):
    """For each case: its state now, and the transition events the audit trail holds."""
    from reviews.models import Review, ReviewEvent

    result = {}
    for pk in {step["case"] for step in made}:
        events = ReviewEvent.objects.filter(review_id=pk, action__in=["pause", "resume"])
        result[str(pk)] = {
            "state": Review.objects.get(pk=pk).state,
            "events": list(events.order_by("pk").values_list("action", "from_state", "to_state")),
            "pauses": Review.objects.get(pk=pk).pauses.count(),
        }
    return result


def load_demo():
    """The production settings refuse demo data (DEMO_DATA = False), which is right for
    an installation; the benchmark's throwaway cluster allows it for this one command."""
    from django.core.management import call_command
    from django.test import override_settings

    with override_settings(DEMO_DATA=True):
        call_command("load_demo")


def main(argv):
    import django

    django.setup()
    if argv[0] == "demo":
        load_demo()
    elif argv[0] == "setup":
        print(json.dumps(setup()))
    elif argv[0] == "review-page":
        print(json.dumps(a_published_review_page()))
    elif argv[0] == "take-down":
        print(json.dumps(take_down(argv[1])))
    elif argv[0] == "verify":
        with open(argv[1]) as made:
            print(json.dumps(verify(json.load(made))))
    else:
        raise SystemExit(f"unknown command {argv[0]!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
