"""The run's settings in one typed, frozen object: online fallback, user agent, rate limit, cache.

Nothing is read at import time: the cache folder's environment variable is read
when a :class:`Settings` is made, and the geocoder's name is checked against
geopy's registry only when online geocoding is switched on. A setting that
would break a service's usage policy (no user agent, more than one request a
second to the public Nominatim) is refused here, before any request is made,
with a :class:`~geo.errors.SettingsError` that says what to pass instead.
Override per call with :func:`dataclasses.replace`, which checks again.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from geo.errors import SettingsError

__all__ = ["CACHE_DIR_ENV", "PUBLIC_NOMINATIM", "Settings", "default_cache_dir"]

CACHE_DIR_ENV = "BORDERLENS_CACHE_DIR"
PUBLIC_NOMINATIM = "nominatim.openstreetmap.org"
_POLICY_DELAY = 1.0  # https://operations.osmfoundation.org/policies/nominatim/: at most 1 request/s
_COUNTRY_CODE = re.compile(r"[a-z]{2}")


def default_cache_dir() -> Path:
    """``$BORDERLENS_CACHE_DIR`` when set, else ``~/.cache/borderlens`` (read on each call)."""
    env = os.environ.get(CACHE_DIR_ENV, "").strip()
    return Path(env).expanduser() if env else Path.home() / ".cache" / "borderlens"


@dataclass(frozen=True, slots=True)
class Settings:
    """How a run may use the network and where it keeps what it learnt.

    Parameters
    ----------
    online
        Resolve names the gazetteer lacks through an online geocoder. Off by
        default: a run makes no request unless asked to.
    geocoder
        A geopy service name (``geopy.geocoders.get_geocoder_for_service``),
        e.g. ``"nominatim"`` or ``"photon"``.
    user_agent
        Identifies you to the service (Nominatim's policy requires one that is
        not a library's default). Required when ``online`` is true.
    domain, scheme
        Where the service lives, for a self-hosted Nominatim or a test server
        (``domain="127.0.0.1:8080", scheme="http"``). ``None`` is the service's
        public default.
    min_delay_seconds
        Least time between two requests. Never below 1.0 for a public service;
        lower only with a ``domain`` of your own.
    timeout
        Seconds to wait for one answer before giving up on that name.
    cache_dir
        Folder of the geocode cache (``$BORDERLENS_CACHE_DIR`` or ``~/.cache/borderlens``).
    country_codes
        ISO alpha-2 codes the search is limited to, where the service can do that.
    """

    online: bool = False
    geocoder: str = "nominatim"
    user_agent: str | None = None
    domain: str | None = None
    scheme: str = "https"
    min_delay_seconds: float = 1.0
    timeout: float = 10.0
    cache_dir: Path = field(default_factory=default_cache_dir)
    country_codes: tuple[str, ...] = ("iq", "ir", "tr", "sy")

    def __post_init__(self) -> None:
        # Normalise in place (the object is frozen, hence object.__setattr__), then check.
        object.__setattr__(self, "geocoder", self.geocoder.strip().lower())
        object.__setattr__(self, "scheme", self.scheme.strip().lower())
        object.__setattr__(self, "cache_dir", Path(self.cache_dir).expanduser())
        object.__setattr__(self, "country_codes", _country_codes(self.country_codes))
        if self.user_agent is not None:
            object.__setattr__(self, "user_agent", self.user_agent.strip() or None)
        if self.domain is not None:
            object.__setattr__(self, "domain", self.domain.strip().strip("/") or None)
        self._check()

    @property
    def public_service(self) -> bool:
        """True when requests go to a service's public servers (no own ``domain``)."""
        return self.domain is None or self.domain.lower() == PUBLIC_NOMINATIM

    def _check(self) -> None:
        if self.scheme not in ("http", "https"):
            raise SettingsError(f"scheme {self.scheme!r} is not supported; use 'https' or 'http'")
        if self.domain is not None and "://" in self.domain:
            raise SettingsError(
                f"domain {self.domain!r} includes a scheme; give the host (and port) only, "
                "e.g. 'nominatim.example.org', and the scheme separately"
            )
        if not (math.isfinite(self.timeout) and self.timeout > 0):
            raise SettingsError(f"timeout {self.timeout!r} must be a positive number of seconds")
        delay = self.min_delay_seconds
        if not (math.isfinite(delay) and delay >= 0):
            raise SettingsError(f"min_delay_seconds {delay!r} must be zero or more seconds")
        if delay < _POLICY_DELAY and self.public_service:
            raise SettingsError(
                f"min_delay_seconds {delay!r} is below {_POLICY_DELAY} s, the most a public geocoder allows "
                "(Nominatim: at most one request a second); a shorter delay is allowed only with a domain "
                "of your own (a self-hosted service)"
            )
        if not self.online:
            return
        if self.user_agent is None:
            raise SettingsError(
                "online geocoding needs a user agent that identifies you to the service; "
                "pass --user-agent, e.g. --user-agent 'borderlens/0.1 (you@example.org)'"
            )
        from geopy.exc import GeocoderNotFound
        from geopy.geocoders import get_geocoder_for_service

        try:
            get_geocoder_for_service(self.geocoder)
        except GeocoderNotFound as err:
            raise SettingsError(
                f"geocoder {self.geocoder!r} is not a geopy service; use e.g. 'nominatim' or 'photon'"
            ) from err


def _country_codes(codes: str | Iterable[str]) -> tuple[str, ...]:
    """Lower-case ISO alpha-2 codes, in order, without repeats; a string may list them with commas."""
    items = codes.split(",") if isinstance(codes, str) else list(codes)
    out: list[str] = []
    for item in items:
        code = str(item).strip().lower()
        if not _COUNTRY_CODE.fullmatch(code):
            raise SettingsError(f"country code {item!r} is not an ISO alpha-2 code such as 'iq'")
        if code not in out:
            out.append(code)
    return tuple(out)
