"""Public pages served by the production server (gunicorn) over 10,000 published reviews.

Seeds 10,000 published reviews deterministically, each with a live public page and three
recommendations (themes, a delivering action, a progress update), then starts gunicorn
with the production settings on a free loopback port and requests the reviews index
(with and without filters, several pages), review pages and the search page (its index
rebuilt after the seed, which bypasses the signals), many times each.

Prints: bench pages: n_reviews=10000 p95_ms=.. index_p95_ms=.. review_p95_ms=.. ...

Fast path for the page tree: the review pages are written with bulk_create (base rows)
and one executemany (the ReviewPage table), with treebeard's materialised paths computed
by treebeard's own `_get_path`, url_path, locale and translation key set as Wagtail
would, and the index's `numchild` updated; `Page.fix_tree` style checks pass on it
(the bench asserts the tree is consistent before timing).
"""

import datetime
import os
import random
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from learning.models import (
    RAG,
    Action,
    Level,
    Priority,
    ProgressUpdate,
    Recommendation,
    RecommendationAction,
    Status,
    Strategy,
    Theme,
)
from learning.models.pages import ensure_library_page
from partnerships.models import Partnership
from reviews.models import Review, ReviewKind, ReviewPage
from reviews.papers.publication import review_index_page
from reviews.stages import State
from search.indexing import rebuild as rebuild_search_index
from website.site_setup import ensure_site_pages

from .server import ROOT, free_port, start_gunicorn, stop_gunicorn
from .timing import p50, p95

N_REVIEWS = 10_000
N_PARTNERSHIPS = 40
RECOMMENDATIONS_PER_REVIEW = 3
REQUESTS_PER_PAGE_KIND = 300
WARM_UP = 30
SEED = 20261123
THEMES = [
    "Housing",
    "Information sharing",
    "Coercive control",
    "Mental health",
    "Substance use",
    "Older people",
    "Carers",
    "Professional curiosity",
]


def seed():
    rng = random.Random(SEED)
    home = ensure_site_pages()
    ensure_library_page()
    partnerships = [
        Partnership.objects.get_or_create(
            slug=f"bench-{n:02d}",
            defaults={"name": f"Benchmark partnership {n:02d} (synthetic)", "kind": "csp"},
        )[0]
        for n in range(N_PARTNERSHIPS)
    ]
    themes = [
        Theme.objects.get_or_create(slug=f"bench-{n}", defaults={"name": name})[0]
        for n, name in enumerate(THEMES)
    ]
    with transaction.atomic():
        reviews = seed_reviews(rng, partnerships)
        index = review_index_page()
        seed_pages(rng, index, reviews)
        seed_learning(rng, partnerships[0], reviews, themes)
    return home, index


def seed_reviews(rng, partnerships):
    rows = []
    for number in range(N_REVIEWS):
        published = datetime.date(2019, 1, 1) + datetime.timedelta(days=rng.randint(0, 2700))
        rows.append(
            Review(
                partnership=rng.choice(partnerships),
                kind=rng.choice(ReviewKind.values),
                reference=f"BENCH-{number:05d}",
                pseudonym=f"Adult {number:05d}",
                summary="Synthetic benchmark case.",
                is_fictional=True,
                notified_on=published - datetime.timedelta(days=400),
                published_on=published,
                state=State.PUBLISHED,  # synthetic rows: set directly, not through the workflow
            )
        )
    return Review.objects.bulk_create(rows, batch_size=1000)


def seed_pages(rng, index, reviews):
    """Valid Wagtail pages without 10,000 add_child() calls (see the module docstring)."""
    content_type = ContentType.objects.get_for_model(ReviewPage)
    now = timezone.now()
    start = index.numchild
    bases = []
    for offset, review in enumerate(reviews, start=1):
        slug = f"adult-{review.pseudonym.split()[-1]}-{review.reference.lower()}"
        title = f"{review.get_kind_display()}: {review.pseudonym}"
        bases.append(
            Page(
                title=title,
                draft_title=title,
                slug=slug,
                content_type=content_type,
                path=ReviewPage._get_path(index.path, index.depth + 1, start + offset),
                depth=index.depth + 1,
                numchild=0,
                url_path=f"{index.url_path}{slug}/",
                locale_id=index.locale_id,
                translation_key=uuid.UUID(int=rng.getrandbits(128)),
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
            )
        )
    bases = Page.objects.bulk_create(bases, batch_size=1000)
    summary = (
        "Synthetic executive summary.\n\nThe review found missed chances to share information."
    )
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(ReviewPage._meta.db_table)
        insert = (
            f"INSERT INTO {table} (page_ptr_id, review_id, executive_summary) VALUES (%s, %s, %s)"  # noqa: S608, E501 (the model's own table name)
        )
        cursor.executemany(
            insert,
            [(base.pk, review.pk, summary) for base, review in zip(bases, reviews, strict=True)],
        )
    Page.objects.filter(pk=index.pk).update(numchild=start + len(bases))


def seed_learning(rng, partnership, reviews, themes):
    strategy, _ = Strategy.objects.get_or_create(
        partnership=partnership,
        slug="bench-plan",
        defaults={
            "title": "Benchmark action plan (synthetic)",
            "period_start": 2024,
            "period_end": 2028,
        },
    )
    actions = []
    for p in range(5):
        priority = Priority.objects.create(
            strategy=strategy, number=str(p + 1), title=f"Priority {p + 1}"
        )
        for a in range(20):
            actions.append(
                Action(
                    strategy=strategy,
                    priority=priority,
                    reference=f"{p + 1}.{a + 1}",
                    objective="Synthetic action.",
                    rag=rng.choice(RAG.values),
                    status=rng.choice([Status.NOT_STARTED, Status.IN_PROGRESS, Status.ON_HOLD]),
                    position=p * 20 + a,
                )
            )
    actions = Action.objects.bulk_create(actions)
    recommendations = Recommendation.objects.bulk_create(
        [
            Recommendation(
                review=review,
                number=str(n + 1),
                text="Synthetic recommendation: share information sooner.",
                level=Level.MULTI_AGENCY,
                status=rng.choice([Status.NOT_STARTED, Status.IN_PROGRESS]),
                rag=rng.choice(RAG.values),
            )
            for review in reviews
            for n in range(RECOMMENDATIONS_PER_REVIEW)
        ],
        batch_size=1000,
    )
    Recommendation.themes.through.objects.bulk_create(
        [
            Recommendation.themes.through(recommendation=r, theme=rng.choice(themes))
            for r in recommendations
        ],
        batch_size=1000,
    )
    RecommendationAction.objects.bulk_create(
        [
            RecommendationAction(recommendation=r, action=rng.choice(actions))
            for r in recommendations
        ],
        batch_size=1000,
    )
    ProgressUpdate.objects.bulk_create(
        [
            ProgressUpdate(
                recommendation=r,
                reported_on=datetime.date(2026, 1, 1)
                + datetime.timedelta(days=rng.randint(0, 300)),
                rag=r.rag,
                comment="Synthetic update.",
                author_name="Benchmark",
            )
            for r in recommendations
        ],
        batch_size=1000,
    )


def check_tree(index):
    """The fast path left a tree Wagtail agrees with."""
    index.refresh_from_db()
    assert index.get_children().count() == index.numchild >= N_REVIEWS
    sample = ReviewPage.objects.child_of(index).live().order_by("path").last()
    assert sample.get_parent().pk == index.pk
    assert sample.url_path == f"{index.url_path}{sample.slug}/"


def database_url():
    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    return os.environ["DATABASE_URL"]


def production_env(port):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="bench-only-" + uuid.uuid4().hex,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        RATE_LIMIT_ENABLED="false",
        DATABASE_URL=database_url(),
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS=os.environ.get("BENCH_GUNICORN_WORKERS", "2"),
    )
    return env


def serve_in_production(env, log):
    # As in a deployment: the manifest static storage needs collectstatic, and the
    # production cache table is made for the production settings' cache.
    for command in (["collectstatic", "--noinput", "-v0"], ["createcachetable"]):
        manage = [sys.executable, "manage.py", *command]
        subprocess.run(manage, cwd=ROOT, env=env, check=True)  # noqa: S603
    return start_gunicorn(env, stderr=log)


def get(url):
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (http://127.0.0.1 only)
        body = response.read()
        assert response.status == 200, (url, response.status)
    return body


def wait_until_up(base, server):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn stopped before answering")
        try:
            get(base + "/")
            return
        except urllib.error.HTTPError:
            raise  # it answered, wrongly: no point waiting
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer within 60 seconds")


def timed(base, paths):
    for path in paths[:WARM_UP]:
        get(base + path)
    durations = []
    for path in paths:
        started = time.perf_counter()
        get(base + path)
        durations.append((time.perf_counter() - started) * 1000)
    return durations


def search_paths(rng):
    search = reverse("search")
    words = ["information", "housing", "Adult", "recommendation", "summary"]
    return [f"{search}?q={rng.choice(words)}" for _ in range(REQUESTS_PER_PAGE_KIND)]


def run(report):
    started = time.perf_counter()
    _, index = seed()
    check_tree(index)
    print(f"# seeded in {time.perf_counter() - started:.1f}s", file=sys.stderr)
    started = time.perf_counter()
    entries = rebuild_search_index(log=lambda line: None)  # the seed bypassed the signals
    print(f"# {entries} search entries in {time.perf_counter() - started:.1f}s", file=sys.stderr)
    rng = random.Random(SEED + 1)
    years = list(range(2019, 2027))
    index_url = index.get_url()
    index_paths = [
        rng.choice(
            [
                index_url,
                f"{index_url}?page={rng.randint(1, 500)}",
                f"{index_url}?kind=sar&year={rng.choice(years)}",
                f"{index_url}?partnership=bench-{rng.randint(0, N_PARTNERSHIPS - 1):02d}"
                f"&theme=bench-{rng.randint(0, len(THEMES) - 1)}",
            ]
        )
        for _ in range(REQUESTS_PER_PAGE_KIND)
    ]
    slugs = list(ReviewPage.objects.child_of(index).values_list("slug", flat=True))
    review_paths = [f"{index_url}{rng.choice(slugs)}/" for _ in range(REQUESTS_PER_PAGE_KIND)]
    kinds = {"index": index_paths, "review": review_paths}
    kinds["search"] = search_paths(rng)

    port = free_port()
    log_path = Path(tempfile.mkdtemp(prefix="bench-gunicorn-")) / "gunicorn.log"
    with log_path.open("wb") as log:
        server = serve_in_production(production_env(port), log)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_up(base, server)
            figures = {kind: timed(base, paths) for kind, paths in kinds.items()}
        except Exception:
            print(f"# gunicorn's log: {log_path}", file=sys.stderr)
            raise
        finally:
            stop_gunicorn(server)
    everything = [d for durations in figures.values() for d in durations]
    parts = " ".join(
        f"{kind}_p50_ms={p50(d):.1f} {kind}_p95_ms={p95(d):.1f}" for kind, d in figures.items()
    )
    report(
        f"bench pages: n_reviews={N_REVIEWS} p95_ms={p95(everything):.1f} "
        f"p50_ms={p50(everything):.1f} {parts} requests={len(everything)}"
    )
