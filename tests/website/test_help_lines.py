"""The help lines are transcribed from the partnership's documents: never an invented number."""

import re
from pathlib import Path

import pytest

from website import content
from website.blocks import telephone_href

SOURCES = Path(content.__file__).parent / "sources" / "help_lines.md"


def sources():
    """The verbatim passages the page is transcribed from (quoted lines only)."""
    lines = SOURCES.read_text(encoding="utf-8").splitlines()
    return "\n".join(line.removeprefix("> ") for line in lines if line.startswith(">"))


def all_helplines():
    for page in content.CONTENT_PAGES:
        for block in page.body:
            if block["type"] == "helplines":
                yield from block["value"]["helplines"]


def test_every_published_number_appears_in_its_source():
    quoted = sources()
    numbers = [h["telephone"] for h in all_helplines() if h["telephone"]]
    assert "0808 2000 247" in numbers  # the National Domestic Abuse Helpline
    for number in numbers:
        assert number in quoted, f"{number} is not in pages/sources/help_lines.md"


def test_every_email_address_appears_in_its_source():
    emails = [h["email"] for h in all_helplines() if h["email"]]
    assert emails
    for email in emails:
        assert email in sources()


def test_a_help_line_published_without_a_number_has_none():
    galop = next(h for h in all_helplines() if h["name"] == "GALOP")
    assert galop["telephone"] == ""
    assert "GALOP is a helpline for LGBT+ victim/survivors of domestic abuse" in sources()


def test_the_emergency_advice_is_quoted_from_its_source():
    assert content.IMMEDIATE_DANGER in sources()


@pytest.mark.parametrize(
    ("number", "href"),
    [
        ("0808 2000 247", "tel:+448082000247"),
        ("020 8489 4470", "tel:+442084894470"),
        ("999", "tel:999"),
    ],
)
def test_telephone_links(number, href):
    assert telephone_href(number) == href


def test_help_page_renders_every_help_line(client, home):
    html = client.get("/help-and-support/").content.decode()
    for helpline in all_helplines():
        assert helpline["name"] in html
        if helpline["telephone"]:
            assert f'href="{telephone_href(helpline["telephone"])}">{helpline["telephone"]}' in html
    assert re.search(r"Source: Haringey Domestic Abuse Strategy 2023–2028", html)
