from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: nhập sai nhiều lần sẽ bị tạm khóa."),
        "inactive": _("Tài khoản này đã bị khóa."),
        "demo_password": _("Mật khẩu demo không được dùng trên hệ thống thật. Hãy đổi mật khẩu với quản trị viên."),
    }

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not settings.ALLOW_DEMO_PASSWORDS and self.cleaned_data.get("password") == settings.DEMO_PASSWORD:
            raise forms.ValidationError(self.error_messages["demo_password"], code="demo_password")
