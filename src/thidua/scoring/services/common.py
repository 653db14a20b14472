"""What the scoring services share: permission checks, logging scoped to the year, and optimistic locking."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.services import log_action
from thidua.scoring import selectors


class ScoreConflict(Exception):  # noqa: N818 - a conflict is an outcome, not an error of the caller's code
    """Someone else saved the same score row since the caller read it. `current` holds the row as it is now."""

    def __init__(self, current):
        self.current = current
        who = current.updated_by.display_name if current.updated_by else _("người khác")
        when = timezone.localtime(current.updated_at).strftime("%H:%M:%S %d/%m/%Y")
        super().__init__(
            _(
                "Điểm này vừa được %(who)s lưu lúc %(when)s, sau khi bạn mở trang. Giá trị của bạn chưa được ghi. "
                "Hãy xem giá trị hiện tại bên dưới, sửa nếu cần rồi lưu lại."
            )
            % {"who": who, "when": when}
        )

    @property
    def message(self):
        return str(self)


def require(actor, perm, obj=None):
    if actor is None or not actor.has_perm(perm, obj):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


def log(actor, action, obj, cluster_year, *, unit_id=None, old=None, new=None, note=""):
    log_action(
        actor,
        f"scoring.{action}",
        obj,
        old=old,
        new=new,
        note=note,
        unit_id=unit_id,
        province_id=cluster_year.cluster.province_id,
    )


def refuse_if_published(cluster_year):
    if selectors.ranking_is_published(cluster_year):
        raise ValidationError(
            _("Kết quả xếp hạng năm %(year)s đã công bố; không thể thay đổi.") % {"year": cluster_year.year}
        )


def require_reason(reason, what):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Hãy ghi lý do %(what)s.") % {"what": what})
    return reason


def save_versioned(model, lookup, seen_version, values):
    """Write a score row only if nobody saved it since the caller read `seen_version` (0: never saved).

    The guard is the UPDATE ... WHERE version = seen itself, so two saves at the same moment cannot both win.
    Raises ScoreConflict with the current row for the loser."""
    rows = model.objects.filter(**lookup)
    now = timezone.now()
    if rows.filter(version=seen_version).update(**values, version=F("version") + 1, updated_at=now):
        return rows.select_related("updated_by").get()
    if seen_version == 0:
        try:
            with transaction.atomic():
                model.objects.create(**lookup, **values, version=1)
            return rows.select_related("updated_by").get()  # read back: the figures as the database keeps them
        except IntegrityError:
            pass  # created by someone else in the meantime: a conflict like any other
    current = rows.select_related("updated_by").first()
    if current is None:
        # A version for a row that was never saved: a tampered or very old form, not a race.
        raise ValidationError(_("Điểm này chưa được lưu lần nào. Hãy tải lại trang rồi nhập lại."))
    raise ScoreConflict(current)
