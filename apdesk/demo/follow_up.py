"""Demo follow-up: actions opened part-way through the term, and those already dealt with.

A fortnight before today the attendance lead ran the day's checks; the first-day absence
calls they opened were made two days later, and a reminder to hold an exit review was
closed once the placement had ended. What needs doing today is opened by the final sweep.
"""

from __future__ import annotations

from functools import partial

from apdesk.demo.world import World, Year
from apdesk.domain.enums import ActionSource
from apdesk.domain.labels import label
from apdesk.services import actions, automatic_actions, placements

FOLLOWED_UP = "Parent phoned on the day; reason recorded and the final code set."
EXIT_HELD = "Exit review held and the placement closed."


def plan_follow_up(world: World, year: Year) -> None:
    world.at(world.day(year, 10), "16:45", partial(_sweep, world))
    world.at(world.day(year, 8), "10:00", partial(_complete_absence_calls, world))
    world.at(world.day(year, 7), "09:00", partial(_close_exit_reminders, world))


def _sweep(world: World) -> None:
    automatic_actions.sweep(world.past, world.staff["attendance"])


def _complete_absence_calls(world: World) -> None:
    lead = world.staff["attendance"]
    calls = {label(ActionSource.UNEXPLAINED_ABSENCE), label(ActionSource.URGENT_ABSENCE)}
    for row in actions.list_actions(world.past, lead):
        if row.is_open and row.source in calls:
            actions.complete_action(world.past, lead, row.id, FOLLOWED_UP)


def _close_exit_reminders(world: World) -> None:
    """The reminder to hold an exit review is done once the placement has closed."""
    lead = world.staff["inclusion"]
    ending = label(ActionSource.PLACEMENT_ENDING)
    for row in actions.list_actions(world.past, lead):
        if row.is_open and row.source == ending and row.placement_id is not None:
            closed = placements.get_placement(world.past, lead, row.placement_id).is_closed
            if closed:
                actions.complete_action(world.past, lead, row.id, EXIT_HELD)
