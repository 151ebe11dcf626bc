"""The dev-set scores stay at or above the floors in bench/accuracy_floors.json (issue 16).

A rule change that loses accuracy on real reporting fails here. When scores improve, raise the floors
with ``python -m bench.accuracy --raise-floors`` (see the README). Skips when ``../shared/devset`` is absent.
"""

from __future__ import annotations

import pytest

from bench import accuracy

_FLOORS = accuracy.load_floors()


@pytest.fixture(scope="module")
def scores() -> dict[str, float | None]:
    try:
        accuracy.check_devset(accuracy.DEVSET)
    except accuracy.DevsetMissing as err:
        pytest.skip(f"the dev set is not beside the project: {err}")
    measured, _ = accuracy.measure()
    return measured


@pytest.mark.parametrize("name", list(_FLOORS))
def test_score_is_not_below_its_floor(scores: dict[str, float | None], name: str) -> None:
    assert accuracy.below_floors(scores, {name: _FLOORS[name]}) == [], (
        f"{name} fell below its floor on the dev set; `python -m bench.accuracy --errors` lists what changed"
    )
