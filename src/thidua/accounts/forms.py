from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm
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


class _VietnamesePasswordFields:
    """Labels of our own (the source language is Vietnamese); the checks are AUTH_PASSWORD_VALIDATORS."""

    labels = {
        "old_password": _("Mật khẩu hiện tại"),
        "new_password1": _("Mật khẩu mới"),
        "new_password2": _("Nhập lại mật khẩu mới"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in self.labels.items():
            if name in self.fields:
                self.fields[name].label = label
        if "new_password1" in self.fields:
            self.fields["new_password1"].help_text = _(
                "Ít nhất 10 ký tự, không quá phổ biến và không giống tên đăng nhập hay họ tên."
            )

    def save(self, commit=True):
        # A password the user chose replaces the temporary one (the change page and the e-mailed link alike).
        self.user.must_change_password = False
        return super().save(commit=commit)


class OwnPasswordChangeForm(_VietnamesePasswordFields, PasswordChangeForm):
    pass


class ResetSetPasswordForm(_VietnamesePasswordFields, SetPasswordForm):
    pass


class ResetPasswordForm(PasswordResetForm):
    email = forms.EmailField(label=_("E-mail của tài khoản"), max_length=254)
