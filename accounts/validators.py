"""Password rules beyond Django's own (length 12, common, numeric, similarity)."""

import re

from django.core.exceptions import ValidationError

MIN_PART_LENGTH = 3


class PersonalInformationValidator:
    """Refuse a password that contains the user's username, first or last name, or a
    word of their email address: the first things an attacker who knows them tries.
    Short fragments (under three letters) are ignored so initials do not block
    ordinary words."""

    message = "Your password must not contain your name, username or email address."

    def words_of(self, user):
        values = [
            user.get_username(),
            getattr(user, "first_name", ""),
            getattr(user, "last_name", ""),
        ]
        email = getattr(user, "email", "") or ""
        local, _, domain = email.partition("@")
        values += [local, domain.split(".")[0]]
        words = set()
        for value in values:
            value = (value or "").lower()
            words.add(value)
            words.update(re.split(r"[^a-z0-9]+", value))
        return {word for word in words if len(word) >= MIN_PART_LENGTH}

    def validate(self, password, user=None):
        if user is None:
            return
        lowered = password.lower()
        if any(word in lowered for word in self.words_of(user)):
            raise ValidationError(self.message, code="password_contains_personal_information")

    def get_help_text(self):
        return self.message
