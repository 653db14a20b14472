"""The register page (search the numbers given out), the "Cấp số" button every numbered paper has, and the page of
the issuing bodies' signing certificates."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thidua.core import web
from thidua.core.exports import Column, list_export
from thidua.registers import selectors, services
from thidua.registers.models import SigningCertificate
from thidua.registers.papers import paper_spec


def _filters(request):
    registers = list(selectors.registers_visible_to(request.user).order_by("-year", "name"))
    chosen = None
    if request.GET.get("so", "").isdigit():
        chosen = next((r for r in registers if r.pk == int(request.GET["so"])), None)
    year = request.GET.get("nam", "")
    year = int(year) if year.isdigit() and len(year) == 4 else None  # noqa: PLR2004 - a four-digit year
    query = request.GET.get("q", "").strip()[:200]
    entries = selectors.search_entries(request.user, query=query, register=chosen, year=year)
    return registers, chosen, year, query, entries


@login_required
def register_list(request):
    web.require(request, "registers.list_registers")
    registers, chosen, year, query, entries = _filters(request)
    context = {"registers": registers, "chosen": chosen, "year": year, "query": query, "entries": entries}
    return render(request, "registers/register_list.html", context)


@login_required
def register_list_export(request):
    web.require(request, "registers.list_registers")
    entries = _filters(request)[4]
    columns = [
        Column(_("Số, ký hiệu"), lambda e: e.full_number),
        Column(_("Ngày ban hành"), lambda e: e.issued_on),
        Column(_("Cơ quan ban hành"), lambda e: e.register.name),
        Column(_("Loại văn bản"), lambda e: e.get_paper_type_display()),
        Column(_("Trích yếu"), lambda e: e.summary),
        Column(_("Người cấp số"), lambda e: e.issued_by.display_name if e.issued_by else ""),
    ]
    return list_export(entries, columns, sheet="So van ban di", filename="so-van-ban-di")


@login_required
@require_POST
def issue(request, code, pk):
    spec = paper_spec(code)
    if spec is None:
        raise Http404
    try:
        paper = spec.load(pk)
    except Exception as missing:
        raise Http404 from missing
    web.visible_or_404(request, spec.view_perm, paper)
    web.require(request, spec.perm, paper)
    web.run(
        request,
        lambda: services.issue_paper(request.user, code, pk),
        _("Đã cấp số cho văn bản; tải lại văn bản để có số và ngày ban hành."),
    )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        target = spec.url(paper) if spec.url else reverse("registers:list")
    return redirect(target)


class CertificateForm(forms.Form):
    body = forms.ChoiceField(label=gettext_lazy("Cơ quan ban hành"))
    file = forms.FileField(label=gettext_lazy("Tệp chứng thư số (.p12, .pfx)"))
    password = forms.CharField(label=gettext_lazy("Mật khẩu của tệp"), widget=forms.PasswordInput, required=False)

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = bodies


@login_required
def certificate_list(request):
    """Upload, replace and remove the issuing bodies' certificates (the board of the province, administrators)."""
    web.require(request, "registers.list_certificates")
    form = CertificateForm(request.POST or None, request.FILES or None, bodies=selectors.bodies_for(request.user))
    if request.method == "POST":
        if form.is_valid():
            issuer = selectors.issuer_of(form.cleaned_data["body"])
            web.require(request, "registers.manage_certificates", issuer.province)
            upload = form.cleaned_data["file"]
            ok, _result = web.run(
                request,
                lambda: services.upload_certificate(request.user, issuer, upload.read(), form.cleaned_data["password"]),
                _("Đã lưu chứng thư số của %(b)s.") % {"b": issuer.name},
            )
            if ok:
                return redirect("registers:certificates")
        else:
            web.form_errors(request, form)
    certificates = selectors.certificates_visible_to(request.user)
    return render(request, "registers/certificates.html", {"form": form, "certificates": certificates})


@login_required
@require_POST
def certificate_remove(request, pk):
    certificate = get_object_or_404(SigningCertificate, pk=pk)
    web.visible_or_404(request, "registers.manage_certificates", certificate.province)
    web.run(
        request,
        lambda: services.remove_certificate(request.user, certificate),
        _("Đã gỡ chứng thư số của %(b)s.") % {"b": certificate.name},
    )
    return redirect("registers:certificates")
