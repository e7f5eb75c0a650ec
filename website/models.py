"""The public site's own pages: the home page and plain content pages.

Published reviews (reviews app), the learning library (learning app) and search live
in their own apps; their index pages sit under the home page and appear in the
service navigation when "Show in menus" is ticked.
"""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from . import navigation
from .blocks import BODY_BLOCKS


class ContentPage(Page):
    """Fields shared by the site's own pages: a lead paragraph and a body of blocks."""

    intro = models.TextField(
        blank=True, help_text="Lead paragraph shown under the heading. One or two sentences."
    )
    body = StreamField(BODY_BLOCKS, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        abstract = True


class HomePage(ContentPage):
    """The root of the public site. Its menu children are listed as the site's sections."""

    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = "home page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        site_root = navigation.site_root(request)
        if site_root is not None and site_root.pk == self.pk:
            context["sections"] = navigation.menu_pages(request)  # shared with the navigation
        else:
            context["sections"] = self.get_children().live().public().in_menu()
        return context


class StandardPage(ContentPage):
    """A plain page: help and support, accessibility statement, privacy notice..."""

    class Meta:
        verbose_name = "standard page"


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Per-site choices the public templates need: footer links and the contact address."""

    contact_email = models.EmailField(
        blank=True,
        help_text="Where the public can report a problem with the website or ask about data.",
    )
    help_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accessibility_statement = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    privacy_notice = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    select_related = ["help_page", "accessibility_statement", "privacy_notice"]

    panels = [
        FieldPanel("contact_email"),
        MultiFieldPanel(
            [
                FieldPanel("help_page"),
                FieldPanel("accessibility_statement"),
                FieldPanel("privacy_notice"),
            ],
            heading="Footer links",
        ),
    ]

    class Meta:
        verbose_name = "site settings"
