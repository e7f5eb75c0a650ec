"""The starting content of the site's own pages, loaded once and then edited in Wagtail.

Help lines are transcribed exactly as the partnership's documents publish them (see
shared seeds: Haringey Domestic Abuse Strategy 2023-2028, "Domestic abuse help and
support"; Haringey Community Safety Partnership papers of 11 December 2019). A help
line the source gives without a number is listed without one: never guess a number.
"""

from dataclasses import dataclass, field

SERVICE_NAME = "Reviews and learning"
IMMEDIATE_DANGER = "If you are worried that someone is at immediate risk of harm contact 999."


@dataclass(frozen=True)
class PageContent:
    slug: str
    title: str
    search_description: str
    intro: str
    body: list = field(default_factory=list)
    show_in_menus: bool = False


def paragraph(html):
    return {"type": "paragraph", "value": html}


def heading(text, size="l"):
    return {"type": "heading", "value": {"text": text, "size": size}}


def helpline(name, description="", telephone="", hours="", email="", website="", website_text=""):
    return {
        "name": name,
        "description": description,
        "telephone": telephone,
        "hours": hours,
        "email": email,
        "website": website,
        "website_text": website_text,
    }


CONTACT = {"type": "contact", "value": None}

NATIONAL_HELPLINES = {
    "type": "helplines",
    "value": {
        "heading": "Domestic abuse help and support",
        "introduction": (
            "<p>If you or someone you know is experiencing domestic abuse, useful contacts "
            "for support include:</p>"
        ),
        "helplines": [
            helpline("The National Domestic Abuse Helpline", telephone="0808 2000 247"),
            helpline(
                "Mankind",
                description="A helpline for male victims/survivors of domestic abuse.",
                telephone="01823 334244",
            ),
            helpline(
                "GALOP",
                description="A helpline for LGBT+ victim/survivors of domestic abuse.",
            ),
            helpline(
                "Domestic abuse support on GOV.UK",
                website="https://www.gov.uk",
                website_text="GOV.UK",
            ),
        ],
        "source": "Haringey Domestic Abuse Strategy 2023–2028, Haringey Community Safety "
        "Partnership.",
    },
}

HARINGEY_HELPLINES = {
    "type": "helplines",
    "value": {
        "heading": "Help in Haringey",
        "introduction": (
            "<p>Haringey Community Safety Partnership published these contacts in "
            "December 2019. Check them with Haringey Council before you rely on them.</p>"
        ),
        "helplines": [
            helpline(
                "Violence against women and girls",
                description=(
                    "Anyone in Haringey affected by violence against women and girls can call "
                    "for help and support."
                ),
                telephone="0300 012 0213",
            ),
            helpline(
                "Multi-Agency Safeguarding Hub (MASH)",
                description="If you are worried about a child.",
                telephone="020 8489 4470",
                hours="Monday to Thursday 8.45am to 5pm and Friday 8.45am to 4.45pm.",
            ),
            helpline(
                "Emergency Duty Team",
                description="If you are worried about a child out of office hours.",
                telephone="020 8489 0000",
                hours="Out of office hours, including weekends.",
            ),
            helpline(
                "First Response Team (adult social services)",
                description="If you are worried about an adult.",
                telephone="020 8489 1400",
                email="firstresponseteam@haringey.gov.uk",
            ),
        ],
        "source": "Haringey Community Safety Partnership meeting papers, 11 December 2019.",
    },
}

HELP = PageContent(
    slug="help-and-support",
    title="Help and support",
    search_description=(
        "Help lines for anyone affected by domestic abuse, and what to do if someone is in danger."
    ),
    intro="If you or someone you know is experiencing domestic abuse, these services can help.",
    show_in_menus=True,
    body=[
        {"type": "warning_text", "value": IMMEDIATE_DANGER},
        NATIONAL_HELPLINES,
        HARINGEY_HELPLINES,
        heading("Leaving this website quickly"),
        paragraph(
            "<p>Select <b>Exit this page</b>, or press the Shift key 3 times, to leave this "
            "website straight away. It takes you to a weather forecast in the same tab.</p>"
            "<p>Leaving this way does not remove this website from your browsing history. If you "
            "are worried that someone may check your device, use a private or incognito window, "
            "or delete your browsing history afterwards.</p>"
        ),
    ],
)

ACCESSIBILITY = PageContent(
    slug="accessibility-statement",
    title="Accessibility statement",
    search_description="How accessible this website is, and how to report a problem.",
    intro=(
        "This accessibility statement applies to the public pages of this website: published "
        "reviews, the learning library, search and the help pages."
    ),
    body=[
        paragraph(
            "<p>We want as many people as possible to be able to use this website. For example, "
            "that means you should be able to:</p>"
            "<ul><li>change colours, contrast levels and fonts using browser or device "
            "settings</li>"
            "<li>zoom in up to 400% without the text spilling off the screen</li>"
            "<li>navigate the whole website using just a keyboard or speech recognition "
            "software</li>"
            "<li>listen to the website using a screen reader</li>"
            "<li>use the website with JavaScript turned off</li></ul>"
            "<p>We have also made the text as simple as possible to understand.</p>"
            '<p><a href="https://mcmw.abilitynet.org.uk/">AbilityNet has advice on making your '
            "device easier to use</a> if you have a disability.</p>"
        ),
        heading("Feedback and contact information"),
        paragraph(
            "<p>If you need information on this website in a different format, like accessible "
            "PDF, large print, easy read, audio recording or braille, contact us:</p>"
        ),
        CONTACT,
        heading("Reporting accessibility problems with this website"),
        paragraph(
            "<p>We are always looking to improve the accessibility of this website. If you find "
            "a problem not listed on this page, or think we are not meeting accessibility "
            "requirements, contact us:</p>"
        ),
        CONTACT,
        heading("Enforcement procedure"),
        paragraph(
            "<p>The Equality and Human Rights Commission (EHRC) is responsible for enforcing the "
            "Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility "
            "Regulations 2018 (the accessibility regulations). If you are not happy with how we "
            'respond to your complaint, contact the <a href="https://www.equalityadvisoryservice'
            '.com/">Equality Advisory and Support Service (EASS)</a>.</p>'
        ),
        heading("Technical information about this website’s accessibility"),
        paragraph(
            "<p>The partnership that runs this website is committed to making it accessible, in "
            "accordance with the Public Sector Bodies (Websites and Mobile Applications) (No. 2) "
            "Accessibility Regulations 2018.</p>"
        ),
        heading("Compliance status", size="m"),
        paragraph(
            "<p>This website is built to meet the Web Content Accessibility Guidelines (WCAG) "
            "version 2.2 AA standard, and we know of no part of it that does not. It has not yet "
            "been audited by an independent accessibility specialist.</p>"
        ),
        heading("How we test this website"),
        paragraph(
            "<p>Every change to the website is tested in a real browser before it is released. "
            "Every public page template is checked with the axe-core accessibility checker, "
            "navigated with the keyboard alone, used with JavaScript turned off and shown at "
            "320 pixels wide, which is what a 1280 pixel wide screen shows at 400% zoom.</p>"
        ),
        heading("Preparation of this accessibility statement"),
        paragraph("<p>This statement was prepared on 23 November 2026.</p>"),
    ],
)

PRIVACY = PageContent(
    slug="privacy-notice",
    title="Privacy notice",
    search_description="What information this website collects about you, and why.",
    intro="This notice explains what happens to information about you when you use this website.",
    body=[
        heading("Reading this website"),
        paragraph(
            "<p>You can read every public page of this website without telling us who you "
            "are.</p>"
            "<p>This website does not use analytics, advertising or any other tracking, and it "
            "sets no cookies when you read its public pages.</p>"
        ),
        heading("Server logs"),
        paragraph(
            "<p>Like most websites, the server that runs this website keeps a technical record "
            "of each request: the address of the page, the time, and the internet (IP) address "
            "of the device that asked for it. These records are used only to keep the website "
            "secure and working, and are kept only as long as that needs.</p>"
        ),
        heading("Cookies for people who sign in"),
        paragraph(
            "<p>People who work on reviews sign in to a separate part of this website. Signing "
            "in sets two cookies that are strictly necessary: one keeps you signed in "
            "(<code>sessionid</code>) and one protects the forms you send "
            "(<code>csrftoken</code>). They are not used for anything else.</p>"
        ),
        heading("Information in published reviews"),
        paragraph(
            "<p>Reviews are anonymised before they are published. The people they are about are "
            "given pseudonyms, agreed with their families, and no real names or identifying "
            "details are published.</p>"
        ),
        heading("Your rights"),
        paragraph(
            "<p>The partnership that runs this website is the data controller for the "
            "information it holds. To ask about information held about you, or to complain, "
            "contact us:</p>"
        ),
        CONTACT,
        paragraph(
            '<p>You can also complain to the <a href="https://ico.org.uk/">Information '
            "Commissioner’s Office</a>.</p>"
        ),
    ],
)

CONTENT_PAGES = [HELP, ACCESSIBILITY, PRIVACY]

HOME = PageContent(
    slug="home",
    title=SERVICE_NAME,
    search_description=(
        "Published Domestic Homicide Reviews and Safeguarding Adults Reviews, and what is being "
        "done about their recommendations."
    ),
    intro=(
        "When someone dies and domestic abuse or neglect may have played a part, local agencies "
        "review what happened so that lessons are learned. Read the published reviews and follow "
        "what is being done about their recommendations."
    ),
)


def home_body(help_page_id):
    """The home page body links to the help page, so it is written once that page exists."""
    return [
        {"type": "warning_text", "value": IMMEDIATE_DANGER},
        {
            "type": "inset_text",
            "value": (
                "<p>If you or someone you know is experiencing domestic abuse, "
                f'<a linktype="page" id="{help_page_id}">find help and support</a>.</p>'
            ),
        },
        paragraph(
            "<p>Domestic Homicide Reviews (now called Domestic Abuse Related Death Reviews) and "
            "Safeguarding Adults Reviews are anonymised before they are published: the people "
            "in them are given pseudonyms agreed with their families.</p>"
        ),
    ]
