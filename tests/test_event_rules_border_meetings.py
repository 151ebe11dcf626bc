"""Rules for crossings and meetings as regional reports tell them (sentences written for these tests)."""

from __future__ import annotations

from datetime import date

import pytest

from gazetteer import Gazetteer
from geo.events import events_from_document, events_from_documents
from geo.model import Document, Event


def doc(text: str, published: str | None = "2023-05-08", doc_id: str = "d1") -> Document:
    return Document(doc_id, text, published=date.fromisoformat(published) if published else None)


def kinds(events: list[Event]) -> list[tuple[str, str]]:
    return sorted((e.event_type, e.sub_event_type) for e in events)


@pytest.mark.parametrize(
    ("text", "sub_type"),
    [
        ("Iran blocked the crossings of Bashmaq and Parviz Khan on Sunday.", "crossing_closure"),
        ("The authorities sealed the border crossing with Iraq on Monday.", "crossing_closure"),
        ("Iraq reopened the Mehran border crossing to travellers on Monday.", "crossing_opening"),
        ("Trade resumed at the Haji Omaran border crossing on Monday, officials said.", "crossing_opening"),
        ("The governor announced that the border markets near Marivan were reopened on Monday.", "crossing_opening"),
    ],
)
def test_closures_and_reopenings_are_told_apart(gaz: Gazetteer, text: str, sub_type: str) -> None:
    assert kinds(events_from_document(doc(text), gaz)) == [("border_control", sub_type)]


def test_a_reopening_after_months_of_closure_is_not_a_habit(gaz: Gazetteer) -> None:
    text = "Iraq reopened the Mehran border crossing on Monday after more than four months of closure."
    assert kinds(events_from_document(doc(text), gaz)) == [("border_control", "crossing_opening")]


def test_years_of_shelling_still_make_a_habit(gaz: Gazetteer) -> None:
    text = "Iranian artillery has shelled the villages near Sidakan for years."
    assert events_from_document(doc(text), gaz) == []


@pytest.mark.parametrize(
    "text",
    [
        "The joint border committee of the two countries met in Sulaymaniyah on Monday.",
        "A meeting of the two border guard commanders was held in Sulaymaniyah on Monday.",
        "The commanders attended a security meeting in Sulaymaniyah on Monday.",
    ],
)
def test_committee_meetings_are_meetings(gaz: Gazetteer, text: str) -> None:
    (event,) = events_from_document(doc(text), gaz)
    assert (event.event_type, event.sub_event_type) == ("meeting", "committee_meeting")
    assert event.place is not None and event.place.name == "Sulaymaniyah"


def test_a_visitor_received_by_the_host_is_a_meeting(gaz: Gazetteer) -> None:
    text = "The Iraqi foreign minister was received by the Iranian president in Tehran on Monday."
    (event,) = events_from_document(doc(text), gaz)
    assert event.event_type == "meeting"
    assert event.place is not None and event.place.name == "Tehran"


def test_news_told_with_this_comes_as_is_an_event(gaz: Gazetteer) -> None:
    text = "This comes as the party's leader also paid a visit to Baghdad on Monday and held talks with officials."
    (event,) = events_from_document(doc(text), gaz)
    assert event.event_type == "meeting"
    assert event.place is not None and event.place.name == "Baghdad"


def test_a_dateline_is_never_a_meeting_s_venue(gaz: Gazetteer) -> None:
    text = "TEHRAN, May 8 (Agency) - The two foreign ministers met on Monday to discuss trade."
    (event,) = events_from_document(doc(text), gaz)
    assert event.event_type == "meeting" and event.place is None


def test_an_ambassador_to_a_city_does_not_make_it_the_venue(gaz: Gazetteer) -> None:
    text = "Iran's ambassador to Baghdad met the governor of Sulaymaniyah in Sulaymaniyah on Monday."
    (event,) = events_from_document(doc(text), gaz)
    assert event.place is not None and event.place.name == "Sulaymaniyah"


def test_undated_reports_in_two_articles_are_not_joined(gaz: Gazetteer) -> None:
    first = doc("The Iranian foreign minister met officials in Baghdad.", published=None, doc_id="a")
    second = doc("The Iraqi defence minister held talks in Baghdad.", published=None, doc_id="b")
    assert len(events_from_documents([first, second], gaz)) == 2


@pytest.mark.parametrize(
    "text",
    [
        "Iraq suspended issuing visas to Iranian travellers on Monday.",
        "The health ministry decided to prevent foreign pilgrims from entering the country on Monday.",
    ],
)
def test_visa_and_entry_bans_are_entry_restrictions(gaz: Gazetteer, text: str) -> None:
    assert kinds(events_from_document(doc(text), gaz)) == [("border_control", "entry_restriction")]


def test_evacuated_opposition_camps_are_a_relocation(gaz: Gazetteer) -> None:
    text = "The bases of the Iranian Kurdish opposition groups near the border were evacuated on Monday."
    assert kinds(events_from_document(doc(text), gaz)) == [("border_control", "relocation_of_armed_groups")]


def test_civilians_fleeing_a_strike_are_not_a_relocation(gaz: Gazetteer) -> None:
    text = "Iranian drones struck near Koya on Monday, forcing the evacuation of nearby refugee camps."
    assert kinds(events_from_document(doc(text), gaz)) == [("strike", "drone_strike")]


def test_sides_that_agreed_on_the_border_made_an_agreement(gaz: Gazetteer) -> None:
    text = "At the meeting in Baghdad on Monday the two sides agreed to set up joint patrols along the border."
    assert ("border_control", "security_agreement") in kinds(events_from_document(doc(text), gaz))


@pytest.mark.parametrize(
    "text",
    [
        "In recent years, Iranian drones have struck the bases of the opposition groups near Koya.",
        "Iranian artillery has shelled the villages near Penjwen on many occasions.",
    ],
)
def test_strikes_told_as_a_habit_are_not_events(gaz: Gazetteer, text: str) -> None:
    assert events_from_document(doc(text), gaz) == []


def test_a_meeting_with_no_place_takes_the_nearest_city_the_visit_went_to(gaz: Gazetteer) -> None:
    text = (
        "The Iraqi minister arrived in Baghdad from Amman last week. "
        "A month later the regional president paid a visit to Tehran. "
        "The president also held talks with the Iranian foreign minister."
    )
    meetings = [e for e in events_from_document(doc(text, published=None), gaz) if e.event_type == "meeting"]
    third = text.index("The president also")
    talks = next(e for e in meetings if any(s.start == third for s in e.sources))
    assert talks.place is not None and talks.place.name == "Tehran"


def test_towns_that_say_where_the_struck_town_lies_are_not_struck(gaz: Gazetteer) -> None:
    text = "Iranian drones hit a party base in Koya, along the Erbil and Sulaymaniyah border, on Monday."
    (event,) = events_from_document(doc(text), gaz)
    assert event.place is not None and event.place.name == "Koya"


def test_the_day_before_yesterday_is_two_days_before_publication(gaz: Gazetteer) -> None:
    text = "The two ministers signed a border security agreement the day before yesterday in Baghdad."
    found = events_from_document(doc(text, published="2023-05-10"), gaz)
    assert found and {e.date.value for e in found} == {"2023-05-08"}


def test_an_undated_decision_takes_the_date_of_the_sentence_before(gaz: Gazetteer) -> None:
    text = (
        "On Wednesday, the national security council discussed the attacks on the Kurdistan Region. "
        "The council decided to deploy border guards along the border with Iran."
    )
    found = [
        e for e in events_from_document(doc(text, published="2023-05-12"), gaz) if e.event_type == "border_control"
    ]
    assert [e.date.value for e in found] == ["2023-05-10"]


def test_a_signing_its_own_sentence_dates_keeps_no_venue_from_a_later_visit(gaz: Gazetteer) -> None:
    text = (
        "In March 2023, Iraq and Iran signed a border security agreement. "
        "On Monday a delegation arrived in Tehran to review it."
    )
    signing = [e for e in events_from_document(doc(text), gaz) if e.sub_event_type == "agreement_signing"]
    assert signing and all(e.place is None for e in signing)


def test_a_press_conference_is_not_a_meeting_of_its_own(gaz: Gazetteer) -> None:
    text = "In Baghdad, the two ministers held a joint press conference on Monday."
    assert events_from_document(doc(text), gaz) == []


def test_a_venue_outside_the_region_is_not_guessed_from_elsewhere(gaz: Gazetteer) -> None:
    text = (
        "The foreign minister met the regional president in Erbil last month. "
        "Speaking at the summit in Zzyzxville on Monday, the president said the talks went well."
    )
    found = [e for e in events_from_document(doc(text), gaz) if e.sub_event_type == "conference"]
    assert found and all(e.place is None for e in found)


def test_a_meeting_is_not_placed_far_outside_the_region_from_a_passing_mention(gaz: Gazetteer) -> None:
    text = (
        "The minister, who studied in Washington, later held talks with Iranian officials. "
        "He met the Iranian foreign minister on Monday."
    )
    found = [e for e in events_from_document(doc(text), gaz) if e.event_type == "meeting"]
    assert found and all(e.place is None or e.place.country in ("IQ", "IR") for e in found)


def test_every_event_says_which_rule_made_it(gaz: Gazetteer) -> None:
    text = "Iran closed the Bashmaq border crossing on Monday. The foreign ministers met in Baghdad on Monday."
    found = events_from_document(doc(text), gaz)
    notes = {e.event_type: e.notes for e in found}
    assert notes["border_control"].startswith("rule: border_control/crossing_closure on 'closed the Bashmaq border")
    assert notes["meeting"].startswith("rule: meeting/talks on 'met'")


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        (
            "Iraq's National Security Adviser and the Iranian security chief signed a border security agreement.",
            ("Government of Iraq", "Government of Iran"),
        ),
        (
            "Kurdistan Region President Nechirvan Barzani met Iranian President Ebrahim Raisi in Tehran on Monday.",
            ("Kurdistan Regional Government", "Government of Iran"),
        ),
        (
            "The Iraqi premier met the Supreme Leader of the Islamic Republic of Iran in Tehran on Monday.",
            ("Government of Iraq", "Government of Iran"),
        ),
    ],
)
def test_officials_named_by_title_stand_for_their_governments(
    gaz: Gazetteer, text: str, actors: tuple[str, str]
) -> None:
    found = events_from_document(doc(text), gaz)
    assert found and all((e.actor1, e.actor2) == actors for e in found)


def test_two_reports_joined_never_put_one_actor_on_both_sides(gaz: Gazetteer) -> None:
    text = (
        "The Iraqi foreign minister arrived in Tehran on Monday. "
        "The Iranian foreign minister received the Iraqi foreign minister in Tehran on Monday."
    )
    for event in events_from_document(doc(text), gaz):
        assert event.actor1 is None or event.actor1 != event.actor2


def test_a_joint_committee_set_up_is_an_agreement_not_a_meeting(gaz: Gazetteer) -> None:
    text = "Iran held talks with officials of the regional government after they set up a joint security committee."
    assert kinds(events_from_document(doc(text), gaz)) == [
        ("border_control", "security_agreement"),
        ("meeting", "talks"),
    ]


def test_a_memorandum_told_as_signed_is_a_signing(gaz: Gazetteer) -> None:
    text = "At the end of the talks in Baghdad on Monday, a borders-related memorandum was signed by the two sides."
    assert kinds(events_from_document(doc(text), gaz)) == [
        ("border_control", "security_agreement"),
        ("meeting", "agreement_signing"),
    ]


def test_what_groups_should_do_is_not_an_event(gaz: Gazetteer) -> None:
    text = "The minister said the armed groups should be disarmed and moved away from the border."
    assert events_from_document(doc(text), gaz) == []


def test_a_decision_told_after_an_obligation_is_an_event(gaz: Gazetteer) -> None:
    text = "Both sides must prepare, and it was decided that the Mehran border crossing would be open around the clock."
    assert kinds(events_from_document(doc(text), gaz)) == [("border_control", "crossing_opening")]


def test_a_closure_of_the_border_in_an_iran_iraq_article_is_on_that_border(gaz: Gazetteer) -> None:
    text = "Iraq told Iran on Monday that it announced the closure of the border for a week."
    (event,) = events_from_document(doc(text), gaz)
    assert event.sub_event_type == "crossing_closure"
    assert event.place is not None and event.place.place_id == "border:iran-iraq"
    assert text[event.place.mention.start : event.place.mention.end] == "border"


def test_a_closure_in_an_article_naming_one_country_is_not_placed_on_a_border(gaz: Gazetteer) -> None:
    text = "Turkey announced the closure of the border for a week on Monday."
    (event,) = events_from_document(doc(text), gaz)
    assert event.place is None or event.place.place_id != "border:iran-iraq"


def test_a_visiting_delegation_met_where_the_report_was_filed(gaz: Gazetteer) -> None:
    text = "TEHRAN, May 8 (Agency) - The Iranian president received the visiting Iraqi delegation on Monday."
    (event,) = events_from_document(doc(text), gaz)
    assert event.event_type == "meeting" and event.place is not None and event.place.name == "Tehran"


def test_cities_called_on_to_act_are_not_the_venue(gaz: Gazetteer) -> None:
    text = (
        "The Iranian foreign minister met the Iraqi delegation in Tehran on Monday and called on both "
        "Baghdad and Erbil to act."
    )
    (event,) = events_from_document(doc(text), gaz)
    assert event.place is not None and event.place.name == "Tehran"


def test_the_border_in_an_article_about_the_kurdistan_region_is_its_stretch(gaz: Gazetteer) -> None:
    text = (
        "Iran and Iraq discussed security in the Kurdistan Region on Monday. "
        "Iraq announced the closure of the border on Monday."
    )
    closures = [e for e in events_from_document(doc(text), gaz) if e.event_type == "border_control"]
    assert [e.place.place_id if e.place else None for e in closures] == ["border:kurdistan-region-iran"]


def test_a_visit_and_its_signing_in_one_article_are_one_meeting(gaz: Gazetteer) -> None:
    text = (
        "The Iranian security chief travelled to Baghdad on Sunday, where he met his Iraqi counterpart. "
        "The two signed a border security agreement on Sunday."
    )
    meetings = [e for e in events_from_document(doc(text), gaz) if e.event_type == "meeting"]
    assert len(meetings) == 1 and meetings[0].place is not None and meetings[0].place.name == "Baghdad"


@pytest.mark.parametrize(
    ("text", "sub_type"),
    [
        ("Iranian missiles and drones struck bases near Koya on Monday.", "missile_and_drone_strike"),
        ("Rockets hit a party office in Koya on Monday.", "rocket_strike"),
        ("Iranian artillery shelled villages near Sidakan on Monday.", "artillery"),
        ("Turkish warplanes carried out air strikes near Amedi on Monday, the army said.", "airstrike"),
    ],
)
def test_strike_sub_types_follow_the_weapons(gaz: Gazetteer, text: str, sub_type: str) -> None:
    assert kinds(events_from_document(doc(text), gaz)) == [("strike", sub_type)]


def test_a_crossing_closed_to_exports_is_restricted(gaz: Gazetteer) -> None:
    text = "Iran suspended exports through the Mehran border crossing on Monday."
    assert kinds(events_from_document(doc(text), gaz)) == [("border_control", "crossing_restriction")]


def test_a_visa_ban_is_placed_in_the_country_that_decided_it(gaz: Gazetteer) -> None:
    text = "Iraqi authorities suspended issuing visas to Iranian travellers on Monday, as Iraq and Iran traded."
    (event,) = events_from_document(doc(text), gaz)
    assert event.actor1 == "Government of Iraq"
    assert event.place is not None and event.place.kind == "country" and event.place.country == "IQ"


def test_a_country_that_acted_is_its_government(gaz: Gazetteer) -> None:
    text = "Iraq has closed all its border crossings with Iran for three days."
    (event,) = events_from_document(doc(text), gaz)
    assert event.actor1 == "Government of Iraq"


def test_a_strike_told_for_the_region_and_for_a_town_on_one_day_is_one(gaz: Gazetteer) -> None:
    text = (
        "Iranian drones hit a party base in Altun Kupri on Monday. "
        "The Revolutionary Guards said on Monday they had attacked the group's bases in the Kurdistan Region."
    )
    strikes = [e for e in events_from_document(doc(text), gaz) if e.event_type == "strike"]
    assert len(strikes) == 1 and strikes[0].place is not None and strikes[0].place.name == "Altun Kupri"


def test_a_minister_s_visit_to_a_crossing_is_an_inspection(gaz: Gazetteer) -> None:
    text = "The interior minister spoke during a visit to the Bashmaq border crossing on Monday."
    assert [e for e in events_from_document(doc(text), gaz) if e.event_type == "meeting"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Local media reported the permanent deployment of Iraqi border guard forces near Penjwen on Monday.",
        "The party's fighters left on Monday and were replaced by Iraqi border guard units.",
        "The prime minister said on Monday that the border with Iran is entirely under the control of Iraqi forces.",
    ],
)
def test_border_guards_taking_over_are_a_deployment(gaz: Gazetteer, text: str) -> None:
    assert kinds(events_from_document(doc(text), gaz)) == [("border_control", "guard_deployment")]


def test_one_visit_s_talks_with_different_people_are_two_meetings(gaz: Gazetteer) -> None:
    text = (
        "Iraqi Prime Minister Ali Hamdani arrived in Tehran on Monday for talks with President Reza Karimi. "
        "The prime minister also met with Supreme Leader Hassan Moradi on Monday."
    )
    meetings = [e for e in events_from_document(doc(text), gaz) if e.event_type == "meeting"]
    assert len(meetings) == 2 and all(e.place is not None and e.place.name == "Tehran" for e in meetings)


def test_a_headline_and_its_story_naming_the_same_people_are_one_meeting(gaz: Gazetteer) -> None:
    text = (
        "Minister Ali Hamdani meets President Reza Karimi in Tehran\n"
        "Iraqi Minister Ali Hamdani met with President Reza Karimi in Tehran on Monday."
    )
    meetings = [e for e in events_from_document(doc(text), gaz) if e.event_type == "meeting"]
    assert len(meetings) == 1


def test_a_sentence_going_on_about_the_strike_gives_its_sites(gaz: Gazetteer) -> None:
    text = (
        "Iranian drones struck the border district of Sulaymaniyah province on Monday. "
        "The attack hit the towns of Penjwen and Halabja, officials said."
    )
    strikes = [e for e in events_from_document(doc(text), gaz) if e.event_type == "strike"]
    assert {e.place.name for e in strikes if e.place} >= {"Penjwen", "Halabja"}
    assert {e.sub_event_type for e in strikes} == {"drone_strike"}


def test_an_army_that_targeted_a_party_made_a_strike(gaz: Gazetteer) -> None:
    text = "The offices of the party in Koya were targeted by the Revolutionary Guards on Monday."
    assert kinds(events_from_document(doc(text), gaz)) == [("strike", "unspecified")]
