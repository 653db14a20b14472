"""What the emulation API modules share: service refusals as status codes, 404 for what one may not see."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from ninja.errors import HttpError

from thidua.emulation.services import StaleEditError


def call(fn, *args, **kwargs):
    """Run a service; turn its refusals into the API's status codes."""
    try:
        return fn(*args, **kwargs)
    except StaleEditError as stale:
        raise HttpError(409, " ".join(stale.messages)) from stale
    except ValidationError as refusal:
        raise HttpError(422, " ".join(refusal.messages)) from refusal
    except PermissionDenied as refusal:
        raise HttpError(403, str(refusal) or _("Bạn không có quyền thực hiện thao tác này.")) from refusal


def visible_or_404(request, perm, obj):
    """Not found rather than forbidden: an outsider learns nothing about another unit's records."""
    if not request.user.has_perm(perm, obj):
        raise HttpError(404, _("Không tìm thấy."))
    return obj
