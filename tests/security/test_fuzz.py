"""Authenticated fuzz: every form and query parameter of the project's own views, sent
hostile and random values by every role. No answer may be a server error, and a request
that is refused (anything but a reported success) must leave every row and file as it was.

Bounded: a few examples per endpoint, derandomised so that CI runs the same inputs each
time; raise FUZZ_EXAMPLES locally for a longer hunt.
"""

import os
from dataclasses import dataclass, field

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviews.models import CaseDocument
from reviews.stages import State
from reviews.workflow import all_transitions
from tests.site_search import search_path

from .abuse import ATTACKS, ROLES, World, fingerprint, reported_success

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "5"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def value(*valid):
    """A hostile, random or (sometimes) valid value for one field."""
    choices = [
        st.sampled_from(ATTACKS),
        st.text(max_size=40),
        st.integers(min_value=-(2**63), max_value=2**64).map(str),
    ]
    if valid:
        choices.append(st.sampled_from([str(v) for v in valid]))
    return st.one_of(choices)


FILE_NAMES = [
    "../../../../etc/passwd",
    "..%2f..%2fsettings.py",
    "..\\..\\evil.pdf",
    "report.pdf",
    "plan.csv",
    "plan.xlsx",
    "draft.docx",
    "draft.pdf\x00.exe",
    ".htaccess",
    "",
]
FILE_STARTS = [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"reference,objective\n", b"\xef\xbb\xbf"]


@st.composite
def upload(draw):
    name = draw(st.one_of(st.sampled_from(FILE_NAMES), st.text(min_size=1, max_size=30)))
    content = draw(st.sampled_from(FILE_STARTS)) + draw(st.binary(max_size=300))
    return SimpleUploadedFile(name.replace("\x00", "") or "unnamed", content)


@dataclass
class Endpoint:
    name: str
    method: str
    url: object  # world -> path
    fields: object = field(default=lambda world: {})  # world -> {name: strategy}
    # Sign-in and two-factor pages record every failure in the account audit trail and
    # count it against the device: for them only the case data must stay as it was.
    audited: bool = False
    roles: tuple = tuple(ROLES)

    def __str__(self):
        return self.name


def list_params(**filters):
    """Query parameters every Wagtail listing takes, plus the listing's own filters."""
    return lambda world: {
        "q": value(),
        "ordering": value("reference", "-reference", "state", "title"),
        "p": value(1, 2),
        "export": value("csv", "xlsx"),
        **{name: strategy(world) for name, strategy in filters.items()},
    }


def ids(*getters):
    return lambda world: value(*[getter(world).pk for getter in getters])


STEP_NAMES = sorted(all_transitions())
ENDPOINTS = [
    # Case list and its filters, as the page and as the results fragment.
    *[
        Endpoint(
            name,
            "get",
            lambda world, url=url: reverse(url),
            list_params(
                kind=lambda w: value("dhr", "sar", "joint"),
                state=lambda w: value(*State.values),
                partnership=ids(lambda w: w.cast.partnership, lambda w: w.cast.other_partnership),
                overdue=lambda w: value("true", "false", "unknown"),
            ),
        )
        for name, url in [("case list", "reviews:index"), ("case results", "reviews:index_results")]
    ],
    Endpoint("case page", "get", lambda w: reverse("reviews:inspect", args=[w.case.pk])),
    Endpoint(
        "transition",
        "post",
        lambda w: reverse("reviews:transition", args=[w.case.pk, "return_for_redrafting"]),
        lambda w: {"comment": value(), "expected_state": value(*State.values)},
    ),
    *[
        Endpoint(
            f"transition {step}",
            "get",
            lambda w, step=step: reverse("reviews:transition", args=[w.case.pk, step]),
            lambda w: {"expected_state": value(*State.values)},
        )
        for step in STEP_NAMES[:3]
    ],
    Endpoint(
        "case edit",
        "post",
        lambda w: reverse("reviews:edit", args=[w.case.pk]),
        lambda w: {
            "partnership": ids(lambda w: w.cast.partnership, lambda w: w.cast.other_partnership)(w),
            "kind": value("dhr", "sar"),
            "reference": value(),
            "notified_on": value("2026-01-01", "2026-13-45"),
            "chair": ids(lambda w: w.cast.chair, lambda w: w.cast.other_chair)(w),
            "summary": value(),
        },
    ),
    Endpoint(
        "document upload",
        "post",
        lambda w: reverse("reviews:upload", args=[w.case.pk]),
        lambda w: {
            "document": value(w.version.document.pk, w.foreign_version.document.pk),
            "kind": value(*CaseDocument.Kind.values),
            "title": value(),
            "audience": value(*CaseDocument.Audience.values),
            "note": value(),
            "file": upload(),
        },
    ),
    Endpoint(
        "comment",
        "post",
        lambda w: reverse("reviews:comment", args=[w.case.pk, w.version.pk]),
        # A comment with a body is a valid comment; the fuzz sends bodies that are empty
        # or blank, or replies to threads that do not exist.
        lambda w: {
            "body": st.sampled_from(["", " ", "\x00", "\t\n"]),
            "parent": value(w.comment.pk, 0),
        },
    ),
    Endpoint(
        "confidential term",
        "post",
        lambda w: reverse("reviews:add_confidential_term", args=[w.case.pk]),
        lambda w: {"term": st.one_of(st.sampled_from(["", " ", "\x00"]), st.just("x" * 201))},
    ),
    Endpoint(
        "document version",
        "get",
        lambda w: reverse("reviews:version", args=[w.case.pk, w.version.pk]),
    ),
    # The learning library: listings, progress, imports, exports and reports.
    Endpoint(
        "strategy list",
        "get",
        lambda w: reverse("learning_strategies:index"),
        list_params(
            partnership=ids(lambda w: w.cast.partnership, lambda w: w.cast.other_partnership),
            is_active=lambda w: value("true", "false"),
        ),
    ),
    Endpoint(
        "action list",
        "get",
        lambda w: reverse("learning_actions:index"),
        list_params(
            strategy=ids(lambda w: w.strategy, lambda w: w.foreign_strategy),
            priority=ids(lambda w: w.priority),
            rag=lambda w: value("red", "amber", "green"),
            status=lambda w: value("complete", "in_progress"),
            lead_agency=ids(lambda w: w.cast.agency),
            overdue=lambda w: value("true", "false"),
        ),
    ),
    Endpoint(
        "recommendation list",
        "get",
        lambda w: reverse("learning_recommendations:index"),
        list_params(
            review=ids(lambda w: w.published_review, lambda w: w.foreign_review),
            level=lambda w: value("single_agency", "national"),
            status=lambda w: value("complete"),
            rag=lambda w: value("red"),
            owning_agency=ids(lambda w: w.cast.agency),
            themes=lambda w: value(1),
            strategy=ids(lambda w: w.strategy),
            overdue=lambda w: value("true"),
        ),
    ),
    Endpoint(
        "action progress",
        "post",
        lambda w: reverse("learning_actions:progress", args=[w.owned_action.pk]),
        lambda w: {
            "rag": value("red", "amber", "green"),
            "status": value("complete", ""),
            # An update needs a comment and a date not in the future: the fuzz sends
            # neither, or dates that are not dates.
            "comment": st.sampled_from(["", " ", "\x00"]),
            "reported_on": value("2999-01-01", "2026-02-30"),
        },
    ),
    Endpoint(
        "recommendation progress",
        "post",
        lambda w: reverse("learning_recommendations:progress", args=[w.published_owned.pk]),
        lambda w: {
            "rag": value("red"),
            "status": value("complete"),
            "comment": value(),
            "evidence": st.sampled_from(["", " "]),
            "reported_on": st.sampled_from(["2999-01-01", "yesterday", "", "2026-02-30"]),
        },
    ),
    Endpoint(
        "action plan import",
        "post",
        lambda w: reverse("learning_import_action_plan"),
        lambda w: (
            {"strategy": ids(lambda w: w.strategy, lambda w: w.foreign_strategy)(w)}
            | {"file": upload()}
        ),
    ),
    Endpoint(
        "recommendation import",
        "post",
        lambda w: reverse("learning_import_recommendations"),
        lambda w: {
            "partnership": ids(lambda w: w.cast.partnership, lambda w: w.cast.other_partnership)(w),
            "file": upload(),
        },
    ),
    Endpoint(
        "review action plan import",
        "post",
        lambda w: reverse("learning_import_review_plan"),
        lambda w: {
            "review": ids(lambda w: w.draft_review, lambda w: w.foreign_review)(w),
            "file": upload(),
        },
    ),
    Endpoint(
        "import page",
        "get",
        lambda w: reverse("learning_import_action_plan"),
        lambda w: {"strategy": value(), "file": value(), "anything": value()},
    ),
    Endpoint(
        "plan export",
        "get",
        lambda w: reverse("learning_strategies:export_plan", args=[w.strategy.pk]),
        lambda w: {"format": value("csv", "xlsx")},
    ),
    Endpoint(
        "recommendation export",
        "get",
        lambda w: reverse("learning_export_recommendations"),
        lambda w: {
            "format": value("csv", "xlsx"),
            "partnership": ids(lambda w: w.cast.partnership, lambda w: w.cast.other_partnership)(w),
        },
    ),
    *[
        Endpoint(
            name,
            "get",
            lambda w, url=url: reverse(url),
            lambda w: {
                "format": value("csv", "xlsx", "pdf"),
                "year": value(2025, 1999, 2101),
                "partnership": ids(
                    lambda w: w.cast.partnership, lambda w: w.cast.other_partnership
                )(w),
            },
        )
        for name, url in [
            ("dashboard", "learning_dashboard"),
            ("annual report", "learning_annual_report"),
            ("oversight", "learning_oversight"),
        ]
    ],
    # Accounts: the audit trail, lockouts, sign-in and the second factor.
    Endpoint(
        "account events",
        "get",
        lambda w: reverse("account_events:index"),
        list_params(
            kind=lambda w: value("login", "login_failed"),
            username=lambda w: value("manager"),
            occurred_at_after=lambda w: value("2026-01-01", "2026-99-99"),
            occurred_at_before=lambda w: value("2026-01-01"),
        ),
    ),
    Endpoint("lockouts", "get", lambda w: reverse("lockouts:index")),
    Endpoint(
        "sign in",
        "post",
        lambda w: reverse("wagtailadmin_login"),
        lambda w: {"username": value("manager", "root"), "password": value(), "next": value()},
        audited=True,
        roles=("anonymous",),
    ),
    Endpoint(
        "two-factor code",
        "post",
        lambda w: reverse("accounts:verify"),
        lambda w: {"code": value("000000", "12345678"), "next": value("//evil.example/")},
        audited=True,
        roles=("half_signed_in",),
    ),
    Endpoint(
        "two-factor set-up",
        "post",
        lambda w: reverse("accounts:enrol"),
        lambda w: {"code": value("000000"), "next": value("https://evil.example/")},
        audited=True,
        roles=("not_enrolled",),
    ),
    Endpoint(
        "password change",
        "post",
        lambda w: reverse("wagtailadmin_account"),
        lambda w: {
            "password-old_password": value(),
            "password-new_password1": value(),
            "password-new_password2": value(),
            "name_email-first_name": value(),
            "name_email-email": value("not-an-email"),
        },
        roles=("manager", "chair"),
    ),
    # Public pages and their query parameters.
    *[
        Endpoint(
            f"public {path}",
            "get",
            lambda w, path=path: path,
            lambda w: {"page": value(1, 2), "q": value(), "p": value(), "utm_source": value()},
            roles=("anonymous", "manager"),
        )
        for path in ["/", "/site-map/", "/feeds/reviews/", "/sitemap.xml", "/no-such-page/"]
    ],
    Endpoint(
        "public report",
        "get",
        lambda w: reverse("reviews_public:document", args=[w.version.pk, "draft.pdf"]),
        roles=("anonymous",),
    ),
]


def endpoints_with_search():
    """Search (/search/) is added when the search app provides it."""
    search = search_path()
    if search is None:
        return ENDPOINTS
    return [
        *ENDPOINTS,
        Endpoint(
            "search",
            "get",
            lambda w: search,
            lambda w: {
                "q": value("abuse"),
                "kind": value("dhr"),
                "year": value(2025),
                "page": value(1),
                "theme": value(),
                "partnership": value(),
            },
            roles=("anonymous", "manager", "chair", "partner"),
        ),
    ]


@pytest.fixture
def world(cast):
    return World(cast)


def send(client, endpoint, path, data):
    if endpoint.method == "get":
        return client.get(path, data)
    return client.post(path, data)


@pytest.mark.parametrize("endpoint", endpoints_with_search(), ids=str)
@FUZZ
@given(data=st.data())
def test_fuzzed_input_gives_no_server_error_and_refusals_change_nothing(world, endpoint, data):
    role = data.draw(st.sampled_from(endpoint.roles), label="role")
    fields = endpoint.fields(world)
    # Each field is sent, left out, or repeated with a second value.
    sent = {}
    for name, strategy in fields.items():
        how = data.draw(st.sampled_from(["send", "omit", "repeat"]), label=f"{name} how")
        if how == "omit":
            continue
        first = data.draw(strategy, label=name)
        sent[name] = [first, data.draw(strategy, label=name)] if how == "repeat" else first
    path = endpoint.url(world)
    client = world.clients[role]
    guarded = fingerprint(case_data_only=endpoint.audited)

    response = send(client, endpoint, path, sent)

    assert response.status_code < 500, f"{endpoint} as {role} with {sent!r}"
    if not reported_success(response):
        assert fingerprint(case_data_only=endpoint.audited) == guarded, (
            f"{endpoint} as {role} refused {sent!r} but changed stored data"
        )
    if role == "half_signed_in":
        assert DEVICE_ID_SESSION_KEY not in client.session
