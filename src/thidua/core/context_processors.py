from django.conf import settings

from thidua.core.models import Notification
from thidua.core.navigation import menu_for


def site(request):
    user = getattr(request, "user", None)
    context = {"SITE_NAME": settings.SITE_NAME, "DEMO_MODE": settings.ALLOW_DEMO_PASSWORDS}
    if user is not None and user.is_authenticated:
        context["menu"] = menu_for(user, request.path)
        context["unread_notifications"] = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
    return context
