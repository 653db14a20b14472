"""Guards and logging every voting write shares."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from thidua.core.services import log_action
from thidua.voting.enums import MeetingState


def require(actor, perm, obj):
    """actor None is the system itself (demo loader, commands); a person must hold the permission."""
    if actor is not None and not actor.has_perm(perm, obj):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


def require_manager(actor, meeting):
    require(actor, "voting.manage_meeting", meeting)


def require_not_ended(meeting):
    if meeting.state == MeetingState.ENDED:
        raise ValidationError(_("Hội nghị, phiên họp đã kết thúc; không thay đổi được nữa."))


def log(actor, action, obj, meeting, **kwargs):
    return log_action(actor, action, obj, province_id=meeting.province_id, **kwargs)


def bump_version(model, obj, seen_version, fields):
    """Optimistic lock: save only if nobody saved since seen_version; the loser gets the current values."""
    if seen_version is None:
        seen_version = obj.version
    values = {name: getattr(obj, name) for name in fields}
    updated = model.objects.filter(pk=obj.pk, version=seen_version).update(version=seen_version + 1, **values)
    if not updated:
        raise ValidationError(
            _("Người khác vừa sửa nội dung này. Trang đã hiện giá trị mới nhất; hãy xem lại rồi sửa tiếp."),
            code="stale",
        )
    obj.version = seen_version + 1


def sync(original, fresh):
    """Copy a re-read (locked) row's values back onto the caller's instance, so it does not go stale."""
    if original is not fresh:
        for field in fresh._meta.concrete_fields:  # noqa: SLF001 - Django's public model metadata
            setattr(original, field.attname, getattr(fresh, field.attname))
    return original
