"""The text that represents a listing or a company for embedding, and its phrases for explanations."""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

MAX_PHRASES = 8
_MIN_PHRASE_CHARS = 12
# sentence ends in the scripts we see (Latin, Cyrillic, CJK); a period between digits ("11.5") is not an end
_SENTENCE_END = re.compile(r"(?<!\d)[.!?;](?!\d)\s+|[。！？；]\s*|\n+")


def _to_cyrillic_if_latin_kazakh(text: str) -> str:
    """Latin-script Kazakh embeds better in Cyrillic; `matching.text` (another module) does the conversion."""
    try:
        from matching.text import kk_latin_to_cyrillic, looks_kazakh_latin
    except ImportError:  # the conversion module is not there yet: embed as typed
        return text
    return kk_latin_to_cyrillic(text) if looks_kazakh_latin(text) else text


def _clean(text: Any) -> str:
    return " ".join(str(text or "").split())


def _prepare(text: str, language: str | None, convert: bool = True) -> str:
    text = _clean(text)
    if convert and language in (None, "", "kk"):
        text = _to_cyrillic_if_latin_kazakh(text)
    return text


def opportunity_text(record: Mapping[str, Any], convert: bool = True) -> str:
    """Title and description of an opportunity (import format), ready to embed (`convert=False`: as typed)."""
    title = _clean(record.get("title"))
    description = _clean(record.get("description"))
    text = f"{title}. {description}" if title and description else title or description
    return _prepare(text, record.get("language"), convert)


def company_text(record: Mapping[str, Any], convert: bool = True) -> str:
    """Name, sectors and description of a company (import format), ready to embed (`convert=False`: as typed)."""
    parts = [_clean(record.get("name") or record.get("title"))]
    sectors = ", ".join(_clean(s) for s in record.get("sectors") or [] if s)
    if sectors:
        parts.append(sectors)
    # only the description may be Latin-script Kazakh: names and sector tags are kept as typed
    parts.append(_prepare(record.get("description"), None, convert))
    return ". ".join(p for p in parts if p)


def listing_text(listing: Mapping[str, Any], convert: bool = True) -> str:
    """The embedding text of a matcher listing of either type (`convert=False`: as the owner typed it)."""
    if listing.get("type") == "company":
        return company_text(listing, convert)
    return opportunity_text(listing, convert)


def split_phrases(text: str, max_phrases: int = MAX_PHRASES) -> list[str]:
    """Sentences of a text, short fragments merged into their neighbour, at most `max_phrases`."""
    pieces = [p.strip() for p in _SENTENCE_END.split(text) if p and p.strip()]
    phrases: list[str] = []
    for piece in pieces:
        if phrases and (len(phrases[-1]) < _MIN_PHRASE_CHARS or len(piece) < _MIN_PHRASE_CHARS):
            phrases[-1] = f"{phrases[-1]} {piece}"
        else:
            phrases.append(piece)
    return phrases[:max_phrases]
