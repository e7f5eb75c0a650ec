"""The database backend end to end: published material is found with a highlighted
snippet and facet counts; words only in private material are not, for the public."""

import pytest

from partnerships.access import PUBLIC
from search.models import SearchEntry

from .conftest import PRIVATE_WORD, PUBLIC_PHRASE, search

pytestmark = pytest.mark.django_db


def test_a_published_phrase_is_found_with_a_marked_snippet_and_facets(published):
    results = search(PUBLIC, f"q={PUBLIC_PHRASE}")
    assert results.total >= 1
    titles = [hit.title for hit in results.hits]
    assert published.public_page.title in titles
    snippets = " ".join(str(hit.snippet) for hit in results.hits)
    assert "<mark>missed</mark>" in snippets and "<mark>information</mark>" in snippets
    kinds = {f.name: f for f in results.facets}
    assert kinds["kind"].values[0].value == "dhr"
    assert sum(v.count for v in kinds["type"].values) == results.total


def test_a_private_word_finds_nothing_for_the_public(published, draft):
    assert SearchEntry.objects.filter(body__icontains=PRIVATE_WORD).count() >= 2
    results = search(PUBLIC, f"q={PRIVATE_WORD}")
    assert results.total == 0 and results.hits == [] and results.facets == []


def test_staff_of_the_partnership_find_the_private_word(cast, draft):
    results = search(cast.manager, f"q={PRIVATE_WORD}")
    assert {hit.kind for hit in results.hits} == {"review", "document"}
    assert all(f"<mark>{PRIVATE_WORD}</mark>" in str(hit.snippet) for hit in results.hits)


def test_snippets_escape_text_before_marking_words():
    from search.highlight import snippet

    html = str(snippet("<b>Housing</b> & houses; a <script>x</script> w was", ["housing", "w"]))
    assert html == (
        "&lt;b&gt;<mark>Housing</mark>&lt;/b&gt; &amp; <mark>houses</mark>; a "
        "&lt;script&gt;x&lt;/script&gt; <mark>w</mark> was"
    )


def test_long_texts_are_cut_around_the_first_match():
    from search.highlight import snippet

    text = "filler " * 200 + "the lantern was lit " + "filler " * 200
    html = str(snippet(text, ["lantern"]))
    assert "<mark>lantern</mark>" in html and html.startswith("… ") and html.endswith(" …")
    assert len(html) < 300
