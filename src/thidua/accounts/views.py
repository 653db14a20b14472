"""Login, the user's own password, and the password reset by e-mail (Django's views, Vietnamese templates)."""

from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from thidua.accounts.forms import LoginForm, OwnPasswordChangeForm, ResetPasswordForm, ResetSetPasswordForm
from thidua.accounts.ratelimit import TOO_MANY, attempt_allowed
from thidua.accounts.services import password_changed_by_owner


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if not attempt_allowed(request):
            # An unbound form: validating the posted one would try the password, which is what the limit stops.
            form = self.form_class(request)
            return self.render_to_response(
                self.get_context_data(form=form, rate_limited=TOO_MANY), status=HTTPStatus.TOO_MANY_REQUESTS
            )
        return super().post(request, *args, **kwargs)


class PasswordChangeView(auth_views.PasswordChangeView):
    """The user's own password; a temporary one leads here until it is replaced (accounts.middleware)."""

    form_class = OwnPasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("core:home")

    def form_valid(self, form):
        response = super().form_valid(form)
        password_changed_by_owner(self.request.user, form.user)
        messages.success(self.request, _("Đã đổi mật khẩu. Các token API cũ đã bị thu hồi."))
        return response


class PasswordResetView(auth_views.PasswordResetView):
    form_class = ResetPasswordForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def post(self, request, *args, **kwargs):
        # Each request sends an e-mail: the same per-address limit as the login keeps it from being a mail cannon.
        if not attempt_allowed(request, scope="reset"):
            return self.render_to_response(
                self.get_context_data(form=self.form_class(), rate_limited=TOO_MANY),
                status=HTTPStatus.TOO_MANY_REQUESTS,
            )
        return super().post(request, *args, **kwargs)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = ResetSetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        password_changed_by_owner(form.user, form.user, action="account.password_reset")
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
