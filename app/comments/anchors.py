"""Passages quoted from a revision, and finding them again in a later revision.

A quote is kept with the text just before and after it in the revision it was taken from (its
context). In a later revision the passage is found word for word, preferring the occurrence
whose context still fits best; failing that, as an edited passage between its old context or
as the most similar stretch of text; failing that, it is gone. However much whitespace a quote
has, any whitespace matches it: a passage copied from the page across a line break still counts.
"""

import re
import string
from dataclasses import dataclass
from difflib import SequenceMatcher

#: Characters of context kept on each side of a quote.
CONTEXT = 60
#: Characters of context next to an edited passage that must survive to bracket it.
PROBE = 20
#: How alike (0-1) an edited passage must be to the quote to count as the same passage; less
#: between the quote's old context, which vouches for the place.
SIMILAR = 0.6
SIMILAR_IN_PLACE = 0.4
#: Passages longer than this together are compared word by word (letter by letter is slow).
LETTER_BY_LETTER = 400

_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Anchor:
    quote: str
    before: str
    after: str


@dataclass(frozen=True)
class Located:
    start: int
    end: int
    #: The quote is there word for word; False for a passage that was edited since.
    exact: bool


class QuoteNotFound(ValueError):
    """The quote is not in the text it is said to come from."""


def capture(text: str, quote: str) -> Anchor:
    """The quote as it stands in ``text`` (its first occurrence), with its context."""
    spans = occurrences(text, quote)
    if not spans:
        raise QuoteNotFound("the quote does not occur in the text")
    start, end = spans[0]
    return Anchor(
        quote=text[start:end],
        before=text[max(0, start - CONTEXT) : start],
        after=text[end : end + CONTEXT],
    )


def locate(anchor: Anchor, text: str) -> Located | None:
    """Where the anchored passage is in ``text``; None once it is gone."""
    return _word_for_word(anchor, text) or _between_context(anchor, text) or _similar(anchor, text)


def occurrences(text: str, quote: str) -> list[tuple[int, int]]:
    """Every (start, end) where the quote's words stand in ``text``, overlapping ones too."""
    words = quote.split()
    if not words:
        return []
    pattern = r"\s+".join(re.escape(word) for word in words)
    return [match.span(1) for match in re.finditer(f"(?=({pattern}))", text)]


def _word_for_word(anchor: Anchor, text: str) -> Located | None:
    spans = occurrences(text, anchor.quote)
    if not spans:
        return None
    start, end = max(spans, key=lambda span: _context_fit(anchor, text, *span))
    return Located(start, end, exact=True)


def _context_fit(anchor: Anchor, text: str, start: int, end: int) -> int:
    """How many characters of the anchor's context still stand right beside the span."""
    before = text[max(0, start - len(anchor.before)) : start]
    after = text[end : end + len(anchor.after)]
    return _shared_start(before[::-1], anchor.before[::-1]) + _shared_start(after, anchor.after)


def _shared_start(one: str, other: str) -> int:
    """How many characters the two strings share from their start."""
    for index, (a, b) in enumerate(zip(one, other, strict=False)):
        if a != b:
            return index
    return min(len(one), len(other))


def _between_context(anchor: Anchor, text: str) -> Located | None:
    """An edited passage: what now stands between the last words before it and the first words
    after it, if it is still somewhat like the quote."""
    head, tail = anchor.before[-PROBE:], anchor.after[:PROBE]
    if not head.strip() or not tail.strip():
        return None
    longest = 2 * len(anchor.quote) + PROBE
    candidates = []
    position = text.find(head)
    while position != -1:
        start = position + len(head)
        end = text.find(tail, start, start + longest + len(tail))
        if end != -1 and _alike(text[start:end], anchor.quote) >= SIMILAR_IN_PLACE:
            candidates.append((start, end))
        position = text.find(head, position + 1)
    if not candidates:
        return None
    start, end = min(candidates, key=lambda span: abs(span[1] - span[0] - len(anchor.quote)))
    return _trimmed(text, start, end)


def _similar(anchor: Anchor, text: str) -> Located | None:
    """The stretch of ``text`` whose words best match the quote's, if it is alike enough."""
    words = list(_WORD.finditer(text))
    quote_words = [_loose(word) for word in anchor.quote.split()]
    matcher = SequenceMatcher(None, [_loose(w.group()) for w in words], quote_words, autojunk=False)
    blocks = [block for block in matcher.get_matching_blocks() if block.size]
    if not blocks:
        return None
    main = max(blocks, key=lambda block: block.size)
    slack = len(quote_words) // 2 + 1
    low = main.a - main.b - slack
    high = main.a + len(quote_words) - main.b + slack
    near = [block for block in blocks if low <= block.a and block.a + block.size <= high]
    start = words[min(block.a for block in near)].start()
    end = words[max(block.a + block.size for block in near) - 1].end()
    if _alike(text[start:end], anchor.quote) < SIMILAR:
        return None
    return Located(start, end, exact=False)


def _alike(passage: str, quote: str) -> float:
    """How alike two passages read: letter by letter, or word by word once they are long."""
    ours, theirs = passage.split(), quote.split()
    if len(passage) + len(quote) > LETTER_BY_LETTER:
        ours, theirs = [_loose(word) for word in ours], [_loose(word) for word in theirs]
    else:
        ours, theirs = " ".join(ours), " ".join(theirs)
    return SequenceMatcher(None, ours, theirs, autojunk=False).ratio()


def _loose(word: str) -> str:
    """A word as an edit barely changes it: in any case, without punctuation around it."""
    return (
        word.casefold().strip(string.punctuation + "\u201c\u201d\u2018\u2019\u00ab\u00bb\u2026")
        or word
    )


def _trimmed(text: str, start: int, end: int) -> Located:
    """The span without the whitespace at its edges."""
    passage = text[start:end]
    start += len(passage) - len(passage.lstrip())
    end -= len(passage) - len(passage.rstrip())
    return Located(start, end, exact=False)
