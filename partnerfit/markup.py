"""Text from files and users made inert for the format it goes into: Markdown escapes, and links that are
written only when they are http(s)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Every ASCII punctuation character may be backslash-escaped in CommonMark; these are the ones that can start
# markup (emphasis, links, HTML, headings, lists, tables, code, math and directives in Streamlit; '/' because
# Streamlit turns ':material/name:' into an icon even with its colons escaped).
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~&$:=\"'/])")
# In plain CommonMark/GFM (a downloaded .md file) fewer escapes are needed, which keeps the file readable:
# characters that open inline markup anywhere, and those that start a block only at the start of a line.
_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]<>|~&$#])")
_BLOCK_START = re.compile(r"^(\s*)([-+=>]|\d+(?=[.)]))")


def escape_markdown(text: str, *, streamlit: bool = True) -> str:
    """``text`` as literal Markdown: specials backslash-escaped, so nothing in it becomes markup.

    With ``streamlit=True`` (for ``st.markdown`` and friends) every special is escaped, including
    Streamlit's own ``:emoji:``, ``:color[...]`` and ``$math$``; with ``streamlit=False`` only what
    CommonMark and GitHub tables need, line by line.
    """
    if streamlit:
        return _MARKDOWN_SPECIALS.sub(r"\\\1", text)
    lines = []
    for line in text.split("\n"):
        line = _INLINE_SPECIALS.sub(r"\\\1", line)
        lines.append(_BLOCK_START.sub(lambda m: m.group(1) + _escape_block_start(m.group(2)), line))
    return "\n".join(lines)


def _escape_block_start(token: str) -> str:
    """'-' -> '\\-'; '12' (before '.' or ')') -> '12\\' so the '.' or ')' that follows is escaped."""
    return token + "\\" if token.isdigit() else "\\" + token


_MARKUP_IN_URL = {"<": "%3C", ">": "%3E", '"': "%22", "'": "%27", "`": "%60"}


def safe_link(url: str) -> str | None:
    """``url`` if it is an absolute http(s) link without spaces, with markup characters percent-encoded (as a
    browser would: ``https://fr.wikipedia.org/wiki/Musée_d'Orsay`` is a real link, not one to drop); else None.
    """
    if not isinstance(url, str) or re.search(r"\s", url):
        return None
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return "".join(_MARKUP_IN_URL.get(char, char) for char in url)
