"""Characters that have no place in text people type: C0/C1 control characters (other
than tab and line breaks), lone surrogates and the two non-characters U+FFFE/U+FFFF.
XML 1.0 cannot carry them at all (a feed or sitemap holding one is not well-formed), and
in a name they only ever hide something."""

import re

from django.core.exceptions import ValidationError

# Not allowed in XML 1.0 (https://www.w3.org/TR/xml/#charsets), plus C1 controls and DEL.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def without_control_characters(text):
    """`text` with every control character removed (for XML output)."""
    return CONTROL_CHARACTERS.sub("", text) if isinstance(text, str) else text


def refuse_control_characters(value):
    """Form and model validator: refuse text holding a control character."""
    found = CONTROL_CHARACTERS.search(value or "")
    if found:
        raise ValidationError(
            "Remove the invisible control character (U+%(code)04X) from this text.",
            code="control_character",
            params={"code": ord(found.group())},
        )
