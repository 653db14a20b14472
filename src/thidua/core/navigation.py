"""The menu. Each app adds its entries here by registering a function(user) -> list of NavItem.

Entries are grouped by what a person does, not by app: the year's work, records and commendation, reports,
administration. The home entry has no section and stands before the groups. A group a role cannot use has no
entries and is not drawn.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

_PROVIDERS = []

YEAR = "nam"
RECORDS = "ho-so"
REPORTS = "bao-cao"
ADMIN = "quan-tri"
SECTIONS = (
    (YEAR, _("Công việc trong năm")),
    (RECORDS, _("Hồ sơ và khen thưởng")),
    (REPORTS, pgettext_lazy("menu", "Báo cáo")),
    (ADMIN, _("Quản trị")),
)


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    order: int = 100
    section: str = ""


@dataclass
class NavGroup:
    key: str
    label: str
    items: list
    is_current: bool = False


@dataclass
class Menu:
    """What base.html draws: the entries outside any group (home), the groups, and the entry of this page."""

    top: list
    groups: list
    current_url: str = ""


def register_nav(provider):
    _PROVIDERS.append(provider)
    return provider


def nav_items(user):
    items = []
    for provider in _PROVIDERS:
        items.extend(provider(user) or [])
    return sorted(items, key=lambda item: (item.order, item.label))


def _current_url(items, path):
    """The entry this page belongs to: the longest entry address that starts the path ("/" only on its own)."""
    best = ""
    for item in items:
        url = item.url
        matches = path == url if url == "/" else path.startswith(url)
        if matches and len(url) > len(best):
            best = url
    return best


def menu_for(user, path):
    items = nav_items(user)
    current = _current_url(items, path)
    groups = []
    for key, label in SECTIONS:
        members = [item for item in items if item.section == key]
        if members:
            groups.append(NavGroup(key, label, members, any(item.url == current for item in members)))
    known = {key for key, _label in SECTIONS}
    top = [item for item in items if item.section not in known]
    return Menu(top=top, groups=groups, current_url=current)
