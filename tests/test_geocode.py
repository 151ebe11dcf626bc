"""The online geocoder fallback, against a Nominatim-shaped server on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import dataclasses
import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from nominatim_server import SIDAKAN, NominatimServer, Reply, json_reply

from geo.errors import BorderlensError, SettingsError
from geo.geocode import NOT_FOUND, CacheKey, GeocodeCache, geocode_unresolved
from geo.model import Mention, Place
from geo.settings import CACHE_DIR_ENV, Settings

USER_AGENT = "borderlens-tests/1.0 (tests@example.org)"
MAX_TRIES = 2  # geo.geocode retries a failed request once


@pytest.fixture
def server() -> Iterator[NominatimServer]:
    with NominatimServer(replies={"sidakan": json_reply([SIDAKAN])}) as srv:
        yield srv


def online(server: NominatimServer, tmp_path: Path, **changes: Any) -> Settings:
    settings = Settings(
        online=True,
        user_agent=USER_AGENT,
        domain=server.domain,
        scheme="http",
        min_delay_seconds=0.0,
        timeout=2.0,
        cache_dir=tmp_path / "cache",
    )
    return dataclasses.replace(settings, **changes)


def unresolved(surface: str, start: int = 0) -> Place:
    mention = Mention("doc-1", start, start + len(surface), surface, ())
    return Place(mention, None, None, None, None, None, None, None, None, 0.0)


def resolved(surface: str) -> Place:
    mention = Mention("doc-1", 0, len(surface), surface, ("geonames:98182",))
    return Place(mention, "geonames:98182", "Baghdad", "populated_place", "IQ", "Baghdad", 33.34, 44.40, 1, 0.9)


# -- resolving ---------------------------------------------------------------------------------
def test_a_name_resolves(server: NominatimServer, tmp_path: Path) -> None:
    places, failures = geocode_unresolved([unresolved("Sidakan")], online(server, tmp_path))
    assert failures == []
    place = places[0]
    assert place.place_id == "online:nominatim:node/2418876543"
    assert (place.name, place.kind, place.country, place.admin1) == (
        "Sidakan",
        "populated_place",
        "IQ",
        "Erbil Governorate",
    )
    assert (place.lat, place.lon, place.precision, place.confidence) == (36.6, 45.1, 2, 0.5)
    assert place.mention.surface == "Sidakan"
    [request] = server.requests
    assert request.path == "/search"
    assert request.params["q"] == "Sidakan"
    assert request.params["format"] == "json"


def test_the_user_agent_is_sent(server: NominatimServer, tmp_path: Path) -> None:
    geocode_unresolved([unresolved("Sidakan")], online(server, tmp_path))
    [request] = server.requests
    assert request.headers["User-Agent"] == USER_AGENT


def test_the_search_is_limited_to_the_region(server: NominatimServer, tmp_path: Path) -> None:
    geocode_unresolved([unresolved("Sidakan")], online(server, tmp_path))
    geocode_unresolved([unresolved("Penjwen")], online(server, tmp_path, country_codes=("IQ", "ir")))
    assert [r.params["countrycodes"] for r in server.requests] == ["iq,ir,tr,sy", "iq,ir"]


def test_resolved_places_are_kept_and_each_name_asked_once(server: NominatimServer, tmp_path: Path) -> None:
    places = [resolved("Baghdad"), unresolved("Sidakan"), unresolved("nowhere"), unresolved(" SIDAKAN ", 40)]
    out, failures = geocode_unresolved(places, online(server, tmp_path))
    assert out[0] == places[0]
    assert [p.place_id for p in out] == [
        "geonames:98182",
        "online:nominatim:node/2418876543",
        None,
        "online:nominatim:node/2418876543",
    ]
    assert [p.mention for p in out] == [p.mention for p in places]
    assert sorted(server.queries()) == ["Sidakan", "nowhere"]
    assert [(f.name, f.reason) for f in failures] == [("nowhere", NOT_FOUND)]


def test_a_service_that_says_area_gets_an_area_kind(server: NominatimServer, tmp_path: Path) -> None:
    erbil = {
        **SIDAKAN,
        "osm_type": "relation",
        "osm_id": 3805617,
        "class": "boundary",
        "type": "administrative",
        "addresstype": "state",
        "name": "Erbil Governorate",
    }
    server.replies["erbil governorate"] = json_reply([erbil])
    [place], _ = geocode_unresolved([unresolved("Erbil Governorate")], online(server, tmp_path))
    assert (place.place_id, place.kind, place.precision) == ("online:nominatim:relation/3805617", "adm1", 3)


# -- rate limit --------------------------------------------------------------------------------
def test_requests_keep_to_the_rate_limit(server: NominatimServer, tmp_path: Path) -> None:
    names = ["Sidakan", "Haj Omaran", "Penjwen", "Sardasht"]
    settings = online(server, tmp_path, min_delay_seconds=0.2)
    geocode_unresolved([unresolved(n) for n in names], settings)
    times = [r.at for r in server.requests]
    print("TIMES", [round(t - times[0], 2) for t in times], server.queries())
    assert len(times) == len(names)
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert min(gaps) >= 0.2, gaps


def test_the_rate_limit_holds_across_calls(server: NominatimServer, tmp_path: Path) -> None:
    settings = online(server, tmp_path, min_delay_seconds=0.2)
    for name in ["Sidakan", "Penjwen", "Sardasht"]:  # one call per document, as a caller might
        geocode_unresolved([unresolved(name)], settings)
    times = [r.at for r in server.requests]
    print("TIMES", [round(t - times[0], 2) for t in times], server.queries())
    assert len(times) == 3
    assert min(b - a for a, b in itertools.pairwise(times)) >= 0.2


# -- failures: reported per name, the run goes on ----------------------------------------------
def _fails_then_sidakan(server: NominatimServer, tmp_path: Path, reply: Reply, **changes: Any) -> tuple[str, str]:
    """Ask a failing name, then Sidakan; the failure is reported and Sidakan still resolves."""
    server.replies["badplace"] = reply
    out, failures = geocode_unresolved(
        [unresolved("Badplace"), unresolved("Sidakan")], online(server, tmp_path, **changes)
    )
    assert out[0].place_id is None
    assert out[1].place_id == "online:nominatim:node/2418876543"
    [failure] = failures
    assert failure.name == "Badplace"
    assert "Badplace" in failure.message
    asked = server.queries()
    assert 1 <= asked.count("Badplace") <= MAX_TRIES, asked
    assert asked[-1] == "Sidakan"
    return failure.reason, failure.message


def test_a_slow_answer_times_out(server: NominatimServer, tmp_path: Path) -> None:
    reason, _ = _fails_then_sidakan(server, tmp_path, json_reply([SIDAKAN], delay=5.0), timeout=0.3)
    assert reason == "timeout"


@pytest.mark.parametrize(("status", "reason"), [(429, "rate_limited"), (500, "error"), (403, "refused")])
def test_http_errors_are_failures(server: NominatimServer, tmp_path: Path, status: int, reason: str) -> None:
    got, message = _fails_then_sidakan(server, tmp_path, json_reply({"error": "no"}, status=status))
    assert got == reason
    assert str(status) in message


@pytest.mark.filterwarnings("ignore:Latitude normalization:UserWarning")  # geopy's, for the pole-crossing answer
@pytest.mark.parametrize(
    "body",
    [
        b'[{"place_id": 1, "lat": "36.6",',  # cut off
        b"<html>Bad gateway</html>",
        b'["Sidakan"]',  # JSON, but not Nominatim's shape
        b'[{"place_id": 1, "display_name": "Sidakan"}]',  # no coordinates (geopy would say 0, 0)
        b'[{"lat": "95", "lon": "45", "display_name": "Sidakan"}]',  # off the globe
    ],
)
def test_a_malformed_answer_is_a_failure(server: NominatimServer, tmp_path: Path, body: bytes) -> None:
    reason, _ = _fails_then_sidakan(server, tmp_path, Reply(200, body))
    assert reason == "bad_response"


def test_a_connection_closed_without_answer_is_a_failure(server: NominatimServer, tmp_path: Path) -> None:
    reason, _ = _fails_then_sidakan(server, tmp_path, Reply(200, None))
    assert reason == "unavailable"


def test_errors_are_not_cached(server: NominatimServer, tmp_path: Path) -> None:
    server.replies["sidakan"] = Reply(500, b"{}")
    _, failures = geocode_unresolved([unresolved("Sidakan")], online(server, tmp_path))
    assert [f.reason for f in failures] == ["error"]
    server.replies["sidakan"] = json_reply([SIDAKAN])
    server.requests.clear()
    [place], failures = geocode_unresolved([unresolved("Sidakan")], online(server, tmp_path))
    assert failures == []
    assert place.resolved
    assert server.queries() == ["Sidakan"]


# -- cache -------------------------------------------------------------------------------------
def test_nothing_found_is_reported_and_cached(server: NominatimServer, tmp_path: Path) -> None:
    settings = online(server, tmp_path)
    [place], failures = geocode_unresolved([unresolved("Nowhereabad")], settings)
    assert not place.resolved
    assert [(f.name, f.reason) for f in failures] == [("Nowhereabad", NOT_FOUND)]
    assert server.queries() == ["Nowhereabad"]
    with GeocodeCache(settings.cache_dir) as cache:
        assert cache.get(CacheKey.of("nowhereabad", settings)) == NOT_FOUND


def test_a_second_run_is_served_from_the_cache(server: NominatimServer, tmp_path: Path) -> None:
    settings = online(server, tmp_path)
    places = [unresolved("Sidakan"), unresolved("Nowhereabad")]
    first = geocode_unresolved(places, settings)
    assert len(server.requests) == 2
    assert (settings.cache_dir / GeocodeCache.FILENAME).is_file()
    server.requests.clear()
    with GeocodeCache(settings.cache_dir) as cache:
        second = geocode_unresolved(places, settings, cache=cache)
    assert server.requests == []
    assert second == first


def test_the_cache_key_includes_the_countries(server: NominatimServer, tmp_path: Path) -> None:
    geocode_unresolved([unresolved("Sidakan")], online(server, tmp_path))
    geocode_unresolved([unresolved("Sidakan")], online(server, tmp_path, country_codes=("iq",)))
    assert server.queries() == ["Sidakan", "Sidakan"]


def test_an_unreadable_cache_file_is_a_borderlens_error(tmp_path: Path) -> None:
    (tmp_path / GeocodeCache.FILENAME).write_bytes(b"not a database" * 100)
    with GeocodeCache(tmp_path) as cache, pytest.raises(BorderlensError, match="delete the file"):
        cache.get(CacheKey("nominatim", "", "sidakan", "iq"))


# -- switched off, and settings ----------------------------------------------------------------
def test_offline_makes_no_request(server: NominatimServer, tmp_path: Path) -> None:
    settings = online(server, tmp_path, online=False)
    places = [unresolved("Sidakan"), resolved("Baghdad")]
    out, failures = geocode_unresolved(places, settings)
    assert (out, failures) == (places, [])
    assert server.requests == []
    assert not settings.cache_dir.exists()


@pytest.mark.parametrize("user_agent", [None, "", "   "])
def test_online_without_a_user_agent_is_refused(user_agent: str | None) -> None:
    with pytest.raises(SettingsError, match="--user-agent") as info:
        Settings(online=True, user_agent=user_agent)
    assert isinstance(info.value, BorderlensError)
    assert isinstance(info.value, ValueError)


def test_the_public_nominatim_gets_at_most_one_request_a_second() -> None:
    with pytest.raises(SettingsError, match=r"below 1\.0"):
        Settings(online=True, user_agent=USER_AGENT, min_delay_seconds=0.5)
    with pytest.raises(SettingsError, match=r"below 1\.0"):
        Settings(online=True, user_agent=USER_AGENT, domain="nominatim.openstreetmap.org", min_delay_seconds=0.5)
    own = Settings(online=True, user_agent=USER_AGENT, domain="nominatim.example.org", min_delay_seconds=0.5)
    assert own.min_delay_seconds == 0.5


@pytest.mark.parametrize(
    "changes",
    [
        {"geocoder": "no-such-service"},
        {"scheme": "ftp"},
        {"domain": "http://127.0.0.1:8080"},
        {"timeout": 0},
        {"country_codes": ("irq",)},
    ],
)
def test_bad_settings_are_refused(changes: dict[str, Any]) -> None:
    with pytest.raises(SettingsError):
        Settings(online=True, user_agent=USER_AGENT, **changes)


def test_settings_are_normalised() -> None:
    settings = Settings(geocoder=" Nominatim ", country_codes=("IQ", "ir", "iq"), domain="example.org/")
    assert (settings.geocoder, settings.country_codes, settings.domain) == ("nominatim", ("iq", "ir"), "example.org")


def test_the_cache_dir_comes_from_the_environment_when_a_settings_is_made(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "here"))
    assert Settings().cache_dir == tmp_path / "here"
    monkeypatch.delenv(CACHE_DIR_ENV)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert Settings().cache_dir == tmp_path / ".cache" / "borderlens"


def test_a_geocoder_that_needs_an_api_key_is_refused_before_any_request(tmp_path: Path) -> None:
    settings = Settings(online=True, user_agent=USER_AGENT, geocoder="bing", cache_dir=tmp_path)
    with pytest.raises(SettingsError, match="api_key"):
        geocode_unresolved([unresolved("Sidakan")], settings)


# -- the command --------------------------------------------------------------------------------
def test_the_command_names_what_it_could_not_resolve_and_keeps_to_one_request_a_second(tmp_path: Path) -> None:
    """At the default policy (one request a second) a name the service does not know is reported on
    stderr by name and the run goes on to resolve the next; every input was read, so exit 0. (Faults,
    each retried once after five delays, are tested above against the library, where delays are short.)"""
    from click.testing import CliRunner

    from geo.cli import cli

    article = tmp_path / "a.txt"
    article.write_text("Shelling hit villages near Qalatuka on Monday and near Sidakan on Tuesday.", encoding="utf-8")
    with NominatimServer(replies={"sidakan": json_reply([SIDAKAN])}) as server:  # Qalatuka: nothing found
        result = CliRunner().invoke(
            cli,
            ["extract", str(article), "--format", "jsonl", "--online", "--user-agent", USER_AGENT,
             "--geocoder-domain", server.domain, "--geocoder-scheme", "http", "--cache-dir", str(tmp_path / "c")],
        )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "not geocoded: 'Qalatuka'" in result.stderr
    assert server.queries() == ["Qalatuka", "Sidakan"]
    (first, second) = (r.at for r in server.requests)
    assert second - first >= 0.99
    places = {p["surface"]: p["place_id"] for p in json.loads(result.stdout.splitlines()[0])["places"]}
    assert places == {"Qalatuka": None, "Sidakan": "online:nominatim:node/2418876543"}
