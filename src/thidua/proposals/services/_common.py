"""Guards, logging and messages every proposal write shares."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.services import log_action
from thidua.proposals.enums import ProposerKind

STALE = gettext_lazy("Người khác vừa sửa tờ trình này. Trang đã hiện giá trị mới nhất; hãy xem lại rồi làm tiếp.")


def require(actor, perm, obj=None):
    """actor None is the system itself (demo loader, commands); a person must hold the permission."""
    if actor is not None and not actor.has_perm(perm, obj):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


def log(actor, action, proposal, obj=None, **kwargs):
    unit_id = proposal.unit_id if proposal.proposer_kind == ProposerKind.UNIT else None
    return log_action(actor, action, obj or proposal, unit_id=unit_id, province_id=proposal.province_id, **kwargs)


def url_of(proposal):
    return reverse("proposals:detail", args=[proposal.pk])
