"""Snippets with the matched words marked: text is escaped first, then wrapped in <mark>,
so nothing in an indexed document can inject markup into a results page."""

import re
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .similarity import stem

SNIPPET_LENGTH = 240


def term_pattern(terms):
    """Words that start with a query word's stem (so 'housing' marks 'house' and 'houses')."""
    return compiled_pattern(tuple(terms))


@lru_cache(maxsize=256)  # every hit of a search uses the same one
def compiled_pattern(terms):
    # Short words are marked only whole ("w" must not mark every word starting with w).
    parts = sorted(
        {re.escape(stem(t)) + r"\w*" if len(stem(t)) >= 4 else re.escape(t) + r"\b" for t in terms},
        key=len,
        reverse=True,
    )
    if not parts:
        return None
    return re.compile(r"\b(?:" + "|".join(parts) + ")", re.IGNORECASE)


def window(text, pattern, length=SNIPPET_LENGTH):
    """The part of `text` around its first match, cut at word boundaries."""
    text = " ".join(text.split())
    match = pattern.search(text) if pattern else None
    if len(text) <= length:
        return text, "", ""
    start = 0 if match is None else max(0, match.start() - length // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < match.start() else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return text[start:end], "… " if start else "", " …" if end < len(text) else ""


def snippet(text, terms, length=SNIPPET_LENGTH):
    pattern = term_pattern(terms)
    piece, before, after = window(text or "", pattern, length)
    return mark_safe(before + mark(piece, pattern) + after)  # noqa: S308 (escaped in mark)


def mark(text, pattern):
    if pattern is None:
        return escape(text)
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return "".join(out)


def safe_fragments(fragments):
    """Elasticsearch highlight fragments (encoder 'html': text already escaped, only our
    <mark> tags added) joined into one snippet."""
    return mark_safe(" … ".join(fragments))  # noqa: S308
