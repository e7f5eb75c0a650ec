"""What reading a file produces: the strings found, each with where it was found.

Readers add to a Collector; a file found inside another (an attachment, an embedded
object) is read into a child collector whose places are prefixed with where it sat.
"""

from dataclasses import dataclass, field

__all__ = ["CannotBeChecked", "Collector", "DocumentText", "TextPiece"]

# A file inside a file inside a file is read; deeper than this it cannot be checked.
MAX_NESTING = 3
MAX_LABEL = 80


class CannotBeChecked(Exception):
    """The file cannot be read completely, so it cannot be called clean. The message is a
    sentence fragment saying why ("it is password-protected")."""


@dataclass(frozen=True)
class TextPiece:
    """A string found in a file and where (`location`, shown to the officer). `body` marks
    the document's own page or paragraph text, as opposed to everything else it holds
    (properties, comments, markup, a file attached inside it)."""

    location: str
    text: str
    body: bool = False


@dataclass
class DocumentText:
    """Every string found in a file, and the places whose content could not be read as
    text (pictures, fonts): an officer must look at those by eye."""

    pieces: list = field(default_factory=list)
    unread: list = field(default_factory=list)
    # Whether the file's own pages or paragraphs hold any text (a scanned file has none)
    has_body_text: bool = False

    @property
    def body(self):
        """The document's own page or paragraph text, in reading order."""
        return [piece for piece in self.pieces if piece.body]


def short(label):
    label = "".join(ch if ch.isprintable() else " " for ch in str(label))
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


class Collector:
    """Gathers TextPieces in reading order; `embedded` reads a file found inside."""

    def __init__(self, read_embedded, result=None, prefix="", depth=0):
        self.read_embedded_file = read_embedded
        self.result = result if result is not None else DocumentText()
        self.prefix = prefix
        self.depth = depth

    def place(self, location):
        return f"{self.prefix}{location}"

    def add(self, location, text, body=False):
        """Add a string found at `location`; `body` if it is the document's own page or
        paragraph text (not that of a file inside it)."""
        if text and text.strip():
            body = body and self.depth == 0
            self.result.pieces.append(TextPiece(self.place(location), text, body))
            if body:
                self.result.has_body_text = True

    def note_unread(self, location):
        place = self.place(location)
        if place not in self.result.unread:
            self.result.unread.append(place)

    def embedded(self, data, location):
        """Read a file found inside this one, its places prefixed with `location`."""
        if self.depth + 1 > MAX_NESTING:
            raise CannotBeChecked(
                f"{self.place(location)} holds files nested too deeply to be checked"
            )
        child = Collector(
            self.read_embedded_file, self.result, f"{self.place(location)}: ", self.depth + 1
        )
        self.read_embedded_file(data, child, location)
