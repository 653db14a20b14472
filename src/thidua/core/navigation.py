"""The menu. Each app adds its entries here by registering a function(user) -> list of NavItem."""

from dataclasses import dataclass

_PROVIDERS = []


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    order: int = 100
    section: str = ""


def register_nav(provider):
    _PROVIDERS.append(provider)
    return provider


def nav_items(user):
    items = []
    for provider in _PROVIDERS:
        items.extend(provider(user) or [])
    return sorted(items, key=lambda item: (item.order, item.label))
