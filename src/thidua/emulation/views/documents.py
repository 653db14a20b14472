"""Guiding documents (văn bản chỉ đạo): list with accent-free search, detail, adding and editing."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from thidua.core.exports import Column, list_export
from thidua.core.web import require, run
from thidua.emulation import selectors, services
from thidua.emulation.enums import GuidingDocumentType
from thidua.emulation.forms import GuidingDocumentForm
from thidua.emulation.models import GuidingDocument


def _document(pk):

    try:
        return selectors.guiding_document_detail(pk)
    except GuidingDocument.DoesNotExist:
        raise Http404 from None


def _documents(request):
    require(request, "emulation.view_guiding_document")
    doc_type = request.GET.get("type", "")
    query = request.GET.get("q", "").strip()
    return selectors.guiding_documents(query=query, doc_type=doc_type if doc_type in GuidingDocumentType.values else "")


@login_required
def document_list_export(request):
    columns = [
        Column(_("Số, ký hiệu"), lambda d: d.number),
        Column(_("Ngày ban hành"), lambda d: d.issued_on),
        Column(_("Cơ quan ban hành"), lambda d: d.issuer),
        Column(_("Loại văn bản"), lambda d: d.get_doc_type_display()),
        Column(_("Trích yếu"), lambda d: d.summary),
        Column(_("Tỉnh"), lambda d: d.province.name if d.province else ""),
    ]
    return list_export(_documents(request), columns, sheet="Van ban chi dao", filename="van-ban-chi-dao")


@login_required
def document_list(request):
    query = request.GET.get("q", "").strip()
    doc_type = request.GET.get("type", "")
    page = Paginator(_documents(request), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "emulation/document_list.html",
        {
            "page": page,
            "query": query,
            "doc_type": doc_type,
            "types": GuidingDocumentType.choices,
            "can_add": request.user.has_perm("emulation.add_guiding_document"),
        },
    )


@login_required
def document_detail(request, pk):
    document = _document(pk)
    require(request, "emulation.view_guiding_document", document)
    return render(
        request,
        "emulation/document_detail.html",
        {"document": document, "can_edit": request.user.has_perm("emulation.change_guiding_document", document)},
    )


def _save(request, document=None):
    initial = GuidingDocumentForm.initial_from(document) if document else {}
    form = GuidingDocumentForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        links = {"movements": form.cleaned_data["movements"], "cluster_years": form.cleaned_data["cluster_years"]}
        upload = form.cleaned_data.get("file")
        if document is None:
            ok, saved = run(
                request,
                lambda: services.create_guiding_document(
                    actor=request.user, upload=upload, **links, **form.data_for_service()
                ),
                _("Đã thêm văn bản."),
            )
        else:
            ok, saved = run(
                request,
                lambda: services.update_guiding_document(
                    document, actor=request.user, upload=upload, **links, **form.data_for_service()
                ),
                _("Đã lưu văn bản."),
            )
        if ok:
            return redirect("emulation:document_detail", pk=saved.pk)
    return render(request, "emulation/document_form.html", {"form": form, "document": document})


@login_required
def document_create(request):
    require(request, "emulation.add_guiding_document")
    return _save(request)


@login_required
def document_edit(request, pk):
    document = _document(pk)
    require(request, "emulation.change_guiding_document", document)
    return _save(request, document)
