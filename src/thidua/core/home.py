"""Home page panels. Each app registers function(user) -> list of HomePanel showing that user's real work.

The home page is a to-do list first: panels of kind TASKS (what waits for the user now, with deadline, state and
progress) come under "Việc đang chờ bạn"; panels of kind INFO (their units, clusters, shortcuts) follow. A task
panel says how many of its rows ask the user to act (`waiting`), so the page can say plainly that nothing waits;
a panel whose rows arrive later (htmx) says None, and the page then lets CSS decide once they have arrived.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

TASKS = "tasks"
INFO = "info"

_PANELS = []


@dataclass
class HomePanel:
    title: str
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100
    kind: str = INFO
    waiting: int | None = 0


@dataclass(frozen=True)
class Due:
    """A deadline as a person reads it: the date, and either the days left or the days late."""

    on: datetime.date
    days_left: int
    done: bool = False

    @property
    def overdue(self):
        return not self.done and self.days_left < 0

    @property
    def days_late(self):
        return -self.days_left if self.overdue else 0


def due(on, *, done=False, today=None):
    if on is None:
        return None
    today = today or timezone.localdate()
    return Due(on=on, days_left=(on - today).days, done=done)


def register_home_panel(provider):
    _PANELS.append(provider)
    return provider


def home_panels(user):
    panels = []
    for provider in _PANELS:
        panels.extend(provider(user) or [])
    return sorted(panels, key=lambda p: p.order)


@dataclass
class Home:
    tasks: list
    info: list
    waiting: int
    waiting_known: bool

    @property
    def nothing_waiting(self):
        return self.waiting_known and self.waiting == 0


def home_for(user):
    panels = home_panels(user)
    tasks = [p for p in panels if p.kind == TASKS]
    counts = [p.waiting for p in tasks]
    return Home(
        tasks=tasks,
        info=[p for p in panels if p.kind != TASKS],
        waiting=sum(n for n in counts if n),
        waiting_known=None not in counts,
    )
