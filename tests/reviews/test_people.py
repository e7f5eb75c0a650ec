"""People in a review: several victims and perpetrators through the admin, each coded
with "not known" allowed; the search facets and the public filters built from them, and
never from sex, gender identity, ethnicity or disability (docs/security.md)."""

import pytest
from django.urls import reverse

from partnerships.access import PUBLIC
from reviews.models import ReviewPerson
from reviews.people_vocabulary import ETHNICITY_GROUPS, AgeBand
from reviews.stages import State
from reviews.workflow import perform_transition
from search.facets import PUBLIC_FACET_NAMES
from tests.reviews.helpers import add_publishable_papers, force_state
from tests.reviews.test_admin_flow import edit_form_data
from tests.search.conftest import search

pytestmark = pytest.mark.django_db

PEOPLE = [
    {
        "role": "victim",
        "label": "Adult A",
        "sex": "female",
        "gender_identity": "trans_woman",
        "age": "34",
        "age_band": "unknown",  # the age sets it
        "ethnicity": "white_irish",
        "disability": "yes",
    },
    {
        "role": "victim",
        "label": "Adult B",
        "sex": "unknown",
        "gender_identity": "unknown",
        "age": "",
        "age_band": "unknown",
        "ethnicity": "unknown",
        "disability": "unknown",
    },
    {
        "role": "perpetrator",
        "label": "Perpetrator 1",
        "sex": "male",
        "gender_identity": "same",
        "age": "41",
        "age_band": "unknown",
        "ethnicity": "unknown",
        "disability": "no",
    },
]


def formset(prefix, rows):
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": "0"}
    for n, row in enumerate(rows):
        data |= {f"{prefix}-{n}-{k}": v for k, v in row.items()}
        data |= {f"{prefix}-{n}-id": "", f"{prefix}-{n}-ORDER": str(n + 1)}
    return data


def save(client, review, **data):
    response = client.post(
        reverse("reviews:edit", args=[review.pk]), edit_form_data(client, review) | data
    )
    form = response.context["form"] if response.status_code == 200 else None
    assert response.status_code == 302, (
        form.errors,
        {name: (f.errors, f.non_form_errors()) for name, f in form.formsets.items()},
    )


def test_two_victims_and_an_abuser_through_the_admin_then_the_facets(client, cast):
    review = cast.review(chair=cast.chair, pseudonym="Adult A")
    client.force_login(cast.manager)
    save(client, review, death_type="suspected_victim_suicide", **formset("people", PEOPLE))
    a, b, abuser = review.people.order_by("sort_order")
    assert (a.age_band, b.age_band, abuser.age_band) == ("25-34", "unknown", "35-44")
    save(
        client,
        review,
        **formset(
            "pairs",
            [
                {"victim": a.pk, "perpetrator": abuser.pk, "relationship": "current_partner"},
                {"victim": b.pk, "perpetrator": abuser.pk, "relationship": "unknown"},
            ],
        ),
    )
    assert review.pairs.count() == 2

    # Staff facets count the review under each pair's relationship and each victim's band.
    facets = {f.name: f for f in search(cast.manager, "type=review").facets}
    assert [(v.value, v.count) for v in facets["relationship"].values] == [("current_partner", 1)]
    assert [(v.value, v.count) for v in facets["age_band"].values] == [("25-34", 1)]
    assert search(cast.manager, "death_type=suspected_victim_suicide").total == 1

    # Public: found by the safe facets once published, never by special-category data.
    force_state(review, State.QA_APPROVED)
    add_publishable_papers(review, cast.manager)
    perform_transition(review.pk, "publish", cast.manager, comment="Publish.")
    assert search(PUBLIC, "relationship=current_partner&age_band=25-34").total >= 1
    public = {f.name for f in search(PUBLIC, "").facets}
    assert not {"sex", "gender_identity", "ethnicity", "disability"} & public
    assert not {"sex", "gender_identity", "ethnicity", "disability"} & set(PUBLIC_FACET_NAMES)


@pytest.mark.parametrize(("age", "band"), [(15, "0-15"), (16, "16-17"), (44, "35-44"), (90, "75+")])
def test_age_sets_the_band(cast, age, band):
    person = ReviewPerson.objects.create(review=cast.review(), role="victim", age=age)
    assert person.age_band == band == AgeBand.of_age(age)


def test_the_census_has_19_ethnic_groups_in_5():
    assert len(ETHNICITY_GROUPS) == 5
    assert sum(len(categories) for _, categories in ETHNICITY_GROUPS) == 19
