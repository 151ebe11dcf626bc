"""Rules of event reading met in real reports: headlines, datelines, several struck towns, campaign summaries.

The texts are written for these tests in the style of the wire and regional reports borderlens reads.
"""

from __future__ import annotations

from datetime import date

import pytest

from gazetteer import Gazetteer
from geo.dates import date_from_sentence
from geo.events import events_from_document, events_from_documents, sentences
from geo.model import Document, Event
from geo.toponyms import mentions_from_text, near_cue


def doc(text: str, published: str | None = "2022-11-14", doc_id: str = "d1") -> Document:
    return Document(doc_id, text, published=date.fromisoformat(published) if published else None)


def strikes(events: list[Event]) -> list[Event]:
    return [e for e in events if e.event_type == "strike"]


def test_a_dateline_after_the_headline_is_a_dateline() -> None:
    text = "Drones hit opposition bases in the Kurdistan Region\nSULAYMANIYAH, Kurdistan Region - Iran said."
    found = [(m.surface, m.source) for m in mentions_from_text(text)]
    assert found[:3] == [("Kurdistan Region", "name"), ("SULAYMANIYAH", "dateline"), ("Kurdistan Region", "dateline")]


def test_near_a_country_s_town() -> None:
    text = "Rockets hit a party office near Iraq’s Erbil."
    assert near_cue(text, text.index("Erbil"))
    assert not near_cue("Rockets hit a party office in Erbil.", len("Rockets hit a party office in "))


def test_times_of_day_do_not_end_a_sentence() -> None:
    text = "The shelling began at 9 a.m. local time and lasted an hour. Officials said so."
    assert [text[s:e] for s, e in sentences(text)] == [
        "The shelling began at 9 a.m. local time and lasted an hour.",
        "Officials said so.",
    ]


def test_a_weekday_matched_with_a_long_s_resolves() -> None:
    assert date_from_sentence("Drones struck on Tueſday.", date(2024, 3, 14)).value == "2024-03-12"


def test_one_event_per_struck_town(gaz: Gazetteer) -> None:
    text = (
        "On Monday the IRGC targeted the Komala base in Sulaimaniyah with six drones "
        "and the PDKI base in Koya with four missiles."
    )
    found = strikes(events_from_document(doc(text), gaz))
    assert sorted(e.place.name for e in found if e.place) == ["Koya", "Sulaymaniyah"]
    assert len({e.event_id for e in found}) == 2
    assert all(e.date.value == "2022-11-14" for e in found)


def test_a_town_near_another_only_says_where_it_is(gaz: Gazetteer) -> None:
    text = "On Monday Iranian rockets hit a party headquarters in the city of Koya, near Erbil, killing one."
    found = strikes(events_from_document(doc(text), gaz))
    assert [(e.place.name, e.place.precision) for e in found if e.place] == [("Koya", 1)]


def test_an_armed_group_named_as_the_target_makes_a_strike(gaz: Gazetteer) -> None:
    text = "The attack came at dawn on Monday, targeting the main base of the PDKI outside Koya."
    found = strikes(events_from_document(doc(text), gaz))
    assert [(e.place.name, e.place.precision) for e in found if e.place] == [("Koya", 2)]
    # ... but a group only mentioned after a casualty toll is not a target
    assert not strikes(events_from_document(doc("Those strikes killed two people where the PDKI is based."), gaz))


def test_the_headline_joins_the_dated_report(gaz: Gazetteer) -> None:
    text = (
        "IRGC strikes Kurdistan Region with drones and missiles\n\n"
        "Iran's Revolutionary Guards fired missiles and drones at PDKI bases near Koya on Monday."
    )
    found = strikes(events_from_document(doc(text, published="2022-11-15"), gaz))
    assert len(found) == 1
    assert (found[0].date.value, found[0].date.precision) == ("2022-11-14", 1)
    assert found[0].place is not None and found[0].place.name == "Koya"
    assert len(found[0].sources) == 2


def test_an_undated_report_takes_the_publication_date_at_week_precision(gaz: Gazetteer) -> None:
    text = "Iranian drones struck opposition bases near Koya, killing two."
    (event,) = strikes(events_from_document(doc(text, published="2022-09-28"), gaz))
    assert (event.date.value, event.date.precision) == ("2022-09-28", 2)
    assert "publication date" in event.notes
    (undated,) = strikes(events_from_document(doc(text, published=None), gaz))
    assert not undated.date.known  # without a publication date nothing is guessed


@pytest.mark.parametrize(
    "text",
    [
        "Since late September, IRGC missiles and drones have hit the PDKI around Koya and Komala near Sulaimani.",
        "The IRGC has launched attacks on Kurdish opposition bases in northern Iraq since the death of Mahsa Amini.",
        "Iran has carried out intermittent drone strikes on the border areas for the past several years.",
    ],
)
def test_a_campaign_summed_up_is_not_one_event(text: str, gaz: Gazetteer) -> None:
    assert not strikes(events_from_document(doc(text), gaz))


def test_a_habit_in_a_relative_clause_does_not_cancel_the_report(gaz: Gazetteer) -> None:
    text = "The PDKI, which is frequently targeted by Iran, said drones hit a refugee camp near Koya on Monday."
    assert strikes(events_from_document(doc(text), gaz))


def test_two_articles_on_one_town_and_day_are_one_strike_whatever_the_weapons(gaz: Gazetteer) -> None:
    first = doc("Iranian drones struck PDKI offices in Koya on Monday.", doc_id="a")
    second = doc("IRGC missiles hit the PDKI headquarters in Koya on Monday.", doc_id="b")
    found = strikes(events_from_documents([first, second], gaz))
    assert len(found) == 1 and len(found[0].sources) == 2


def test_a_bare_year_does_not_join_another_article_s_dated_strike(gaz: Gazetteer) -> None:
    first = doc("IRGC missiles struck targets in Erbil earlier this year.", published="2022-09-29", doc_id="a")
    second = doc("IRGC missiles struck targets in Erbil on Monday.", doc_id="b")
    found = strikes(events_from_documents([first, second], gaz))
    assert sorted(e.date.value or "" for e in found) == ["2022", "2022-11-14"]


def test_news_spellings_of_the_city_of_sulaymaniyah(gaz: Gazetteer) -> None:
    assert gaz.lookup("Sulaimaniyah")[0].kind == "populated_place"
    assert gaz.lookup("Halabjah")[0].kind == "populated_place"


def test_a_wire_dateline_s_place_and_date_are_the_filing_s(gaz: Gazetteer) -> None:
    text = "Tehran, March 20 (Agency) Iran and Iraq have signed a border security agreement in Baghdad."
    first = mentions_from_text(text)[0]
    assert (first.surface, first.source) == ("Tehran", "dateline")
    found = events_from_document(doc(text, published="2023-03-20"), gaz)
    # a signed agreement is a signing (a meeting) and a border-control change
    assert sorted((e.event_type, e.sub_event_type) for e in found) == [
        ("border_control", "security_agreement"),
        ("meeting", "agreement_signing"),
    ]
    for event in found:
        assert event.place is not None and event.place.name == "Baghdad"  # where it says it happened
        assert event.date.precision == 2  # "March 20" dates the filing, not the signing
        assert event.evidence.startswith("Tehran, March 20")


def test_reports_of_one_signing_join_across_articles(gaz: Gazetteer) -> None:
    reports = [
        doc("Iraq and Iran signed a border security agreement in Baghdad on Sunday.", "2023-03-19", "a"),
        doc("Iran and Iraq sign border protection agreement", "2023-03-20", "b"),  # a headline: no place, no day
    ]
    (event,) = [e for e in events_from_documents(reports, gaz) if e.event_type == "border_control"]
    assert sorted(s.document for s in event.sources) == ["a", "b"]
    assert (event.date.value, event.date.precision) == ("2023-03-19", 1)


def test_a_promise_is_not_an_event(gaz: Gazetteer) -> None:
    text = "After the attacks Iraq had promised to redeploy troops to the border area."
    assert not events_from_document(doc(text), gaz)


def test_a_decision_to_redeploy_guards_is_a_border_control_change_placed_on_the_border(gaz: Gazetteer) -> None:
    text = (
        "Iraq to redeploy federal forces\n\n"
        "The government has announced plans to send border guards to its border with Iran and Turkey."
    )
    (event,) = events_from_document(doc(text, published="2022-11-24"), gaz)
    assert (event.event_type, event.sub_event_type) == ("border_control", "guard_deployment")
    assert event.place is not None and event.place.kind == "border"
    # a plan with no decision is not one
    assert not events_from_document(doc("Iraq said it plans to send border guards to the border with Iran."), gaz)


def test_a_tally_of_strikes_is_not_one_strike(gaz: Gazetteer) -> None:
    text = "So far, Iranian forces hit Kurdish opposition parties four times with rocket and drone attacks."
    assert not strikes(events_from_document(doc(text), gaz))


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Guards will hold its border with Iran.", "its border with Iran"),
        ("Troops moved to the frontiers with Iraq.", "the frontiers with Iraq"),
    ],
)
def test_a_border_named_by_its_neighbour(text: str, surface: str, gaz: Gazetteer) -> None:
    (mention,) = [m for m in mentions_from_text(text, gaz) if m.source == "pattern"]
    assert mention.surface == surface and "border:iran-iraq" in mention.candidates


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Iranian artillery shelled villages in Erbil’s Sidakan sub-district.", "Erbil", "adm1"),
        ("Shelling hit the Bradost area in northern Erbil.", "Erbil", "adm1"),
        ("Drones hit a base in Erbil on Monday.", "Erbil", "populated_place"),
    ],
)
def test_a_place_that_owns_another_is_the_area(text: str, name: str, kind: str, gaz: Gazetteer) -> None:
    from geo.resolve import places_from_document

    (place,) = [p for p in places_from_document(doc(text), gaz) if p.mention.surface == name]
    assert place.kind == kind


def test_near_reaches_along_a_list() -> None:
    text = "Drones targeted two bases near Erbil and al-Sulaymaniyah, and one in Koya and Ranya."
    assert near_cue(text, text.index("Sulaymaniyah"))
    assert not near_cue(text, text.index("Ranya"))
    assert not near_cue(text, text.index("Sulaymaniyah"), along_lists=False)


def test_a_dateline_below_a_headline_and_a_summary(gaz: Gazetteer) -> None:
    text = "Iran shells border\n\nArtillery resumed shelling.\n\nERBIL, Kurdistan Region (Agency) – Artillery fire."
    assert ("ERBIL", "dateline") in [(m.surface, m.source) for m in mentions_from_text(text, gaz)]


def test_an_agency_byline_is_a_dateline_and_arriving_on_a_day_is_a_visit(gaz: Gazetteer) -> None:
    text = (
        "MOSCOW (Example News / Agency - 29th August, 2022) Iraq's foreign minister arrived on Monday in "
        "Tehran, where he spoke with his Iranian counterpart."
    )
    (event,) = events_from_document(doc(text, published="2022-08-29"), gaz)
    assert (event.event_type, event.sub_event_type) == ("meeting", "official_visit")
    assert event.place is not None and event.place.name == "Tehran"
    assert (event.date.value, event.date.precision) == ("2022-08-29", 1)


def test_links_and_widgets_around_a_scraped_article_are_not_reports(gaz: Gazetteer) -> None:
    text = (
        "Officials met in Baghdad on Monday.\n"
        "Read | Iranian rockets hit a Kurdish party office near Koya\n"
        "Share:\nLeave A Comment\nYou might also like\nExample Live"
    )
    assert [e.event_type for e in events_from_document(doc(text), gaz)] == ["meeting"]


def test_a_wire_story_s_dateline_is_not_the_meeting_s_venue_when_the_article_names_one(gaz: Gazetteer) -> None:
    text = (
        "TEHRAN, Dec. 21 (Agency) – Iran's ambassador to Baghdad met Tuesday with the head of the Kurdistan "
        "Region.\n\nThe two met in Erbil on Tuesday, the regional government said."
    )
    (event,) = events_from_document(doc(text, published="2021-12-21"), gaz)
    assert event.place is not None and event.place.name == "Erbil"
    assert len(event.sources) == 2


def test_discussions_and_consultations_are_talks(gaz: Gazetteer) -> None:
    for text in (
        "The prime minister and the consul general engaged in discussions on security in Erbil on Friday.",
        "The minister convened with the Iranian envoy in Baghdad on Friday.",
        "The delegations engaged in lengthy consultations in Baghdad on Friday.",
    ):
        assert [(e.event_type, e.sub_event_type) for e in events_from_document(doc(text), gaz)] == [
            ("meeting", "talks")
        ], text


def test_a_date_told_in_the_past_perfect_is_not_passed_to_later_reports(gaz: Gazetteer) -> None:
    text = (
        "Iranian drones struck opposition bases near Koya, killing seven.\n\n"
        "Already on Saturday, the IRGC had launched drone raids on the same area.\n\n"
        "State media said the IRGC drones targeted separatist bases near Koya."
    )
    found = strikes(events_from_document(doc(text, published="2022-09-28"), gaz))
    assert sorted((e.date.value, len(e.sources)) for e in found) == [("2022-09-24", 1), ("2022-09-28", 2)]
