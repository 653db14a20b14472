"""The answer to a locked-out login: JSON for the API, the Vietnamese page for everyone else.

django-axes answers every locked-out request itself (its middleware replaces the response), so without this an
API client asking for a token got an HTML page it cannot read.
"""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

API_PREFIX = "/api/"


def lockout_response(request, original_response=None, credentials=None):
    status = settings.AXES_HTTP_RESPONSE_CODE
    if request.path.startswith(API_PREFIX):
        message = _("Tài khoản tạm khóa vì nhập sai mật khẩu nhiều lần. Hãy thử lại sau ít phút.")
        return JsonResponse({"detail": message}, status=status)
    return render(request, "accounts/locked_out.html", status=status)
