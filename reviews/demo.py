"""Fictional demo cases, one in every stage of the workflow.

Every case here is invented: pseudonyms, circumstances and dates. Each is marked
`is_fictional` and says so wherever it is shown. Cases are moved to their stage through
the real workflow (perform_transition), each step with an effective date in the past
(step_dates), so their history, milestone dates and due dates are what the system would
have recorded had the case been run in it, and the demo shows overdue and soon-due cases
relative to today.
"""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from wagtail.models import ModelLogEntry

from partnerships.demo import agencies, demo_user, partnerships

from . import notifications
from .family import involvement_of, save_family_involvement
from .models import (
    CaseDocument,
    Direction,
    DocumentComment,
    DocumentVersion,
    GuidanceVersion,
    InformationRequest,
    NonPublication,
    PanelMembership,
    PublicCopy,
    QaOutcome,
    Review,
    ReviewEvent,
    ReviewKind,
    ReviewPage,
    ReviewPair,
    ReviewPerson,
    StatutorySend,
    private_storage,
)
from .papers.confidential import add_confidential_term
from .papers.versions import add_version
from .people_vocabulary import DeathType, PairRelationship
from .stages import State
from .workflow import perform_transition

# The main path: (transition, who takes it, the stage it reaches). A case in stage N has
# taken the first N transitions.
MAIN_PATH = [
    ("refer_for_decision", "manager", State.DECISION_PENDING),
    ("decide_to_proceed", "approver", State.COMMISSIONED),
    ("appoint_chair", "manager", State.CHAIR_APPOINTED),
    ("establish_panel", "chair", State.PANEL_ESTABLISHED),
    ("start_information_gathering", "chair", State.INFORMATION_GATHERING),
    ("start_drafting", "chair", State.DRAFTING),
    ("submit_draft", "chair", State.DRAFT_SUBMITTED),
    ("begin_panel_review", "manager", State.PANEL_REVIEW),
    ("request_signoff", "manager", State.PARTNERSHIP_SIGNOFF),
    ("sign_off", "approver", State.SIGNED_OFF),
    ("submit_to_home_office", "manager", State.SUBMITTED_TO_HOME_OFFICE),
    ("record_qa_approval", "manager", State.QA_APPROVED),
    ("publish", "manager", State.PUBLISHED),
    ("start_monitoring", "manager", State.MONITORING),
    ("close", "manager", State.CLOSED),
]

FICTIONAL = "Fictional demonstration case: the person, events and dates are invented."

# reference, kind, pseudonym, stage reached along the main path, days since notification,
# transitions taken after that (off the main path), summary
CASES = [
    (
        "DEMO-01",
        ReviewKind.DHR,
        "Adult A",
        State.NOTIFIED,
        5,
        [],
        "A woman in her forties died at home; her former partner has been charged.",
    ),
    (
        "DEMO-02",
        ReviewKind.DHR,
        "Adult B",
        State.DECISION_PENDING,
        45,
        [],
        "A man in his seventies died after an assault by his adult son.",
    ),
    (
        "DEMO-03",
        ReviewKind.DHR,
        "Adult C",
        State.DECISION_PENDING,
        60,
        [("decide_not_to_proceed", "approver")],
        "A death reported as domestic; the criteria for a review were found not to be met.",
    ),
    (
        "DEMO-04",
        ReviewKind.DHR,
        "Adult D",
        State.COMMISSIONED,
        40,
        [],
        "A woman in her twenties died following long-term coercive control by her partner.",
    ),
    (
        "DEMO-05",
        ReviewKind.JOINT,
        "Adult E",
        State.CHAIR_APPOINTED,
        70,
        [],
        "An older woman with care and support needs died; her husband was her carer.",
    ),
    (
        "DEMO-06",
        ReviewKind.DHR,
        "Adult F",
        State.PANEL_ESTABLISHED,
        90,
        [],
        "A woman died after separating from a partner who stalked her.",
    ),
    (
        "DEMO-07",
        ReviewKind.DHR,
        "Adult G",
        State.INFORMATION_GATHERING,
        120,
        [],
        "A man died at the hands of his partner; both had contact with mental health services.",
    ),
    (
        "DEMO-08",
        ReviewKind.DHR,
        "Adult H",
        State.DRAFTING,
        240,
        [],
        "A woman died by suicide after years of domestic abuse (a domestic abuse related death).",
    ),
    (
        "DEMO-09",
        ReviewKind.DHR,
        "Adult J",
        State.DRAFT_SUBMITTED,
        200,
        [],
        "A young woman died; her family had raised concerns about her partner with agencies.",
    ),
    (
        "DEMO-10",
        ReviewKind.DHR,
        "Adult K",
        State.PANEL_REVIEW,
        210,
        [],
        "A grandmother died after an assault by her grandson, who used drugs.",
    ),
    (
        "DEMO-11",
        ReviewKind.DHR,
        "Adult L",
        State.PARTNERSHIP_SIGNOFF,
        215,
        [],
        "A woman died; she had been referred to MARAC twice in the year before.",
    ),
    (
        "DEMO-12",
        ReviewKind.DHR,
        "Adult M",
        State.SIGNED_OFF,
        230,
        [],
        "A woman died after economic abuse and isolation by her partner.",
    ),
    (
        "DEMO-13",
        ReviewKind.DHR,
        "Adult N",
        State.SUBMITTED_TO_HOME_OFFICE,
        260,
        [],
        "A man died after an assault by his brother, with whom he lived.",
    ),
    (
        "DEMO-14",
        ReviewKind.DHR,
        "Adult P",
        State.SUBMITTED_TO_HOME_OFFICE,
        300,
        [("record_qa_resubmission", "manager")],
        "A woman died; she had recently moved to the borough from a refuge.",
    ),
    (
        "DEMO-15",
        ReviewKind.DHR,
        "Adult Q",
        State.QA_APPROVED,
        330,
        [],
        "A woman died after her partner's controlling behaviour escalated during pregnancy.",
    ),
    (
        "DEMO-16",
        ReviewKind.DHR,
        "Adult R",
        State.PUBLISHED,
        400,
        [],
        "A woman in her fifties was killed by her husband after she disclosed abuse to her GP.",
    ),
    (
        "DEMO-17",
        ReviewKind.DHR,
        "Adult S",
        State.MONITORING,
        500,
        [],
        "A young man was killed by his mother's partner after intervening in an assault.",
    ),
    (
        "DEMO-18",
        ReviewKind.DHR,
        "Adult T",
        State.CLOSED,
        800,
        [],
        "A woman was killed by her former partner after a non-molestation order was breached.",
    ),
    (
        "DEMO-19",
        ReviewKind.DHR,
        "Adult U",
        State.DRAFTING,
        150,
        [("pause", "manager")],
        "A woman died; the review is paused while the criminal trial takes place.",
    ),
    (
        "DEMO-20",
        ReviewKind.DHR,
        "Adult X",
        State.DECISION_PENDING,
        35,
        [("decide_to_scope", "approver")],
        "A man died after a fall at home; his partner had been violent towards him before.",
    ),
]

# Cases on a guidance version other than the default (reviews.models.guidance): the 2024
# draft DHR guidance, whose scoping stage DEMO-20 is in.
DEMO_GUIDANCE = {"DEMO-20": "dhr-2024-draft"}

NORTHBROOK_CASES = [
    (
        "DEMO-SAR-01",
        ReviewKind.SAR,
        "Adult V",
        State.DRAFTING,
        100,
        [],
        "An adult with learning disabilities died from neglect in supported living.",
    ),
    (
        "DEMO-SAR-02",
        ReviewKind.SAR,
        "Adult W",
        State.PUBLISHED,
        380,
        [],
        "An older man with dementia died after self-neglect; several agencies were involved.",
    ),
]


def pdf_escape(text):
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def minimal_pdf(*lines):
    """A small valid one-page PDF with one line of text per argument (demo papers only)."""
    shown = " T* ".join(f"({pdf_escape(line)}) Tj" for line in lines)
    stream = f"BT /F1 12 Tf 16 TL 72 720 Td {shown} ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def demo_paper(review, user, kind, filename, lines, audience=CaseDocument.Audience.PANEL, note=""):
    return add_version(
        review,
        kind=kind,
        title=CaseDocument.Kind(kind).label,
        audience=audience,
        uploaded_file=SimpleUploadedFile(
            filename, minimal_pdf(*lines), content_type="application/pdf"
        ),
        user=user,
        note=note or "Fictional paper for the demo.",
    )


# Fictional "real" identities: what the confidential list of a case holds, each with the
# other ways it is written (one per line). Invented, like everything in the demo; the
# published papers use the pseudonym instead.
CONFIDENTIAL_TERMS = {
    "DEMO-15": [
        ("Marjorie Fictitia", "Marj Fictitia\nM. Fictitia"),
        ("Desmond Fictitia", "Des Fictitia"),
        ("14 Larkspur Row", ""),
    ],
    "DEMO-16": [("Rosalind Inventa", "Ros Inventa\nR. Inventa"), ("22 Quillon Mews", "")],
    "DEMO-SAR-02": [("Alder Madeup", "")],
}


def clean_report_lines(review):
    return [
        f"{review.pseudonym}: final anonymised overview report.",
        "Fictional demonstration report: every person and event is invented.",
        f"{review.pseudonym} had contact with the police, the GP and housing services.",
        "The review found that agencies did not share what each of them knew.",
    ]


def clean_summary_lines(review):
    return [
        f"Executive summary of the review concerning {review.pseudonym}.",
        "Fictional demonstration summary: every person and event is invented.",
        "Agencies each held part of the picture, and nobody put it together.",
        "The partnership accepted all the recommendations.",
        "An action plan follows them up each quarter.",
    ]


def give_review_publishable_papers(review, user, report_lines=None):
    public = CaseDocument.Audience.PUBLIC
    demo_paper(
        review,
        user,
        CaseDocument.Kind.FINAL_REPORT,
        "final-anonymised-report.pdf",
        report_lines or clean_report_lines(review),
        audience=public,
    )
    demo_paper(
        review,
        user,
        CaseDocument.Kind.EXECUTIVE_SUMMARY,
        "executive-summary.pdf",
        clean_summary_lines(review),
        audience=public,
    )


def give_family_notice(review, user, on):
    """The family told of the publication date, four weeks ahead (the publish step asks
    for it: reviews.conditions.family_told_before_publication)."""
    involvement = involvement_of(review)
    involvement.notice_given_on = on
    save_family_involvement(involvement, user, ["notice_given_on"])


def give_review_pack_papers(review, user):
    """The executive summary and the action plan the Home Office submission pack needs."""
    demo_paper(
        review,
        user,
        CaseDocument.Kind.EXECUTIVE_SUMMARY,
        "executive-summary.pdf",
        clean_summary_lines(review),
        audience=CaseDocument.Audience.PUBLIC,
    )
    demo_paper(
        review,
        user,
        CaseDocument.Kind.ACTION_PLAN,
        "action-plan.pdf",
        [f"{review.pseudonym}: fictional action plan."],
    )


def give_review_qa_letter(review, user):
    demo_paper(
        review,
        user,
        CaseDocument.Kind.HOME_OFFICE_LETTER,
        "home-office-qa-letter.pdf",
        ["Fictional letter from the Home Office quality assurance panel."],
        audience=CaseDocument.Audience.STAFF,
    )


def give_review_its_papers(review, cast, by_short):
    """What the workflow's conditions ask for before a case can move past them."""
    review.chair = cast["chair"]
    review.terms_of_reference = (
        "Fictional terms of reference: establish what lessons are to be learned about the "
        "way agencies worked individually and together; identify what will change."
    )
    review.save()
    PanelMembership.objects.get_or_create(
        review=review,
        user=cast["panel"],
        defaults={"agency": by_short["MPS"], "role": "Panel member"},
    )
    for number, short in enumerate(("MPS", "ASC", "NMUH")):
        InformationRequest.objects.get_or_create(
            review=review,
            agency=by_short[short],
            kind=InformationRequest.Kind.IMR,
            defaults={
                "requested_on": review.notified_on + timedelta(days=45),
                "due_on": review.notified_on + timedelta(days=75),
                # The last agency's IMR is still awaited while information is gathered.
                "received_on": None if number == 2 else review.notified_on + timedelta(days=70),
            },
        )
    if not review.has_document_of_kind(CaseDocument.Kind.DRAFT_OVERVIEW_REPORT):
        demo_paper(
            review,
            cast["chair"],
            CaseDocument.Kind.DRAFT_OVERVIEW_REPORT,
            "draft-overview-report.pdf",
            [f"{review.pseudonym}: fictional draft overview report."],
            note="Fictional first draft for the demo.",
        )
    for term, variants in CONFIDENTIAL_TERMS.get(review.reference, []):
        add_confidential_term(review, term, cast["manager"], variants=variants)


# Days after the notification on which the early steps are taken (an invented, plausible
# pace); later steps are spread evenly from the last of these up to two days ago.
EARLY_STEPS = {
    "refer_for_decision": 3,
    "decide_to_proceed": 25,
    "decide_not_to_proceed": 28,
    "appoint_chair": 40,
    "establish_panel": 50,
    "start_information_gathering": 60,
}


def step_dates(notified, today, names):
    """An effective date for each step, in order, none after today."""
    early = [
        min(notified + timedelta(days=EARLY_STEPS[n]), today) for n in names if n in EARLY_STEPS
    ]
    start = early[-1] if early else notified
    late_count = sum(1 for n in names if n not in EARLY_STEPS)
    end = max(today - timedelta(days=2), start)
    gap = (end - start) / max(late_count, 1)
    dates, late_number, previous = [], 0, notified
    for name in names:
        if name in EARLY_STEPS:
            on = min(notified + timedelta(days=EARLY_STEPS[name]), today)
        else:
            late_number += 1
            on = start + gap * late_number
        on = min(max(on, previous), today)
        dates.append(on)
        previous = on
    return dates


# Fictional people in some cases: death type, then (label, role, sex, age) of each person,
# then the pairs (victim index, perpetrator index, relationship).
DEMO_PEOPLE = {
    "DEMO-08": (
        DeathType.SUSPECTED_VICTIM_SUICIDE,
        [("Adult H", "victim", "female", 38), ("Perpetrator", "perpetrator", "male", 41)],
        [(0, 1, PairRelationship.CURRENT_PARTNER)],
    ),
    "DEMO-10": (
        DeathType.ADULT_FAMILY_HOMICIDE,
        [("Adult K", "victim", "female", 79), ("Perpetrator", "perpetrator", "male", None)],
        [(0, 1, PairRelationship.OTHER_FAMILY)],
    ),
    "DEMO-16": (
        DeathType.INTIMATE_PARTNER_HOMICIDE,
        [("Adult R", "victim", "female", 53), ("Perpetrator", "perpetrator", "male", 56)],
        [(0, 1, PairRelationship.CURRENT_PARTNER)],
    ),
}


def give_review_its_people(review):
    death_type, people, pairs = DEMO_PEOPLE[review.reference]
    review.death_type = death_type
    review.save(update_fields=["death_type"])
    made = [
        ReviewPerson.objects.create(
            review=review, sort_order=n, label=label, role=role, sex=sex, age=age
        )
        for n, (label, role, sex, age) in enumerate(people)
    ]
    for n, (victim, perpetrator, relationship) in enumerate(pairs):
        ReviewPair.objects.create(
            review=review,
            sort_order=n,
            victim=made[victim],
            perpetrator=made[perpetrator],
            relationship=relationship,
        )


def build_review(partnership, cast, by_short, spec):
    reference, kind, pseudonym, walk_to, days_ago, extra_transitions, summary = spec
    if Review.objects.filter(partnership=partnership, reference=reference).exists():
        return None
    review = Review.objects.create(
        partnership=partnership,
        kind=kind,
        reference=reference,
        pseudonym=f"{pseudonym} (fictional)",
        summary=f"{summary}\n\n{FICTIONAL}",
        is_fictional=True,
        notified_on=timezone.localdate() - timedelta(days=days_ago),
        date_of_death=timezone.localdate() - timedelta(days=days_ago + 3),
        guidance=GuidanceVersion.objects.filter(key=DEMO_GUIDANCE.get(reference)).first(),
    )
    if reference in DEMO_PEOPLE:
        give_review_its_people(review)
    stages = [stage for _, _, stage in MAIN_PATH]
    path = [] if walk_to == State.NOTIFIED else MAIN_PATH[: stages.index(walk_to) + 1]
    if walk_to in stages and stages.index(walk_to) >= stages.index(State.COMMISSIONED):
        give_review_its_papers(review, cast, by_short)
    if not review.needs_home_office:
        path = [s for s in path if s[0] not in {"submit_to_home_office", "record_qa_approval"}]
    path += [(name, actor, None) for name, actor in extra_transitions]
    dates = step_dates(review.notified_on, timezone.localdate(), [name for name, _, _ in path])
    for (name, actor, _), on in zip(path, dates, strict=True):
        # The papers each transition needs, uploaded just before it as people would.
        if name == "submit_to_home_office":
            give_review_pack_papers(review, cast["chair"])
        if name.startswith("record_qa_"):
            give_review_qa_letter(review, cast["manager"])
        if name == "publish":
            give_review_publishable_papers(review, cast["manager"])
            give_family_notice(review, cast["manager"], on - timedelta(days=28))
        perform_transition(
            review.pk,
            name,
            cast[actor],
            comment=f"Fictional demo step: {name.replace('_', ' ')}.",
            effective_on=on,
        )
    if reference == "DEMO-15":
        # Ready to publish, except that the report still names the victim's (fictional)
        # mother: publishing is refused, naming her, the document and the page.
        lines = clean_report_lines(review)
        lines[2] = "Her mother Marjorie Fictitia told the police about the threats."
        give_review_publishable_papers(review, cast["manager"], report_lines=lines)
        give_family_notice(review, cast["manager"], timezone.localdate() - timedelta(days=7))
    review.refresh_from_db()
    return review


def load(log):
    # Building the demo is not news: no emails about it.
    with notifications.muted():
        build_all(log)


def build_all(log):
    by_key = partnerships()
    by_short = agencies()
    cast = {name: demo_user(name) for name in ("manager", "approver", "chair", "panel")}
    # Two chairs share the Haringey cases, so each sees only their own.
    chairs = [cast["chair"], demo_user("chair2")]
    created = [
        build_review(by_key["haringey"], dict(cast, chair=chairs[number % 2]), by_short, spec)
        for number, spec in enumerate(CASES)
    ]
    northbrook = {
        "manager": demo_user("northbrook_manager"),
        "approver": demo_user("northbrook_manager"),
        "chair": demo_user("northbrook_chair"),
        "panel": demo_user("northbrook_panel"),
    }
    created += [
        build_review(by_key["northbrook"], northbrook, by_short, spec) for spec in NORTHBROOK_CASES
    ]
    total = Review.objects.filter(is_fictional=True).count()
    log(f"Demo cases: {sum(1 for c in created if c)} created, {total} in all, all fictional.")


def remove(removal):
    """The fictional cases (partnerships.demo_removal): their public pages, papers and
    stored files, audit trails and admin log entries. Runs after the learning library's
    remover has taken their recommendations."""
    fictional = Review.objects.filter(is_fictional=True)
    versions = DocumentVersion.objects.filter(document__review__in=fictional)
    removal.delete_files(private_storage(), versions.values_list("file", flat=True))
    removal.delete_files(
        private_storage(),
        PublicCopy.objects.filter(version__in=versions).values_list("file", flat=True),
    )
    for page in ReviewPage.objects.filter(review__in=fictional):
        page.delete()
        removal.counts["reviews.ReviewPage"] = removal.counts.get("reviews.ReviewPage", 0) + 1
    removal.delete(
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Review),
            object_id__in=[str(pk) for pk in fictional.values_list("pk", flat=True)],
        )
    )
    # The statutory record of a fictional case (sends, QA outcomes with their points and
    # conditions, decisions not to publish, directions) is fictional too, and holds on to
    # its papers.
    for model in (StatutorySend, QaOutcome, NonPublication, Direction):
        removal.delete(model.objects.filter(review__in=fictional))
    removal.delete(DocumentComment.objects.filter(version__in=versions, parent__isnull=False))
    removal.delete(DocumentComment.objects.filter(version__in=versions))
    removal.delete(versions)
    removal.delete(CaseDocument.objects.filter(review__in=fictional))
    removal.delete(ReviewEvent.objects.filter(review__in=fictional))
    removal.delete(fictional)
