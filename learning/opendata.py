"""Open data: published reviews and their recommendations in a documented, versioned JSON
schema with coded fields, for national libraries and researchers to take without
re-keying. Served by the public API (learning.public.api) and written to a file by
`manage.py export_open_data`.

Only what is public already goes in: reviews from `Review.objects.public()` (the one
meaning of public) and their recommendations, with the responses of the bodies they
were sent to after the same confidential-terms check as the public page. Codes: a
review's `kind`, a recommendation's `level`, `status` and `rag` are the product's choice
values; `themes` are theme slugs; `death_type`, `relationships` and `victim_age_bands`
are the codes of reviews.people_vocabulary, only those the public filters publish; an
addressee is the body's `code` (learning.data.bodies).

A change that removes or renames a field is a new major version; adding a field is a
minor one. The schema says its version; every document says which it follows.
"""

from django.urls import reverse

from reviews.models import Review
from reviews.people_vocabulary import AgeBand, DeathType, PairRelationship

from .models import Outcome, Stage, Status
from .models.library import RAG, Level
from .public.library import public_responses, with_progress

SCHEMA_VERSION = "1.1"  # 1.1 added death_type, relationships, victim_age_bands
SCHEMA_URL_NAME = "open_data_schema"

DATE = {"type": ["string", "null"], "format": "date"}
TEXT = {"type": "string"}


def codes(choices, blank=False):
    values = [value for value, _ in choices]
    return {"type": "string", "enum": [*values, ""] if blank else values}


RESPONSE_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["addressee", "sent_on", "responded_on", "stage", "outcome", "response"],
    "properties": {
        "addressee": {"type": "string", "description": "The body's code."},
        "sent_on": DATE,
        "responded_on": DATE,
        "stage": codes(Stage.choices),
        "outcome": codes(Outcome.choices, blank=True),
        "reasons": TEXT,
        "response": {
            "type": "string",
            "description": "The response, or empty while it is held back for checking.",
        },
        "implementation_status": codes(Status.choices, blank=True),
    },
}

RECOMMENDATION_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["number", "text", "level", "themes", "status", "rag", "addressed_to"],
    "properties": {
        "number": TEXT,
        "text": TEXT,
        "level": codes(Level.choices),
        "owning_agency": {"type": ["string", "null"]},
        "themes": {"type": "array", "items": {"type": "string"}},
        "target_date": DATE,
        "status": codes(Status.choices),
        "rag": codes(RAG.choices, blank=True),
        "completed_on": DATE,
        "latest_progress_on": DATE,
        "addressed_to": {"type": "array", "items": RESPONSE_SCHEMA},
    },
}


def review_schema():
    kinds = Review._meta.get_field("kind").choices
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "kind", "title", "partnership", "published_on", "url"],
        "properties": {
            "id": {"type": "string", "description": "Stable: the public page's address."},
            "kind": codes(kinds),
            "title": TEXT,
            "partnership": TEXT,
            "published_on": DATE,
            "url": TEXT,
            "death_type": codes(DeathType.choices, blank=True),
            "relationships": {"type": "array", "items": codes(PairRelationship.choices)},
            "victim_age_bands": {"type": "array", "items": codes(AgeBand.choices)},
            "recommendations": {"type": "array", "items": RECOMMENDATION_SCHEMA},
        },
    }


def schema():
    """The JSON Schema (draft 2020-12) of one page of the open data."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"open-data/schema/{SCHEMA_VERSION}.json",
        "title": "Published reviews and their recommendations",
        "version": SCHEMA_VERSION,
        "type": "object",
        "additionalProperties": False,
        "required": ["schema_version", "count", "results"],
        "properties": {
            "schema_version": {"const": SCHEMA_VERSION},
            "count": {"type": "integer"},
            "next": {"type": ["string", "null"]},
            "previous": {"type": ["string", "null"]},
            "results": {"type": "array", "items": review_schema()},
        },
    }


def published_reviews():
    return (
        Review.objects.public()
        .select_related("partnership", "public_page")
        .order_by("published_on", "pk")
    )


def iso(value):
    return value.isoformat() if value else None


def review_record(review, base_url=""):
    recommendations = with_progress(review.recommendations.all()).select_related("owning_agency")
    recommendations = public_responses(review, recommendations)
    page = review.public_page
    return {
        "id": page.slug,
        "kind": review.kind,
        "title": page.title,
        "partnership": review.partnership.name,
        "published_on": iso(review.published_on),
        "url": base_url + page.url if page.url else "",
        # Only what the review's public page may show of the people in it (the rule in
        # docs/security.md, "People in a review"): coded, "not known" left out.
        **review.published_characteristics(),
        "recommendations": [recommendation_record(r) for r in recommendations],
    }


def recommendation_record(recommendation):
    return {
        "number": recommendation.number,
        "text": recommendation.text,
        "level": recommendation.level,
        "owning_agency": recommendation.owning_agency.name
        if recommendation.owning_agency
        else None,
        "themes": [theme.slug for theme in recommendation.themes.all()],
        "target_date": iso(recommendation.target_date),
        "status": recommendation.status,
        "rag": recommendation.rag,
        "completed_on": iso(recommendation.completed_on),
        "latest_progress_on": iso(recommendation.latest_update_on),
        "addressed_to": [
            {
                "addressee": response["code"],
                "sent_on": iso(response["sent_on"]),
                "responded_on": iso(response["responded_on"]),
                "stage": response["stage_code"],
                "outcome": response["outcome_code"],
                "reasons": response["reasons"],
                "response": response["response"],
                "implementation_status": response["implementation_code"],
            }
            for response in recommendation.public_responses
        ],
    }


def page_of(records, count, next_url=None, previous_url=None):
    return {
        "schema_version": SCHEMA_VERSION,
        "count": count,
        "next": next_url,
        "previous": previous_url,
        "results": records,
    }


def export(base_url=""):
    """Every published review in one document of the schema."""
    reviews = list(published_reviews())
    return page_of([review_record(r, base_url) for r in reviews], len(reviews))


def schema_url():
    return reverse(SCHEMA_URL_NAME, args=[SCHEMA_VERSION])


# ---------------------------------------------------------------- checking a document


class Invalid(ValueError):
    pass


def validate(instance, schema, where="$"):
    """Check `instance` against `schema` for the keywords this schema uses (type, enum,
    const, required, properties, additionalProperties, items); raises Invalid. Any
    JSON Schema validator gives the same answer: the schema is standard."""
    types = schema.get("type")
    if types is not None:
        wanted = types if isinstance(types, list) else [types]
        if not any(is_type(instance, t) for t in wanted):
            raise Invalid(f"{where}: {instance!r} is not of type {types}")
    if "const" in schema and instance != schema["const"]:
        raise Invalid(f"{where}: {instance!r} is not {schema['const']!r}")
    if "enum" in schema and instance not in schema["enum"]:
        raise Invalid(f"{where}: {instance!r} is not one of {schema['enum']}")
    if isinstance(instance, dict):
        for name in schema.get("required", []):
            if name not in instance:
                raise Invalid(f"{where}: {name} is missing")
        properties = schema.get("properties", {})
        for name, value in instance.items():
            if name in properties:
                validate(value, properties[name], f"{where}.{name}")
            elif schema.get("additionalProperties") is False:
                raise Invalid(f"{where}: {name} is not in the schema")
    if isinstance(instance, list) and "items" in schema:
        for index, item in enumerate(instance):
            validate(item, schema["items"], f"{where}[{index}]")


def is_type(value, name):
    return {
        "object": lambda v: isinstance(v, dict),
        "array": lambda v: isinstance(v, list),
        "string": lambda v: isinstance(v, str),
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "null": lambda v: v is None,
        "boolean": lambda v: isinstance(v, bool),
    }[name](value)
