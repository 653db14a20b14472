"""Home page panels. Each app registers function(user) -> list of HomePanel showing that user's real work."""

from dataclasses import dataclass, field

_PANELS = []


@dataclass
class HomePanel:
    title: str
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100


def register_home_panel(provider):
    _PANELS.append(provider)
    return provider


def home_panels(user):
    panels = []
    for provider in _PANELS:
        panels.extend(provider(user) or [])
    return sorted(panels, key=lambda p: p.order)
