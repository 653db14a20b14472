from django.db.models import Q

from thidua.core.models import ActivityLogEntry, Notification
from thidua.organizations.scopes import scope_of


def activity_log_for(user, *, action="", actor="", date_from=None, date_to=None, query=""):
    """Entries the user may browse: everything for administrators, their provinces' entries for the board."""
    scope = scope_of(user)
    qs = ActivityLogEntry.objects.select_related("actor", "content_type")
    if not scope.is_admin:
        qs = qs.filter(Q(province_id__in=scope.board_province_ids) | Q(actor=user))
    if action:
        qs = qs.filter(action__startswith=action)
    if actor:
        qs = qs.filter(actor__username__icontains=actor)
    if date_from:
        qs = qs.filter(created_at__date__gte=date_from)
    if date_to:
        qs = qs.filter(created_at__date__lte=date_to)
    if query:
        qs = qs.filter(object_repr__icontains=query)
    return qs


def notifications_of(user):
    return Notification.objects.filter(recipient=user)


CHUNK = 5000  # keeps IN lists well under every database's parameter limit


def chunks(ids):
    ids = sorted(ids)
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]
