"""factory-boy factories shared by the whole suite."""

import datetime
import hashlib

import factory
from django.contrib.auth import get_user_model

from partnerships.models import Agency, Membership, Partnership, Role
from reviews.models import (
    CaseDocument,
    DocumentVersion,
    InformationRequest,
    PanelMembership,
    Review,
    ReviewKind,
    ReviewPair,
    ReviewPerson,
)
from reviews.people_vocabulary import PairRelationship, PersonRole
from tests.files import pdf_bytes

FICTIONAL_PDF = pdf_bytes(["Fictional draft overview report, used in tests."])


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password("correct horse battery staple")


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Borough {n} Community Safety Partnership")
    slug = factory.Sequence(lambda n: f"borough-{n}")
    kind = Partnership.Kind.CSP


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Agency {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    partnership = factory.SubFactory(PartnershipFactory)
    role = Role.REVIEW_MANAGER


def user_with_role(role, partnership, agency=None, **kwargs):
    user = UserFactory(**kwargs)
    Membership.objects.create(user=user, partnership=partnership, role=role, agency=agency)
    return user


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    partnership = factory.SubFactory(PartnershipFactory)
    kind = ReviewKind.DHR
    notified_on = factory.LazyFunction(lambda: datetime.date(2026, 1, 15))
    pseudonym = factory.Sequence(lambda n: f"Adult {chr(65 + n % 26)}")
    summary = "Fictional case used in tests."
    is_fictional = True


class PanelMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PanelMembership

    review = factory.SubFactory(ReviewFactory)
    user = factory.SubFactory(UserFactory)
    agency = factory.SubFactory(AgencyFactory)
    role = "Panel member"


class InformationRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InformationRequest

    review = factory.SubFactory(ReviewFactory)
    agency = factory.SubFactory(AgencyFactory)
    kind = InformationRequest.Kind.IMR
    requested_on = datetime.date(2026, 3, 1)
    due_on = datetime.date(2026, 4, 1)


class CaseDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseDocument

    review = factory.SubFactory(ReviewFactory)
    kind = CaseDocument.Kind.DRAFT_OVERVIEW_REPORT
    title = "Draft overview report"


class DocumentVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocumentVersion

    document = factory.SubFactory(CaseDocumentFactory)
    number = factory.Sequence(lambda n: n + 1)
    file = factory.django.FileField(filename="draft.pdf", data=FICTIONAL_PDF)
    original_filename = "draft.pdf"
    content_type = "application/pdf"
    size = len(FICTIONAL_PDF)
    sha256 = hashlib.sha256(FICTIONAL_PDF).hexdigest()


class ReviewPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewPerson

    review = factory.SubFactory(ReviewFactory)
    role = PersonRole.VICTIM
    sort_order = factory.Sequence(lambda n: n)


def add_pair(review, relationship=PairRelationship.UNKNOWN, victim=None, perpetrator=None):
    """A victim and a perpetrator in `review` (each a ReviewPerson or a dict of its
    characteristics) and the pair's relationship."""
    if not isinstance(victim, ReviewPerson):
        victim = ReviewPersonFactory(review=review, role=PersonRole.VICTIM, **(victim or {}))
    if not isinstance(perpetrator, ReviewPerson):
        perpetrator = ReviewPersonFactory(
            review=review, role=PersonRole.PERPETRATOR, **(perpetrator or {})
        )
    return ReviewPair.objects.create(
        review=review, victim=victim, perpetrator=perpetrator, relationship=relationship
    )
