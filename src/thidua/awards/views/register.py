"""Pages of the award register (sổ theo dõi khen thưởng): the province's register, a unit's and a person's
history with the facts eligibility reads, one record with its revocation, and the Excel import."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thidua.awards import import_jobs, importer, selectors, services
from thidua.awards.enums import RecordSource
from thidua.awards.forms import (
    AwardRecordForm,
    CloseFlagForm,
    DisciplineForm,
    EvaluateForm,
    ImportUploadForm,
    RegisterFilterForm,
    ReviewFlagForm,
    RevokeForm,
    TaskRatingForm,
)
from thidua.awards.models import AwardRecord, ReviewFlag
from thidua.awards.rules import RecordTarget
from thidua.core import imports as core_imports
from thidua.core.exports import Column, list_export, workbook_bytes, xlsx_response
from thidua.core.routers import reads_from_replica
from thidua.core.web import CappedPaginator, report, require, run
from thidua.organizations.models import Person, Unit
from thidua.organizations.selectors import all_predecessors, user_units


def _register_qs(request):
    form = RegisterFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    qs = selectors.filter_register(
        selectors.records_visible_to(request.user),
        year=data.get("year"),
        form=data.get("award_form"),
        level=data.get("level", ""),
        kind=data.get("kind", ""),
        recipient=data.get("recipient", ""),
        query=data.get("q", ""),
        revoked=data.get("revoked") or "exclude",
    )
    return form, qs


@login_required
def register(request):
    require(request, "awards.view_register")
    form, qs = _register_qs(request)
    # A national register holds over a million records: count at most the cap, never the whole filtered register.
    page = CappedPaginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "awards/register.html",
        {
            "form": form,
            "page": page,
            "my_units": user_units(request.user),
            "can_import": request.user.has_perm("awards.import_records"),
            "export_query": request.GET.urlencode(),
        },
    )


EXPORT_HEADERS = [
    gettext_lazy("Năm thành tích"),
    gettext_lazy("Danh hiệu, hình thức"),
    gettext_lazy("Cấp"),
    gettext_lazy("Loại thành tích"),
    gettext_lazy("Người, tập thể được khen"),
    gettext_lazy("Đơn vị công tác"),
    gettext_lazy("Số quyết định"),
    gettext_lazy("Ngày quyết định"),
    gettext_lazy("Cấp ký"),
    gettext_lazy("Hủy bỏ ngày"),
    gettext_lazy("Lý do hủy bỏ"),
]


@login_required
@reads_from_replica
def register_export(request):
    require(request, "awards.view_register")
    _form, qs = _register_qs(request)
    rows = (_export_row(r) for r in qs.iterator(chunk_size=2000))
    content = workbook_bytes([(_("So theo doi khen thuong"), [str(h) for h in EXPORT_HEADERS], rows)])
    return xlsx_response(content, f"so-theo-doi-khen-thuong-{timezone.localdate():%Y%m%d}.xlsx")


def _export_row(r):
    return [
        r.year,
        r.award_form.name,
        r.award_form.get_level_display(),
        r.get_achievement_kind_display(),
        r.recipient_name,
        r.person_unit_name,
        r.decision_number,
        r.decision_date,
        r.issuer,
        r.revoked_on,
        r.revocation_reason,
    ]


@login_required
def subject_awards_export(request, kind, pk):
    """A unit's (with its history) or a person's awards, as the page lists them, in Excel."""
    subject = _subject(kind, pk)
    require(request, "awards.view_subject_awards", subject)
    if isinstance(subject, Unit):
        records = list(selectors.awards_of_unit(subject)) + list(selectors.individual_awards_in_unit(subject))
    else:
        records = selectors.awards_of_person(subject)
    content = workbook_bytes([(_("Khen thuong"), [str(h) for h in EXPORT_HEADERS], (_export_row(r) for r in records))])
    return xlsx_response(content, f"khen-thuong-{kind}-{subject.pk}-{timezone.localdate():%Y%m%d}.xlsx")


@login_required
def record_detail(request, pk):
    record = get_object_or_404(
        AwardRecord.objects.select_related(
            "award_form", "unit", "person", "person_unit", "province", "created_by", "import_batch"
        ),
        pk=pk,
    )
    require(request, "awards.view_record", record)
    can_revoke = not record.revoked_on and request.user.has_perm("awards.revoke_record", record)
    form = RevokeForm(initial={"version": record.version, "revoked_on": timezone.localdate()}) if can_revoke else None
    return render(request, "awards/record_detail.html", {"record": record, "form": form})


@login_required
@require_POST
def record_revoke(request, pk):
    record = get_object_or_404(AwardRecord.objects.select_related("award_form"), pk=pk)
    require(request, "awards.revoke_record", record)
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy ghi lý do và ngày hủy bỏ."))
        return redirect("awards:record_detail", record.pk)
    try:
        services.revoke_award_record(
            record,
            actor=request.user,
            reason=form.cleaned_data["reason"],
            decision=form.cleaned_data["decision"],
            revoked_on=form.cleaned_data["revoked_on"],
            seen_version=form.cleaned_data["version"],
        )
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, _("Đã hủy bỏ khen thưởng. Bản ghi vẫn được giữ trong sổ và không còn được tính."))
    return redirect("awards:record_detail", record.pk)


def _subject(kind, pk):
    model = {"don-vi": Unit, "ca-nhan": Person}.get(kind)
    if model is None:
        raise Http404
    return get_object_or_404(model.objects.select_related("province"), pk=pk)


def _subject_url(subject):
    if isinstance(subject, Unit):
        return reverse("awards:unit_awards", args=[subject.pk])
    return reverse("awards:person_awards", args=[subject.pk])


def _subject_context(request, subject):
    user = request.user
    is_unit = isinstance(subject, Unit)
    context = {
        "subject": subject,
        "is_unit": is_unit,
        "kind": "don-vi" if is_unit else "ca-nhan",
        "ratings": selectors.ratings_of(subject),
        "disciplines": selectors.disciplines_of(subject),
        "flags": selectors.review_flags_of(subject),
        "can_record": user.has_perm("awards.record_awards", RecordTarget(subject)),
        "can_rate": user.has_perm("awards.rate_subject", subject),
        "can_discipline": user.has_perm("awards.record_discipline", subject),
        "rating_form": TaskRatingForm(initial={"year": timezone.localdate().year - 1}),
        "discipline_form": DisciplineForm(),
        "flag_form": ReviewFlagForm(initial={"opened_on": timezone.localdate()}),
        "close_form": CloseFlagForm(initial={"closed_on": timezone.localdate()}),
        "evaluate_form": EvaluateForm(
            recipient_kind="collective" if is_unit else "individual",
            initial={"year": timezone.localdate().year - 1},
        ),
    }
    if is_unit:
        context["records"] = selectors.awards_of_unit(subject)
        context["predecessors"] = list(all_predecessors(subject))
        context["people_records"] = selectors.individual_awards_in_unit(subject)[:200]
    else:
        context["records"] = selectors.awards_of_person(subject)
        context["initiatives"] = selectors.initiatives_of(subject)
        context["can_record_initiative"] = user.has_perm("awards.record_initiative", subject)
        context["positions"] = subject.positions.select_related("unit").order_by("-valid_from")
    return context


@login_required
def unit_awards(request, pk):
    unit = _subject("don-vi", pk)
    require(request, "awards.view_subject_awards", unit)
    return render(request, "awards/subject_awards.html", _subject_context(request, unit))


@login_required
def person_awards(request, pk):
    person = _subject("ca-nhan", pk)
    require(request, "awards.view_subject_awards", person)
    return render(request, "awards/subject_awards.html", _subject_context(request, person))


@login_required
def record_add(request, kind, pk):
    subject = _subject(kind, pk)
    require(request, "awards.record_awards", RecordTarget(subject))
    is_unit = isinstance(subject, Unit)
    # A unit's officer picks among the unit's own level; the board among every form.
    own_level_only = not request.user.has_perm("awards.record_awards", subject.province)
    form = AwardRecordForm(
        request.POST or None, recipient_kind="collective" if is_unit else "individual", own_level_only=own_level_only
    )
    if request.method == "POST" and form.is_valid():
        item = services.DecisionItem(
            **{
                k: form.cleaned_data[k]
                for k in (
                    "award_form",
                    "year",
                    "achievement_kind",
                    "decision_number",
                    "decision_date",
                    "issuer",
                    "summary",
                )
            },
            unit=subject if is_unit else None,
            person=None if is_unit else subject,
        )
        try:
            record = services.create_award_record(item, actor=request.user, source=RecordSource.MANUAL)
        except ValidationError as error:
            report(request, error)
        else:
            messages.success(request, _("Đã ghi vào sổ theo dõi khen thưởng."))
            return redirect("awards:record_detail", record.pk)
    return render(request, "awards/record_add.html", {"subject": subject, "form": form, "back": _subject_url(subject)})


@login_required
@require_POST
def rating_set(request, kind, pk):
    subject = _subject(kind, pk)
    require(request, "awards.rate_subject", subject)
    form = TaskRatingForm(request.POST)
    if form.is_valid():
        try:
            services.set_task_rating(subject, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            report(request, error)
        else:
            messages.success(request, _("Đã ghi mức độ hoàn thành nhiệm vụ."))
    else:
        messages.error(request, _("Hãy chọn năm và mức độ hoàn thành nhiệm vụ."))
    return redirect(_subject_url(subject))


@login_required
@require_POST
def discipline_add(request, kind, pk):
    subject = _subject(kind, pk)
    require(request, "awards.record_discipline", subject)
    form = DisciplineForm(request.POST)
    if form.is_valid():
        try:
            services.record_discipline(subject, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            report(request, error)
        else:
            messages.success(request, _("Đã ghi kỷ luật."))
    else:
        messages.error(request, _("Hãy ghi hình thức và thời gian kỷ luật."))
    return redirect(_subject_url(subject))


@login_required
@require_POST
def flag_add(request, kind, pk):
    subject = _subject(kind, pk)
    require(request, "awards.record_discipline", subject)
    form = ReviewFlagForm(request.POST)
    if form.is_valid():
        try:
            services.open_review_flag(subject, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            report(request, error)
        else:
            messages.success(request, _("Đã ghi việc đang xem xét."))
    else:
        messages.error(request, _("Hãy chọn loại và ngày bắt đầu."))
    return redirect(_subject_url(subject))


@login_required
@require_POST
def flag_close(request, pk):
    flag = get_object_or_404(ReviewFlag.objects.select_related("unit", "person"), pk=pk)
    require(request, "awards.record_discipline", flag.subject)
    form = CloseFlagForm(request.POST)
    if form.is_valid():
        try:
            services.close_review_flag(
                flag,
                actor=request.user,
                closed_on=form.cleaned_data["closed_on"],
                outcome=form.cleaned_data["outcome"],
                seen_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            report(request, error)
        else:
            messages.success(request, _("Đã ghi kết thúc việc xem xét."))
    else:
        messages.error(request, _("Hãy ghi ngày kết thúc."))
    return redirect(_subject_url(flag.subject))


@login_required
def import_start(request):
    """Upload: the file is stored and its dry run queued; the job page shows the progress, then the result."""
    require(request, "awards.import_records")
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        ok, job = run(
            request, lambda: core_imports.start_import(import_jobs.KIND, form.cleaned_data["file"], actor=request.user)
        )
        if ok:
            return redirect("core:job_detail", job.pk)
    return render(
        request, "awards/import_start.html", {"form": form, "batches": selectors.imports_of(request.user)[:20]}
    )


@login_required
def import_list_export(request):
    require(request, "awards.import_records")
    columns = [
        Column(_("Tệp"), lambda b: b.stored_file.original_name),
        Column(_("Người nhập"), lambda b: b.created_by.username),
        Column(_("Thời điểm"), lambda b: b.created_at),
        Column(_("Trạng thái"), lambda b: b.get_state_display()),
        Column(_("Số dòng"), lambda b: b.total_rows),
        Column(_("Số dòng lỗi"), lambda b: b.error_rows),
        Column(_("Đã ghi"), lambda b: b.committed_count),
    ]
    return list_export(selectors.imports_of(request.user), columns, sheet="Nhap so", filename="cac-lan-nhap-so")


@login_required
def import_template(request):
    require(request, "awards.import_records")
    return xlsx_response(importer.template_bytes(), "mau-nhap-so-khen-thuong.xlsx")


def _batch_for(request, pk):
    batch = get_object_or_404(selectors.imports_of(request.user), pk=pk)
    require(request, "awards.import_records")
    return batch


@login_required
def import_detail(request, pk):
    batch = _batch_for(request, pk)
    return render(request, "awards/import_detail.html", {"batch": batch})


@login_required
@require_POST
def import_commit(request, pk):
    """The write of a checked batch, as a background job (the same one the dry run's job page starts)."""
    batch = _batch_for(request, pk)
    check_job = import_jobs.check_job_of_batch(batch, request.user)
    if check_job is None:
        messages.error(request, _("Tệp này được kiểm tra trước khi có việc chạy nền: hãy tải tệp lên và kiểm tra lại."))
        return redirect("awards:import_detail", batch.pk)
    ok, job = run(
        request, lambda: core_imports.start_write(check_job, actor=request.user), _("Đã bắt đầu ghi dữ liệu.")
    )
    if not ok:
        return redirect("awards:import_detail", batch.pk)
    return redirect("core:job_detail", job.pk)
