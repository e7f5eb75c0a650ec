import pytest

from website.site_setup import ensure_site_pages


@pytest.fixture
def home(db):
    """The site as a new installation gets it: home page, help, accessibility, privacy."""
    return ensure_site_pages()
