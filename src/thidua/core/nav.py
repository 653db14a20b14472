from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.core.navigation import ADMIN, RECORDS, NavItem, register_nav


@register_nav
def core_nav(user):
    items = [NavItem(_("Trang chủ"), reverse("core:home"), order=0)]
    if user.is_authenticated:  # the page itself is open to anyone; the menu is drawn only for signed-in users
        items.append(NavItem(_("Kiểm tra chữ ký số"), reverse("core:verify_signature"), order=49, section=RECORDS))
    if user.has_perm("core.view_activity_log"):
        items.append(NavItem(_("Nhật ký"), reverse("core:activity_log"), order=900, section=ADMIN))
    if user.is_staff and user.has_perm("core.use_admin"):
        items.append(NavItem(_("Trang quản trị"), reverse("admin:index"), order=910, section=ADMIN))
    return items
