"""How a page runs the service kernel: permission checks that answer 403 or 404, and one adapter that runs a
service and turns its refusal into a message (the service wrote nothing)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy

from thidua.core.kernel import FORBIDDEN, messages_of

NOT_FOUND = gettext_lazy("Không tìm thấy.")


def require(request, perm, obj=None):
    """403 unless the user holds `perm` (the same rules name the service and the API check)."""
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(FORBIDDEN)


def visible_or_404(request, perm, obj):
    """Out of scope is "not found": an outsider learns nothing about another unit's drafts."""
    if not request.user.has_perm(perm, obj):
        raise Http404(NOT_FOUND)
    return obj


def run(request, action, success=""):
    """Call `action()` (a service call); on a refusal show its Vietnamese messages and return (False, None), the
    service having written nothing; otherwise show `success` and return (True, result). A lost edit race
    (StaleEdit) is a refusal like any other; a page that shows the current values catches it itself."""
    try:
        result = action()
    except (ValidationError, PermissionDenied) as refusal:
        for message in messages_of(refusal):
            messages.error(request, message)
        return False, None
    if success:
        messages.success(request, success)
    return True, result


def form_errors(request, form):
    """Every error of a bound form as a page message (the form's own messages name their field)."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def form_error_text(form):
    """Every error of a bound form in one line, each prefixed with its field's label (for one message or an
    htmx fragment)."""
    return " ".join(
        f"{form.fields[k].label if k in form.fields else ''}: {' '.join(v)}".lstrip(": ")
        for k, v in form.errors.items()
    )


def refusal_text(error):
    return " ".join(messages_of(error))


def report(request, error):
    """Show a refusal the view caught itself as page messages; the service changed nothing."""
    for message in messages_of(error):
        messages.error(request, message)


class CappedPaginator(Paginator):
    """A paginator that counts at most `cap` rows: long logs and registers are read a page at a time, and a full
    COUNT(*) over hundreds of thousands of rows on every request costs more than the page itself. Past the cap the
    last reachable page is the cap's."""

    cap = 10_000

    @cached_property
    def count(self):
        return self.object_list.order_by()[: self.cap].count()

    @property
    def is_capped(self):
        # There may be more rows than counted: pages say "at least", not a total.
        return self.count >= self.cap
