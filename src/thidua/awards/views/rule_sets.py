"""Pages for the award catalogue and the legal rule sets: read by every role; a province's rule sets created and
revised by its board, national ones by administrators; the checklist of what a (merged) province lacks."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.awards import selectors, services
from thidua.awards.conditions import TYPES, describe_parameters
from thidua.awards.coverage import provinces_of, rule_set_gaps
from thidua.awards.enums import ConditionCode
from thidua.awards.forms import (
    AddRuleChoiceForm,
    AwardFormCorrectionForm,
    ChecklistForm,
    RuleForm,
    RuleSetCorrectionForm,
    RuleSetCreateForm,
    RuleSetStartForm,
)
from thidua.awards.kinds import SCHEMAS, initial_parameters, shown_parameters
from thidua.awards.models import AwardForm, Rule, RuleSet
from thidua.awards.prizes import PrizeTable
from thidua.core.exports import Column, list_export
from thidua.core.web import form_errors, report, require, run


@login_required
def catalogue_list(request):
    require(request, "awards.view_catalogue")
    forms = list(selectors.catalogue())
    today = timezone.localdate()
    table = PrizeTable()
    for form in forms:
        form.prize_today = table.prize(form, today)
    return render(
        request,
        "awards/catalogue.html",
        {"forms": forms, "can_change": request.user.has_perm("awards.change_award_form"), "today": today},
    )


@login_required
def award_form_edit(request, pk):
    award_form = get_object_or_404(AwardForm, pk=pk)
    require(request, "awards.change_award_form", award_form)
    fields = services.FORM_FIELDS
    form = AwardFormCorrectionForm(
        request.POST or None, initial={"version": award_form.version, **{f: getattr(award_form, f) for f in fields}}
    )
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in fields}
        try:
            services.correct_award_form(
                award_form, actor=request.user, seen_version=form.cleaned_data["version"], **data
            )
        except ValidationError as error:
            report(request, error)
            award_form.refresh_from_db()
            form = AwardFormCorrectionForm(
                initial={"version": award_form.version, **{f: getattr(award_form, f) for f in fields}}
            )
        else:
            messages.success(request, _("Đã lưu sửa đổi danh mục (ghi nhật ký)."))
            return redirect("awards:catalogue")
    return render(request, "awards/award_form_edit.html", {"award_form": award_form, "form": form})


@login_required
def rule_set_list(request):
    require(request, "awards.view_rule_set")
    rule_sets = list(selectors.current_rule_sets())
    provinces, _national = selectors.rule_set_provinces(request.user)
    can_create = request.user.has_perm("awards.create_rule_set")
    gaps = rule_set_gaps(timezone.localdate(), provinces=provinces_of(request.user))
    return render(
        request,
        "awards/rule_set_list.html",
        {
            "rule_sets": rule_sets,
            "can_create": can_create,
            "gaps": gaps,
            **_checklist(request, provinces if can_create else []),
        },
    )


def _checklist(request, provinces):
    """The board's checklist after a merger: what kinds of rule set the province lacks on a day."""
    if not provinces:
        return {}
    form = ChecklistForm(request.GET or None, provinces=provinces)
    province, on = provinces[0], timezone.localdate()
    if form.is_bound and form.is_valid():
        province = form.provinces.get(form.cleaned_data["province"]) or province
        on = form.cleaned_data["on"] or on
    elif form.is_bound:
        form_errors(request, form)
    form = ChecklistForm(initial={"province": province.pk, "on": on}, provinces=provinces)
    rows = selectors.rule_set_checklist(province, on)
    return {"checklist_form": form, "checklist": rows, "checklist_province": province, "checklist_on": on}


@login_required
def rule_set_list_export(request):
    require(request, "awards.view_rule_set")
    columns = [
        Column(_("Mã"), lambda r: r.code),
        Column(_("Tên"), lambda r: r.name),
        Column(_("Loại"), lambda r: r.get_kind_display()),
        Column(_("Căn cứ pháp lý"), lambda r: r.citation),
        Column(_("Tỉnh"), lambda r: r.province.name if r.province else ""),
        Column(_("Hiệu lực từ"), lambda r: r.valid_from),
        Column(_("Hiệu lực đến"), lambda r: r.valid_to),
        Column(_("Phiên bản"), lambda r: r.version),
        Column(_("Đã đối chiếu văn bản gốc"), lambda r: _("Có") if r.is_verified else _("Chưa")),
    ]
    return list_export(selectors.current_rule_sets(), columns, sheet="Quy dinh", filename="quy-dinh-khen-thuong")


@login_required
def catalogue_export(request):
    require(request, "awards.view_catalogue")
    today, table = timezone.localdate(), PrizeTable()
    columns = [
        Column(_("Mã"), lambda f: f.code),
        Column(_("Tên"), lambda f: f.name),
        Column(_("Loại"), lambda f: f.get_category_display()),
        Column(_("Đối tượng"), lambda f: f.get_recipient_kind_display()),
        Column(_("Cấp khen"), lambda f: f.get_level_display()),
        Column(_("Thẩm quyền"), lambda f: f.issuer),
        Column(_("Căn cứ"), lambda f: f.legal_basis),
        Column(_("Hệ số tiền thưởng hiện hành"), lambda f: _coefficient_today(table, f, today)),
        Column(_("Căn cứ hệ số"), lambda f: table.prize(f, today).row.citation if table.prize(f, today).row else ""),
    ]
    return list_export(selectors.catalogue(), columns, sheet="Danh muc", filename="danh-muc-khen-thuong")


def _coefficient_today(table, form, today):
    prize = table.prize(form, today)
    return float(prize.coefficient) if prize.coefficient is not None else None


def _rule_rows(rule_set):
    names = dict(AwardForm.objects.values_list("code", "name"))
    rows = []
    for rule in selectors.rules_of(rule_set):
        rule.described = describe_parameters(rule.condition, rule.parameters, names)
        rule.is_policy = TYPES[rule.condition].is_policy
        rows.append(rule)
    return rows


@login_required
def rule_set_detail(request, pk):
    require(request, "awards.view_rule_set")
    rule_set = get_object_or_404(RuleSet.objects.select_related("province", "supersedes", "source_file"), pk=pk)
    spec = SCHEMAS.get(rule_set.kind)
    rules = _rule_rows(rule_set)
    return render(
        request,
        "awards/rule_set_detail.html",
        {
            "rule_set": rule_set,
            "holds_rules": spec.holds_rules if spec else bool(rules),
            "parameters": shown_parameters(rule_set.kind, rule_set.parameters),
            "general": [r for r in rules if r.award_form_id is None],
            "specific": [r for r in rules if r.award_form_id is not None],
            "versions": selectors.rule_set_versions(rule_set),
            "can_change": rule_set.is_current and request.user.has_perm("awards.change_rule_set", rule_set),
            "can_create": request.user.has_perm("awards.create_rule_set"),
            "conditions": ConditionCode.choices,
            "add_form": AddRuleChoiceForm(),
        },
    )


def _current_or_404(pk):
    rule_set = get_object_or_404(RuleSet.objects.select_related("province"), pk=pk)
    if not rule_set.is_current:
        raise PermissionDenied
    return rule_set


def _revise(request, rule_set, *, seen_version, note, **kwargs):
    old_version = rule_set.version
    ok, revised = run(
        request,
        lambda: services.revise_rule_set(rule_set, actor=request.user, seen_version=seen_version, note=note, **kwargs),
    )
    if not ok:
        return None
    messages.success(
        request,
        _("Đã lưu thành phiên bản %(v)s; phiên bản %(old)s được giữ trong lịch sử.")
        % {"v": revised.version, "old": old_version},
    )
    return revised


def _set_form(request, form_class, kind, *, current=None, **kwargs):
    provinces, national = selectors.rule_set_provinces(request.user)
    if current is not None and current.province is not None and current.province not in provinces:
        provinces = [current.province, *provinces]
    return form_class(
        request.POST or None,
        request.FILES or None,
        kind=kind,
        provinces=provinces,
        allow_national=national or (current is not None and current.province_id is None),
        **kwargs,
    )


@login_required
def rule_set_edit(request, pk):
    rule_set = _current_or_404(pk)
    require(request, "awards.change_rule_set", rule_set)
    fields = ["name", "citation", "valid_from", "valid_to", "is_verified", "note", "source_url"]
    initial = {
        "version": rule_set.version,
        "province": rule_set.province_id or "",
        **{f: getattr(rule_set, f) for f in fields},
        **RuleSetCorrectionForm.initial_parameters(rule_set.parameters),
    }
    form = _set_form(request, RuleSetCorrectionForm, rule_set.kind, current=rule_set, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = {**form.set_values(), "parameters": form.parameters(), "province": form.cleaned_data["province"]}
        revised = _revise(
            request,
            rule_set,
            seen_version=form.cleaned_data["version"],
            note=form.cleaned_data["reason"],
            changes=changes,
            source_upload=form.cleaned_data["source_file"],
        )
        if revised:
            return redirect("awards:rule_set_detail", revised.pk)
    return render(request, "awards/rule_set_edit.html", {"rule_set": rule_set, "form": form})


def _template_or_none(request):
    raw = request.POST.get("template") or request.GET.get("template") or ""
    if not raw.isdigit():
        return None
    return get_object_or_404(RuleSet.objects.select_related("province"), pk=int(raw))


@login_required
def rule_set_create(request):
    """Create a rule set of any kind: blank, or copied from an existing one chosen as a template."""
    require(request, "awards.create_rule_set")
    template = _template_or_none(request)
    kind = template.kind if template else request.POST.get("kind") or request.GET.get("kind", "")
    if kind not in SCHEMAS:
        start = RuleSetStartForm(templates=selectors.rule_set_templates())
        return render(request, "awards/rule_set_start.html", {"form": start, "kinds": SCHEMAS.values()})
    parameters = template.parameters if template else initial_parameters(kind)
    initial = {"province": request.GET.get("province", ""), **RuleSetCreateForm.initial_parameters(parameters)}
    if template:
        initial.update(name=template.name, note=template.note)
    form = _set_form(request, RuleSetCreateForm, kind, initial=initial)
    if request.method == "POST" and form.is_valid():
        ok, created = run(
            request,
            lambda: services.create_rule_set(
                actor=request.user,
                kind=kind,
                province=form.cleaned_data["province"],
                parameters=form.parameters(),
                template=template,
                source_upload=form.cleaned_data["source_file"],
                **form.set_values(),
            ),
            _("Đã tạo bộ quy định (phiên bản 1, ghi nhật ký)."),
        )
        if ok:
            return redirect("awards:rule_set_detail", created.pk)
    return render(
        request,
        "awards/rule_set_create.html",
        {"form": form, "kind": kind, "spec": SCHEMAS[kind], "template": template},
    )


@login_required
def rule_edit(request, pk, rule_pk):
    rule_set = _current_or_404(pk)
    require(request, "awards.change_rule_set", rule_set)
    rule = get_object_or_404(Rule.objects.select_related("award_form"), pk=rule_pk, rule_set=rule_set)
    form = RuleForm(
        request.POST or None, condition=rule.condition, initial=RuleForm.initial_for(rule, rule_set.version)
    )
    if request.method == "POST" and form.is_valid():
        change = {
            "citation": form.cleaned_data["citation"],
            "is_verified": form.cleaned_data["is_verified"],
            "note": form.cleaned_data["note"],
            "parameters": form.parameters(),
        }
        revised = _revise(
            request,
            rule_set,
            seen_version=form.cleaned_data["version"],
            note=form.cleaned_data["reason"],
            rule_changes={rule.pk: change},
        )
        if revised:
            return redirect("awards:rule_set_detail", revised.pk)
    return render(request, "awards/rule_edit.html", {"rule_set": rule_set, "rule": rule, "form": form})


@login_required
def rule_add(request, pk):
    rule_set = _current_or_404(pk)
    require(request, "awards.change_rule_set", rule_set)
    condition = request.GET.get("condition") or request.POST.get("condition", "")
    if condition not in TYPES:
        messages.error(request, _("Hãy chọn loại điều kiện."))
        return redirect("awards:rule_set_detail", rule_set.pk)
    form = RuleForm(
        request.POST or None,
        condition=condition,
        with_form_choice=True,
        initial={"version": rule_set.version},
    )
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data.get("award_form")
        added = {
            "award_form": AwardForm.objects.get(code=code) if code else None,
            "condition": condition,
            "citation": form.cleaned_data["citation"],
            "is_verified": form.cleaned_data["is_verified"],
            "note": form.cleaned_data["note"],
            "parameters": form.parameters(),
        }
        revised = _revise(
            request,
            rule_set,
            seen_version=form.cleaned_data["version"],
            note=form.cleaned_data["reason"],
            added=[added],
        )
        if revised:
            return redirect("awards:rule_set_detail", revised.pk)
    return render(
        request,
        "awards/rule_edit.html",
        {"rule_set": rule_set, "form": form, "condition_label": ConditionCode(condition).label, "adding": condition},
    )


@login_required
@require_POST
def rule_remove(request, pk, rule_pk):
    rule_set = _current_or_404(pk)
    require(request, "awards.change_rule_set", rule_set)
    reason = request.POST.get("reason", "").strip()
    if not reason:
        messages.error(request, _("Phải ghi lý do bỏ điều kiện."))
        return redirect("awards:rule_set_detail", rule_set.pk)
    try:
        seen = int(request.POST.get("version", ""))
    except ValueError:
        seen = -1
    revised = _revise(request, rule_set, seen_version=seen, note=reason, removed=[rule_pk])
    return redirect("awards:rule_set_detail", (revised or rule_set).pk)
