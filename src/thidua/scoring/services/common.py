"""The scoring services' own guards: a published ranking freezes the year; a change needs a reason; a score row
saved by two people at once keeps one and tells the other who won (the kernel's StaleEdit, with the row)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import kernel
from thidua.scoring import selectors


def conflict_message(current):
    """Who saved the score the user was editing, and when: the StaleEdit message score pages show."""
    who = current.updated_by.display_name if current.updated_by else _("người khác")
    when = timezone.localtime(current.updated_at).strftime("%H:%M:%S %d/%m/%Y")
    return _(
        "Điểm này vừa được %(who)s lưu lúc %(when)s, sau khi bạn mở trang. Giá trị của bạn chưa được ghi. "
        "Hãy xem giá trị hiện tại bên dưới, sửa nếu cần rồi lưu lại."
    ) % {"who": who, "when": when}


def save_score_row(model, lookup, seen_version, values):
    """A score row written only if nobody saved it since `seen_version` (0: never saved); StaleEdit otherwise."""
    return kernel.save_row_versioned(
        model,
        lookup,
        seen_version,
        values,
        conflict=conflict_message,
        never_saved=_("Điểm này chưa được lưu lần nào. Hãy tải lại trang rồi nhập lại."),
    )


def refuse_if_published(cluster_year):
    if selectors.ranking_is_published(cluster_year):
        raise kernel.Refusal(
            _("Kết quả xếp hạng năm %(year)s đã công bố; không thể thay đổi.") % {"year": cluster_year.year}
        )


def require_reason(reason, what):
    reason = (reason or "").strip()
    if not reason:
        raise kernel.Refusal(_("Hãy ghi lý do %(what)s.") % {"what": what})
    return reason
