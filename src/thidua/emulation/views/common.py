"""What the emulation views share: permission checks and running a service with its message shown."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _


def require(request, perm, obj=None):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(_("Bạn không có quyền xem trang này."))


def require_visible(request, perm, obj):
    """Not found rather than forbidden: an outsider learns nothing about another unit's drafts."""
    if not request.user.has_perm(perm, obj):
        raise Http404(_("Không tìm thấy."))


def error_text(error):
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("Bạn không có quyền thực hiện thao tác này.")


def run(request, fn, *args, success="", **kwargs):
    """Call a service; on a refusal show its message and return None (the service changed nothing)."""
    try:
        result = fn(*args, **kwargs)
    except (ValidationError, PermissionDenied) as refusal:
        messages.error(request, error_text(refusal))
        return None
    if success:
        messages.success(request, success)
    return result


def int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
