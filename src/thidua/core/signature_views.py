"""The page where anyone checks a signed PDF: who signed it, when, and whether it changed since."""

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy

from thidua.core import signing
from thidua.core.web import form_errors, run


class SignatureCheckForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Tệp PDF cần kiểm tra"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > signing.MAX_BYTES:
            raise forms.ValidationError(gettext_lazy("Tệp quá lớn (hơn 20 MB)."))
        return upload


def verify_signature(request):
    """Open to everyone, signed in or not: a paper's reader outside the system must be able to check it."""
    checks = None
    form = SignatureCheckForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            _ok, checks = run(request, lambda: signing.check_pdf(form.cleaned_data["file"].read()))
        else:
            form_errors(request, form)
    return render(request, "core/verify_signature.html", {"form": form, "checks": checks})
