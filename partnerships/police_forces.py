"""The 43 territorial police forces of England and Wales, as data: where a partnership's
area is policed (Partnership.police_force_area), for the Home Office's and the Domestic
Homicide Project's figures by force area.

Source: Home Office, "Police workforce, England and Wales" statistics, which report on
the 43 territorial forces (the British Transport Police and other non-territorial forces
are not force areas). Codes are slugs of the names.
"""

POLICE_FORCES = [
    ("avon-and-somerset", "Avon and Somerset Constabulary"),
    ("bedfordshire", "Bedfordshire Police"),
    ("cambridgeshire", "Cambridgeshire Constabulary"),
    ("cheshire", "Cheshire Constabulary"),
    ("city-of-london", "City of London Police"),
    ("cleveland", "Cleveland Police"),
    ("cumbria", "Cumbria Constabulary"),
    ("derbyshire", "Derbyshire Constabulary"),
    ("devon-and-cornwall", "Devon and Cornwall Police"),
    ("dorset", "Dorset Police"),
    ("durham", "Durham Constabulary"),
    ("dyfed-powys", "Dyfed-Powys Police"),
    ("essex", "Essex Police"),
    ("gloucestershire", "Gloucestershire Constabulary"),
    ("greater-manchester", "Greater Manchester Police"),
    ("gwent", "Gwent Police"),
    ("hampshire", "Hampshire and Isle of Wight Constabulary"),
    ("hertfordshire", "Hertfordshire Constabulary"),
    ("humberside", "Humberside Police"),
    ("kent", "Kent Police"),
    ("lancashire", "Lancashire Constabulary"),
    ("leicestershire", "Leicestershire Police"),
    ("lincolnshire", "Lincolnshire Police"),
    ("merseyside", "Merseyside Police"),
    ("metropolitan", "Metropolitan Police Service"),
    ("norfolk", "Norfolk Constabulary"),
    ("north-wales", "North Wales Police"),
    ("north-yorkshire", "North Yorkshire Police"),
    ("northamptonshire", "Northamptonshire Police"),
    ("northumbria", "Northumbria Police"),
    ("nottinghamshire", "Nottinghamshire Police"),
    ("south-wales", "South Wales Police"),
    ("south-yorkshire", "South Yorkshire Police"),
    ("staffordshire", "Staffordshire Police"),
    ("suffolk", "Suffolk Constabulary"),
    ("surrey", "Surrey Police"),
    ("sussex", "Sussex Police"),
    ("thames-valley", "Thames Valley Police"),
    ("warwickshire", "Warwickshire Police"),
    ("west-mercia", "West Mercia Police"),
    ("west-midlands", "West Midlands Police"),
    ("west-yorkshire", "West Yorkshire Police"),
    ("wiltshire", "Wiltshire Police"),
]

assert len(POLICE_FORCES) == 43  # noqa: S101 - the list is the data; a typo must not pass
