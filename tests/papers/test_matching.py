"""Matching survives typography and look-alike letters, and stays whole-word."""

import pytest

from reviews.papers.matching import Finding, Term, find_terms, normalise, same_term
from reviews.papers.pieces import TextPiece
from reviews.papers.reading import find_in_document
from tests.papers.corpus import (
    DOCX_TYPE,
    ODT_TYPE,
    PDF_TYPE,
    TERM,
    docx_body_with,
    odt,
    pdf_document,
)

SURNAME_TERM = "Smith-Jones"
APOSTROPHE_TERM = "O'Brien"


def pieces(*texts):
    return [TextPiece(f"part {n}", text) for n, text in enumerate(texts, start=1)]


def found(text, term=TERM):
    return bool(find_terms(pieces(text), [term]))


def cyrillic(text):
    return text.translate(str.maketrans("aeopcx", "аеорсх"))


# (id, text as written in the document, the term it hides)
VARIANTS = [
    ("non-breaking hyphen U+2011", "Ms Smith\u2011Jones attended", SURNAME_TERM),
    ("Unicode hyphen U+2010", "Ms Smith\u2010Jones attended", SURNAME_TERM),
    ("en dash", "Ms Smith\u2013Jones attended", SURNAME_TERM),
    ("minus sign U+2212", "Ms Smith\u2212Jones attended", SURNAME_TERM),
    ("small hyphen-minus U+FE63", "Ms Smith\ufe63Jones attended", SURNAME_TERM),
    ("fullwidth hyphen U+FF0D", "Ms Smith\uff0dJones attended", SURNAME_TERM),
    ("space for the hyphen", "Ms Smith Jones attended", SURNAME_TERM),
    ("modifier-letter apostrophe U+02BC", "Mr O\u02bcBrien", APOSTROPHE_TERM),
    ("right single quotation mark", "Mr O\u2019Brien", APOSTROPHE_TERM),
    ("modifier-letter prime U+02B9", "Mr O\u02b9Brien", APOSTROPHE_TERM),
    ("prime U+2032", "Mr O\u2032Brien", APOSTROPHE_TERM),
    ("fullwidth apostrophe U+FF07", "Mr O\uff07Brien", APOSTROPHE_TERM),
    ("acute accent as apostrophe", "Mr O\u00b4Brien", APOSTROPHE_TERM),
    ("grave accent as apostrophe", "Mr O`Brien", APOSTROPHE_TERM),
    ("apostrophe left out", "Mr OBrien", APOSTROPHE_TERM),
    ("zero-width space inside the name", "Mar\u200bjorie Ficti\u200btia", TERM),
    ("zero-width joiner and word joiner", "Marj\u200dorie Fic\u2060titia", TERM),
    ("byte-order mark inside the name", "Marjorie Fict\ufeffitia", TERM),
    ("variation selector", "Marjorie\ufe0f Fictitia", TERM),
    ("soft hyphen", "Mar\u00adjorie Fic\u00adtitia", TERM),
    ("combining grapheme joiner", "Marjo\u034frie Fictitia", TERM),
    (
        "Cyrillic look-alikes а е о р с",
        cyrillic("Marjorie Fictitia") + " " + cyrillic("Pace"),
        TERM,
    ),
    ("Cyrillic а е о р с in every letter they can", "Mаrjоriе Fiсtitiа", TERM),
    ("Greek omicron", "Marj\u03bfrie Fictitia", TERM),
    ("Cyrillic capital М", "\u041carjorie Fictitia", TERM),
    ("fullwidth letters", "\uff2d\uff41\uff52\uff4a\uff4f\uff52\uff49\uff45 Fictitia", TERM),
    ("mathematical bold letters", "\U0001d40c\U0001d41a\U0001d42b\U0001d423orie Fictitia", TERM),
    ("accents", "Márjörie Fîctitià", TERM),
    ("no-break space between words", "Marjorie\u00a0Fictitia", TERM),
    ("narrow no-break space between words", "Marjorie\u202fFictitia", TERM),
    ("line separator between words", "Marjorie\u2028Fictitia", TERM),
    ("hyphenated across a line end", "Marjorie Ficti-\ntia", TERM),
    ("broken across a line end", "Marjorie Ficti\r\ntia", TERM),
    ("upper case", "MARJORIE FICTITIA", TERM),
    ("dotted e-mail address", "marjorie.fictitia@example.org", TERM),
]


@pytest.mark.parametrize(("text", "term"), [v[1:] for v in VARIANTS], ids=[v[0] for v in VARIANTS])
def test_each_typographic_variant_is_found(text, term):
    assert found(text, term), normalise(text)


@pytest.mark.parametrize(
    ("build", "content_type"),
    [
        (docx_body_with, DOCX_TYPE),
        (lambda text: odt(body=f"<text:p>{text}</text:p>"), ODT_TYPE),
        # Unicode in a PDF string: the document information's title
        (lambda text: pdf_document(title=text), PDF_TYPE),
    ],
    ids=["docx", "odt", "pdf"],
)
@pytest.mark.parametrize(
    "variant", [v for v in VARIANTS if v[2] == TERM and "\r" not in v[1]], ids=lambda v: v[0]
)
def test_each_typographic_variant_is_found_in_real_documents(build, content_type, variant):
    _, text, term = variant
    assert find_in_document(build(f"Notes: {text}."), content_type, [term])


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("Anne went to the Annex.", "Ann"),
        ("Joanna and Hannah", "Ann"),
        ("Marjorie Fictitian", TERM),
        ("XMarjorie Fictitia", TERM),
        ("Marjorie and Fictitia", TERM),
        ("He was torn between them.", "Tom"),  # UTS #39 maps m to rn: not in ASCII here
        ("Kirn Road", "Kim"),
        ("A cold morning", "Cold Mor"),
        ("J0hn", "John"),  # digits for letters: a spelling a reader notices
        ("114 Larkspur Row", "14 Larkspur Row"),
        ("14 Larkspur Rowan", "14 Larkspur Row"),
        ("Ilene", "Lene"),
        ("the file is mmap'ed twice", "Ed"),
    ],
)
def test_no_false_positives_from_parts_of_words_or_the_skeleton(text, term):
    assert not found(text, term)


@pytest.mark.parametrize(
    "word",
    [
        "modern",
        "turn",
        "corn",
        "barn",
        "learn",
        "return",
        "rim",
        "mom",
        "oil",
        "ill",
        "lol",
        "cool",
    ],
)
def test_ordinary_english_words_keep_their_own_skeleton(word):
    assert normalise(word) == word


def test_short_names_match_whole_words_only():
    assert find_terms(pieces("Ann's coat", "Ann went out."), ["Ann"]) == [
        Finding("Ann", "part 1"),
        Finding("Ann", "part 2"),
    ]


def test_a_term_split_across_pieces_is_reported_where_it_starts():
    findings = find_terms(pieces("nothing", "visited by Marjorie", "Fictitia later"), [TERM])
    assert findings == [Finding(TERM, "part 2")]


def test_variants_are_reported_under_their_term():
    term = Term(TERM, ("M.F.", "Marj"))
    findings = find_terms(pieces("Signed M. F.", "Marj said", "Marjorie"), [term])
    assert findings == [
        Finding(TERM, "part 1", "M.F."),
        Finding(TERM, "part 2", "Marj"),
    ]
    assert findings[0].describe() == f"“{TERM}” (written “M.F.”) appears in part 1"


def test_terms_may_be_any_object_with_term_and_variants():
    class Row:
        term = "  Rowan   Invented "
        variants = ["R. I.", ""]

    assert Term.coerce(Row()) == Term("Rowan Invented", ("R. I.",))
    assert find_terms(pieces("met R.I. today"), [Row()]) == [
        Finding("Rowan Invented", "part 1", "R. I.")
    ]


def test_the_same_term_typed_differently_is_the_same_term():
    assert same_term("Marjorie  FICTITIA", "marjorie fictitia")
    assert same_term("Smith\u2011Jones", "smith jones")
    assert not same_term("Ann", "Anne")
