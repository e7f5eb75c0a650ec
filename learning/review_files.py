"""Past and in-flight reviews in and out of a partnership, as CSV or XLSX.

The format is in docs/data-formats.md ("Reviews"). One row per review, matched by its
reference within the partnership, so importing the same file again changes nothing. Every
row is checked first and any problem stops the whole import; then each review is written,
and its history taken step by step through reviews.workflow.perform_transition with the
file's dates as the steps' effective dates, marked imported. A step the workflow refuses
(a date out of order, a chair missing) is a bad row too, and nothing of the file is kept.

Review managers import into their own partnership only; the steps are taken in their
name (a review manager may take every step).
"""

from dataclasses import dataclass, field

from django.db import transaction

from partnerships.models import Partnership, Role
from reviews.events import record_event
from reviews.models import (
    KIND_CRITERIA,
    CoCommissioner,
    Criterion,
    Review,
    ReviewKind,
    ReviewPair,
    ReviewPerson,
)
from reviews.models.vocabulary import Sex
from reviews.people_vocabulary import (
    ETHNICITY_GROUPS,
    ETHNICITY_LABELS,
    AgeBand,
    GenderIdentity,
    Known,
    PairRelationship,
    PersonRole,
)
from reviews.stages import State
from reviews.workflow import TransitionRefused, perform_transition

from .import_help import REVIEW_COLUMNS
from .importing import (
    AgencyDirectory,
    FirstRows,
    ImportRefused,
    ImportResult,
    Row,
    RowError,
    refuse_bad_header,
)
from .models import Level, Recommendation
from .tabular import write_csv, write_xlsx

REQUIRED_COLUMNS = ["reference", "kind", "notified_on", "state"]
DATE_COLUMNS = [
    "decision_on",
    "chair_appointed_on",
    "draft_received_on",
    "signed_off_on",
    "submitted_to_home_office_on",
    "qa_outcome_on",
    "published_on",
    "closed_on",
]
OPTIONAL_COLUMNS = [
    "criteria",
    "co_commissioners",
    "pseudonym",
    "summary",
    "date_of_death",
    *DATE_COLUMNS,
    "decision_rationale",
    "chair",
    "victims",
    "perpetrators",
    "relationships",
    "recommendations",
]
COLUMNS = [column.name for column in REVIEW_COLUMNS]  # the order of the template and exports
SEPARATOR = ";"
IMPORTED = "Imported from the partnership's records."

# The main path of a review, each step with the date column that dates it (None: the
# step takes the date of the step before it). A SAR skips the Home Office's two steps.
MAIN_PATH = [
    ("refer_for_decision", State.DECISION_PENDING, "notified_on"),
    ("decide_to_proceed", State.COMMISSIONED, "decision_on"),
    ("appoint_chair", State.CHAIR_APPOINTED, "chair_appointed_on"),
    ("establish_panel", State.PANEL_ESTABLISHED, None),
    ("start_information_gathering", State.INFORMATION_GATHERING, None),
    ("start_drafting", State.DRAFTING, None),
    ("submit_draft", State.DRAFT_SUBMITTED, "draft_received_on"),
    ("begin_panel_review", State.PANEL_REVIEW, None),
    ("request_signoff", State.PARTNERSHIP_SIGNOFF, None),
    ("sign_off", State.SIGNED_OFF, "signed_off_on"),
    ("submit_to_home_office", State.SUBMITTED_TO_HOME_OFFICE, "submitted_to_home_office_on"),
    ("record_qa_approval", State.QA_APPROVED, "qa_outcome_on"),
    ("publish", State.PUBLISHED, "published_on"),
    ("start_monitoring", State.MONITORING, None),
    ("close", State.CLOSED, "closed_on"),
]
HOME_OFFICE_STEPS = {"submit_to_home_office", "record_qa_approval"}
NOT_PROCEEDING_PATH = [
    ("refer_for_decision", State.DECISION_PENDING, "notified_on"),
    ("decide_not_to_proceed", State.NOT_PROCEEDING, "decision_on"),
]
IMPORTABLE_STATES = [State.NOTIFIED, *(state for _, state, _ in MAIN_PATH), State.NOT_PROCEEDING]

# A person's line: "label; field=value; ...", fields and their choices as ReviewPerson's.
PERSON_FIELDS = {
    "sex": Sex.choices,
    "gender_identity": GenderIdentity.choices,
    "age_band": AgeBand.choices,
    # The ONS categories by code, their name, or "group: name".
    "ethnicity": [
        *((code, label) for _, categories in ETHNICITY_GROUPS for code, label in categories),
        *ETHNICITY_LABELS.items(),
    ],
    "disability": Known.choices,
}
PERSON_COLUMNS = {"victims": PersonRole.VICTIM, "perpetrators": PersonRole.PERPETRATOR}


@dataclass
class ReviewRow:
    number: int
    reference: str
    values: dict = field(default_factory=dict)
    criteria: list | None = None  # None: the column is not in the file, leave as is
    co_commissioners: list | None = None
    dates: dict = field(default_factory=dict)
    state: str = ""
    rationale: str = ""
    people: list | None = None  # [(role, {field: value})]; None: columns not in the file
    pairs: list | None = None  # [(perpetrator label, victim label, relationship)]
    recommendations: list | None = None  # [{number, level, owning_agency, text}]


class Lookups:
    """What rows are checked against, loaded once per import."""

    def __init__(self, partnership):
        self.partnership = partnership
        self.existing = {
            review.reference: review
            for review in Review.objects.filter(partnership=partnership).prefetch_related(
                "criteria", "commissioners", "people", "recommendations__owning_agency"
            )
        }
        self.criteria = {criterion.key: criterion for criterion in Criterion.objects.all()}
        self.partnerships = {p.slug: p for p in Partnership.objects.exclude(pk=partnership.pk)}
        self.chairs = {}
        chairs = (
            partnership.memberships.filter(role=Role.CHAIR, user__is_active=True)
            .select_related("user")
            .order_by("pk")
        )
        for membership in chairs:
            user = membership.user
            self.chairs[user.get_username().lower()] = user
            if user.email:
                self.chairs.setdefault(user.email.lower(), user)
        self.agencies = AgencyDirectory(partnership.pk)


def read_rows(partnership, table):
    refuse_bad_header(table, REQUIRED_COLUMNS, OPTIONAL_COLUMNS)
    lookups = Lookups(partnership)
    first_rows = FirstRows(noun="review")
    errors, rows = [], []
    for number, values in table.rows:
        row = Row(number, values)
        parsed = read_row(row, lookups)
        first_rows.check(row, parsed.reference)
        errors += row.problems
        rows.append(parsed)
    if errors:
        raise ImportRefused(errors)
    return rows, lookups


def read_row(row, lookups):
    parsed = ReviewRow(
        number=row.number, reference=row.required("reference", "reference is missing.")
    )
    if len(parsed.reference) > 50:
        row.problem("reference is longer than 50 characters.")
    values = parsed.values
    values["kind"] = row.choice("kind", ReviewKind.choices, "kind of review")
    if not row.text("kind"):
        row.problem("kind is missing.")
    for name, limit in (("pseudonym", 100), ("summary", None)):
        if row.has(name):
            values[name] = row.text(name)
            if limit and len(values[name]) > limit:
                row.problem(f"{name} is longer than {limit} characters.")
    values["notified_on"] = row.date("notified_on")
    if not row.text("notified_on"):
        row.problem("notified_on is missing.")
    if row.has("date_of_death"):
        values["date_of_death"] = row.date("date_of_death")
    if row.has("chair"):
        written = row.text("chair")
        values["chair"] = lookups.chairs.get(written.lower()) if written else None
        if written and values["chair"] is None:
            row.problem(
                f"chair “{written}” is not an independent chair of {lookups.partnership} "
                "(give their username or email; give them the role first)."
            )
    if row.has("criteria"):
        parsed.criteria = read_list(row, "criteria", lookups.criteria, "criterion")
    if row.has("co_commissioners"):
        parsed.co_commissioners = read_list(
            row, "co_commissioners", lookups.partnerships, "partnership (by its slug)"
        )
    parsed.state = row.choice("state", [(s, State(s).label) for s in IMPORTABLE_STATES], "state")
    if not row.text("state"):
        row.problem("state is missing.")
    parsed.dates = {name: row.date(name) for name in DATE_COLUMNS if row.has(name)}
    parsed.dates["notified_on"] = values["notified_on"]
    parsed.rationale = row.text("decision_rationale")
    if parsed.state == State.NOT_PROCEEDING and not parsed.rationale:
        row.problem("a review not proceeding needs its decision_rationale.")
    check_dates_of_path(row, parsed, lookups)
    if any(row.has(column) for column in PERSON_COLUMNS):
        parsed.people = [
            (role, person)
            for column, role in PERSON_COLUMNS.items()
            for person in read_people(row, column)
        ]
    if row.has("relationships"):
        parsed.pairs = read_pairs(row, parsed.people)
    if row.has("recommendations"):
        parsed.recommendations = read_recommendations(row, lookups)
    return parsed


def read_pairs(row, people):
    """One per line: "perpetrator label > victim label: relationship"."""
    labels = {role: {p["label"] for r, p in people or [] if r == role} for role in PersonRole}
    pairs = []
    for line in row.text("relationships").splitlines():
        if not line.strip():
            continue
        who, _, relationship = line.partition(":")
        perpetrator, _, victim = (part.strip() for part in who.partition(">"))
        chosen = choice_of(relationship.strip(), PairRelationship.choices)
        if chosen is None:
            row.problem(f"unknown relationship “{relationship.strip()}” in “{line.strip()}”.")
        if perpetrator not in labels[PersonRole.PERPETRATOR]:
            row.problem(f"relationships: “{perpetrator}” is not one of the row's perpetrators.")
        if victim not in labels[PersonRole.VICTIM]:
            row.problem(f"relationships: “{victim}” is not one of the row's victims.")
        pairs.append((perpetrator, victim, chosen))
    return pairs


def read_list(row, column, known, what):
    chosen = []
    for written in row.text(column).split(SEPARATOR):
        key = written.strip()
        if not key:
            continue
        if key.lower() not in known:
            row.problem(f"unknown {what} “{key}” in {column}.")
        elif known[key.lower()] not in chosen:
            chosen.append(known[key.lower()])
    return chosen


def path_to(state, needs_home_office):
    """The steps from notification to `state`, in order."""
    if state == State.NOT_PROCEEDING:
        return NOT_PROCEEDING_PATH
    steps = [s for s in MAIN_PATH if needs_home_office or s[0] not in HOME_OFFICE_STEPS]
    targets = [target for _, target, _ in steps]
    if state == State.NOTIFIED:
        return []
    if state not in targets:
        return None
    return steps[: targets.index(state) + 1]


def check_dates_of_path(row, parsed, lookups):
    """Each dated step the state needs has its date; no date is given for a step not
    reached. (Their order and the future are the workflow's rules, checked as it runs.)"""
    if not parsed.state or not parsed.values.get("kind"):
        return
    added = parsed.criteria
    if added is None:  # the column is not in the file: the recorded ones stay
        existing = lookups.existing.get(parsed.reference)
        added = list(existing.criteria.all()) if existing else []
    keys = {*KIND_CRITERIA[parsed.values["kind"]], *(c.key for c in added)}
    needs_home_office = any(lookups.criteria[key].home_office_qa for key in keys)
    path = path_to(parsed.state, needs_home_office)
    if path is None:
        row.problem(
            f"a {ReviewKind(parsed.values['kind']).label} does not reach the state "
            f"“{State(parsed.state).label}”."
        )
        return
    needed = {column for _, _, column in path if column}
    for column in DATE_COLUMNS:
        if column in needed and not parsed.dates.get(column) and row.text(column) == "":
            row.problem(f"the state “{State(parsed.state).label}” needs {column}.")
        elif column not in needed and parsed.dates.get(column):
            row.problem(
                f"{column} is given, but the state “{State(parsed.state).label}” is before it."
            )


def read_people(row, column):
    """One person per line: "label; sex=female; age=34; ethnicity=white_british"."""
    people, labels = [], set()
    for line in row.text(column).splitlines():
        if not line.strip():
            continue
        label, *pairs = [part.strip() for part in line.split(SEPARATOR)]
        person = {"label": label}
        if label and label in labels:
            row.problem(f"“{label}” is given twice in {column}.")
        labels.add(label)
        if len(label) > 100:
            row.problem(f"the label “{label[:20]}…” in {column} is longer than 100 characters.")
        for pair in pairs:
            if not pair:
                continue
            name, _, value = (part.strip() for part in pair.partition("="))
            if name == "age":
                if not value.isdigit() or int(value) > 130:
                    row.problem(f"age “{value}” of {label or 'a person'} is not an age in years.")
                else:
                    person["age"] = int(value)
            elif name in PERSON_FIELDS:
                chosen = choice_of(value, PERSON_FIELDS[name])
                if chosen is None:
                    row.problem(f"unknown {name} “{value}” of {label or 'a person'} in {column}.")
                else:
                    person[name] = chosen
            else:
                row.problem(
                    f"unknown field “{name}” of {label or 'a person'} in {column} (use "
                    f"age, {', '.join(PERSON_FIELDS)})."
                )
        people.append(person)
    return people


def choice_of(written, choices):
    for value, label in choices:
        if written.lower() in {value.lower(), str(label).lower()}:
            return value
    return None


def read_recommendations(row, lookups):
    """One per line: "number | level | owning agency | text" (the agency may be empty)."""
    recommendations, numbers = [], set()
    for line in row.text("recommendations").splitlines():
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split("|", 3)]
        if len(parts) < 4 or not parts[0] or not parts[3]:
            row.problem(
                f"recommendation “{line.strip()[:40]}” is not written as "
                "“number | level | owning agency | text”."
            )
            continue
        number, level, agency_name, text = parts
        level_value = choice_of(level, Level.choices)
        if level_value is None:
            row.problem(f"unknown level “{level}” of recommendation {number}.")
        agency = None
        if agency_name:
            agency = lookups.agencies.by_name.get(agency_name.lower())
            if agency is None:
                row.problem(f"unknown agency “{agency_name}” of recommendation {number}.")
        elif level_value == Level.SINGLE_AGENCY:
            row.problem(f"single-agency recommendation {number} needs its owning agency.")
        if number in numbers:
            row.problem(f"recommendation {number} is given twice.")
        if len(number) > 20:
            row.problem(f"recommendation number “{number[:20]}…” is longer than 20 characters.")
        numbers.add(number)
        recommendations.append(
            {"number": number, "level": level_value, "owning_agency": agency, "text": text}
        )
    return recommendations


# ---------------------------------------------------------------- writing


def import_reviews(partnership, table, user):
    """Import the file's reviews into `partnership`, their steps taken as `user` (a review
    manager of it). All or nothing: raises ImportRefused with every problem."""
    rows, lookups = read_rows(partnership, table)
    result, refused = ImportResult(), []
    with transaction.atomic():
        for row in rows:
            try:
                with transaction.atomic():
                    changed = import_row(row, lookups, user)
            except (TransitionRefused, RowProblem) as refusal:
                refused.append(RowError(row.number, str(refusal)))
                continue
            target = (
                result.created
                if row.reference not in lookups.existing
                else (result.updated if changed else result.unchanged)
            )
            target.append(row.reference)
        if refused:
            transaction.set_rollback(True)
    if refused:
        raise ImportRefused(refused)
    return result


class RowProblem(Exception):
    pass


def import_row(row, lookups, user):
    review = lookups.existing.get(row.reference)
    changed = False
    if review is None:
        review = Review(partnership=lookups.partnership, reference=row.reference, **row.values)
        review.save()
        record_event(
            review,
            user,
            "created",
            "Case imported from the partnership's records.",
            effective_on=review.notified_on,
            imported=True,
        )
    else:
        if review.kind != row.values["kind"]:
            raise RowProblem(
                f"{row.reference} is recorded as a {review.get_kind_display()}; the kind of a "
                "case is not changed by an import."
            )
        edited = [name for name, value in row.values.items() if getattr(review, name) != value]
        if edited:
            for name in edited:
                setattr(review, name, row.values[name])
            review.save()
            record_event(review, user, "edited", "Changed by an import: " + ", ".join(edited))
            changed = True
    if row.criteria is not None and set(review.criteria.all()) != set(row.criteria):
        review.criteria.set(row.criteria)
        changed = True
    if row.co_commissioners is not None:
        changed |= save_co_commissioners(review, row, user)
    if row.people is not None:
        changed |= save_people(review, row.people)
    if row.pairs is not None:
        changed |= save_pairs(review, row.pairs)
    changed |= walk(review, row, user)
    if row.recommendations is not None:
        changed |= save_recommendations(review, row.recommendations)
    return changed


def save_co_commissioners(review, row, user):
    current = {c.partnership_id: c for c in review.commissioners.select_related("partnership")}
    wanted = {p.pk: p for p in row.co_commissioners}
    if set(current) == set(wanted):
        return False
    for pk, commissioner in current.items():
        if pk not in wanted:
            commissioner.delete()
            record_event(
                review,
                user,
                "co_commissioner_removed",
                f"{commissioner.partnership} no longer commissions the review (import).",
            )
    for pk, partnership in wanted.items():
        if pk not in current:
            joined = CoCommissioner.objects.create(
                review=review,
                partnership=partnership,
                role=CoCommissioner.Role.SAB
                if partnership.kind == Partnership.Kind.SAB
                else CoCommissioner.Role.CSP,
                joined_on=review.notified_on,
            )
            record_event(
                review,
                user,
                "co_commissioner_added",
                f"{partnership} commissions the review jointly as "
                f"{joined.get_role_display()} (import).",
                effective_on=review.notified_on,
                imported=True,
            )
    return True


def person_key(role, person):
    return (
        role,
        person.get("label", ""),
        person.get("sex", Sex.UNKNOWN),
        person.get("gender_identity", GenderIdentity.UNKNOWN),
        person.get("age"),
        AgeBand.of_age(person["age"])
        if person.get("age") is not None
        else person.get("age_band", AgeBand.UNKNOWN),
        person.get("ethnicity", "unknown"),
        person.get("disability", Known.UNKNOWN),
    )


def recorded_person(person):
    return person_key(
        person.role,
        {
            "label": person.label,
            "sex": person.sex,
            "gender_identity": person.gender_identity,
            "age": person.age,
            "age_band": person.age_band,
            "ethnicity": person.ethnicity,
            "disability": person.disability,
        },
    )


def save_people(review, people):
    """The file's people replace the recorded ones when they differ (with their pairs)."""
    recorded = [recorded_person(p) for p in review.people.order_by("sort_order", "pk")]
    if recorded == [person_key(role, person) for role, person in people]:
        return False
    review.people.all().delete()
    for order, (role, person) in enumerate(people):
        ReviewPerson.objects.create(review=review, role=role, sort_order=order, **person)
    return True


def save_pairs(review, pairs):
    recorded = [
        (pair.perpetrator.label, pair.victim.label, pair.relationship)
        for pair in review.pairs.select_related("victim", "perpetrator").order_by("sort_order")
    ]
    if recorded == pairs:
        return False
    review.pairs.all().delete()
    people = {(p.role, p.label): p for p in review.people.all()}
    for order, (perpetrator, victim, relationship) in enumerate(pairs):
        ReviewPair.objects.create(
            review=review,
            sort_order=order,
            perpetrator=people[(PersonRole.PERPETRATOR, perpetrator)],
            victim=people[(PersonRole.VICTIM, victim)],
            relationship=relationship,
        )
    return True


def walk(review, row, user):
    """Take the steps from the review's state to the file's, each on its date."""
    review.refresh_from_db()
    path = path_to(row.state, review.needs_home_office)
    states = [State.NOTIFIED, *(target for _, target, _ in path)]
    if review.state not in states:
        raise RowProblem(
            f"{row.reference} is “{review.get_state_display()}”, which is not on the way to "
            f"“{State(row.state).label}”: an import does not move a case back."
        )
    check_recorded_dates(review, row)
    on = row.dates["notified_on"]
    taken = False
    for name, target, column in path:
        if column:
            on = row.dates.get(column) or on
        if states.index(target) <= states.index(review.state):
            continue
        comment = row.rationale if name.startswith("decide_") else IMPORTED
        review = perform_transition(
            review.pk, name, user, comment=comment or IMPORTED, effective_on=on, imported=True
        )
        taken = True
    return taken


def check_recorded_dates(review, row):
    """A step already recorded keeps its date: an import does not rewrite history."""
    for column in DATE_COLUMNS:
        given, recorded = row.dates.get(column), getattr(review, column)
        if given and recorded and given != recorded:
            raise RowProblem(
                f"{column} is recorded as {recorded:%Y-%m-%d}, not {given:%Y-%m-%d}: a step's "
                "date is corrected on the case, not by an import."
            )


def save_recommendations(review, recommendations):
    existing = {r.number: r for r in review.recommendations.all()}
    changed = False
    for values in recommendations:
        recommendation = existing.get(values["number"])
        if recommendation is None:
            Recommendation.objects.create(review=review, **values)
            changed = True
            continue
        if any(getattr(recommendation, k) != v for k, v in values.items()):
            for name, value in values.items():
                setattr(recommendation, name, value)
            recommendation.save()
            changed = True
    return changed


# ---------------------------------------------------------------- export


def person_line(person):
    parts = [person.label]
    if person.age is not None:
        parts.append(f"age={person.age}")
    for name in PERSON_FIELDS:
        value = getattr(person, name)
        if name == "age_band" and person.age is not None:
            continue
        if value not in ("unknown", ""):
            parts.append(f"{name}={value}")
    return f"{SEPARATOR} ".join(parts)


def export_rows(reviews):
    reviews = reviews.select_related("chair").prefetch_related(
        "criteria",
        "commissioners__partnership",
        "people",
        "pairs__victim",
        "pairs__perpetrator",
        "recommendations__owning_agency",
    )
    for review in reviews.order_by("reference", "pk"):
        people = sorted(review.people.all(), key=lambda p: (p.sort_order, p.pk))
        values = {
            "reference": review.reference,
            "kind": review.kind,
            "criteria": f"{SEPARATOR} ".join(c.key for c in review.criteria.all()),
            "co_commissioners": f"{SEPARATOR} ".join(
                c.partnership.slug for c in review.commissioners.all()
            ),
            "pseudonym": review.pseudonym,
            "summary": review.summary,
            "date_of_death": review.date_of_death,
            "notified_on": review.notified_on,
            "state": review.state,
            **{column: getattr(review, column) for column in DATE_COLUMNS},
            "decision_rationale": review.decision_rationale
            if review.decision_rationale != IMPORTED
            else "",
            "chair": review.chair.email or review.chair.get_username() if review.chair else "",
            "victims": "\n".join(person_line(p) for p in people if p.role == PersonRole.VICTIM),
            "perpetrators": "\n".join(
                person_line(p) for p in people if p.role == PersonRole.PERPETRATOR
            ),
            "relationships": "\n".join(
                f"{pair.perpetrator.label} > {pair.victim.label}: {pair.relationship}"
                for pair in sorted(
                    review.pairs.all(), key=lambda pair: (pair.sort_order or 0, pair.pk)
                )
            ),
            "recommendations": "\n".join(
                f"{r.number} | {r.level} | {AgencyDirectory.label(r.owning_agency)} | {r.text}"
                for r in sorted(review.recommendations.all(), key=lambda r: (r.number, r.pk))
            ),
        }
        yield [values[column] for column in COLUMNS]


def export_reviews(reviews, file_format, title="reviews"):
    rows = list(export_rows(reviews))
    if file_format == "xlsx":
        return write_xlsx([(title, COLUMNS, rows)])
    return write_csv(COLUMNS, rows)
