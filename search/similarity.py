"""Similar recommendations for the database backend: TF-IDF cosine over word stems.

Why this measure: recommendations are short and written in a common register ("ensure
that all staff receive training in..."), so raw word overlap rewards boilerplate. TF-IDF
weights each stem by how rare it is across all recommendations, so two texts score high
only when they share the words that carry the lesson (coercive control, carer's
assessment, information sharing), and cosine makes the score independent of length.
Stems (a light suffix-stripper) let "assessment"/"assessments"/"assessing" meet.
Scores run from 0 (nothing shared) to 1 (same words in the same proportions).
"""

import math
import re
from collections import Counter

STOP_WORDS = frozenset(
    """a about above after again all also an and any are as at be been before being below
    between both but by can could did do does doing down during each few for from further
    had has have having he her here hers him his how i if in into is it its itself just me
    more most my no nor not of off on once only or other our ours out over own same she
    should so some such than that the their theirs them then there these they this those
    through to too under until up very was we were what when where which while who whom
    why will with would you your yours should must ensure review recommend recommendation
    recommends partnership agency agencies""".split()  # noqa: SIM905 (easier to read)
)
SUFFIXES = (
    "ations",
    "ation",
    "ments",
    "ment",
    "ings",
    "ing",
    "ies",
    "ied",
    "ers",
    "er",
    "ed",
    "es",
    "ly",
    "s",
)
WORD = re.compile(r"[a-z0-9]+")


def stem(word):
    word = word.lower()
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    # A final e goes too, so "recognise" meets "recognising" and "practice" "practices".
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def stems(text):
    return [stem(w) for w in WORD.findall(text.lower()) if w not in STOP_WORDS and len(w) > 2]


class TfidfIndex:
    """Vectors for a set of texts, keyed by id."""

    def __init__(self, texts):
        counts = {key: Counter(stems(text)) for key, text in texts.items()}
        document_frequency = Counter()
        for counter in counts.values():
            document_frequency.update(counter.keys())
        total = max(1, len(counts))
        self.idf = {
            term: math.log((1 + total) / (1 + df)) + 1 for term, df in document_frequency.items()
        }
        self.vectors = {key: self.vector(counter) for key, counter in counts.items()}

    def vector(self, counter):
        if not isinstance(counter, Counter):
            counter = Counter(stems(counter))
        weights = {t: (1 + math.log(n)) * self.idf.get(t, 1.0) for t, n in counter.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {t: w / norm for t, w in weights.items()}

    @staticmethod
    def cosine(a, b):
        if len(a) > len(b):
            a, b = b, a
        return sum(w * b.get(t, 0.0) for t, w in a.items())

    def most_similar(self, text_or_key, limit=5, threshold=0.2, exclude=()):
        query = self.vectors.get(text_or_key) if text_or_key in self.vectors else None
        if query is None:
            query = self.vector(text_or_key)
        scored = [
            (self.cosine(query, vector), key)
            for key, vector in self.vectors.items()
            if key not in exclude
        ]
        scored = [(score, key) for score, key in scored if score >= threshold]
        scored.sort(key=lambda pair: (-pair[0], str(pair[1])))
        return scored[:limit]
