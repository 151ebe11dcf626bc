"""Maps benchmark: a borderlens map of many events against folium's one-Marker-per-event map.

Run from the repository root::

    python -m bench.maps                 # 100,000 events, borderlens 3 runs (medians), naive 1 run
    python -m bench.maps --quick         # 2,000 events, 1 run (the tests run this)
    python -m bench.maps --write         # also replace the "## Maps (issue 5)" section of bench/RESULTS.md

The goal (issue 5, item 5): a map of 100,000 events with popups builds and
saves in at most 3 s and is at most 10 MB (MB = 10**6 bytes here), with
markers clustered per layer so the page stays responsive.

What it measures, all in one process and one run of this script:

* borderlens: ``maps.map_from_events(frame)`` then ``.save(path)``, online
  (``offline=False``, the default: a tile base map from the network) and
  offline (``offline=True``: bundled country shapes as the base map), seconds
  and the HTML file's size; the median of ``--runs`` runs. Scripts and
  stylesheets are inlined in both modes (since commit 60df91c);
* the naive folium approach on the same events: a ``folium.Map`` with one
  ``folium.Marker(location, popup=folium.Popup(html), tooltip=...)`` per
  event, the popup holding the same facts (date, type, place, actors, the
  HTML-escaped evidence and source links), then ``m.save(path)``; one run
  unless ``--runs-naive`` asks for more, since at 100,000 events it takes
  about a minute and a half;
* when Debian's Chromium (``/usr/bin/chromium`` or ``$BORDERLENS_CHROMIUM``)
  and Playwright are installed: the seconds from opening the offline
  borderlens map's file in headless Chromium (network emulated off) until
  ``body[data-borderlens=ready]`` is attached, i.e. every layer is drawn; the
  median of ``--runs`` loads, each in a fresh browser context. The naive map
  is not loaded (that takes minutes).

Both map builders are warmed up on a small map first (imports, template
compilation, cached assets and simplified shapes), so the figures are those of
a process that has drawn a map before. The events are a seeded, deterministic
GeoDataFrame made the way ``geo.records.records_from_events`` makes one, from
generated ``Event`` objects placed at real gazetteer entries; see
:func:`generate_events`. The HTML files are kept in ``bench/.cache/maps/``.
"""

from __future__ import annotations

import argparse
import gc
import html
import os
import random
import re
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench._machine import RESULTS, code_version, machine, rewrite_results

if TYPE_CHECKING:
    import geopandas as gpd

    from gazetteer import Entry, Gazetteer
    from geo.model import Event

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "bench" / ".cache" / "maps"
SECTION = "## Maps (issue 5)"
SEED = 20_240_605
MB = 1_000_000
GOAL_SECONDS = 3.0
GOAL_MB = 10.0
WARM_EVENTS = 200
DEFAULT_CHROMIUM = "/usr/bin/chromium"
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

# -- events ------------------------------------------------------------------------------------
# (sub-event type, weight) per event type, and the event types' own weights.
SUBTYPES: dict[str, tuple[tuple[str, float], ...]] = {
    "strike": (
        ("drone_strike", 4),
        ("artillery", 5),
        ("rocket_strike", 1),
        ("missile_and_drone_strike", 1),
        ("missile_strike", 1.5),
        ("airstrike", 1),
        ("unspecified", 0.5),
    ),
    "meeting": (
        ("talks", 3),
        ("official_visit", 2.5),
        ("phone_call", 1.5),
        ("conference", 1),
        ("agreement_signing", 1),
    ),
    "border_control": (
        ("guard_deployment", 3),
        ("crossing_closure", 3),
        ("security_agreement", 1.5),
        ("crossing_opening", 1),
        ("relocation_of_armed_groups", 1.5),
    ),
}
TYPE_WEIGHTS = (("strike", 0.6), ("meeting", 0.2), ("border_control", 0.2))

# Actors (names as in geo/data/actors.csv) with the words articles use for them.
STRIKERS: dict[str, tuple[str, ...]] = {
    "IRGC": (
        "Iran's Revolutionary Guards",
        "The Islamic Revolutionary Guard Corps (IRGC)",
        "The IRGC",
        "Revolutionary Guards units",
    ),
    "IRGC Ground Force": ("The IRGC Ground Force", "Revolutionary Guards ground forces"),
    "Military Forces of Iran": ("Iranian forces", "Iranian artillery units", "Iran's army", "The Iranian military"),
    "Military Forces of Turkey": ("Turkish warplanes", "Turkish drones", "The Turkish military"),
}
TARGETS: dict[str | None, tuple[str, ...]] = {
    "PDKI": ("positions of the Democratic Party of Iranian Kurdistan (PDKI)", "a PDKI camp", "PDKI offices"),
    "Komala": ("a Komala base", "Komala headquarters", "buildings used by Komala"),
    "PAK": ("a Kurdistan Freedom Party (PAK) base", "PAK positions"),
    "PJAK": ("PJAK hideouts", "positions of the Party of Free Life of Kurdistan (PJAK)"),
    "PKK": ("suspected PKK positions", "a PKK supply route"),
    "Iranian Kurdish armed groups": ("bases of Iranian Kurdish opposition groups", "Kurdish armed groups' camps"),
    None: ("mountain villages", "farmland and orchards", "a hillside above the villages", "several hamlets"),
}
OFFICIALS: dict[str, tuple[str, ...]] = {
    "Government of Iran": (
        "Iran's foreign minister",
        "An Iranian security delegation",
        "Iran's ambassador to Baghdad",
        "The secretary of Iran's Supreme National Security Council",
    ),
    "Government of Iraq": (
        "Iraq's national security adviser",
        "The Iraqi prime minister",
        "Iraq's foreign minister",
        "An Iraqi security delegation",
    ),
    "Kurdistan Regional Government": ("The KRG interior minister", "A Kurdistan Regional Government delegation"),
}
GUARDS: dict[str, tuple[str, ...]] = {
    "Border Guards of Iraq": ("Iraqi federal border guards", "Border guard forces", "Iraqi border guards"),
    "Government of Iraq": ("The Iraqi government", "Iraq's interior ministry"),
    "Government of Iran": ("Iranian authorities", "Iran's border police"),
    "Kurdistan Regional Government": ("The Kurdistan Regional Government", "KRG authorities"),
    "Peshmerga": ("Peshmerga units", "Kurdish peshmerga forces"),
}
WEAPON_VERBS: dict[str, tuple[str, ...]] = {
    "drone_strike": (
        "struck {target} with drones",
        "hit {target} in a drone attack",
        "sent armed drones against {target}",
    ),
    "artillery": (
        "shelled {target}",
        "bombarded {target}",
        "shelled the area around {target}",
        "pounded {target} with artillery",
        "fired artillery rounds at {target}",
    ),
    "rocket_strike": ("fired rockets at {target}", "hit {target} with rockets"),
    "missile_and_drone_strike": ("struck {target} with missiles and drones",),
    "missile_strike": ("fired {n} missiles at {target}", "launched ballistic missiles at {target}"),
    "airstrike": ("carried out air strikes on {target}", "bombed {target} from the air"),
    "unspecified": ("attacked {target}", "launched an attack on {target}"),
}
MEETING_VERBS: dict[str, tuple[str, ...]] = {
    "talks": ("held talks with {other}", "met {other}"),
    "official_visit": ("received {other} on an official visit", "visited {other}'s offices"),
    "phone_call": ("discussed by telephone with {other}", "spoke by phone with {other}"),
    "conference": ("joined {other} at a regional security conference", "attended a border forum with {other}"),
    "agreement_signing": ("signed a memorandum with {other}", "signed an agreement with {other}"),
}
TOPICS = (
    "border security",
    "trade through the border crossings",
    "the disarmament of Kurdish opposition groups",
    "water from the Little Zab",
    "gas and electricity debts",
    "pilgrim traffic before Arbaeen",
    "the return of displaced families",
    "smuggling across the mountains",
    "the joint security committee's next steps",
)
BORDER_ACTIONS: dict[str, tuple[str, ...]] = {
    "guard_deployment": (
        "deployed {n} companies of guards to new posts",
        "redeployed troops to the border",
        "took over {n} border posts",
    ),
    "crossing_closure": (
        "closed the crossing to traffic",
        "shut the border gate for {n} days",
        "sealed the border crossing",
    ),
    "security_agreement": (
        "signed the border security agreement",
        "agreed to a new border security pact",
    ),
    "crossing_opening": (
        "reopened the crossing to traffic",
        "resumed trade at the border crossing",
    ),
    "relocation_of_armed_groups": (
        "relocated opposition groups away from the border",
        "moved the armed groups' fighters to camps inland",
    ),
}
CLAUSES: dict[str, tuple[str, ...]] = {
    "strike": (
        "killing {n} people",
        "wounding {n} civilians",
        "damaging homes and a school",
        "forcing families to flee to nearby towns",
        "setting fields and orchards on fire",
        "and no casualties were reported",
        "cutting the road for several hours",
        "after days of rising tension",
        "as smoke rose over the valley",
        "while shepherds were still in the pastures",
        "the third such incident this month",
    ),
    "meeting": (
        "following weeks of talks in Baghdad",
        "ahead of a deadline set by Tehran",
        "after days of rising tension",
        "the second such meeting this year",
        "with both sides promising further contacts",
        "weeks after the last round of strikes",
    ),
    "border_control": (
        "a move welcomed by traders on both sides",
        "cutting the road for several hours",
        "ahead of a deadline set by Tehran",
        "following weeks of talks in Baghdad",
        "leaving hundreds of lorries waiting",
        "under the security agreement signed in March 2023",
        "after days of rising tension",
    ),
}
ATTRIBUTIONS = (
    "according to the local mayor",
    "{outlet}'s correspondent reported",
    "the group said in a statement",
    "the Kurdistan Region's counter-terrorism service said",
    "residents told {outlet}",
    "officials said",
    "a security source told {outlet}",
    "state media reported",
)
OUTLETS = (
    ("Rudaw", "www.rudaw.net", "english/middleeast"),
    ("Kurdistan24", "www.kurdistan24.net", "en/story"),
    ("Shafaq News", "shafaq.com", "en/Kurdistan"),
    ("IRNA", "en.irna.ir", "news"),
    ("Tasnim News", "www.tasnimnews.com", "en/news"),
    ("Reuters", "www.reuters.com", "world/middle-east"),
    ("AFP", "www.france24.com", "en/middle-east"),
    ("Al-Monitor", "www.al-monitor.com", "originals"),
    ("The New Arab", "www.newarab.com", "news"),
    ("Hengaw", "hengaw.net", "en/news"),
)
NOTES = (
    "date: from the article's earlier report of the same kind",
    "place: the region the article is about",
    "place: the city the article reports it in",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Provinces and governorates of the border, where most events are; other towns near the border count less.
KURDISH_ADMIN1 = frozenset(
    {"Erbil", "Sulaymaniyah", "Duhok", "Halabja", "Kurdistan", "West Azerbaijan", "Kermanshah", "Ilam"}
)
AREA_IDS = (
    "region:kurdistan-region-iraq",
    "region:northern-iraq",
    "region:iranian-kurdistan",
    "region:northwestern-iran",
    "border:iran-iraq",
    "border:kurdistan-region-iran",
)
AREA_SHARE = 0.03  # events placed only in a region, a province or on the border (precision 3)
NEAR_SHARE = 0.15  # events "near" a town (precision 2)
UNDATED_SHARE = 0.04
FIRST_DAY, LAST_DAY = date(2021, 1, 1), date(2024, 12, 31)
EVIDENCE_LENGTH = (150, 250)


def _weighted(rng: random.Random, pairs: Sequence[tuple[str, float]]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


@dataclass(frozen=True)
class Places:
    """The gazetteer entries events are placed at: towns near the border, with weights per event type; areas."""

    towns: list[Entry]
    weights: dict[str, list[float]]
    areas: list[Entry]
    crossings: list[Entry]


def border_places(gaz: Gazetteer, *, within_degrees: float = 1.2) -> Places:
    """Towns of Iraq and Iran within ``within_degrees`` of the Iran–Iraq border; regions, provinces, borders."""
    import shapely

    border = gaz["border:iran-iraq"].geometry
    towns = sorted(
        (
            e
            for e in gaz
            if e.kind == "populated_place"
            and e.country in ("IQ", "IR")
            and shapely.Point(e.lon, e.lat).distance(border) < within_degrees
        ),
        key=lambda e: e.id,
    )
    weights = {
        # strikes hit the Kurdish border provinces, mostly on the Iraqi side
        "strike": [(3.0 if e.country == "IQ" else 1.0) if e.admin1 in KURDISH_ADMIN1 else 0.0 for e in towns],
        "turkey": [3.0 if e.country == "IQ" and e.admin1 in ("Duhok", "Erbil") else 0.0 for e in towns],
        # meetings are in cities, the larger the likelier
        "meeting": [float(e.population or 0) ** 0.5 if (e.population or 0) >= 100_000 else 0.0 for e in towns],
        # border control anywhere along the border, the Kurdish provinces more often
        "border_control": [4.0 if e.admin1 in KURDISH_ADMIN1 else 1.0 for e in towns],
    }
    provinces = sorted(
        (e for e in gaz if e.kind == "adm1" and e.country in ("IQ", "IR") and e.name in KURDISH_ADMIN1 and e.is_area),
        key=lambda e: e.id,
    )
    areas = [gaz[i] for i in AREA_IDS if i in gaz] + provinces
    crossings = sorted((e for e in gaz if e.kind == "crossing"), key=lambda e: e.id)
    return Places(towns, weights, areas, crossings)


def _event_date(rng: random.Random) -> tuple[str | None, int | None, str | None, date | None]:
    """(ISO value, time precision, the phrase, the day it stands for) of a random event date."""
    if rng.random() < UNDATED_SHARE:
        return None, None, rng.choice((None, "recently", "last month")), None
    day = FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
    draw = rng.random()
    if draw < 0.08:
        return day.strftime("%Y-%m"), 3, f"in {day.strftime('%B')}", day.replace(day=1)
    if draw < 0.13:
        return day.isoformat(), 2, "last week", day
    return day.isoformat(), 1, f"on {WEEKDAYS[day.weekday()]}", day


def _place_phrase(rng: random.Random, entry: Entry, precision: int, event_type: str) -> str:
    if entry.kind == "border":
        return rng.choice(("along the {}", "in villages on the {}", "in the mountains on the {}")).format(entry.name)
    if entry.kind == "adm1":
        unit = "governorate" if entry.country == "IQ" else "province"
        return rng.choice((f"in {{}} {unit}", f"across {{}} {unit}", f"in rural areas of {{}} {unit}")).format(
            entry.name
        )
    if precision == 3:
        name = f"the {entry.name}" if entry.name[0].isupper() else entry.name
        return rng.choice(("in {}", "in areas of {}", "across {}")).format(name)
    if precision == 2:
        return rng.choice(("near {}", "on the outskirts of {}", "in villages around {}", "in hills outside {}")).format(
            entry.name
        )
    if event_type == "meeting":
        return f"in {entry.name}"
    return rng.choice(("in {}", "in the town of {}", "in central {}", "in {} district")).format(entry.name)


def _sentence(
    rng: random.Random,
    event_type: str,
    sub: str,
    actor1: str | None,
    actor2: str | None,
    where: str,
    when: str | None,
    dateline: str,
    outlet: str,
) -> str:
    n = rng.choice((2, 3, 4, 5, 6, 7, 8, 10, 12, 15))
    if event_type == "strike":
        subject = rng.choice(STRIKERS[actor1 or "Military Forces of Iran"])
        verb = rng.choice(WEAPON_VERBS[sub]).format(target=rng.choice(TARGETS[actor2]), n=n)
    elif event_type == "meeting":
        subject = rng.choice(OFFICIALS[actor1 or "Government of Iran"])
        other = rng.choice(OFFICIALS[actor2 or "Government of Iraq"])
        verb = rng.choice(MEETING_VERBS[sub]).format(other=re.sub(r"^(The|An|A) ", lambda m: m[1].lower() + " ", other))
        verb += f" to discuss {rng.choice(TOPICS)}"
    else:
        subject = rng.choice(GUARDS[actor1 or "Border Guards of Iraq"])
        verb = rng.choice(BORDER_ACTIONS[sub]).format(n=n)
    parts = [f"{dateline} — {subject} {verb} {where}"]
    if when:
        parts.append(f" {when}")
    text = "".join(parts)
    clauses = rng.sample(CLAUSES[event_type], 3)
    attribution = rng.choice(ATTRIBUTIONS).format(outlet=outlet)
    while clauses:
        clause = ", " + clauses.pop().format(n=n)
        short = len(text) + len(attribution) + 4 < EVIDENCE_LENGTH[0]
        fits = len(text) + len(clause) + len(attribution) + 3 <= EVIDENCE_LENGTH[1]
        if not fits or not (short or rng.random() < 0.35):
            break
        text += clause
    return f"{text}, {attribution}."


def _source_list(rng: random.Random, number: int, day: date | None, slug: str) -> tuple[tuple[str, str, str, str], ...]:
    """(document id, outlet, url, published) of 1–3 reports, different outlets."""
    count = rng.choices((1, 2, 3), weights=(0.6, 0.3, 0.1))[0]
    out = []
    for k, (outlet, host, section) in enumerate(rng.sample(OUTLETS, count)):
        published = (day or FIRST_DAY + timedelta(days=rng.randrange(1400))) + timedelta(days=rng.randrange(4))
        url = f"https://{host}/{section}/{published:%Y/%m/%d}/{slug}-{number:06d}{k}"
        out.append((f"bench-{number:06d}-{k}", outlet, url, published.isoformat()))
    return tuple(out)


def generate_events(count: int, gaz: Gazetteer, *, seed: int = SEED) -> list[Event]:
    """``count`` seeded random events at real places near the Iran–Iraq border (same seed, same events)."""
    from geo.dates import EventDate
    from geo.model import Event, Mention, Place, Source

    rng = random.Random(seed)
    places = border_places(gaz)
    events: list[Event] = []
    for number in range(count):
        event_type = _weighted(rng, TYPE_WEIGHTS)
        sub = _weighted(rng, SUBTYPES[event_type])
        if event_type == "strike":
            actor1: str | None = rng.choices(list(STRIKERS), weights=(4, 1, 3, 1))[0]
            actor2 = rng.choice([*(a for a in TARGETS if a is not None), None])
            if actor1 == "Military Forces of Turkey":
                actor2 = rng.choice(("PKK", None))
        elif event_type == "meeting":
            actor1, actor2 = rng.sample(list(OFFICIALS), 2)
        else:
            actor1, actor2 = None, None  # chosen by the side of the border, below
        draw = rng.random()
        if draw < AREA_SHARE:
            entry, precision = rng.choice(places.areas), 3
        elif event_type == "border_control" and sub == "crossing_closure" and places.crossings and draw < 0.5:
            entry, precision = rng.choice(places.crossings), 1
        else:
            weights = places.weights["turkey" if actor1 == "Military Forces of Turkey" else event_type]
            entry = rng.choices(places.towns, weights=weights)[0]
            precision = 2 if event_type != "meeting" and rng.random() < NEAR_SHARE else 1
        if event_type == "border_control":
            iraqi = [a for a in GUARDS if a != "Government of Iran"]
            actor1 = "Government of Iran" if entry.country == "IR" and rng.random() < 0.7 else rng.choice(iraqi)
        value, time_precision, phrase, day = _event_date(rng)
        outlet = rng.choice(OUTLETS)[0]
        town = places.towns[rng.randrange(len(places.towns))] if precision == 3 else entry
        dateline = f"{town.name.upper()}, {'Iraq' if town.country == 'IQ' else 'Iran'}"
        where = _place_phrase(rng, entry, precision, event_type)
        evidence = _sentence(rng, event_type, sub, actor1, actor2, where, phrase, dateline, outlet)
        for _ in range(8):  # the rare sentence outside the length range is drawn again
            if EVIDENCE_LENGTH[0] <= len(evidence) <= EVIDENCE_LENGTH[1]:
                break
            evidence = _sentence(rng, event_type, sub, actor1, actor2, where, phrase, dateline, outlet)
        slug = "-".join(w.strip(",.()—").lower() for w in evidence.split()[3:9] if w.strip(",.()—"))
        sources = tuple(
            Source(document, outlet_name, url, published, 0, len(evidence))
            for document, outlet_name, url, published in _source_list(rng, number, day, slug)
        )
        surface = entry.name
        mention = Mention(sources[0].document, 0, len(surface), surface, (entry.id,))
        place = Place(
            mention, entry.id, entry.name, entry.kind, entry.country, entry.admin1, entry.lat, entry.lon, precision, 0.9
        )
        events.append(
            Event(
                event_type=event_type,
                sub_event_type=sub,
                date=EventDate(value, time_precision, phrase),
                actor1=actor1,
                actor2=actor2,
                place=place,
                evidence=evidence,
                sources=sources,
                notes=rng.choice(NOTES) if rng.random() < 0.1 else "",
            )
        )
    return events


def events_frame(count: int, gaz: Gazetteer, *, seed: int = SEED) -> gpd.GeoDataFrame:
    """The records GeoDataFrame of :func:`generate_events`, made by ``geo.records.records_from_events``."""
    from geo.records import records_from_events

    return records_from_events(generate_events(count, gaz, seed=seed), gaz)


# -- the two ways to draw them -----------------------------------------------------------------
@dataclass(frozen=True)
class Build:
    build_s: float
    save_s: float
    size: int
    cpu_s: float  # this process's CPU time for build + save: less sensitive to a busy machine than wall time

    @property
    def total_s(self) -> float:
        return self.build_s + self.save_s

    @property
    def mb(self) -> float:
        return self.size / MB


def build_borderlens(frame: gpd.GeoDataFrame, path: Path, *, offline: bool) -> Build:
    """``map_from_events(frame, offline=...)`` then ``.save(path)``, timed."""
    from maps import map_from_events

    gc.collect()
    cpu, start = time.process_time(), time.perf_counter()
    page = map_from_events(frame, offline=offline)
    built = time.perf_counter()
    page.save(path)
    saved = time.perf_counter()
    return Build(built - start, saved - built, path.stat().st_size, time.process_time() - cpu)


TYPE_LABELS = {"strike": "Strike", "meeting": "Meeting", "border_control": "Border-control change"}


def naive_popup(row: Any) -> str:
    """The popup HTML a folium user writes by hand: the same facts as borderlens' popup, escaped."""
    esc = html.escape
    actors = " – ".join(esc(a) for a in (row.actor1, row.actor2) if isinstance(a, str))
    links = "<br>".join(
        f'<a href="{esc(s["url"])}" target="_blank" rel="noopener">{esc(s["outlet"] or s["document"])}</a>'
        f" ({esc(s['published'] or '')})"
        for s in row.sources
    )
    when = row.event_date if isinstance(row.event_date, str) else "date unknown"
    return (
        f"<b>{esc(TYPE_LABELS.get(row.event_type, row.event_type))}</b> ({esc(row.sub_event_type)})<br>"
        f"{esc(when)}<br>{esc(row.location)} (precision {row.geo_precision})<br>{actors}<br>"
        f"<q>{esc(row.evidence)}</q><br>{links}"
    )


def build_naive(frame: gpd.GeoDataFrame, path: Path) -> Build:
    """One ``folium.Marker`` with a ``Popup`` and a tooltip per event on a ``folium.Map``, then ``save``."""
    import folium

    gc.collect()
    cpu, start = time.process_time(), time.perf_counter()
    m = folium.Map(location=[35.5, 45.5], zoom_start=6)
    for row in frame.itertuples(index=False):
        if row.latitude != row.latitude or row.longitude != row.longitude:  # NaN: no place, nothing to draw
            continue
        when = row.event_date if isinstance(row.event_date, str) else "date unknown"
        folium.Marker(
            [row.latitude, row.longitude],
            popup=folium.Popup(naive_popup(row), max_width=320),
            tooltip=html.escape(f"{TYPE_LABELS.get(row.event_type, row.event_type)}: {row.location}, {when}"),
        ).add_to(m)
    built = time.perf_counter()
    m.save(str(path))
    saved = time.perf_counter()
    return Build(built - start, saved - built, path.stat().st_size, time.process_time() - cpu)


def median_build(builds: Sequence[Build]) -> Build:
    return Build(
        statistics.median(b.build_s for b in builds),
        statistics.median(b.save_s for b in builds),
        int(statistics.median(b.size for b in builds)),
        statistics.median(b.cpu_s for b in builds),
    )


# -- the browser -------------------------------------------------------------------------------
@dataclass
class BrowserLoad:
    seconds: float | None = None
    version: str = ""
    note: str = ""
    errors: list[str] = field(default_factory=list)


def chromium_path() -> Path:
    return Path(os.environ.get("BORDERLENS_CHROMIUM") or DEFAULT_CHROMIUM)


def load_in_chromium(path: Path, runs: int, *, timeout_s: float = 300.0) -> BrowserLoad:
    """Median seconds from opening ``path`` in headless Chromium until the map says it is ready."""
    executable = chromium_path()
    if not executable.exists():
        return BrowserLoad(note=f"skipped: no Chromium at {executable}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return BrowserLoad(note="skipped: playwright is not installed")
    result = BrowserLoad()
    times: list[float] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(executable), args=list(CHROMIUM_FLAGS), headless=True)
            result.version = f"Chromium {browser.version}"
            try:
                for _ in range(runs):
                    context = browser.new_context(viewport={"width": 1280, "height": 900}, offline=True)
                    page = context.new_page()
                    page.on("pageerror", lambda err: result.errors.append(str(err)))
                    start = time.perf_counter()
                    page.goto(path.resolve().as_uri(), wait_until="commit", timeout=timeout_s * 1000)
                    page.wait_for_selector("body[data-borderlens]", state="attached", timeout=timeout_s * 1000)
                    elapsed = time.perf_counter() - start
                    state = page.get_attribute("body", "data-borderlens")
                    context.close()
                    if state != "ready":
                        result.note = f"the page said {state!r}, not 'ready'"
                        return result
                    times.append(elapsed)
            finally:
                browser.close()
    except Exception as err:  # a browser that cannot start here is a note in the table, not a crash
        result.note = f"skipped: {type(err).__name__}: {str(err).splitlines()[0] if str(err) else ''}"
        return result
    result.seconds = statistics.median(times)
    return result


# -- report ------------------------------------------------------------------------------------
@dataclass
class Results:
    events: int
    runs: int
    runs_naive: int
    generate_s: float
    evidence_chars: tuple[int, int, float]  # min, max, mean
    distinct_evidence: int
    area_events: int
    online: Build
    offline: Build
    naive: Build
    browser: BrowserLoad
    load_average: tuple[float, float] = (0.0, 0.0)  # 1-minute load average at the start and at the end


def _load_average() -> float:
    """The 1-minute load average (0 where the platform has none): above the core count, runs compete."""
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return 0.0


def _goal(value: float, limit: float, unit: str) -> str:
    return f"<= {limit:g} {unit}: " + ("met" if value <= limit else "MISSED")


def table(r: Results) -> str:
    from importlib.metadata import version

    ours = f"median of {r.runs}"
    naive_runs = "1 run" if r.runs_naive == 1 else f"median of {r.runs_naive}"

    def theirs(text: str) -> str:
        return f"{text} ({naive_runs})"

    rows: list[tuple[str, str, str, str]] = []
    for label, build in (("online", r.online), ("offline", r.offline)):
        rows += [
            (
                f"build + save, s ({label})",
                f"{build.total_s:.2f}",
                theirs(f"{r.naive.total_s:.1f}"),
                _goal(build.total_s, GOAL_SECONDS, "s"),
            ),
            ("  CPU time of this process, s", f"{build.cpu_s:.2f}", f"{r.naive.cpu_s:.1f}", ""),
            ("  map_from_events / add Markers", f"{build.build_s:.2f}", f"{r.naive.build_s:.1f}", ""),
            ("  save", f"{build.save_s:.2f}", f"{r.naive.save_s:.1f}", ""),
            (f"HTML size, MB ({label})", f"{build.mb:.2f}", f"{r.naive.mb:.1f}", _goal(build.mb, GOAL_MB, "MB")),
            (
                "  naive folium / borderlens",
                "",
                f"{r.naive.total_s / build.total_s:.0f}x time, {r.naive.mb / build.mb:.0f}x size",
                "",
            ),
        ]
    if r.browser.seconds is not None:
        browser_row = (f"{r.browser.seconds:.2f}", "not run (takes minutes)", "(no figure set; offline map)")
    else:
        browser_row = ("n/a", "not run", r.browser.note)
    rows.append(("open to data-borderlens=ready, s", *browser_row))
    low, high, mean = r.evidence_chars
    rows += [
        ("events generated, s (untimed)", f"{r.generate_s:.1f}", "", ""),
        ("  evidence chars min/mean/max", f"{low}/{mean:.0f}/{high}", "", f"{r.distinct_evidence:,} distinct"),
        ("  events drawn as areas (prec. 3)", f"{r.area_events:,}", "", ""),
    ]
    header = ("metric", "borderlens", "naive folium", "goal")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    notes = []
    if r.browser.errors:
        notes.append(f"page errors in the browser: {r.browser.errors[:3]}")
    if r.browser.seconds is None and r.browser.note:
        notes.append(f"browser row: {r.browser.note}")
    return "\n".join(
        [
            f"borderlens maps benchmark: {r.events:,} events with popups; borderlens {ours} run(s), "
            f"naive folium {naive_runs}; MB = 10^6 bytes",
            f"machine: {machine()}; 1-min load average {r.load_average[0]:.2f} at start, "
            f"{r.load_average[1]:.2f} at end",
            f"code: {code_version('maps', 'geo', 'gazetteer')}; folium {version('folium')}"
            + (f"; browser: {r.browser.version}, headless" if r.browser.version else ""),
            "",
            line(header),
            line(["-" * w for w in widths]),
            *(line(row) for row in rows),
            *notes,
        ]
    )


_METHOD = """\
How it is measured (`bench/maps.py`, all in one process):

- **Events**: `bench.maps.generate_events` (seed `bench.maps.SEED`) makes `geo.model.Event`s and
  `geo.records.records_from_events` turns them into the records GeoDataFrame, as the pipeline does. Types
  strike/meeting/border_control (60/20/20 %) with their sub-types; dates over 2021–2024 at day, week and month
  precision, 4 % undated; places are real gazetteer entries, towns of Iraq and Iran within 1.2° of the
  Iran–Iraq border (strikes in the Kurdish border provinces, 3:1 on the Iraqi side; meetings in cities of
  100,000 people or more; border control anywhere along the border, the Kurdish provinces 4:1), crossings,
  15 % "near" a town (precision 2), and 3 % precision-3 events in the regions, the Kurdish provinces and on
  the border lines, drawn as those areas and lines; actors from `geo/data/actors.csv`; an evidence sentence
  of 150–250 characters assembled from varied phrases (nearly all distinct); 1–3 sources each with outlet,
  https URL and published date.
- **borderlens**: `maps.map_from_events(frame, offline=...)` then `.save(path)`; median of the runs. Online
  means a tile base map from the network, offline the bundled country shapes; scripts are inlined in both.
- **naive folium**: `folium.Map(...)`, then per event `folium.Marker([lat, lon],
  popup=folium.Popup(html, max_width=320), tooltip=...)` with the same facts in the popup (type, date,
  place, actors, `html.escape`d evidence and source links), then `m.save(path)`. One run unless
  `--runs-naive` is given.
- Both are warmed up first on a 200-event map (imports, templates, cached assets), not timed.
- **Browser**: Debian's `/usr/bin/chromium` through Playwright's sync API (flags as in
  `tests/browser/conftest.py`), network emulated off, a fresh context per load; seconds from `goto` until
  `body[data-borderlens]` is attached with the value `ready` (every layer drawn). The naive map is not
  opened: it takes minutes.
"""


def results_section(r: Results, command: str) -> str:
    today = datetime.now(timezone.utc).date().isoformat()
    return "\n".join(
        [
            SECTION,
            "",
            f"- Command: `{command}`",
            f"- Date: {today}",
            f"- Machine: {machine()}",
            "",
            "```text",
            table(r),
            "```",
            "",
            _METHOD,
        ]
    )


def replace_section(document: str, section: str) -> str:
    """``document`` with its ``## Maps (issue 5)`` section replaced by ``section`` (appended when absent).

    The section runs from its heading to the next heading of level 1 or 2, or the end; everything
    else is kept byte for byte.
    """
    section = section.rstrip("\n") + "\n"
    lines = document.splitlines(keepends=True)
    start = next((i for i, text in enumerate(lines) if text.rstrip("\r\n") == SECTION), None)
    if start is None:
        if not document:
            return section
        glue = "" if document.endswith("\n\n") else ("\n" if document.endswith("\n") else "\n\n")
        return document + glue + section
    end = next(
        (i for i in range(start + 1, len(lines)) if lines[i].startswith(("# ", "## "))),
        len(lines),
    )
    tail = "".join(lines[end:])
    return "".join(lines[:start]) + section + ("\n" + tail if tail else "")


def write_results(section: str, path: Path = RESULTS) -> None:
    """Replace only the maps section of ``path`` (see :func:`bench._machine.rewrite_results`)."""
    rewrite_results(lambda current: replace_section(current, section), path)


# -- main --------------------------------------------------------------------------------------
def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.maps", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="2,000 events, 1 run (for the tests)")
    parser.add_argument("--events", type=int, default=None, help="number of events (default 100,000)")
    parser.add_argument("--runs", type=int, default=None, help="borderlens runs and browser loads (default 3)")
    parser.add_argument("--runs-naive", type=int, default=1, help="runs of the naive folium map (default 1)")
    parser.add_argument("--seed", type=int, default=SEED, help="RNG seed for the events")
    parser.add_argument("--no-browser", action="store_true", help="skip the headless-Chromium load")
    parser.add_argument("--write", action="store_true", help=f"replace the '{SECTION}' section of bench/RESULTS.md")
    args = parser.parse_args(argv)
    count = args.events if args.events is not None else (2_000 if args.quick else 100_000)
    runs = args.runs if args.runs is not None else (1 if args.quick else 3)
    if count < 1 or runs < 1 or args.runs_naive < 1:
        parser.error("--events, --runs and --runs-naive must be at least 1")

    def say(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    from gazetteer import Gazetteer

    gaz = Gazetteer.load()
    load_start = _load_average()
    start = time.perf_counter()
    frame = events_frame(count, gaz, seed=args.seed)
    generate_s = time.perf_counter() - start
    lengths = [len(e) for e in frame["evidence"]]
    say(f"events: {len(frame):,} generated ({generate_s:.1f} s)")

    CACHE.mkdir(parents=True, exist_ok=True)
    warm = events_frame(WARM_EVENTS, gaz, seed=args.seed + 1)
    build_borderlens(warm, CACHE / "warm-online.html", offline=False)
    build_borderlens(warm, CACHE / "warm-offline.html", offline=True)
    build_naive(warm, CACHE / "warm-naive.html")

    online: list[Build] = []
    offline: list[Build] = []
    for run in range(runs):
        online.append(build_borderlens(frame, CACHE / "borderlens-online.html", offline=False))
        offline.append(build_borderlens(frame, CACHE / "borderlens-offline.html", offline=True))
        say(
            f"run {run + 1}/{runs}: borderlens online {online[-1].total_s:.2f} s {online[-1].mb:.2f} MB, "
            f"offline {offline[-1].total_s:.2f} s {offline[-1].mb:.2f} MB"
        )
    naive: list[Build] = []
    for run in range(args.runs_naive):
        say(f"naive folium run {run + 1}/{args.runs_naive} ({count:,} Markers) ...")
        naive.append(build_naive(frame, CACHE / "naive-folium.html"))
        say(f"  {naive[-1].total_s:.1f} s {naive[-1].mb:.1f} MB")

    if args.no_browser:
        browser = BrowserLoad(note="skipped: --no-browser")
    else:
        say("opening the offline map in headless Chromium ...")
        browser = load_in_chromium(CACHE / "borderlens-offline.html", runs)

    results = Results(
        events=len(frame),
        runs=runs,
        runs_naive=args.runs_naive,
        generate_s=generate_s,
        evidence_chars=(min(lengths), max(lengths), statistics.fmean(lengths)),
        distinct_evidence=frame["evidence"].nunique(),
        area_events=int((frame["geo_precision"] == 3).sum()),
        online=median_build(online),
        offline=median_build(offline),
        naive=median_build(naive),
        browser=browser,
        load_average=(load_start, _load_average()),
    )
    print(table(results))
    if args.write:
        invocation = " ".join(["python -m bench.maps", *(argv if argv is not None else sys.argv[1:])])
        write_results(results_section(results, invocation.strip()))
        say(f"updated the '{SECTION}' section of {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
