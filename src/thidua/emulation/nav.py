"""Menu entries and home panels of the emulation year.

The panels load their rows in a second small request (htmx, link without JavaScript), so the home page itself
costs no query for them however many apps add panels."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from thidua.core.home import TASKS, HomePanel, register_home_panel
from thidua.core.navigation import RECORDS, YEAR, NavItem, register_nav
from thidua.organizations.scopes import scope_of


@register_nav
def emulation_nav(user):
    if not user.has_perm("emulation.view_movement"):
        return []
    return [
        NavItem(_("Kỳ thi đua"), reverse("emulation:year_list"), order=20, section=YEAR),
        NavItem(pgettext("danh sách", "Phong trào"), reverse("emulation:movement_list"), order=21, section=YEAR),
        NavItem(_("Điển hình"), reverse("emulation:exemplar_list"), order=22, section=RECORDS),
        NavItem(_("Văn bản chỉ đạo"), reverse("emulation:document_list"), order=23, section=YEAR),
        NavItem(_("Bảng vàng"), reverse("honour:board"), order=24, section=RECORDS),
    ]


def _lazy(title, url_name, order):
    context = {"url": reverse(url_name), "fallback": reverse("emulation:year_list"), "label": _("Xem kỳ thi đua")}
    # Its rows arrive in a second request: the home page cannot count what waits in them yet (waiting=None).
    return HomePanel(title, "emulation/panels/_lazy.html", context, order=order, kind=TASKS, waiting=None)


@register_home_panel
def emulation_panels(user):
    scope = scope_of(user)
    panels = []
    if scope.secretariat_cluster_year_ids:
        panels.append(_lazy(_("Thư ký cụm: đăng ký và giao ước"), "emulation:panel_secretariat", 19))
    if scope.unit_ids:
        panels.append(_lazy(_("Đăng ký thi đua, giao ước của đơn vị"), "emulation:panel_units", 20))
    return panels
