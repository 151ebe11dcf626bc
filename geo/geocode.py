"""Resolve the names the gazetteer lacks through an online geocoder (geopy): the opt-in fallback.

Only places left unresolved by :mod:`geo.resolve` are looked up, each distinct
name once per call, and only when :attr:`Settings.online <geo.settings.Settings.online>`
is on. A service's failure for one name (time-out, HTTP 429 or 500, an answer
that is not JSON, a dropped connection) is a :class:`GeocodeFailure` in the
returned list, like "nothing found": the run goes on with the next name.

Answers, including "nothing found", are kept in a small SQLite file
(:class:`GeocodeCache`), so a second run asks the service nothing it already
answered. Errors are not kept: the next run asks again.

The rate limit belongs to the service, not to one call: requests to one service
and domain share a single :class:`geopy.extra.rate_limiter.RateLimiter` for the
whole process, so calling this once per document still keeps to the limit.
"""

from __future__ import annotations

import inspect
import json
import logging
import math
import sqlite3
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from types import TracebackType
from typing import Any, Final, Literal, NamedTuple

from geopy import adapters
from geopy import exc as geopy_exc
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import get_geocoder_for_service

from geo.errors import BorderlensError, SettingsError
from geo.model import Place
from geo.settings import CACHE_DIR_ENV, Settings

__all__ = ["NOT_FOUND", "REASONS", "CacheKey", "Found", "GeocodeCache", "GeocodeFailure", "geocode_unresolved"]

log = logging.getLogger(__name__)

NOT_FOUND: Final = "not_found"
REASONS = (NOT_FOUND, "timeout", "rate_limited", "unavailable", "bad_response", "refused", "bad_query", "error")
CONFIDENCE = 0.5  # a geocoder's first hit for a bare name, without the document's context
_AREA_KINDS = frozenset({"country", "adm1", "region", "border"})
_MAX_RETRIES = 1
_ERROR_WAIT_FACTOR = 5.0  # after an error, wait this many delays before the retry (1 s -> 5 s, geopy's default)
# The limit is what the server sees: requests spend slightly different times on the
# wire, so keep a small margin over the delay between the moments requests leave.
_WIRE_MARGIN_SECONDS = 0.05
_LANGUAGE = "en"  # names come back in English, like the gazetteer's canonical names

_SETTLEMENT_TYPES = frozenset(
    "city town village hamlet suburb quarter neighbourhood borough locality isolated_dwelling farm".split()
)
_ADM1_TYPES = frozenset({"state", "province"})
_ADM2_TYPES = frozenset({"county", "district", "state_district", "municipality"})
_LANDMARK_CLASSES = frozenset(
    "tourism historic natural amenity man_made building leisure waterway aeroway military landuse".split()
)


@dataclass(frozen=True, slots=True)
class GeocodeFailure:
    """A name the online geocoder did not resolve, and why; reported, never raised.

    ``reason`` is one of :data:`REASONS` (``"not_found"`` when the service
    answered but knows no such place); ``message`` says it for a person.
    """

    name: str
    reason: str
    message: str


@dataclass(frozen=True, slots=True)
class Found:
    """What the geocoder said about a name, in the fields a :class:`~geo.resolve.Place` carries."""

    place_id: str
    name: str
    kind: str
    country: str | None
    admin1: str | None
    lat: float
    lon: float
    precision: int

    def fill(self, place: Place) -> Place:
        """``place`` resolved to this answer (less sure than a gazetteer match)."""
        return replace(
            place,
            place_id=self.place_id,
            name=self.name,
            kind=self.kind,
            country=self.country,
            admin1=self.admin1,
            lat=self.lat,
            lon=self.lon,
            precision=self.precision,
            confidence=CONFIDENCE,
        )


class CacheKey(NamedTuple):
    """What makes two look-ups the same question: service, domain, normalised name, countries."""

    service: str
    domain: str
    query: str
    country_codes: str

    @classmethod
    def of(cls, name: str, settings: Settings) -> CacheKey:
        return cls(settings.geocoder, settings.domain or "", normalise_name(name), ",".join(settings.country_codes))


def normalise_name(name: str) -> str:
    """The form two spellings of one query share: NFKC, case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


class GeocodeCache:
    """Geocoder answers on disk, in ``<directory>/geocode.sqlite3``; "nothing found" is an answer too.

    The file is opened on first use and written after every answer, so a run
    that is stopped keeps what it learnt. Use as a context manager, or call
    :meth:`close`.
    """

    FILENAME = "geocode.sqlite3"

    def __init__(self, directory: str | Path) -> None:
        self.path = Path(directory) / self.FILENAME
        self._conn: sqlite3.Connection | None = None

    def __enter__(self) -> GeocodeCache:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(self.path, isolation_level=None)
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS geocode ("
                    " service TEXT NOT NULL, domain TEXT NOT NULL, query TEXT NOT NULL, country_codes TEXT NOT NULL,"
                    " answer TEXT,"  # JSON of a Found; NULL when the service found nothing
                    " fetched_at TEXT NOT NULL,"
                    " PRIMARY KEY (service, domain, query, country_codes))"
                )
            except (OSError, sqlite3.Error) as err:
                raise self._error(err) from err
            self._conn = conn
        return self._conn

    def _error(self, err: Exception) -> BorderlensError:
        return BorderlensError(
            f"cannot use the geocode cache {str(self.path)!r}: {err}; delete the file or choose another folder "
            f"with ${CACHE_DIR_ENV}"
        )

    def get(self, key: CacheKey) -> Found | Literal["not_found"] | None:
        """The stored answer for ``key``: a :class:`Found`, :data:`NOT_FOUND`, or None when never asked."""
        try:
            row = (
                self._db()
                .execute(
                    "SELECT answer FROM geocode WHERE service = ? AND domain = ? AND query = ? AND country_codes = ?",
                    tuple(key),
                )
                .fetchone()
            )
        except sqlite3.Error as err:
            raise self._error(err) from err
        if row is None:
            return None
        if row[0] is None:
            return NOT_FOUND
        try:
            return Found(**json.loads(row[0]))
        except (TypeError, ValueError):
            log.debug("geocode cache: unreadable answer for %r, asking again", key.query)
            return None

    def put(self, key: CacheKey, answer: Found | Literal["not_found"]) -> None:
        """Store ``answer`` for ``key``, replacing an older one."""
        payload = None if answer == NOT_FOUND else json.dumps(asdict(answer), ensure_ascii=False)
        try:
            self._db().execute(
                "INSERT OR REPLACE INTO geocode VALUES (?, ?, ?, ?, ?, ?)",
                (*key, payload, datetime.now(timezone.utc).isoformat(timespec="seconds")),
            )
        except sqlite3.Error as err:
            raise self._error(err) from err


def geocode_unresolved(
    places: Sequence[Place], settings: Settings, *, cache: GeocodeCache | None = None
) -> tuple[list[Place], list[GeocodeFailure]]:
    """Fill the unresolved places the online geocoder finds; report the names it does not.

    Parameters
    ----------
    places
        Places from :func:`geo.resolve.resolve_mentions`, any number of documents.
        Call once with all of them: each distinct name is asked once per call.
    settings
        With ``online`` off, nothing is asked and the places come back as given.
    cache
        Where answers are kept; by default a :class:`GeocodeCache` in
        ``settings.cache_dir``, opened and closed by this call.

    Returns
    -------
    The places in the same order, the unresolved ones filled where the service
    found them (``place_id`` ``online:<service>:<osm_type>/<osm_id>`` or
    ``online:<service>:<lat>,<lon>``, precision 2 for a point and 3 for an area,
    confidence 0.5), and one :class:`GeocodeFailure` per name not resolved.
    Vague mentions ("the border areas") are not asked about.
    """
    if not settings.online:
        return list(places), []
    names: dict[CacheKey, str] = {}
    for place in places:
        if place.place_id is None and not place.mention.vague and place.mention.surface.strip():
            names.setdefault(CacheKey.of(place.mention.surface, settings), place.mention.surface)
    if not names:
        return list(places), []
    own_cache = cache is None
    store = GeocodeCache(settings.cache_dir) if cache is None else cache
    try:
        answers, failures = _answers(names, settings, store)
    finally:
        if own_cache:
            store.close()
    out = []
    for place in places:
        found = answers.get(CacheKey.of(place.mention.surface, settings)) if place.place_id is None else None
        out.append(found.fill(place) if found is not None and not place.mention.vague else place)
    return out, failures


def _answers(
    names: dict[CacheKey, str], settings: Settings, cache: GeocodeCache
) -> tuple[dict[CacheKey, Found], list[GeocodeFailure]]:
    """Answer each name from the cache, else from the service (made only if some name needs it)."""
    answers: dict[CacheKey, Found] = {}
    failures: list[GeocodeFailure] = []
    ask: Callable[[str], Any] | None = None
    for key, name in names.items():
        answer = cache.get(key)
        if answer is None:
            if ask is None:
                ask = _asker(settings)
            try:
                answer = _ask(ask, name, settings.geocoder)
            except _Failed as failed:
                failures.append(GeocodeFailure(name, failed.reason, failed.message))
                continue
            cache.put(key, answer)
        if answer == NOT_FOUND:
            failures.append(GeocodeFailure(name, NOT_FOUND, f"{settings.geocoder} found no place named {name!r}"))
        else:
            answers[key] = answer
    return answers, failures


class _Failed(Exception):
    """One name's look-up failed (internal: becomes a GeocodeFailure)."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


_FAILURE_REASONS: tuple[tuple[type[Exception], str], ...] = (
    (geopy_exc.GeocoderRateLimited, "rate_limited"),
    (geopy_exc.GeocoderTimedOut, "timeout"),
    (geopy_exc.GeocoderUnavailable, "unavailable"),
    (geopy_exc.GeocoderParseError, "bad_response"),
    (geopy_exc.GeocoderAuthenticationFailure, "refused"),
    (geopy_exc.GeocoderInsufficientPrivileges, "refused"),
    (geopy_exc.GeocoderQuotaExceeded, "refused"),
    (geopy_exc.GeocoderQueryError, "bad_query"),
)


def _ask(ask: Callable[[str], Any], name: str, service: str) -> Found | Literal["not_found"]:
    """One name through the rate-limited geocoder: an answer, or :class:`_Failed`."""
    query = " ".join(unicodedata.normalize("NFC", name).split())
    try:
        location = ask(query)
    except geopy_exc.GeocoderServiceError as err:
        reason = next((r for cls, r in _FAILURE_REASONS if isinstance(err, cls)), "error")
        raise _Failed(reason, f"{service} failed for {name!r}: {err}") from err
    except (AttributeError, KeyError, IndexError, TypeError, ValueError) as err:
        # geopy's parsers index the service's JSON directly; a wrongly shaped answer surfaces as these.
        raise _Failed("bad_response", f"{service} gave an answer for {name!r} that cannot be read: {err}") from err
    if location is None:
        return NOT_FOUND
    return _found(location, service, name)


def _found(location: Any, service: str, name: str) -> Found:
    """Read a geopy Location; a point at (0, 0) or off the globe is a broken answer, not a place."""
    try:
        lat, lon = float(location.latitude), float(location.longitude)
    except (TypeError, ValueError) as err:
        raise _Failed("bad_response", f"{service} gave no coordinates for {name!r}") from err
    on_globe = math.isfinite(lat) and math.isfinite(lon) and abs(lat) <= 90 and abs(lon) <= 180
    if not on_globe or (lat, lon) == (0.0, 0.0):
        raise _Failed("bad_response", f"{service} gave impossible coordinates ({lat}, {lon}) for {name!r}")
    raw: dict[str, Any] = location.raw if isinstance(location.raw, dict) else {}
    osm_type, osm_id = raw.get("osm_type"), raw.get("osm_id")
    if osm_type and osm_id is not None:
        place_id = f"online:{service}:{osm_type}/{osm_id}"
    else:
        place_id = f"online:{service}:{lat:.5f},{lon:.5f}"
    address = raw.get("address")
    address = address if isinstance(address, dict) else {}
    kind = _kind(raw)
    country = str(address.get("country_code") or "").upper() or None
    admin1 = None if kind == "country" else (address.get("state") or address.get("province") or None)
    label = str(raw.get("name") or "").strip() or str(location.address or "").split(",")[0].strip() or name
    return Found(place_id, label, kind, country, admin1, lat, lon, 3 if kind in _AREA_KINDS else 2)


def _kind(raw: dict[str, Any]) -> str:
    """A gazetteer kind from Nominatim's class, type and address type; a settlement unless it says otherwise."""
    cls, typ, addresstype = raw.get("class"), raw.get("type"), raw.get("addresstype")
    if cls == "place" and typ in _SETTLEMENT_TYPES:
        return "populated_place"
    if "country" in (typ, addresstype):
        return "country"
    if typ in _ADM1_TYPES or addresstype in _ADM1_TYPES:
        return "adm1"
    if typ in _ADM2_TYPES or addresstype in _ADM2_TYPES:
        return "adm2"
    if typ == "region" or addresstype == "region":
        return "region"
    if cls == "barrier" and typ == "border_control":
        return "crossing"
    if cls in _LANDMARK_CLASSES:
        return "landmark"
    return "populated_place"


def _asker(settings: Settings) -> Callable[[str], Any]:
    """``ask(query)``: the configured geocoder's ``geocode``, through the shared rate limiter."""
    geocoder = _make_geocoder(settings)
    accepted = inspect.signature(geocoder.geocode).parameters
    options: dict[str, Any] = {"exactly_one": True}
    if settings.country_codes and "country_codes" in accepted:
        options["country_codes"] = list(settings.country_codes)
    if "addressdetails" in accepted:
        options["addressdetails"] = True
    if "language" in accepted:
        options["language"] = _LANGUAGE
    limiter = _limiter(settings.geocoder, settings.domain or "", settings.min_delay_seconds)

    def ask(query: str) -> Any:
        return limiter(geocoder.geocode, query, **options)

    return ask


def _make_geocoder(settings: Settings) -> Any:
    """The geopy geocoder the settings name, given only the options its class takes."""
    try:
        cls = get_geocoder_for_service(settings.geocoder)
    except geopy_exc.GeocoderNotFound as err:
        raise SettingsError(f"geocoder {settings.geocoder!r} is not a geopy service; use e.g. 'nominatim'") from err
    accepted = inspect.signature(cls).parameters
    wanted: dict[str, Any] = {
        "user_agent": settings.user_agent,
        "timeout": settings.timeout,
        "scheme": settings.scheme,
        "adapter_factory": _adapter_without_retries,
    }
    if settings.domain is not None:
        if "domain" not in accepted:
            raise SettingsError(f"geocoder {settings.geocoder!r} has no domain setting; leave the domain unset")
        wanted["domain"] = settings.domain
    options = {k: v for k, v in wanted.items() if k in accepted}
    missing = [
        n
        for n, p in accepted.items()
        if p.default is inspect.Parameter.empty
        and p.kind in (inspect.Parameter.KEYWORD_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
        and n not in options
    ]
    if missing:
        raise SettingsError(
            f"geocoder {settings.geocoder!r} needs {', '.join(missing)}, which borderlens does not pass; "
            "use a service without an API key, such as 'nominatim' or 'photon'"
        )
    try:
        return cls(**options)
    except geopy_exc.ConfigurationError as err:
        raise SettingsError(f"geocoder {settings.geocoder!r} refused its settings: {err}") from err


def _adapter_without_retries(*, proxies: Any, ssl_context: Any) -> Any:
    """geopy's HTTP adapter with no retries of its own.

    geopy's requests adapter lets urllib3 retry twice, at once and unseen by the
    rate limiter: a name that times out would cost three quick requests, and be
    reported as "unavailable". Retries belong to the rate limiter alone.
    """
    if adapters.RequestsAdapter.is_available:
        return adapters.RequestsAdapter(proxies=proxies, ssl_context=ssl_context, max_retries=0)
    return adapters.URLLibAdapter(proxies=proxies, ssl_context=ssl_context)  # retries nothing


def _through(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    return func(*args, **kwargs)


@lru_cache(maxsize=32)
def _limiter(service: str, domain: str, min_delay_seconds: float) -> RateLimiter:
    """One rate limiter per service, domain and delay for the whole process (see the module docstring)."""
    delay = min_delay_seconds + _WIRE_MARGIN_SECONDS
    return RateLimiter(
        _through,
        min_delay_seconds=delay,
        max_retries=_MAX_RETRIES,
        error_wait_seconds=_ERROR_WAIT_FACTOR * delay,
        swallow_exceptions=False,
    )
