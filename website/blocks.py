"""StreamField blocks for the public site's own pages, each rendered with GOV.UK markup."""

import re

from django.utils.text import slugify
from wagtail import blocks

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "code", "link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=200)
    size = blocks.ChoiceBlock(
        choices=[("l", "Section heading"), ("m", "Sub-heading")],
        default="l",
        help_text="Section headings are h2, sub-headings h3: do not skip a level.",
    )

    class Meta:
        icon = "title"
        template = "pages/blocks/heading.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["anchor"] = slugify(value["text"])
        return context


class InsetTextBlock(blocks.RichTextBlock):
    class Meta:
        icon = "pilcrow"
        label = "Inset text"
        template = "pages/blocks/inset_text.html"


class WarningTextBlock(blocks.CharBlock):
    class Meta:
        icon = "warning"
        label = "Warning text"
        template = "pages/blocks/warning_text.html"


def telephone_href(number):
    """`tel:` link for a UK number written as published ("0808 2000 247", "999")."""
    digits = re.sub(r"\D", "", number)
    if len(digits) > 4 and digits.startswith("0"):
        digits = f"+44{digits[1:]}"
    return f"tel:{digits}"


class HelplineBlock(blocks.StructBlock):
    """One help line, transcribed exactly as its source publishes it: never guess a number."""

    name = blocks.CharBlock(max_length=200)
    description = blocks.CharBlock(
        required=False, max_length=300, help_text="Who it is for, as the source says."
    )
    telephone = blocks.CharBlock(
        required=False, max_length=50, help_text="As published, e.g. 0808 2000 247."
    )
    hours = blocks.CharBlock(required=False, max_length=200, help_text="When it is open.")
    email = blocks.EmailBlock(required=False)
    website = blocks.URLBlock(required=False)
    website_text = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "mail"
        template = "pages/blocks/helpline.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        if value["telephone"]:
            context["telephone_href"] = telephone_href(value["telephone"])
        return context


class HelplineGroupBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=200)
    introduction = blocks.RichTextBlock(required=False, features=RICH_TEXT_FEATURES)
    helplines = blocks.ListBlock(HelplineBlock())
    source = blocks.CharBlock(
        required=False,
        max_length=400,
        help_text="Where these details were published, and when.",
    )

    class Meta:
        icon = "list-ul"
        label = "Help lines"
        template = "pages/blocks/helpline_group.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["anchor"] = slugify(value["heading"])
        return context


class ContactBlock(blocks.StaticBlock):
    class Meta:
        icon = "mail"
        label = "Contact email"
        admin_text = "Shows the contact email set in Settings > Site settings."
        template = "pages/blocks/contact.html"


BODY_BLOCKS = [
    ("heading", HeadingBlock()),
    (
        "paragraph",
        blocks.RichTextBlock(
            features=RICH_TEXT_FEATURES, template="pages/blocks/paragraph.html", icon="pilcrow"
        ),
    ),
    ("inset_text", InsetTextBlock(features=RICH_TEXT_FEATURES)),
    ("warning_text", WarningTextBlock()),
    ("helplines", HelplineGroupBlock()),
    ("contact", ContactBlock()),
]
