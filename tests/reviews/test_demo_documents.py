"""The demo's case papers do what the demo promises: published cases have live pages
with clean reports, DEMO-15's report names a (fictional) confidential person so
publishing it is refused, and the demo chair works on their own cases only."""

import pytest
from django.urls import reverse
from django.utils.text import slugify

from partnerships import demo as partnership_demo
from reviews import demo as review_demo
from reviews.models import DocumentVersion, Review, ReviewPage
from reviews.stages import State
from tests.files import PDF_TYPE, pdf_bytes, upload


@pytest.mark.django_db
def test_the_demo_papers(client):
    """One test, as loading the demo takes a while."""
    partnership_demo.load(lambda line: None)
    review_demo.load(lambda line: None)
    published_cases_have_live_pages_with_clean_reports(client)
    publishing_demo_15_is_refused_naming_the_confidential_name(client)
    demo_chair_uploads_to_their_case_and_reaches_no_other(client)


def published_cases_have_live_pages_with_clean_reports(client):
    published = Review.objects.public()
    assert published.count() == 4
    for review in published:
        page = ReviewPage.objects.get(review=review)
        assert page.live
        response = client.get(page.url)
        assert response.status_code == 200
        assert "Executive summary of the review concerning" in response.content.decode()
        reports = page.public_documents
        assert {v.document.kind for v in reports} == {"final_report", "executive_summary"}
        for version in reports:
            response = client.get(version.get_public_url())
            assert response.status_code == 200
            # The public gets the checked copy, named from the pseudonym, never the upload.
            assert version.public_copy.filename.startswith(slugify(review.pseudonym))
            disposition = f'attachment; filename="{version.public_copy.filename}"'
            assert response["Content-Disposition"] == disposition


def publishing_demo_15_is_refused_naming_the_confidential_name(client):
    review = Review.objects.get(reference="DEMO-15")
    assert review.state == State.QA_APPROVED
    client.login(username="manager", password=partnership_demo.DEMO_PASSWORD)
    response = client.post(
        reverse("reviews:transition", args=[review.pk, "publish"]),
        {"comment": "", "expected_state": State.QA_APPROVED},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "“Marjorie Fictitia” appears in Final anonymised report" in html
    assert "page 1" in html
    term = review.confidential_terms.get(term="Marjorie Fictitia")
    assert term.variants == ["Marj Fictitia", "M. Fictitia"]
    review.refresh_from_db()
    assert review.state == State.QA_APPROVED
    assert not ReviewPage.objects.filter(review=review).exists()


def demo_chair_uploads_to_their_case_and_reaches_no_other(client):
    client.login(username="chair", password=partnership_demo.DEMO_PASSWORD)
    mine = Review.objects.get(reference="DEMO-09", chair__username="chair")
    response = client.post(
        reverse("reviews:upload", args=[mine.pk]),
        {
            "kind": "draft_overview_report",
            "title": "Draft overview report",
            "audience": "panel",
            "file": upload("second-draft.pdf", pdf_bytes(["Fictional second draft."]), PDF_TYPE),
        },
        follow=True,
    )
    assert "Uploaded Draft overview report, version 2." in response.content.decode()

    others = DocumentVersion.objects.exclude(document__review__chair__username="chair")
    assert others.exists()
    for version in others.select_related("document"):
        review_pk = version.document.review_id
        assert client.get(reverse("reviews:inspect", args=[review_pk])).status_code == 404
        for pk in (review_pk, mine.pk):
            url = reverse("reviews:download", args=[pk, version.pk])
            assert client.get(url).status_code == 404
