"""Writes about rule sets: create one (blank or copied from another as a template) and revise one.

A rule set is never edited in place: a revision is a new row that supersedes the old one (the `supersedes`
chain is the history). Parameters are checked against the kind's schema (awards.kinds), conditions against
theirs (awards.conditions). A province's rule set is written by that province's board, a national one by
administrators; both through the permissions in awards/rules.py.
"""

import datetime

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from thidua.awards.conditions import TYPES, validate_parameters
from thidua.awards.kinds import schema, validate_kind_parameters
from thidua.awards.models import AwardForm, Rule, RuleSet
from thidua.core import kernel
from thidua.core.enums import FileKind
from thidua.core.files import store_upload
from thidua.core.services import notify, snapshot
from thidua.core.text import fold
from thidua.organizations.enums import Role
from thidua.organizations.models import RoleAssignment

SET_FIELDS = ["name", "citation", "valid_from", "valid_to", "is_verified", "note", "parameters", "source_url"]
RULE_FIELDS = ["citation", "parameters", "is_verified", "note", "alternative"]
LOGGED_FIELDS = ["version", "kind", "code", "province_id", "source_file_id", *SET_FIELDS]
SOURCE_KINDS = (FileKind.PDF, FileKind.DOCX, FileKind.PNG, FileKind.JPEG)


def _require_province(actor, province):
    """May the actor write a rule set for this province (None: a national one)?"""
    if province is None:
        kernel.require(actor, "awards.create_national_rule_set", None)
    else:
        kernel.require(actor, "awards.create_rule_set", province)


def _rule_snapshot(rule):
    return {
        "id": rule.pk,
        "form": rule.award_form.code if rule.award_form_id else None,
        "condition": rule.condition,
        **snapshot(rule, RULE_FIELDS),
    }


def _clean_rule(data, known_forms):
    if not str(data.get("citation", "")).strip():
        kernel.refuse(_("Mỗi điều kiện phải có căn cứ pháp lý (trích dẫn)."))
    if str(data.get("alternative") or "").strip() and data.get("award_form") is None:
        kernel.refuse(_("Chỉ điều kiện của một danh hiệu, hình thức mới thuộc một phương án."))
    data["parameters"] = validate_parameters(data["condition"], data.get("parameters") or {}, known_forms=known_forms)
    return data


def _checked_values(values, kind):
    if not str(values["name"]).strip() or not str(values["citation"]).strip():
        kernel.refuse(_("Tên và căn cứ pháp lý của bộ quy định không được để trống."))
    if not isinstance(values["valid_from"], datetime.date):
        kernel.refuse(_("Phải có ngày bắt đầu hiệu lực."))
    if values["valid_to"] and values["valid_to"] < values["valid_from"]:
        kernel.refuse(_("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."))
    values["name"], values["citation"] = str(values["name"]).strip(), str(values["citation"]).strip()
    values["source_url"] = str(values.get("source_url") or "").strip()
    if values["source_url"] and not values["source_url"].startswith(("https://", "http://")):
        kernel.refuse(_("Địa chỉ văn bản gốc phải bắt đầu bằng https:// hoặc http://."))
    values["parameters"] = validate_kind_parameters(kind, values.get("parameters"))
    values["note"] = values.get("note") or ""
    values["is_verified"] = bool(values.get("is_verified"))
    return values


def _new_rules(rule_set, rules):
    Rule.objects.bulk_create(
        [
            Rule(
                rule_set=rule_set,
                award_form=d["award_form"],
                condition=d["condition"],
                citation=d["citation"].strip(),
                parameters=d["parameters"],
                is_verified=bool(d["is_verified"]),
                note=d.get("note", ""),
                alternative=str(d.get("alternative") or "").strip()[:200],
                order=d["order"],
            )
            for d in rules
        ]
    )


def _tell_board(rule_set, actor, title):
    """The province's other board officers hear of a new or revised rule set of their province."""
    if rule_set.province_id is None:
        return
    users = [
        a.user
        for a in RoleAssignment.objects.filter(role=Role.BOARD_OFFICER, province_id=rule_set.province_id)
        .select_related("user")
        .exclude(user=actor)
        if a.user.is_active
    ]
    notify(users, title, url=reverse("awards:rule_set_detail", args=[rule_set.pk]))


# ---------------------------------------------------------------- create


def _new_code(kind, province, valid_from):
    base = slugify(fold(f"{province.code if province else 'quoc-gia'} {kind} {valid_from.year}")).replace("_", "-")
    taken = set(RuleSet.objects.filter(code__startswith=base).values_list("code", flat=True))
    code, number = base[:90], 2
    while code in taken:
        code, number = f"{base[:90]}-{number}", number + 1
    return code


def _copied_rules(template, citation):
    """The template's conditions under the new rule set's own citation: the template's citations name another
    province's texts, so each copy says where it came from and waits to be checked against the new text."""
    return [
        {
            "award_form": rule.award_form,
            "condition": rule.condition,
            "citation": citation,
            "parameters": rule.parameters,
            "is_verified": False,
            "order": rule.order,
            "alternative": rule.alternative,
            "note": _("Sao từ “%(name)s” (phiên bản %(version)s); căn cứ ở đó: %(citation)s")
            % {"name": template.name, "version": template.version, "citation": rule.citation},
        }
        for rule in template.rules.select_related("award_form").order_by("order", "id")
    ]


@transaction.atomic
def create_rule_set(
    *,
    actor,
    kind,
    province,
    name,
    citation,
    valid_from,
    valid_to=None,
    parameters=None,
    template=None,
    code="",
    is_verified=False,
    note="",
    source_url="",
    source_upload=None,
):
    """Create version 1 of a rule set: blank, or copied from `template` (its parameters, unless given, and its
    conditions; never its citation, which belongs to the template's own text). Returns the new rule set."""
    spec = schema(kind)
    _require_province(actor, province)
    if template is not None and template.kind != kind:
        kernel.refuse(
            _("Bộ quy định mẫu “%(name)s” thuộc loại khác (%(kind)s).")
            % {"name": template.name, "kind": template.get_kind_display()}
        )
    if parameters is None:
        parameters = dict(template.parameters) if template is not None else {}
    values = _checked_values(
        {
            "name": name,
            "citation": citation,
            "valid_from": valid_from,
            "valid_to": valid_to,
            "parameters": parameters,
            "is_verified": is_verified,
            "note": note,
            "source_url": source_url,
        },
        kind,
    )
    known = set(AwardForm.objects.values_list("code", flat=True))
    rules = _copied_rules(template, values["citation"]) if template is not None and spec.holds_rules else []
    rules = [_clean_rule(r, known) for r in rules]
    code = slugify(str(code or "")) or _new_code(kind, province, values["valid_from"])
    if RuleSet.objects.filter(code=code).exists():
        kernel.refuse(_("Mã “%(code)s” đã được một bộ quy định khác dùng.") % {"code": code})
    source_file = (
        store_upload(source_upload, actor=actor, allowed_kinds=SOURCE_KINDS, is_public=True)
        if (source_upload)
        else None
    )
    try:
        with transaction.atomic():
            created = RuleSet.objects.create(
                kind=kind, code=code, province=province, source_file=source_file, version=1, **values
            )
    except IntegrityError as clash:  # the same code taken at the same moment
        raise kernel.Refusal(_("Mã “%(code)s” đã được một bộ quy định khác dùng.") % {"code": code}) from clash
    _new_rules(created, rules)
    kernel.log(
        actor,
        "rule_set.created",
        created,
        new={
            **snapshot(created, LOGGED_FIELDS),
            "template_id": template.pk if template is not None else None,
            "rules": [_rule_snapshot(r) for r in created.rules.select_related("award_form")],
        },
        province_id=created.province_id,
    )
    _tell_board(created, actor, _("Bộ quy định mới: %(name)s") % {"name": created.name})
    return created


# ---------------------------------------------------------------- revise


def _revised_set_values(current, changes):
    unknown = set(changes) - {*SET_FIELDS, "province"}
    if unknown:
        kernel.refuse(_("Không sửa được trường: %(f)s."), f=", ".join(sorted(unknown)))
    values = {
        **{name: getattr(current, name) for name in SET_FIELDS},
        "parameters": dict(current.parameters),
    }
    values.update({k: v for k, v in changes.items() if k != "province"})
    return _checked_values(values, current.kind)


def _revised_rules(old_rules, rule_changes, added, removed):
    """The rules of the new version: the old ones with their changes, less the removed, plus the added."""
    known = set(AwardForm.objects.values_list("code", flat=True))
    rule_changes = {int(k): v for k, v in rule_changes.items()}
    removed = {int(pk) for pk in removed}
    if (set(rule_changes) | removed) - {r.pk for r in old_rules}:
        kernel.refuse(_("Điều kiện cần sửa không thuộc bộ quy định này."))
    new_rules = []
    for rule in old_rules:
        if rule.pk in removed:
            continue
        data = {
            "award_form": rule.award_form,
            "condition": rule.condition,
            "order": rule.order,
            **snapshot(rule, RULE_FIELDS),
            **rule_changes.get(rule.pk, {}),
        }
        new_rules.append(_clean_rule(data, known))
    for extra in added:
        data = {"order": 1000 + len(new_rules), "is_verified": False, "note": "", **extra}
        if data.get("condition") not in TYPES:
            kernel.refuse(_("Loại điều kiện không hợp lệ."))
        new_rules.append(_clean_rule(data, known))
    return new_rules


@transaction.atomic
def revise_rule_set(
    rule_set,
    *,
    actor,
    seen_version,
    changes=None,
    rule_changes=None,
    added=(),
    removed=(),
    note="",
    source_upload=None,
):
    """Save a correction as a NEW version that supersedes the old one; the old version is kept as history.

    changes: set fields (name, citation, valid_from, valid_to, is_verified, note, parameters, source_url, and
    province: a Province or None); rule_changes: {rule id: {citation, parameters, is_verified, note}};
    added: [{award_form, condition, citation, parameters, is_verified, note}]; removed: rule ids;
    source_upload: a new source document. A lost race (someone revised it first) is a StaleEdit.
    """
    kernel.require(actor, "awards.change_rule_set", rule_set)
    current = RuleSet.objects.select_for_update().get(pk=rule_set.pk)
    if not current.is_current:
        raise kernel.StaleEdit(current=current)
    kernel.check_version(current, seen_version)
    changes = dict(changes or {})
    province = changes.get("province", current.province)
    if "province" in changes and getattr(province, "pk", None) != current.province_id:
        _require_province(actor, province)
    values = _revised_set_values(current, changes)
    old_rules = list(current.rules.select_related("award_form"))
    new_rules = _revised_rules(old_rules, rule_changes or {}, added, removed)
    source_file = current.source_file
    if source_upload:
        source_file = store_upload(source_upload, actor=actor, allowed_kinds=SOURCE_KINDS, is_public=True)
    current.is_current = False
    current.save(update_fields=["is_current"])
    try:
        with transaction.atomic():
            revised = RuleSet.objects.create(
                kind=current.kind,
                code=current.code,
                province=province,
                version=current.version + 1,
                supersedes=current,
                is_current=True,
                source_file=source_file,
                **values,
            )
    except IntegrityError as clash:
        raise kernel.StaleEdit(current=current) from clash
    _new_rules(revised, new_rules)
    kernel.log(
        actor,
        "rule_set.revised",
        revised,
        old={**snapshot(current, LOGGED_FIELDS), "rules": [_rule_snapshot(r) for r in old_rules]},
        new={
            **snapshot(revised, LOGGED_FIELDS),
            "rules": [_rule_snapshot(r) for r in revised.rules.select_related("award_form")],
        },
        note=note,
        province_id=revised.province_id or current.province_id,
    )
    _tell_board(revised, actor, _("Bộ quy định được sửa: %(name)s") % {"name": revised.name})
    kernel.sync(rule_set, current)
    return revised
