"""Demo data for the learning library.

The four Haringey action plans are real published documents, loaded as shipped (the
same importer a user's file goes through). Everything else here is invented and says
so: recommendations of the fictional demo cases from reviews/demo.py, their links to the
real plans' actions and their progress updates. Real actions get no invented progress:
their RAG and status stay as the source gives them (empty).
"""

from datetime import timedelta

from django.utils import timezone

from partnerships.demo import agencies, demo_user, partnerships
from reviews.models import Review

from .models import Level, ProgressUpdate, Recommendation, RecommendationAction, Status, Theme
from .models.pages import ensure_library_page
from .progress import post_progress
from .shipped import load_shipped_plans

DA_PLAN = "haringey-domestic-abuse-2023-2028"
VAWG = "vawg-strategy-2016-2026"
FICTIONAL = "(Fictional demonstration recommendation.)"

THEMES = [
    ("Housing", "housing"),
    ("Health", "health"),
    ("Training and awareness", "training"),
    ("Risk assessment and MARAC", "risk-assessment"),
    ("Coercive control", "coercive-control"),
    ("Perpetrators", "perpetrators"),
    ("Self-neglect", "self-neglect"),
    ("Information sharing", "information-sharing"),
]

# Who posts the fictional updates, by partnership.
REPORTERS = {"haringey": "manager", "northbrook": "northbrook_manager"}

# review reference, number, text, level, owner (short name), theme slugs, target date
# (days from today), links [(strategy slug, action reference, note)], updates
# [(days ago, RAG, status, comment, evidence, who: a username or "manager")]
RECOMMENDATIONS = [
    (
        "DEMO-16",
        "1",
        "Housing officers should ask about domestic abuse at every tenancy visit and know how "
        "to refer to specialist support.",
        Level.SINGLE_AGENCY,
        "HfH",
        ["housing", "training"],
        90,
        [
            (DA_PLAN, "2.4", "Fictional link: accreditation requires routine enquiry by housing."),
            (DA_PLAN, "2.3", "Fictional link: the housing pathway tells officers where to refer."),
        ],
        [
            (
                40,
                "amber",
                Status.IN_PROGRESS,
                "Fictional update: briefing sessions booked for housing officers.",
                "",
                "partner",
            )
        ],
    ),
    (
        "DEMO-16",
        "2",
        "GP practices should be supported to recognise and respond to disclosures of "
        "domestic abuse.",
        Level.MULTI_AGENCY,
        "NCL ICB",
        ["health", "training"],
        -30,
        [(DA_PLAN, "1.1", "Fictional link: frontline training to include primary care.")],
        [
            (
                60,
                "red",
                Status.NOT_STARTED,
                "Fictional update: no training places secured yet.",
                "",
                "manager",
            )
        ],
    ),
    (
        "DEMO-17",
        "1",
        "High-harm perpetrators known to more than one agency should be discussed at a "
        "multi-agency panel.",
        Level.MULTI_AGENCY,
        "MPS",
        ["perpetrators", "risk-assessment"],
        150,
        [(DA_PLAN, "3.3", "Fictional link: the Dauntless panel is that multi-agency panel.")],
        [
            (
                20,
                "green",
                Status.IN_PROGRESS,
                "Fictional update: panel referral criteria agreed.",
                "",
                "manager",
            )
        ],
    ),
    (
        "DEMO-17",
        "2",
        "The Home Office should update its guidance on the information families receive "
        "during a review.",
        Level.NATIONAL,
        None,
        ["information-sharing"],
        None,
        [],
        [],
    ),
    (
        "DEMO-18",
        "1",
        "Breaches of non-molestation orders should prompt a fresh risk assessment.",
        Level.SINGLE_AGENCY,
        "MPS",
        ["risk-assessment", "coercive-control"],
        -200,
        [
            (
                VAWG,
                "4.5",
                "Fictional link: criminal justice initiatives that hold perpetrators to account.",
            )
        ],
        [
            (
                250,
                "amber",
                Status.IN_PROGRESS,
                "Fictional update: new procedure drafted.",
                "",
                "manager",
            ),
            (
                210,
                "blue",
                Status.COMPLETE,
                "Fictional update: procedure in force and audited.",
                "Fictional evidence: an audit of 20 breach reports found a new risk "
                "assessment in each.",
                "manager",
            ),
        ],
    ),
    (
        "DEMO-SAR-02",
        "1",
        "Adult social care should agree a self-neglect protocol with health partners.",
        Level.SINGLE_AGENCY,
        "ASC",
        ["self-neglect", "health"],
        60,
        [],
        [
            (
                15,
                "amber",
                Status.IN_PROGRESS,
                "Fictional update: draft protocol out for comment.",
                "",
                "manager",
            )
        ],
    ),
]


def themes():
    return {
        slug: Theme.objects.update_or_create(slug=slug, defaults={"name": name})[0]
        for name, slug in THEMES
    }


def load(log):
    ensure_library_page(log)
    by_key = partnerships()
    for plan in load_shipped_plans(by_key["haringey"]):
        log(f"Action plan {plan.strategy.slug}: {plan.result.summary('actions')}")
    by_slug = themes()
    by_short = agencies()
    today = timezone.localdate()
    created = 0
    for spec in RECOMMENDATIONS:
        reference, number, text, level, owner, theme_slugs, target, links, updates = spec
        review = Review.objects.filter(reference=reference, is_fictional=True).first()
        if review is None:
            log(f"Demo case {reference} not found: its recommendations were skipped.")
            continue
        recommendation, is_new = Recommendation.objects.get_or_create(
            review=review,
            number=number,
            defaults={
                "text": f"{text} {FICTIONAL}",
                "level": level,
                "owning_agency": by_short.get(owner),
                "target_date": today + timedelta(days=target) if target is not None else None,
            },
        )
        if not is_new:
            continue
        created += 1
        recommendation.themes.set([by_slug[slug] for slug in theme_slugs])
        recommendation.save()
        for slug, action_reference, note in links:
            RecommendationAction.objects.get_or_create(
                recommendation=recommendation,
                action=review.partnership.strategies.get(slug=slug).actions.get(
                    reference=action_reference
                ),
                defaults={"note": note},
            )
        partnership_key = "haringey" if review.partnership == by_key["haringey"] else "northbrook"
        for days_ago, rag, status, comment, evidence, who in updates:
            username = REPORTERS[partnership_key] if who == "manager" else who
            post_progress(
                recommendation,
                demo_user(username),
                rag=rag,
                status=status,
                comment=comment,
                evidence=evidence,
                reported_on=today - timedelta(days=days_ago),
            )
    total = Recommendation.objects.filter(review__is_fictional=True).count()
    log(f"Demo recommendations: {created} created, {total} in all, all fictional.")


def remove(removal):
    """The fictional recommendations and their progress updates (partnerships.demo_removal),
    before the fictional cases go. The shipped plans are real and stay."""
    fictional = Recommendation.objects.filter(review__is_fictional=True)
    removal.delete(ProgressUpdate.objects.filter(recommendation__in=fictional))
    removal.delete(fictional)
