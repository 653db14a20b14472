"""The public honour board (bảng vàng) is made of sections. Exemplars are the first; the awards app adds the
awarded units later with register_honour_section(provider), provider(filters) -> HonourSection or None."""

from dataclasses import dataclass, field, replace

from django.core.paginator import Page, Paginator
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from thidua.awards.selectors import HONOUR_BOARD, honour_board_awards
from thidua.emulation import selectors


@dataclass
class HonourFilters:
    query: str = ""
    province: int | None = None
    cluster: int | None = None
    year: int | None = None
    page: str | None = None


@dataclass
class HonourSection:
    title: str
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100


_SECTIONS = []


def register_honour_section(provider):
    _SECTIONS.append(provider)
    return provider


def honour_sections(filters):
    sections = [s for s in (provider(filters) for provider in _SECTIONS) if s is not None]
    return sorted(sections, key=lambda s: s.order)


def cached_honour_board(filters):
    """The board's sections and filter choices, read once per filter and page until an award or exemplar changes.

    The board is public and sorted over every provincial award in the country: it is the most read page and the
    one that changes least."""
    parts = (filters.query, filters.province, filters.cluster, filters.year, filters.page, translation.get_language())
    return HONOUR_BOARD.get_or_set(
        parts,
        lambda: {"sections": [_frozen(s) for s in honour_sections(filters)], **selectors.honour_board_facets()},
    )


def _frozen(section):
    # A Page holds its paginator's whole queryset, which pickling would read: keep this page's rows and the count.
    context = {
        name: _frozen_page(value) if isinstance(value, Page) else value for name, value in section.context.items()
    }
    return replace(section, context=context)


def _frozen_page(page):
    counter = Paginator(range(page.paginator.count), page.paginator.per_page)
    return Page(list(page.object_list), page.number, counter)


@register_honour_section
def exemplars_section(filters):
    entries = selectors.honour_board(
        query=filters.query, province=filters.province, cluster=filters.cluster, year=filters.year
    )
    page = Paginator(entries, 30).get_page(filters.page)
    return HonourSection(_("Điển hình tiên tiến"), "emulation/public/_exemplars.html", {"page": page}, order=10)


@register_honour_section
def awarded_units_section(filters):
    """Collectives awarded at provincial level and above (Cờ thi đua, Bằng khen...), from the award register."""

    records = honour_board_awards(province=filters.province, year=filters.year, query=filters.query)
    if filters.cluster:
        records = records.filter(unit__memberships__cluster_year__cluster_id=filters.cluster).distinct()
    page = Paginator(records, 30).get_page(filters.page)
    return HonourSection(_("Tập thể được khen thưởng"), "emulation/public/_awards.html", {"page": page}, order=20)
