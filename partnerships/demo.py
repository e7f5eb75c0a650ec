"""Demo partnerships, agencies and one user per role.

Haringey Community Safety Partnership is real: the strategies and action plans shipped
with the project are its published documents. Every review case in the demo is
fictional and marked so. Northbrook is a fictional board, there to show that one
partnership's staff cannot see another's cases.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q

from accounts.demo import enrol_demo_users
from accounts.models import AccountEvent

from .models import Agency, Membership, Partnership, PartnershipAgency, Role

DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 - printed for the local demo only

HARINGEY = {
    "slug": "haringey-csp",
    "name": "Haringey Community Safety Partnership",
    "kind": Partnership.Kind.CSP,
    "area": "London Borough of Haringey",
    "region": "London",
    "police_force_area": "metropolitan",
}
NORTHBROOK = {
    "slug": "northbrook-sab",
    "name": "Northbrook Safeguarding Adults Board (fictional)",
    "kind": Partnership.Kind.SAB,
    "area": "Northbrook (fictional)",
    "region": "North West",
}

AGENCIES = [
    ("Metropolitan Police Service", "MPS"),
    ("Haringey Council Adult Social Care", "ASC"),
    ("Haringey Council Children's Services", "CS"),
    ("Homes for Haringey", "HfH"),
    ("North Middlesex University Hospital NHS Trust", "NMUH"),
    ("Barnet, Enfield and Haringey Mental Health NHS Trust", "BEH MHT"),
    ("NHS North Central London Integrated Care Board", "NCL ICB"),
    ("Probation Service", "PS"),
    ("Solace Women's Aid", "Solace"),
]

# username, first name, last name, role, partnership key, agency short name
USERS = [
    ("padmin", "Jo", "Bennett", Role.PARTNERSHIP_ADMIN, "haringey", None),
    ("manager", "Morgan", "Reyes", Role.REVIEW_MANAGER, "haringey", None),
    ("chair", "Alex", "Carter", Role.CHAIR, "haringey", None),
    ("chair2", "Sam", "Okafor", Role.CHAIR, "haringey", None),
    ("panel", "Jordan", "Hughes", Role.PANEL_MEMBER, "haringey", "MPS"),
    ("approver", "Priya", "Shah", Role.APPROVER, "haringey", None),
    ("partner", "Casey", "Lewis", Role.PARTNER, "haringey", "HfH"),
    ("northbrook_manager", "Robin", "Walsh", Role.REVIEW_MANAGER, "northbrook", None),
    ("northbrook_chair", "Taylor", "Brooks", Role.CHAIR, "northbrook", None),
    ("northbrook_panel", "Jamie", "Ellis", Role.PANEL_MEMBER, "northbrook", "ASC"),
]


def partnerships():
    haringey, _ = Partnership.objects.update_or_create(slug=HARINGEY["slug"], defaults=HARINGEY)
    northbrook, _ = Partnership.objects.update_or_create(
        slug=NORTHBROOK["slug"], defaults=NORTHBROOK
    )
    return {"haringey": haringey, "northbrook": northbrook}


def agencies():
    return {
        short: Agency.objects.update_or_create(name=name, defaults={"short_name": short})[0]
        for name, short in AGENCIES
    }


def demo_user(username):
    return get_user_model().objects.get(username=username)


def load(log):
    by_key = partnerships()
    by_short = agencies()
    User = get_user_model()
    for username, first, last, role, partnership_key, agency_short in USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        Membership.objects.update_or_create(
            user=user,
            partnership=by_key[partnership_key],
            role=role,
            defaults={"agency": by_short.get(agency_short)},
        )
    admin, created = User.objects.get_or_create(
        username="admin",
        defaults={"is_superuser": True, "is_staff": True, "email": "admin@example.org"},
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    # The agencies that sit on each partnership (its administrators keep the list).
    for short, agency in by_short.items():
        PartnershipAgency.objects.get_or_create(partnership=by_key["haringey"], agency=agency)
        if short == "ASC":
            PartnershipAgency.objects.get_or_create(partnership=by_key["northbrook"], agency=agency)
    enrol_demo_users([row[0] for row in USERS] + ["admin"], log)


def describe_logins(log):
    log(f"Demo logins at /admin/ (password for all: {DEMO_PASSWORD}):")
    for username, _, _, role, partnership_key, _ in USERS:
        where = HARINGEY["name"] if partnership_key == "haringey" else NORTHBROOK["name"]
        log(f"  {username:<20} {role.label}, {where}")
    log(f"  {'admin':<20} System administrator (superuser)")


def demo_accounts():
    """The demo's user accounts: its usernames with the demo's example.org address (a real
    account that happens to share a username keeps its own address, and stays)."""
    usernames = [row[0] for row in USERS] + ["admin"]
    match = Q(pk__in=[])
    for username in usernames:
        match |= Q(username=username, email=f"{username}@example.org")
    return get_user_model().objects.filter(match)


def remove(removal):
    """Last of the demo removers (partnerships.demo_removal): the demo users and the
    fictional board. The real Haringey partnership and the agencies stay."""
    accounts = demo_accounts()
    removal.delete(AccountEvent.objects.filter(user__in=accounts))
    removal.delete(accounts)
    removal.delete(Partnership.objects.filter(slug=NORTHBROOK["slug"], name=NORTHBROOK["name"]))
