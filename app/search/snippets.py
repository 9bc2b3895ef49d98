"""A found document's snippet: a passage or two of its text with the matched words marked.

Words are marked where their stem is one the query matched in the index, so "washing" is
marked for a search of "wash". Whoosh's highlighter runs each passage through the whole
analysis chain and its fragment scoring; here a passage's words are matched by a regular
expression and a cached stem lookup, several times faster for the twenty results of a page.
"""

import functools
import re

from markupsafe import Markup, escape
from whoosh.lang import has_stopwords, stopwords_for_language
from whoosh.query import Every, Query

from app.search.schema import PLAIN, stem_to_fixed_point

#: A word as the index's tokenizer reads one (Whoosh's RegexTokenizer's default pattern).
WORD = re.compile(r"\w+(?:\.?\w+)*")
#: Passages (lines of the reader's text) a snippet is taken from, and fragments shown of them.
PASSAGES, FRAGMENTS = 3, 2
#: Characters of context on each side of a marked word, and the longest fragment.
SURROUND, LONGEST = 60, 240
BETWEEN = " … "


def found_stems(reader, query: Query) -> dict[str, set[str]]:
    """The indexed words (stems) ``query`` matches, per language field suffix ("fi",
    "plain")."""
    if isinstance(query, Every):
        return {}
    stems: dict[str, set[str]] = {}
    # (Query.existing_terms would do, but in Whoosh 2.7.4 it skips every field after the first.)
    for leaf in query.leaves():
        for fieldname, text in leaf.expanded_terms(reader, phrases=True):
            if fieldname.startswith("text_"):
                word = text.decode() if isinstance(text, bytes) else text
                stems.setdefault(fieldname.removeprefix("text_"), set()).add(word)
    return stems


@functools.cache
def stop_words(suffix: str) -> frozenset[str]:
    if suffix == PLAIN or not has_stopwords(suffix):
        return frozenset()
    return frozenset(stopwords_for_language(suffix))


def stem(suffix: str, word: str) -> str:
    return word if suffix == PLAIN else stem_to_fixed_point(suffix, word)


class Matching:
    """Whether a word (any case) is one whose stem the query matched; each distinct word is
    stemmed once, however often it occurs (stop words never match)."""

    def __init__(self, stems: set[str], suffix: str):
        self.stems = stems
        self.suffix = suffix
        self.skipped = stop_words(suffix)
        self.known: dict[str, bool] = {}

    def __call__(self, word: str) -> bool:
        found = self.known.get(word)
        if found is None:
            lowered = word.lower()
            found = lowered not in self.skipped and stem(self.suffix, lowered) in self.stems
            self.known[word] = found
        return found


def marks(line: str, matching: Matching) -> list[tuple[int, int]]:
    """Where the line's matching words start and end."""
    known = matching.known
    return [
        word.span()
        for word in WORD.finditer(line)
        if known.get(text := word.group()) or (text not in known and matching(text))
    ]


def fragments(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int, list]]:
    """Windows of ``text`` around the marks, each at most LONGEST characters: (start, end,
    the marks inside)."""
    windows: list[tuple[int, int, list]] = []
    for start, end in spans:
        last = min(len(text), end + SURROUND)
        if windows and last - windows[-1][0] <= LONGEST:
            first, _, inside = windows[-1]
            windows[-1] = (first, last, [*inside, (start, end)])
        else:
            windows.append((max(0, start - SURROUND), last, [(start, end)]))
    return [(word_start(text, a), word_end(text, b), inside) for a, b, inside in windows]


def word_start(text: str, place: int) -> int:
    """``place``, moved forward past a word it cuts in two."""
    if place == 0 or not text[place - 1].isalnum():
        return place
    space = text.find(" ", place)
    return place if space == -1 else space + 1


def word_end(text: str, place: int) -> int:
    """``place``, moved back before a word it cuts in two."""
    if place == len(text) or not text[place].isalnum():
        return place
    space = text.rfind(" ", 0, place)
    return place if space == -1 else space


def rendered(text: str, start: int, end: int, inside: list[tuple[int, int]]) -> Markup:
    """The fragment, escaped, with its marked words in <mark>."""
    parts, place = [], start
    for first, last in inside:
        parts += [escape(text[place:first]), Markup("<mark>"), escape(text[first:last])]
        parts.append(Markup("</mark>"))
        place = last
    parts.append(escape(text[place:end]))
    return Markup("").join(parts).strip()


def snippet(text: str, stems: set[str], suffix: str) -> Markup | None:
    """The best fragments (most distinct words marked) of the first passages that hold a
    matched word, in the text's order; None when no word of the text matches. Only the lines
    up to the last passage taken are read."""
    matching = Matching(stems, suffix)
    passages = []
    for line in text.splitlines():
        spans = marks(line, matching)
        if spans:
            passages.append((line, spans))
            if len(passages) == PASSAGES:
                break
    if not passages:
        return None
    joined = "\n".join(line for line, _ in passages)
    spans, offset = [], 0
    for line, line_spans in passages:
        spans += [(offset + start, offset + end) for start, end in line_spans]
        offset += len(line) + 1
    windows = fragments(joined, spans)
    best = sorted(
        range(len(windows)),
        key=lambda n: -len({joined[a:b].lower() for a, b in windows[n][2]}),
    )[:FRAGMENTS]
    return escape(BETWEEN).join(
        rendered(joined, *windows[n]).replace("\n", " ") for n in sorted(best)
    )
