"""The Excel import page: download a template, upload a file (checked first, in the background for big files),
then write it once the check finds no bad row."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy

from thidua.core import views as core_views
from thidua.core.exports import xlsx_response
from thidua.core.jobs import jobs_of
from thidua.reports import imports
from thidua.reports.importers import IMPORTERS


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Loại dữ liệu"), choices=())
    file = forms.FileField(label=gettext_lazy("Tệp Excel (.xlsx)"))

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, IMPORTERS[k].label) for k in kinds]


def _kinds(user):
    kinds = [kind for kind in IMPORTERS if imports.may_import(user, kind)]
    if not kinds:
        raise PermissionDenied
    return kinds


@login_required
def import_start(request):
    kinds = _kinds(request.user)
    form = ImportForm(
        request.POST or None, request.FILES or None, kinds=kinds, initial={"kind": request.GET.get("loai")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            job = imports.start_import(form.cleaned_data["kind"], form.cleaned_data["file"], actor=request.user)
        except (ValidationError, PermissionDenied) as refused:
            messages.error(request, " ".join(getattr(refused, "messages", [str(refused)])))
        else:
            return redirect("core:job_detail", job.pk)
    recent = jobs_of(request.user).filter(kind__in=[imports.CHECK_JOB, imports.WRITE_JOB])[:10]
    return render(
        request,
        "reports/import.html",
        {
            "form": form,
            "importers": [IMPORTERS[k] for k in kinds],
            "recent": recent,
        },
    )


@login_required
def import_template(request, kind):
    if kind not in IMPORTERS:
        raise Http404
    if not imports.may_import(request.user, kind):
        raise PermissionDenied
    info = IMPORTERS[kind]
    return xlsx_response(info.template(), info.filename)


# The write button's old address (bookmarks, the API documentation): the same view as core's.
import_write = core_views.import_write
