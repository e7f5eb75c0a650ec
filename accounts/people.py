"""How a person is named anywhere in the interface: by their full name, never by their
username (which is a sign-in detail), unless the account has no name recorded."""


def full_name(user):
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def name_people(field):
    """Make a choice of users (a ModelChoiceField) list them by full name."""
    field.label_from_instance = full_name
    return field
