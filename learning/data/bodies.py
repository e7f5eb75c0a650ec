"""The national bodies recommendations are most often addressed to, seeded by the
learning migration (0003). Names as the bodies give them on GOV.UK or their own sites;
codes are the stable addressee codes of the open data (learning.opendata). Administrators
add others (another partnership, an agency outside the partnership) in the admin.

(code, name, kind, website)
"""

BODIES = [
    (
        "home-office",
        "Home Office",
        "department",
        "https://www.gov.uk/government/organisations/home-office",
    ),
    (
        "dhsc",
        "Department of Health and Social Care",
        "department",
        "https://www.gov.uk/government/organisations/department-of-health-and-social-care",
    ),
    (
        "moj",
        "Ministry of Justice",
        "department",
        "https://www.gov.uk/government/organisations/ministry-of-justice",
    ),
    (
        "dfe",
        "Department for Education",
        "department",
        "https://www.gov.uk/government/organisations/department-for-education",
    ),
    (
        "dwp",
        "Department for Work and Pensions",
        "department",
        "https://www.gov.uk/government/organisations/department-for-work-pensions",
    ),
    (
        "mhclg",
        "Ministry of Housing, Communities and Local Government",
        "department",
        "https://www.gov.uk/government/organisations/ministry-of-housing-communities-local-government",
    ),
    ("nhs-england", "NHS England", "national_body", "https://www.england.nhs.uk/"),
    (
        "college-of-policing",
        "College of Policing",
        "national_body",
        "https://www.college.police.uk/",
    ),
    ("npcc", "National Police Chiefs' Council", "national_body", "https://www.npcc.police.uk/"),
    ("cps", "Crown Prosecution Service", "national_body", "https://www.cps.gov.uk/"),
    (
        "hmpps",
        "HM Prison and Probation Service",
        "national_body",
        "https://www.gov.uk/government/organisations/her-majestys-prison-and-probation-service",
    ),
    ("cqc", "Care Quality Commission", "regulator", "https://www.cqc.org.uk/"),
    ("ofsted", "Ofsted", "regulator", "https://www.gov.uk/government/organisations/ofsted"),
    (
        "hmicfrs",
        "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services",
        "regulator",
        "https://hmicfrs.justiceinspectorates.gov.uk/",
    ),
    ("gmc", "General Medical Council", "regulator", "https://www.gmc-uk.org/"),
    (
        "domestic-abuse-commissioner",
        "Domestic Abuse Commissioner",
        "commissioner",
        "https://domesticabusecommissioner.uk/",
    ),
    (
        "victims-commissioner",
        "Victims' Commissioner",
        "commissioner",
        "https://victimscommissioner.org.uk/",
    ),
]
