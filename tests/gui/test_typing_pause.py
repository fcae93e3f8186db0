"""The preview's pause after an edit follows the typist (gui/preview/typing_pause.py): one
build per burst of typing, started soon after a fast typist's last key."""

from __future__ import annotations

from reading_guide.gui.preview.typing_pause import SHORTEST_MS, TypingPause


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _type(pause: TypingPause, clock: Clock, gaps_ms: list[int]) -> list[int]:
    waits = [pause.after_edit()]
    for gap in gaps_ms:
        clock.now += gap / 1000
        waits.append(pause.after_edit())
    return waits


def test_an_edit_after_a_quiet_moment_builds_at_once() -> None:
    clock = Clock()
    pause = TypingPause(300, clock=clock)
    assert _type(pause, clock, [301, 2000]) == [0, 0, 0]


def test_a_fast_burst_waits_half_as_long_again_as_its_gaps_not_the_longest_pause() -> None:
    clock = Clock()
    pause = TypingPause(300, clock=clock)
    waits = _type(pause, clock, [100, 100, 100, 100])
    assert waits == [0, 150, 150, 150, 150]
    # Every wait outlasts the typist's gap: a burst makes one build, after its last key.
    assert all(wait > 100 for wait in waits[1:])


def test_a_slower_key_lengthens_the_pause_at_once_up_to_the_longest() -> None:
    clock = Clock()
    pause = TypingPause(300, clock=clock)
    assert _type(pause, clock, [100, 180, 100, 250]) == [0, 150, 270, 270, 300]


def test_key_repeat_never_waits_less_than_the_shortest_pause() -> None:
    clock = Clock()
    pause = TypingPause(300, clock=clock)
    assert _type(pause, clock, [30, 30, 0]) == [0, SHORTEST_MS, SHORTEST_MS, SHORTEST_MS]


def test_a_fixed_pause_is_the_old_behaviour() -> None:
    clock = Clock()
    pause = TypingPause(300, shortest_ms=300, clock=clock)
    assert _type(pause, clock, [100, 100]) == [0, 300, 300]
