"""Visible article text and metadata from an HTML page (stdlib parser, no network).

Scripts, styles, navigation, headers, footers, forms and asides are dropped;
so are the boilerplate lines news sites put around an article ("Read more:",
"Source link", "- Advertisement -"). The result is plain text, one block a line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

__all__ = ["BOILERPLATE", "Page", "extract", "is_boilerplate"]

_SKIP = frozenset(
    "script style noscript template svg math nav header footer aside form iframe button select head object".split()
)
_BLOCK = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr table section article blockquote pre figcaption dd dt hr main".split()
)
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
BOILERPLATE = re.compile(
    r"^\s*(?:read (?:more|also)\b.*|read\s*[|:].*|related(?: (?:articles?|stories|news))?\s*[:|].*|source link"
    r"|-?\s*advertis(?:e)?ment\s*-?|share (?:this|on)\b.*|share:?|follow us\b.*|subscribe\b.*|click here\b.*"
    r"|all rights reserved\.?.*|copyright ©.*|©.*|leave a (?:reply|comment)\b.*"
    r"|your email address will not be published\b.*|you (?:might|may) also like\b.*|also read\s*:.*"
    r"|(?-i:(?:[A-Z]\w* ){1,3}Live))\s*$",  # "Shafaq Live": a site's live-feed link
    re.I,
)
_META_NAMES = {
    "og:title": "title",
    "twitter:title": "title",
    "article:published_time": "published",
    "date": "published",
    "pubdate": "published",
    "publish-date": "published",
    "dc.date": "published",
    "og:site_name": "outlet",
    "og:url": "url",
}


def is_boilerplate(line: str) -> bool:
    """True for a line that belongs to the page around an article, not to the article."""
    return bool(BOILERPLATE.match(line))


@dataclass
class Page:
    text: str
    meta: dict[str, str] = field(default_factory=dict)


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.meta: dict[str, str] = {}
        self._skip_depth = 0
        self._in_title = False
        self._title: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (values.get("property") or values.get("name") or values.get("itemprop") or "").lower()
            if key in _META_NAMES and values.get("content"):
                self.meta.setdefault(_META_NAMES[key], values["content"].strip())
            return
        if tag == "link" and values.get("rel", "").lower() == "canonical" and values.get("href"):
            self.meta.setdefault("url", values["href"].strip())
            return
        if tag == "title":
            self._in_title = True
        if tag in _SKIP and tag not in _VOID:
            self._skip_depth += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _SKIP and tag not in _VOID and self._skip_depth:
            self._skip_depth -= 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
        elif not self._skip_depth:
            self.parts.append(data)

    def page(self) -> Page:
        lines = []
        for raw in "".join(self.parts).splitlines():
            line = " ".join(raw.split())
            if line and not is_boilerplate(line):
                lines.append(line)
        title = " ".join("".join(self._title).split())
        if title:
            self.meta.setdefault("title", title)
        return Page("\n\n".join(lines), self.meta)


def extract(html: str) -> Page:
    """The article text and metadata of an HTML page."""
    parser = _Extractor()
    parser.feed(html)
    parser.close()
    return parser.page()
