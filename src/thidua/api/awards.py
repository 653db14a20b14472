"""API of the award register, the catalogue and rule sets, eligibility and the Excel import.

Same permissions as the pages: a unit's officer sees its own unit's records and people, the province's board its
province's; council members read; anonymous callers get 401. Bad input gets 422 with a Vietnamese message.
"""

import datetime

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from thidua.api.awards_schemas import (
    AwardFormOut,
    AwardFormPatch,
    ChecklistRowOut,
    DisciplineIn,
    EligibilityOut,
    FlagCloseIn,
    FlagIn,
    ImportOut,
    PriorityOut,
    RatingIn,
    RecordIn,
    RecordOut,
    RevokeIn,
    RuleSetDetail,
    RuleSetIn,
    RuleSetKindOut,
    RuleSetOut,
    RuleSetRevision,
    ScreeningRowOut,
)
from thidua.api.common import AUTH, JobStartedOut, job_started, paginate, require_perm
from thidua.awards import import_jobs, selectors, services
from thidua.awards.eligibility import evaluate_eligibility, screen
from thidua.awards.kinds import SCHEMAS
from thidua.awards.models import AwardForm, ReviewFlag, RuleSet
from thidua.awards.rules import RecordTarget
from thidua.awards.statistics import award_priority_statistics
from thidua.core import imports as core_imports
from thidua.organizations.models import Cluster, ClusterYear, Person, Province, Unit

router = Router(tags=["awards"], auth=AUTH)


def _rule_set(rs, *, rules=False):
    data = RuleSetOut.model_validate(rs).model_dump()
    if rules:
        data["rules"] = [
            {
                "id": r.pk,
                "award_form": r.award_form.code if r.award_form_id else None,
                "condition": r.condition,
                "condition_label": str(r.get_condition_display()),
                "citation": r.citation,
                "parameters": r.parameters,
                "is_verified": r.is_verified,
                "note": r.note,
            }
            for r in selectors.rules_of(rs)
        ]
        data["versions"] = [RuleSetOut.model_validate(v).model_dump() for v in selectors.rule_set_versions(rs)]
    return data


def _record(r):
    return {
        **{f: getattr(r, f) for f in RecordOut.model_fields if hasattr(r, f) and f not in {"award_form", "level"}},
        "award_form": r.award_form.code,
        "award_form_name": r.award_form.name,
        "level": r.award_form.level,
    }


def _subject(unit_id, person_id):
    if (unit_id is None) == (person_id is None):
        raise HttpError(422, _("Ghi đúng một trong hai: unit_id hoặc person_id."))
    if unit_id is not None:
        return get_object_or_404(Unit.objects.select_related("province"), pk=unit_id)
    return get_object_or_404(Person.objects.select_related("province"), pk=person_id)


def _condition(c):
    return {
        **c.__dict__,
        "label": str(c.label),
        "facts": [f.__dict__ for f in c.facts],
        "alternatives": [
            {
                "name": a.name,
                "status": a.status,
                "reasons": a.reasons,
                "conditions": [_condition(x) for x in a.conditions],
            }
            for a in c.alternatives
        ],
    }


def _result(res):
    candidate = res.candidate
    return {
        "candidate_type": "unit" if isinstance(candidate, Unit) else "person",
        "candidate_id": candidate.pk,
        "candidate_name": str(candidate),
        "award_form": res.award_form.code,
        "year": res.year,
        "as_of": res.as_of,
        "status": res.status,
        "rule_set_ids": [rs.pk for rs in res.rule_sets],
        "conditions": [_condition(c) for c in res.conditions],
        "notes": [str(n) for n in res.notes],
    }


@router.get("/awards/forms", response=list[AwardFormOut], summary="Danh mục danh hiệu, hình thức khen thưởng")
def list_forms(request):
    require_perm(request, "awards.view_catalogue")
    return list(selectors.catalogue())


@router.patch("/awards/forms/{form_id}", response=AwardFormOut, summary="Sửa một dòng danh mục (ghi nhật ký)")
def patch_form(request, form_id: int, payload: AwardFormPatch):
    award_form = get_object_or_404(AwardForm, pk=form_id)
    require_perm(request, "awards.change_award_form", award_form)
    changes = payload.model_dump(exclude_unset=True, exclude={"version"})
    return services.correct_award_form(award_form, actor=request.user, seen_version=payload.version, **changes)


@router.get("/awards/rule-sets", response=list[RuleSetOut], summary="Bộ quy định đang dùng")
def list_rule_sets(request):
    require_perm(request, "awards.view_rule_set")
    return list(selectors.current_rule_sets().select_related("source_file"))


@router.get(
    "/awards/rule-set-kinds",
    response=list[RuleSetKindOut],
    summary="Các loại bộ quy định và tham số của từng loại (nhãn, đơn vị, giới hạn)",
)
def rule_set_kinds(request):
    require_perm(request, "awards.view_rule_set")
    return [
        {
            "kind": spec.kind,
            "label": str(spec.label),
            "purpose": str(spec.purpose),
            "holds_rules": spec.holds_rules,
            "parameters": [
                {
                    "name": p.name,
                    "label": str(p.label),
                    "unit": str(p.unit),
                    "type": p.type,
                    "required": p.required,
                    "min_value": p.min_value,
                    "max_value": p.max_value,
                    "choices": [[value, str(label)] for value, label in p.choices],
                    "help": str(p.help),
                }
                for p in spec.params
            ],
        }
        for spec in SCHEMAS.values()
    ]


@router.get(
    "/awards/rule-sets/checklist",
    response=list[ChecklistRowOut],
    summary="Tỉnh còn thiếu loại quy định nào vào một ngày (sau sắp xếp: tính cả quy định của tỉnh cũ)",
)
def rule_set_checklist(request, province: int, on: datetime.date | None = None):
    target = get_object_or_404(Province, pk=province)
    require_perm(request, "awards.create_rule_set", target)
    rows = selectors.rule_set_checklist(target, on or timezone.localdate())
    create = reverse("awards:rule_set_create")
    return [
        {
            "kind": row.kind,
            "label": row.label,
            "purpose": row.purpose,
            "in_force": row.in_force is not None,
            "rule_set_id": row.in_force.pk if row.in_force else None,
            "rule_set_name": row.in_force.name if row.in_force else "",
            "reach": row.reach,
            "template_id": row.template.pk if row.template else None,
            "create_url": ""
            if row.in_force
            else f"{create}?kind={row.kind}&province={target.pk}"
            + (f"&template={row.template.pk}" if row.template else ""),
        }
        for row in rows
    ]


@router.get("/awards/rule-sets/{rule_set_id}", response=RuleSetDetail, summary="Bộ quy định, điều kiện và lịch sử")
def get_rule_set(request, rule_set_id: int):
    require_perm(request, "awards.view_rule_set")
    return _rule_set(get_object_or_404(RuleSet, pk=rule_set_id), rules=True)


@router.post("/awards/rule-sets", response={201: RuleSetDetail}, summary="Tạo bộ quy định mới (trống hoặc theo mẫu)")
def create_rule_set(request, payload: RuleSetIn):
    province = get_object_or_404(Province, pk=payload.province_id) if payload.province_id is not None else None
    if province is None:
        require_perm(request, "awards.create_national_rule_set")
    else:
        require_perm(request, "awards.create_rule_set", province)
    template = get_object_or_404(RuleSet, pk=payload.template_id) if payload.template_id is not None else None
    created = services.create_rule_set(
        actor=request.user,
        province=province,
        template=template,
        **payload.model_dump(exclude={"province_id", "template_id"}),
    )
    return Status(201, _rule_set(created, rules=True))


@router.post(
    "/awards/rule-sets/{rule_set_id}/revisions",
    response={201: RuleSetDetail},
    summary="Sửa bộ quy định: tạo phiên bản mới, giữ phiên bản cũ",
)
def revise_rule_set(request, rule_set_id: int, payload: RuleSetRevision):
    rule_set = get_object_or_404(RuleSet, pk=rule_set_id)
    require_perm(request, "awards.change_rule_set", rule_set)
    forms = {f.code: f for f in AwardForm.objects.all()}
    added = []
    for rule in payload.added:
        if rule.award_form and rule.award_form not in forms:
            raise HttpError(
                422, _("Không có danh hiệu, hình thức mã “%(code)s” trong danh mục.") % {"code": rule.award_form}
            )
        added.append({**rule.model_dump(), "award_form": forms.get(rule.award_form)})
    changes = dict(payload.changes)
    for key in ("valid_from", "valid_to"):
        if changes.get(key):
            try:
                changes[key] = datetime.date.fromisoformat(changes[key])
            except (TypeError, ValueError) as bad:
                raise HttpError(422, _("Ngày hiệu lực phải theo dạng YYYY-MM-DD.")) from bad
    if "province_id" in changes:
        wanted = changes.pop("province_id")
        changes["province"] = get_object_or_404(Province, pk=wanted) if wanted is not None else None
    revised = services.revise_rule_set(
        rule_set,
        actor=request.user,
        seen_version=payload.version,
        changes=changes,
        rule_changes=payload.rule_changes,
        added=added,
        removed=payload.removed,
        note=payload.note,
    )
    return Status(201, _rule_set(revised, rules=True))


@router.post(
    "/awards/rule-sets/{rule_set_id}/source-document",
    response={201: RuleSetDetail},
    summary="Gửi tệp văn bản gốc của bộ quy định (tạo phiên bản mới)",
)
def upload_rule_set_source(
    request,
    rule_set_id: int,
    version: Form[int],
    note: Form[str] = "",
    file: UploadedFile = File(...),  # noqa: B008 - django-ninja declares uploads this way
):
    rule_set = get_object_or_404(RuleSet, pk=rule_set_id)
    require_perm(request, "awards.change_rule_set", rule_set)
    revised = services.revise_rule_set(
        rule_set, actor=request.user, seen_version=version, note=note, source_upload=file
    )
    return Status(201, _rule_set(revised, rules=True))


@router.get("/awards/records", response=list[RecordOut], summary="Sổ theo dõi khen thưởng (trong phạm vi quyền)")
def list_records(
    request,
    year: int | None = None,
    form: str = "",
    level: str = "",
    kind: str = "",
    recipient: str = "",
    q: str = "",
    revoked: str = "exclude",
    limit: int = 50,
    offset: int = 0,
):
    require_perm(request, "awards.view_register")
    award_form = AwardForm.objects.filter(code=form).first() if form else None
    qs = selectors.filter_register(
        selectors.records_visible_to(request.user),
        year=year,
        form=award_form,
        level=level,
        kind=kind,
        recipient=recipient,
        query=q,
        revoked=revoked,
    )
    page, _limit, _offset = paginate(qs, limit, offset)
    return [_record(r) for r in page]


@router.get("/awards/records/{record_id}", response=RecordOut, summary="Một bản ghi khen thưởng")
def get_record(request, record_id: int):
    return _record(get_object_or_404(selectors.records_visible_to(request.user), pk=record_id))


@router.post("/awards/records", response={201: RecordOut}, summary="Ghi một khen thưởng vào sổ")
def create_record(request, payload: RecordIn):
    award_form = get_object_or_404(AwardForm, code=payload.award_form)
    subject = _subject(payload.unit_id, payload.person_id)
    person_unit = get_object_or_404(Unit, pk=payload.person_unit_id) if payload.person_unit_id else None
    if isinstance(subject, Person) and person_unit is None:
        person_unit = services.person_unit_in_year(subject, payload.year)
    require_perm(request, "awards.record_awards", RecordTarget(subject, award_form, person_unit))
    item = services.DecisionItem(
        award_form=award_form,
        year=payload.year,
        decision_number=payload.decision_number,
        decision_date=payload.decision_date,
        issuer=payload.issuer,
        unit=subject if isinstance(subject, Unit) else None,
        person=subject if isinstance(subject, Person) else None,
        person_unit=person_unit,
        achievement_kind=payload.achievement_kind,
        summary=payload.summary,
    )
    record = services.create_award_record(item, actor=request.user)
    return Status(201, _record(record))


@router.post("/awards/records/{record_id}/revoke", response=RecordOut, summary="Hủy bỏ khen thưởng (không xóa)")
def revoke_record(request, record_id: int, payload: RevokeIn):
    record = get_object_or_404(selectors.records_visible_to(request.user), pk=record_id)
    require_perm(request, "awards.revoke_record", record)
    record = services.revoke_award_record(
        record,
        actor=request.user,
        reason=payload.reason,
        decision=payload.decision,
        revoked_on=payload.revoked_on,
        seen_version=payload.version,
    )
    return _record(record)


@router.get("/awards/units/{unit_id}/records", response=list[RecordOut], summary="Khen thưởng của một tập thể")
def unit_records(request, unit_id: int, include_predecessors: bool = True):
    unit = get_object_or_404(Unit.objects.select_related("province"), pk=unit_id)
    require_perm(request, "awards.view_subject_awards", unit)
    return [_record(r) for r in selectors.awards_of_unit(unit, include_predecessors=include_predecessors)]


@router.get("/awards/people/{person_id}/records", response=list[RecordOut], summary="Khen thưởng của một cá nhân")
def person_records(request, person_id: int):
    person = get_object_or_404(Person, pk=person_id)
    require_perm(request, "awards.view_subject_awards", person)
    return [_record(r) for r in selectors.awards_of_person(person)]


@router.get("/awards/eligibility", response=EligibilityOut, summary="Xét điều kiện của một tập thể hoặc cá nhân")
def eligibility(
    request,
    form: str,
    year: int,
    unit: int | None = None,
    person: int | None = None,
    as_of: datetime.date | None = None,
):
    candidate = _subject(unit, person)
    require_perm(request, "awards.view_subject_awards", candidate)
    award_form = get_object_or_404(AwardForm, code=form)
    return _result(evaluate_eligibility(candidate, award_form, year, as_of=as_of))


def _screen_target(unit, cluster_year, province):
    given = [v for v in (unit, cluster_year, province) if v is not None]
    if len(given) != 1:
        raise HttpError(422, _("Chọn đúng một phạm vi: unit, cluster_year hoặc province."))
    if unit is not None:
        return get_object_or_404(Unit.objects.select_related("province"), pk=unit)
    if cluster_year is not None:
        return get_object_or_404(ClusterYear.objects.select_related("cluster"), pk=cluster_year)
    return get_object_or_404(Province, pk=province)


@router.get("/awards/screening", response=list[ScreeningRowOut], summary="Xét hàng loạt: ai đủ điều kiện, vì sao")
def screening(
    request,
    year: int,
    unit: int | None = None,
    cluster_year: int | None = None,
    province: int | None = None,
    form: str = "",
    only_qualifying: bool = False,
    as_of: datetime.date | None = None,
    limit: int = 50,
    offset: int = 0,
):
    target = _screen_target(unit, cluster_year, province)
    require_perm(request, "awards.screen", target)
    award_form = get_object_or_404(AwardForm, code=form) if form else None
    units, people = selectors.screening_candidates(target, year, award_form)
    forms = [award_form] if award_form else None
    # One page of candidates (limit, offset) is screened per call, as on the page; only_qualifying keeps its
    # qualifying rows. The whole scope is the background job's.
    chunk, _limit, _offset = paginate([*units, *people], limit, offset)
    rows = screen(
        year=year,
        units=[c for c in chunk if isinstance(c, Unit)],
        persons=[c for c in chunk if isinstance(c, Person)],
        forms=forms,
        as_of=as_of,
    )
    if only_qualifying:
        rows = [r for r in rows if r.qualifying]
    return [
        {
            "candidate_type": "unit" if row.is_unit else "person",
            "candidate_id": row.candidate.pk,
            "candidate_name": str(row.candidate),
            "results": [_result(res) for res in row.results],
        }
        for row in rows
    ]


def _batch_out(batch):
    return {
        "id": batch.pk,
        "state": batch.state,
        "file_name": batch.stored_file.original_name,
        "total_rows": batch.total_rows,
        "error_rows": batch.error_rows,
        "committed_count": batch.committed_count,
        "report": batch.report,
    }


@router.post("/awards/imports", response={202: JobStartedOut}, summary="Nhập sổ từ Excel: kiểm tra chạy nền (chưa ghi)")
def import_check(request, file: UploadedFile = File(...)):  # noqa: B008 - django-ninja declares uploads this way
    """Queues the dry run; GET /api/v1/jobs/{job_id} gives its state, then its result (result.batch is the batch)."""
    require_perm(request, "awards.import_records")
    return job_started(core_imports.start_import(import_jobs.KIND, file, actor=request.user))


@router.get("/awards/imports/{batch_id}", response=ImportOut, summary="Kết quả kiểm tra một tệp")
def import_get(request, batch_id: int):
    require_perm(request, "awards.import_records")
    return _batch_out(get_object_or_404(selectors.imports_of(request.user), pk=batch_id))


@router.post(
    "/awards/imports/{batch_id}/commit",
    response={202: JobStartedOut},
    summary="Ghi toàn bộ tệp (chạy nền), hoặc không ghi gì",
)
def import_commit(request, batch_id: int):
    """Queues the write of a checked batch (the same as POST /api/v1/jobs/{job_id}/write on its dry run)."""
    require_perm(request, "awards.import_records")
    batch = get_object_or_404(selectors.imports_of(request.user), pk=batch_id)
    check_job = import_jobs.check_job_of_batch(batch, request.user)
    if check_job is None:
        raise HttpError(422, _("Tệp này được kiểm tra trước khi có việc chạy nền: hãy tải tệp lên và kiểm tra lại."))
    return job_started(core_imports.start_write(check_job, actor=request.user))


@router.post("/awards/task-ratings", response={201: dict}, summary="Ghi mức độ hoàn thành nhiệm vụ của một năm")
def set_rating(request, payload: RatingIn):
    subject = _subject(payload.unit_id, payload.person_id)
    require_perm(request, "awards.rate_subject", subject)
    rating = services.set_task_rating(
        subject, year=payload.year, completion=payload.completion, basis=payload.basis, actor=request.user
    )
    return Status(201, {"id": rating.pk, "year": rating.year, "completion": rating.completion})


@router.post("/awards/disciplines", response={201: dict}, summary="Ghi một kỷ luật")
def add_discipline(request, payload: DisciplineIn):
    subject = _subject(payload.unit_id, payload.person_id)
    require_perm(request, "awards.record_discipline", subject)
    data = payload.model_dump(exclude={"unit_id", "person_id"})
    record = services.record_discipline(subject, actor=request.user, **data)
    return Status(201, {"id": record.pk})


@router.post("/awards/review-flags", response={201: dict}, summary="Ghi việc đang xem xét, điều tra, khiếu nại")
def add_flag(request, payload: FlagIn):
    subject = _subject(payload.unit_id, payload.person_id)
    require_perm(request, "awards.record_discipline", subject)
    data = payload.model_dump(exclude={"unit_id", "person_id"})
    flag = services.open_review_flag(subject, actor=request.user, **data)
    return Status(201, {"id": flag.pk})


@router.post("/awards/review-flags/{flag_id}/close", response=dict, summary="Kết thúc việc xem xét")
def close_flag(request, flag_id: int, payload: FlagCloseIn):
    flag = get_object_or_404(ReviewFlag.objects.select_related("unit", "person"), pk=flag_id)
    require_perm(request, "awards.record_discipline", flag.subject)
    flag = services.close_review_flag(
        flag, closed_on=payload.closed_on, outcome=payload.outcome, actor=request.user, seen_version=payload.version
    )
    return {"id": flag.pk, "closed_on": flag.closed_on.isoformat()}


@router.get(
    "/awards/priority-statistics", response=list[PriorityOut], summary="Tỷ lệ người trực tiếp lao động được khen"
)
def priority(request, province: int | None = None, cluster: int | None = None, year: int | None = None):
    require_perm(request, "awards.view_statistics")
    province_obj = get_object_or_404(Province, pk=province) if province else None
    cluster_obj = get_object_or_404(Cluster, pk=cluster) if cluster else None
    scope_province = province_obj or (cluster_obj.province if cluster_obj else None)
    if scope_province is None and not request.user.has_perm("awards.screen", None):
        raise HttpError(422, _("Chọn tỉnh (province) hoặc cụm (cluster)."))
    if scope_province is not None and not request.user.has_perm("awards.screen", scope_province):
        raise HttpError(403, _("Bạn không có quyền thực hiện thao tác này."))
    rows = award_priority_statistics(province=province_obj, cluster=cluster_obj, year=year)
    return [
        {
            "cluster_year_id": r.cluster_year.pk if r.cluster_year else None,
            "label": r.label,
            "year": r.year,
            "people": r.share.total,
            "direct_labourers": r.share.direct,
            "percent": r.share.percent,
            "records": r.records,
        }
        for r in rows
    ]
