"""Headless-Chromium fixtures: a shared browser, recorded pages, an offline page, artifacts, PNG reading.

The browser is Debian's Chromium (``/usr/bin/chromium``, or ``$BORDERLENS_CHROMIUM``) driven by
Playwright's sync API; Playwright's own browser download is never used. Without Chromium the browser
tests skip with the reason, except under CI (``CI=true`` or ``BORDERLENS_REQUIRE_BROWSER=1``),
where they fail so a missing install cannot hide.

Fixtures
--------
browser : playwright Browser, one per session.
page : BrowserPage, a fresh 1280x900 context; records console, page errors and every request.
offline_page : BrowserPage like ``page``, but every request not to file:, data:, about: or blob:
    is aborted and recorded in ``.blocked``; the context is also emulated offline.
artifacts : Path, ``<repo>/artifacts/browser/``, created if missing; save screenshots there.
assert_no_console_errors : the function ``assert_no_console_errors(page, *, allow=())``.
read_png : the function ``read_png(path) -> numpy array (height, width, channels), uint8``.
"""

from __future__ import annotations

import contextlib
import os
import re
import struct
import zlib
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn
from urllib.parse import urlsplit

import numpy as np
import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page, Playwright, Request, Route

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts" / "browser"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
VIEWPORT = {"width": 1280, "height": 900}
TIMEOUT_MS = 15_000

# As known to work on this Debian machine. Playwright adds a fresh, temporary --user-data-dir itself
# (it refuses one in ``args``) and deletes it when the browser closes.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)

# Schemes that never leave the machine; everything else counts as a request to a host.
LOCAL_SCHEMES = frozenset({"file", "data", "about", "blob"})


def chromium_path() -> Path:
    return Path(os.environ.get("BORDERLENS_CHROMIUM") or DEFAULT_CHROMIUM)


def browser_required() -> bool:
    """Whether a missing browser is an error (CI) rather than a reason to skip."""
    truthy = {"1", "true", "yes"}
    return (
        os.environ.get("CI", "").strip().lower() in truthy
        or os.environ.get("BORDERLENS_REQUIRE_BROWSER", "").strip().lower() in truthy
    )


def _unavailable(reason: str) -> NoReturn:
    if browser_required():
        pytest.fail(f"{reason}; CI must run the browser tests (.ci/run installs Debian's chromium)", pytrace=False)
    pytest.skip(reason)


@dataclass(frozen=True)
class ConsoleEntry:
    """One console message: its type ('log', 'warning', 'error', ...), text and source location."""

    type: str
    text: str
    url: str
    line: int

    def __str__(self) -> str:
        where = f" ({self.url}:{self.line})" if self.url else ""
        return f"console.{self.type}: {self.text}{where}"


# The only console errors assert_no_console_errors lets pass, each with why.
ALLOWED_CONSOLE_ERRORS: tuple[tuple[str, Callable[[ConsoleEntry], bool]], ...] = (
    (
        "the browser's own favicon lookup for a file:// page (no page asked for it)",
        lambda e: (
            e.text.startswith("Failed to load resource")
            and e.url.startswith("file:")
            and e.url.endswith("/favicon.ico")
        ),
    ),
)


class BrowserPage:
    """A Playwright page with a record of what happened on it.

    Attributes the recorder does not define (``click``, ``locator``, ``evaluate``, ``screenshot``,
    ...) are the Playwright page's own; ``.page`` is the Playwright page itself, e.g. for
    ``playwright.sync_api.expect``.
    """

    def __init__(self, page: Page, *, offline: bool) -> None:
        self.page = page
        self.offline = offline
        self.console: list[ConsoleEntry] = []
        self.page_errors: list[str] = []  # uncaught exceptions and unhandled rejections, "Name: message"
        self.requests: list[str] = []  # every request's URL, in order, file:// ones included
        self.blocked: list[str] = []  # offline only: requests aborted because they would leave the machine

    def __getattr__(self, name: str) -> Any:
        return getattr(self.page, name)

    @property
    def console_errors(self) -> list[ConsoleEntry]:
        return [e for e in self.console if e.type == "error"]

    @property
    def external_requests(self) -> list[str]:
        """Requests to any host (not file:, data:, about:, blob:), whether or not they were blocked."""
        return [url for url in self.requests if urlsplit(url).scheme not in LOCAL_SCHEMES]

    def open_html(self, path: str | os.PathLike[str], *, wait_until: str = "load") -> None:
        """Navigate to a local HTML file as a file:// URL and wait for its load event."""
        file = Path(path).resolve()
        if not file.is_file():
            raise FileNotFoundError(f"no HTML file at {str(file)!r} to open in the browser")
        self.page.goto(file.as_uri(), wait_until=wait_until)  # type: ignore[arg-type]


def _record(context: BrowserContext, page: Page, *, offline: bool) -> BrowserPage:
    recorded = BrowserPage(page, offline=offline)

    def on_console(msg: Any) -> None:
        loc = msg.location or {}
        recorded.console.append(ConsoleEntry(msg.type, msg.text, loc.get("url", ""), int(loc.get("lineNumber", 0))))

    def on_page_error(err: Any) -> None:
        recorded.page_errors.append(f"{err.name or 'Error'}: {err.message}")

    def on_request(request: Request) -> None:
        recorded.requests.append(request.url)

    context.on("request", on_request)
    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    return recorded


def assert_no_console_errors(page: BrowserPage, *, allow: Iterable[str] = ()) -> None:
    """Fail if the page threw or logged a console error.

    Nothing passes silently: only ``ALLOWED_CONSOLE_ERRORS`` and the regular expressions in
    ``allow`` (searched in the message text) are let through, and the failure message lists those too.
    """
    patterns = [re.compile(p) for p in allow]
    bad: list[str] = [f"page error: {e}" for e in page.page_errors]
    allowed: list[str] = []
    for entry in page.console_errors:
        reason = next((why for why, ok in ALLOWED_CONSOLE_ERRORS if ok(entry)), None)
        if reason is None:
            reason = next((f"allow={p.pattern!r}" for p in patterns if p.search(entry.text)), None)
        if reason is None:
            bad.append(str(entry))
        else:
            allowed.append(f"{entry}  [allowed: {reason}]")
    if bad:
        lines = [f"{len(bad)} error(s) in the browser:", *(f"  {b}" for b in bad)]
        if allowed:
            lines += ["let through:", *(f"  {a}" for a in allowed)]
        pytest.fail("\n".join(lines), pytrace=False)


def read_png(path: str | os.PathLike[str]) -> np.ndarray:
    """Decode an 8-bit, non-interlaced greyscale/RGB/RGBA PNG into an (h, w, channels) uint8 array.

    Checks the signature and every chunk's CRC, so a truncated or corrupt file fails here.
    """
    data = Path(path).read_bytes()
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        raise ValueError(f"{str(path)!r} is not a PNG file (signature {data[:8]!r})")
    pos, idat, header = 8, bytearray(), None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        if zlib.crc32(kind + body) != crc:
            raise ValueError(f"{str(path)!r}: bad CRC in chunk {kind!r} at byte {pos}")
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
        pos += 12 + length
    if header is None:
        raise ValueError(f"{str(path)!r}: no IHDR chunk")
    width, height, depth, colour, _, _, interlace = header
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(colour)
    if depth != 8 or channels is None or interlace:
        raise ValueError(f"{str(path)!r}: only 8-bit non-interlaced grey/RGB/RGBA, not {header}")
    raw = zlib.decompress(bytes(idat))
    stride = width * channels
    if len(raw) != height * (stride + 1):
        raise ValueError(f"{str(path)!r}: {len(raw)} bytes of pixel data for {width}x{height}x{channels}")
    rows = np.frombuffer(raw, dtype=np.uint8).reshape(height, stride + 1)
    out = np.zeros((height, stride), dtype=np.uint8)
    prev = np.zeros(stride, dtype=np.uint8)
    for y in range(height):
        kind, line = rows[y, 0], rows[y, 1:]
        if kind == 0:
            cur = line.copy()
        elif kind == 1:  # Sub: a running sum per channel
            cur = (np.cumsum(line.reshape(width, channels), axis=0, dtype=np.uint64) % 256).astype(np.uint8).ravel()
        elif kind == 2:  # Up
            cur = line + prev
        elif kind in (3, 4):  # Average, Paeth: each byte needs the one before it
            cur_b, up, src = bytearray(stride), prev.tobytes(), line.tobytes()
            for i in range(stride):
                a = cur_b[i - channels] if i >= channels else 0
                b = up[i]
                if kind == 3:
                    cur_b[i] = (src[i] + (a + b) // 2) & 0xFF
                else:
                    c = up[i - channels] if i >= channels else 0
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                    cur_b[i] = (src[i] + pred) & 0xFF
            cur = np.frombuffer(bytes(cur_b), dtype=np.uint8)
        else:
            raise ValueError(f"{str(path)!r}: unknown PNG filter {kind} on row {y}")
        out[y] = cur
        prev = cur
    return out.reshape(height, width, channels)


# --- fixtures -----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def _playwright() -> Iterator[Playwright]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable('playwright is not installed (pip install -e ".[test]")')
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(_playwright: Playwright) -> Iterator[Browser]:
    exe = chromium_path()
    if not (exe.is_file() and os.access(exe, os.X_OK)):
        _unavailable(f"no Chromium at {str(exe)!r} (apt-get install chromium, or set BORDERLENS_CHROMIUM)")
    browser = _playwright.chromium.launch(executable_path=str(exe), args=list(CHROMIUM_FLAGS), timeout=60_000)
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def _new_page(browser: Browser, *, offline: bool) -> tuple[BrowserContext, BrowserPage]:
    context = browser.new_context(viewport=VIEWPORT, offline=offline, service_workers="block")  # type: ignore[arg-type]
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    recorded = _record(context, page, offline=offline)
    if offline:

        def block_hosts(route: Route) -> None:
            url = route.request.url
            if urlsplit(url).scheme in LOCAL_SCHEMES:
                route.continue_()
            else:
                recorded.blocked.append(url)
                route.abort("internetdisconnected")

        context.route("**/*", block_hosts)
    return context, recorded


_CALL_FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report: pytest.TestReport = yield
    if report.when == "call":
        item.stash[_CALL_FAILED] = report.failed
    return report


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)


def _close(request: pytest.FixtureRequest, context: BrowserContext, recorded: BrowserPage) -> None:
    """Close the context; if the test failed, first save what the page showed to artifacts/browser/."""
    if request.node.stash.get(_CALL_FAILED, False):
        from playwright.sync_api import Error as PlaywrightError

        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid.split("::", 1)[-1])
        with contextlib.suppress(PlaywrightError):  # the page may be gone; the test's failure is what matters
            recorded.page.screenshot(path=ARTIFACTS / f"FAILED-{name}.png")
    context.close()


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[BrowserPage]:
    context, recorded = _new_page(browser, offline=False)
    yield recorded
    _close(request, context, recorded)


@pytest.fixture
def offline_page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[BrowserPage]:
    context, recorded = _new_page(browser, offline=True)
    yield recorded
    _close(request, context, recorded)


@pytest.fixture(name="assert_no_console_errors")
def _assert_no_console_errors() -> Callable[..., None]:
    return assert_no_console_errors


@pytest.fixture(name="read_png")
def _read_png() -> Callable[[str | os.PathLike[str]], np.ndarray]:
    return read_png


# -- hostile input, shared by the map and report tests ---------------------------------------------
@dataclass(frozen=True)
class Hostile:
    """Events whose article text, title, outlet and URL try to run script in the page.

    ``events`` come from one article (``documents[0]``); ``write_inputs`` writes every hostile
    article as JSON Lines and curated records (notes, place names, actors, sources) as CSV, for
    building maps and reports with the real commands. Each payload sets ``window.__xss`` and calls
    ``alert``; none contains a full stop, so each stays inside its evidence sentence.
    """

    strings: tuple[str, ...]  # each must show literally: [0] is the title, [1] the outlet, [2] a page title
    events: list[Any]
    gazetteer: Any
    documents: tuple[Any, ...] = ()
    urls: tuple[str, ...] = ()  # javascript: and data: URLs, and an http URL that tries to leave its attribute
    curated: tuple[dict[str, str], ...] = ()  # curated record rows
    extra_strings: tuple[str, ...] = ()  # more payloads, in the other articles and the curated records

    @property
    def literal(self) -> tuple[str, ...]:
        """Every text payload a page must show as it is."""
        return (*self.strings, *self.extra_strings)

    def write_inputs(self, folder: Path) -> tuple[Path, Path]:
        """(articles.jsonl, curated.csv) in ``folder``."""
        import csv
        import json

        articles = folder / "articles.jsonl"
        lines = [
            json.dumps(
                {
                    "id": d.id,
                    "title": d.title,
                    "published": str(d.published),
                    "outlet": d.outlet,
                    "url": d.url,
                    "text": d.text,
                },
                ensure_ascii=False,
            )
            for d in self.documents
        ]
        articles.write_text("\n".join(lines) + "\n", encoding="utf-8")
        curated = folder / "curated.csv"
        with curated.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(self.curated[0]))
            writer.writeheader()
            writer.writerows(self.curated)
        return articles, curated


@pytest.fixture(scope="session")
def hostile() -> Hostile:
    from datetime import date

    from gazetteer import Gazetteer
    from geo.events import events_from_document
    from geo.model import Document

    strings = (
        '<script>window.__xss = "script"; alert("script")</script>',
        "<img src=x onerror=\"window.__xss = 'img'; alert('img')\">",
        '"><svg onload="window.__xss = \'svg\'">',
    )
    extra = (
        "'><svg/onload=window.__xss='svg2'>",
        "</script><script>window.__xss = 'close'</script>",
        "<iframe src=\"javascript:window.parent.__xss='frame'\"></iframe>",
        "<a href=\"javascript:window.__xss='link'\">click me</a>",
    )
    urls = (
        "javascript:alert(1)",
        " JaVaScRiPt:window.__xss='url'",
        "data:text/html,<script>window.__xss='data'</script>",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        'https://example.org/"><svg onload="window.__xss=\'href\'">',
    )
    gaz = Gazetteer.load()
    text = f"Iranian drones struck Koya on Monday {' '.join(strings)} killing two."
    doc = Document(
        "hostile", text, title=strings[0], published=date(2022, 11, 16), outlet=strings[1], url="javascript:alert(1)"
    )
    events = events_from_document(doc, gaz)
    assert events and events[0].place is not None, "the hostile article must still yield a placed event"
    documents = (
        doc,
        Document(
            "hostile-area",
            f"Iranian artillery shelled the Kurdistan Region on Saturday {extra[0]} {extra[1]} locals said.",
            title=extra[2],
            published=date(2022, 9, 26),
            outlet=extra[3],
            url=urls[2],
        ),
        Document(
            "hostile-meeting",
            f"Iraqi and Iranian officials met in Baghdad on Sunday {strings[2]} {extra[3]} to discuss the border.",
            title=extra[0],
            published=date(2023, 3, 19),
            outlet=extra[1],
            url=urls[1],
        ),
    )
    curated = tuple(
        {
            "event_date": day,
            "event_type": "strike",
            "sub_event_type": "<img src=x onerror=alert('sub')>",
            "location": location,
            "latitude": lat,
            "longitude": lon,
            "actor1": actor1,
            "actor2": actor2,
            "notes": notes,
            "source": source,
        }
        for day, location, lat, lon, actor1, actor2, notes, source in [
            ("2022-10-02", strings[1], "36.2", "44.9", strings[0], extra[2], extra[1], urls[0]),
            ("2022-10-03", extra[0], "36.5", "45.4", strings[2], extra[3], strings[0], urls[4]),
            ("2022-10-04", "Penjwen", "", "", extra[1], "", extra[2], urls[3]),
        ]
    )
    return Hostile(strings, events, gaz, documents, urls, curated, extra)
