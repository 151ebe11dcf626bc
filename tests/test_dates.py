"""Event dates: absolute, relative to publication, and unknown when they cannot be known."""

from __future__ import annotations

from datetime import date

import pytest

from geo.dates import EventDate, date_from_sentence

PUB = date(2022, 11, 16)  # a Wednesday


@pytest.mark.parametrize(
    ("sentence", "value", "precision"),
    [
        ("On September 10, drones struck.", "2022-09-10", 1),
        ("Tasnim reported on November 14 that ...", "2022-11-14", 1),
        ("On 28 September 2022, missiles hit Koya.", "2022-09-28", 1),
        ("In September 2018, an Iranian missile strike killed 15.", "2018-09", 3),
        ("Also in July 2019, the IRGC attacked.", "2019-07", 3),
        ("The talks were held on Saturday.", "2022-11-12", 1),
        ("Drones struck on Wednesday.", "2022-11-16", 1),
        ("Shelling began yesterday.", "2022-11-15", 1),
        ("In a phone call last week, he said.", "2022-11-09", 2),
        ("Earlier this month, groups moved.", "2022-11", 3),
        ("Iraq announced in November that it would redeploy guards.", "2022-11", 3),
        ("In December, talks began.", "2021-12", 3),  # December after a November report: last year's
        ("The border took on a new focus last year.", "2021", 3),
        ("Drones struck, officials said.", None, None),
    ],
)
def test_dates_against_publication(sentence: str, value: str | None, precision: int | None) -> None:
    found = date_from_sentence(sentence, PUB)
    assert (found.value, found.precision) == (value, precision)


@pytest.mark.parametrize(
    "sentence", ["On September 10, drones struck.", "The talks were held on Saturday.", "last week", "last year"]
)
def test_relative_and_yearless_dates_stay_unknown_without_publication(sentence: str) -> None:
    found = date_from_sentence(sentence, None)
    assert found.value is None and found.precision is None
    assert found.text  # kept as text


def test_absolute_dates_need_no_publication() -> None:
    assert date_from_sentence("In September 2018, a strike.", None) == EventDate("2018-09", 3, "September 2018")


def test_background_dates_are_passed_over() -> None:
    sentence = "Shelling hit Sidakan on Monday, weeks after the death of Mahsa Amini on 16 September."
    assert date_from_sentence(sentence, PUB, near=0).value == "2022-11-14"


def test_an_event_cannot_postdate_its_report() -> None:
    assert date_from_sentence("The meeting on 30 November 2022 will decide.", PUB).value is None
