"""Who may see which row: the one access rule of the product.

A user holds *facts* (computed once per request by `facts_of`): the partnerships where
they are staff, the reviews they chair or sit on the panel of, the partnerships and
agencies they represent as a partner agency user. A row has a *scope*: the
partnership(s) it belongs to, its review, the agency that owns it, its *audience* (who
besides the partnership's staff it is for) and whether it is public.

The rule is the table `GRANTS` below: "holders of this fact see rows whose keys match
what they hold, for these audiences". Nothing else in the product decides who sees a
row. The table is compiled for each consumer by `compile_rule` with a *target*:

- `QTarget`: a Django `Q` for any model that declares its `ModelAccess` (every
  `visible_to` queryset is this);
- `ScopeTarget`: a yes/no for one object (the django-rules predicates, hence Wagtail's
  permission policies and the views);
- search.backends.elasticsearch: the Elasticsearch bool filter over the fields of a
  search document, whose scope columns are the object's `scope` (search.indexing);
- any other consumer implements the same six methods.

A new role is a new fact, computed in `facts_of`, and a row (or a new audience) in
`GRANTS`. tests/partnerships/test_access.py derives the role x object matrix from this
table and checks every consumer against it.
"""

from dataclasses import dataclass
from itertools import product

from django.db import models
from django.db.models import Q

from .oversight import partnerships_overseen_by
from .roles import Role


class Audience(models.TextChoices):
    """Who, besides the partnership's staff (and system administrators), a row is for."""

    CASE = "case", "The case's chair"
    PANEL = "panel", "The case's chair and panel"
    AGENCY = "agency", "The case's chair and the owning agency's partner users"
    SHARED = "shared", "As for the owning agency, and shared with the oversight bodies"
    LIBRARY = "library", "The case's chair and the partnership's partner users"
    REQUEST = "request", "The case's chair and the agency's contact for the case"
    PEOPLE = "people", "The partnership's administrators (its people, agencies and roles)"


EVERY_AUDIENCE = frozenset(Audience)


@dataclass(frozen=True)
class Grant:
    """Holders of `fact` see rows whose `keys` match a value they hold, if the row's
    audience is one of `audiences`. A fact of one key holds values; of several keys,
    tuples in the order of `keys`."""

    fact: str
    keys: tuple
    audiences: frozenset
    why: str


# The rule. Row keys: "partnership", "review", "owner_agency".
GRANTS = (
    Grant(
        "administered_partnerships",
        ("partnership",),
        frozenset({Audience.PEOPLE}),
        "Partnership administrators see their partnership's people, agencies, roles and "
        "the audit trail of them; nothing of its cases.",
    ),
    Grant(
        "staff_partnerships",
        ("partnership",),
        EVERY_AUDIENCE,
        "Review managers and approvers see everything of their partnership.",
    ),
    Grant(
        "joint_reviews",
        ("review",),
        EVERY_AUDIENCE,
        "Review managers and approvers of a partnership that commissions a review with its "
        "lead partnership (a joint DHR/SAR with the Safeguarding Adults Board, a review two "
        "areas hold together) see everything of that review, as the lead's staff do.",
    ),
    Grant(
        "chaired_reviews",
        ("review",),
        EVERY_AUDIENCE,
        "A review's independent chair sees everything of that review.",
    ),
    Grant(
        "panel_reviews",
        ("review",),
        frozenset({Audience.PANEL}),
        "A review's panel members see the review and its panel papers.",
    ),
    Grant(
        "partner_partnerships",
        ("partnership",),
        frozenset({Audience.LIBRARY}),
        "Partner agency users read their partnership's library: strategies, actions and "
        "the recommendations of published reviews.",
    ),
    Grant(
        "agency_seats",
        ("partnership", "owner_agency"),
        frozenset({Audience.AGENCY, Audience.SHARED, Audience.LIBRARY}),
        "Partner agency users also read what their agency owns in that partnership.",
    ),
    Grant(
        "agency_contacts",
        ("review", "owner_agency"),
        frozenset({Audience.REQUEST}),
        "An agency's contact for a case sees that agency's information requests on that "
        "case (to answer them), and nothing else of the case.",
    ),
    Grant(
        "overseen_partnerships",
        ("partnership",),
        frozenset({Audience.SHARED, Audience.LIBRARY}),
        "Members of an oversight body read, in the partnerships it oversees, the library "
        "(published recommendations, plans) and what the partnership shares with oversight "
        "bodies. They change nothing.",
    ),
)


# ---------------------------------------------------------------- facts about a user


class Facts:
    """What one user holds. Built by `facts_of`; `PUBLIC` for visitors.

    roles: partnership id -> the roles held there; agency_seats: (partnership id, agency
    id) of a partner agency user; chaired_reviews, panel_reviews: review ids;
    agency_contacts: (review id, agency id) of the requests a user answers for an agency;
    overseen_partnerships: the partnerships of the user's oversight bodies; joint_reviews:
    the reviews co-commissioned by a partnership where the user is staff. Seats are read
    when first needed (`load_seats(fact)`), since most pages need none.
    """

    def __init__(
        self,
        *,
        user_id=None,
        everything=False,
        roles=None,
        agency_seats=frozenset(),
        chaired_reviews=None,
        panel_reviews=None,
        agency_contacts=None,
        overseen_partnerships=None,
        joint_reviews=None,
        load_seats=None,
    ):
        self.user_id = user_id
        self.everything = everything  # a system administrator
        self.roles = {p: frozenset(held) for p, held in (roles or {}).items()}
        self.agency_seats = frozenset(agency_seats)
        self._seats = {
            "chaired_reviews": chaired_reviews,
            "panel_reviews": panel_reviews,
            "agency_contacts": agency_contacts,
            "overseen_partnerships": overseen_partnerships,
            "joint_reviews": joint_reviews,
        }
        self._load_seats = load_seats

    def __repr__(self):
        return f"Facts(user_id={self.user_id}, everything={self.everything}, roles={self.roles})"

    # Seats only holders of another fact can have: not read (nor subqueried) without it.
    SEAT_NEEDS = {"joint_reviews": "staff_partnerships"}

    def _cannot_hold(self, fact):
        needed = self.SEAT_NEEDS.get(fact)
        return needed is not None and not getattr(self, needed)

    def _seat(self, fact):
        if self._seats[fact] is None and self._cannot_hold(fact):
            self._seats[fact] = ()
        if self._seats[fact] is None:
            self._seats[fact] = self._load_seats(fact) if self._load_seats else ()
        return frozenset(self._seats[fact])

    @property
    def chaired_reviews(self):
        return self._seat("chaired_reviews")

    @property
    def panel_reviews(self):
        return self._seat("panel_reviews")

    @property
    def agency_contacts(self):
        return self._seat("agency_contacts")

    @property
    def overseen_partnerships(self):
        return self._seat("overseen_partnerships")

    @property
    def joint_reviews(self):
        return self._seat("joint_reviews")

    def partnerships_with(self, *roles):
        return frozenset(p for p, held in self.roles.items() if held & set(roles))

    @property
    def staff_partnerships(self):
        return self.partnerships_with(Role.REVIEW_MANAGER, Role.APPROVER)

    @property
    def administered_partnerships(self):
        return self.partnerships_with(Role.PARTNERSHIP_ADMIN)

    @property
    def managed_partnerships(self):
        return self.partnerships_with(Role.REVIEW_MANAGER)

    @property
    def approved_partnerships(self):
        return self.partnerships_with(Role.APPROVER)

    @property
    def partner_partnerships(self):
        return self.partnerships_with(Role.PARTNER)

    @property
    def has_any_role(self):
        """A role in a partnership, or a seat on an oversight body (read-only)."""
        return bool(self.roles) or bool(self.overseen_partnerships)

    def held(self, grant):
        return getattr(self, grant.fact)

    def held_lazily(self, grant):
        """As `held`, but seats not read yet come as an unevaluated queryset of ids, which
        a Django Q uses as a subquery (no query of its own)."""
        # (A seat of several keys is read at once: a subquery gives one column.)
        if (
            len(grant.keys) == 1
            and grant.fact in self._seats
            and self._seats[grant.fact] is None
            and self._load_seats
            and not self._cannot_hold(grant.fact)
        ):
            return self._load_seats(grant.fact)
        return self.held(grant)


PUBLIC = Facts()
EVERYTHING = Facts(everything=True)


# Bumped whenever a membership, a seat on a review or a review's co-commissioners change
# (partnerships.signals, reviews.signals): facts cached on a user object before the
# change are then recomputed.
# Django loads a new user object for each request; long-running code (the demo loader, an
# import) keeps its user objects across changes, and must not act on stale facts.
_generation = 0


def seats_changed():
    global _generation
    _generation += 1


def facts_of(user):
    """The facts of this user, computed once and kept on the user object until a
    membership or seat changes."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return PUBLIC
    cached = getattr(user, "_access_facts", None)
    if cached is not None and cached[0] == _generation:
        return cached[1]
    generation = _generation
    if user.is_superuser:
        facts = Facts(user_id=user.pk, everything=True)
    else:
        roles, seats = {}, set()
        for partnership_id, role, agency_id in user.memberships.values_list(
            "partnership_id", "role", "agency_id"
        ):
            roles.setdefault(partnership_id, set()).add(role)
            if role == Role.PARTNER and agency_id:
                seats.add((partnership_id, agency_id))
        facts = Facts(
            user_id=user.pk, roles=roles, agency_seats=seats, load_seats=review_seats(user)
        )
    user._access_facts = (generation, facts)
    return facts


def review_seats(user):
    """Reads the reviews a user chairs or sits on the panel of, the reviews their
    partnerships co-commission, and the partnerships their oversight bodies cover. Review
    seats are held through the reviews app's relations to the user and the partnership
    (reverse accessors, so this base app imports nothing above it)."""

    def load(fact):
        if fact == "overseen_partnerships":
            return partnerships_overseen_by(user)
        if fact == "joint_reviews":
            return user.memberships.filter(
                role__in=(Role.REVIEW_MANAGER, Role.APPROVER),
                partnership__joint_commissions__isnull=False,
            ).values_list("partnership__joint_commissions__review_id", flat=True)
        if fact == "chaired_reviews":
            return user.chaired_reviews.values_list("pk", flat=True)
        if fact == "agency_contacts":
            return user.information_requests_to_answer.values_list("review_id", "agency_id")
        return user.review_panel_memberships.values_list("review_id", flat=True)

    return load


# ---------------------------------------------------------------- compiling the rule


def compile_rule(facts, target):
    """The rule for this user, in the target's terms."""
    if facts.everything:
        return target.everything()
    clauses = [target.public()]
    for grant in GRANTS:
        if not target.has_keys(grant.keys):
            continue
        audience = target.audience_in(grant.audiences)
        if audience is None:  # the target's rows are never for these audiences
            continue
        if getattr(target, "takes_subqueries", False):
            held = facts.held_lazily(grant)
        else:
            held = facts.held(grant)
            if not held:
                continue
        clauses.append(target.both(target.holds(grant.keys, held), audience))
    return target.any_of(clauses)


def may_see_any(facts, access):
    """Could this user see any row described by `access` (a ModelAccess)? What menus and
    list views ask before there is an object."""
    if facts.everything:
        return True
    return any(
        all(access.path(key) for key in grant.keys)
        and grant.audiences & access.audience_set
        and facts.held(grant)
        for grant in GRANTS
    )


@dataclass(frozen=True)
class Scope:
    """Whose a row is and whom it is for: the inputs of the rule for one row."""

    partnerships: frozenset
    review: int | None = None
    owner_agency: int | None = None
    audience: str = Audience.CASE
    public: bool = False

    def values(self, key):
        if key == "partnership":
            return self.partnerships
        value = getattr(self, key)
        return frozenset() if value is None else frozenset({value})


@dataclass(frozen=True)
class ModelAccess:
    """How a model's rows are scoped: ORM paths to the keys, and its audiences.

    `audiences` maps each audience the model's rows can have to the Q selecting them
    (Q() when every row has it); `audience_of(obj)` says it for one object. `public`
    selects rows anyone may see (none by default). tests/partnerships/test_access.py
    checks that the Q and the Python sides agree on every model."""

    partnership: str
    audiences: dict
    audience_of: object
    review: str = ""
    owner_agency: str = ""
    public: Q | None = None
    public_of: object = None

    def path(self, key):
        return getattr(self, key)

    def scope(self, obj):
        def resolve(path):
            value = obj
            for step in path.split("__"):
                if value is None:
                    return None
                value = getattr(value, step)
            return value

        partnership = resolve(self.partnership)
        return Scope(
            partnerships=frozenset() if partnership is None else frozenset({partnership}),
            review=resolve(self.review) if self.review else None,
            owner_agency=resolve(self.owner_agency) if self.owner_agency else None,
            audience=self.audience_of(obj),
            public=bool(self.public_of and self.public_of(obj)),
        )

    @property
    def audience_set(self):
        return frozenset(self.audiences)


class QTarget:
    """The rule as a Django Q over a model described by a ModelAccess."""

    takes_subqueries = True

    def __init__(self, access):
        self.access = access

    def everything(self):
        return Q()

    def public(self):
        return self.access.public if self.access.public is not None else Q(pk__in=[])

    def has_keys(self, keys):
        return all(self.access.path(key) for key in keys)

    def audience_in(self, audiences):
        chosen = [q for audience, q in self.access.audiences.items() if audience in audiences]
        if not chosen:
            return None
        combined = Q(pk__in=[])
        for q in chosen:
            if not q:  # Q(): every row has this audience
                return Q()
            combined |= q
        return combined

    def holds(self, keys, held):
        if isinstance(held, models.QuerySet):
            return Q(**{f"{self.access.path(keys[0])}__in": held})
        if len(keys) == 1:
            return Q(**{f"{self.access.path(keys[0])}__in": sorted(held)})
        any_of = Q(pk__in=[])
        for values in sorted(held):
            any_of |= Q(**{self.access.path(k): v for k, v in zip(keys, values, strict=True)})
        return any_of

    def both(self, first, second):
        return first & second

    def any_of(self, clauses):
        combined = clauses[0]
        for clause in clauses[1:]:
            combined |= clause
        return combined


class ScopeTarget:
    """The rule as yes or no for one row's Scope."""

    def __init__(self, scope):
        self.scope = scope

    def everything(self):
        return True

    def public(self):
        return self.scope.public

    def has_keys(self, keys):
        return all(self.scope.values(key) for key in keys)

    def audience_in(self, audiences):
        return self.scope.audience in audiences

    def holds(self, keys, held):
        if len(keys) == 1:
            return bool(self.scope.values(keys[0]) & held)
        return any(
            combination in held for combination in product(*(self.scope.values(k) for k in keys))
        )

    def both(self, first, second):
        return first and second

    def any_of(self, clauses):
        return any(clauses)


def allows(facts, scope):
    """May a user with these facts see a row of this scope?"""
    return compile_rule(facts, ScopeTarget(scope))


class ScopedQuerySet(models.QuerySet):
    """A queryset of a model that declares `access = ModelAccess(...)`."""

    def visible_to(self, user):
        return self.filter(compile_rule(facts_of(user), QTarget(self.model.access)))


def may_see(user, obj):
    """May this user see this object (whose model declares `access`)?"""
    return allows(facts_of(user), type(obj).access.scope(obj))


# ---------------------------------------------------------------- shared lists

# Agencies and themes are lists every partnership draws on. A row is national (no
# partnership: anyone may see and choose it, only a system administrator changes it) or a
# partnership's own (its staff and partner users see it, only its own forms offer it, its
# review managers change it). Being public here means being visible to every user; what
# the public site shows of a theme still follows the published reviews that carry it.
SHARED_LIST = ModelAccess(
    partnership="partnership_id",
    audiences={Audience.LIBRARY: Q()},
    audience_of=lambda obj: Audience.LIBRARY,
    public=Q(partnership__isnull=True),
    public_of=lambda obj: obj.partnership_id is None,
)


def shared_with(queryset, partnership_ids):
    """Rows of a shared list that things of these partnerships may name: national ones
    and the partnerships' own."""
    return queryset.filter(
        Q(partnership__isnull=True) | Q(partnership_id__in=sorted(partnership_ids))
    )


def choosable(model, user, partnership_ids):
    """The rows of a shared list (a model with SHARED_LIST access) that a form may offer
    for something of these partnerships, among those the user may see."""
    return shared_with(model.objects.visible_to(user), partnership_ids)


def may_choose(obj, partnership_id):
    """May a row of a shared list be chosen for something of this partnership? What a
    form's clean() re-checks against the partnership actually chosen."""
    return obj is None or obj.partnership_id in (None, partnership_id)
