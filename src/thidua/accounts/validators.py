"""Password validators named in AUTH_PASSWORD_VALIDATORS whose Django messages have no Vietnamese yet."""

from django.contrib.auth import password_validation
from django.utils.translation import gettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    # Django 5.2 reworded this message and its Vietnamese catalogue has not caught up: the page showed English.
    def get_error_message(self):
        return gettext("Mật khẩu quá ngắn: cần ít nhất %(min_length)d ký tự.") % {"min_length": self.min_length}

    def get_help_text(self):
        return gettext("Mật khẩu cần ít nhất %(min_length)d ký tự.") % {"min_length": self.min_length}
