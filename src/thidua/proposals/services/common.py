"""What proposal writes share beyond the kernel: the stale-edit message and the proposal's address."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

STALE_PROPOSAL = gettext_lazy(
    "Người khác vừa sửa tờ trình này. Trang đã hiện giá trị mới nhất; hãy xem lại rồi làm tiếp."
)


def url_of(proposal):
    return reverse("proposals:detail", args=[proposal.pk])
