"""Writes about criteria tables: create, edit while open, copy, import, and revise once frozen."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core import kernel
from thidua.core.documents import vietnamese
from thidua.core.services import notify
from thidua.scoring import selectors
from thidua.scoring.calculation import MAX_DEPTH, MAX_POINTS, CriteriaTree, fmt, points_for, table_problems
from thidua.scoring.enums import AssessmentState, CriterionKind, TableStatus
from thidua.scoring.models import CriteriaTable, Criterion, FinalScore, ReviewScore, SelfScore
from thidua.scoring.services.common import refuse_if_published, require_reason
from thidua.scoring.services.reviews import recompute_finals

SETTING_FIELDS = ("name", "total_points", "final_score_rule", "discrepancy_margin", "tie_break_rule")
CRITERION_FIELDS = (
    "code",
    "title",
    "kind",
    "max_points",
    "target",
    "guidance",
    "evidence_required",
    "evidence_description",
    "position",
)


def refuse_if_frozen(table):
    if selectors.table_is_frozen(table):
        raise kernel.Refusal(
            _(
                "Bảng tiêu chí đã khóa từ khi mở giai đoạn tự chấm điểm. "
                "Muốn thay đổi, hãy tạo bản sửa đổi (phiên bản mới) và ghi rõ lý do."
            )
        )


def _check_settings(values):
    if values.get("total_points") is not None and values["total_points"] <= 0:
        raise kernel.Refusal(_("Tổng điểm chuẩn của bảng phải lớn hơn 0."))
    if values.get("discrepancy_margin") is not None and values["discrepancy_margin"] < 0:
        raise kernel.Refusal(_("Ngưỡng chênh lệch không được âm."))
    for key in ("total_points", "discrepancy_margin"):
        if values.get(key) is not None and values[key] >= MAX_POINTS:
            raise kernel.Refusal(_("Số điểm phải nhỏ hơn %(max)s.") % {"max": fmt(MAX_POINTS)})
    if not (values.get("name") or "").strip():
        raise kernel.Refusal(_("Hãy đặt tên cho bảng tiêu chí."))


def default_table_name(cluster_year):
    # The name is printed in the ranking's official summary, which is always Vietnamese.
    return vietnamese(gettext_lazy("Bảng tiêu chí, thang điểm thi đua năm %(year)s")) % {"year": cluster_year.year}


@transaction.atomic
def create_table(cluster_year, *, actor, **settings):
    kernel.require(actor, "scoring.manage_table", cluster_year)
    refuse_if_published(cluster_year)
    if selectors.current_table(cluster_year) is not None:
        raise kernel.Refusal(_("Năm %(year)s đã có bảng tiêu chí.") % {"year": cluster_year.year})
    values = {key: settings[key] for key in SETTING_FIELDS if key in settings}
    values.setdefault("name", default_table_name(cluster_year))
    _check_settings(values)
    table = CriteriaTable.objects.create(cluster_year=cluster_year, created_by=actor, **values)
    kernel.log(actor, "scoring.table.created", table, new=values)
    return table


@transaction.atomic
def update_table_settings(table, *, actor, **settings):
    kernel.require(actor, "scoring.manage_table", table.cluster_year)
    refuse_if_frozen(table)
    values = {key: settings[key] for key in SETTING_FIELDS if key in settings}
    _check_settings({**{k: getattr(table, k) for k in SETTING_FIELDS}, **values})
    old = {key: getattr(table, key) for key in values}
    for key, value in values.items():
        setattr(table, key, value)
    table.save(update_fields=list(values))
    kernel.log(actor, "scoring.table.settings_changed", table, old=old, new=values)
    return table


def _check_criterion(table, criterion, parent):
    if not criterion.code.strip() or not criterion.title.strip():
        raise kernel.Refusal(_("Tiêu chí cần có mã và nội dung."))
    if Criterion.objects.filter(table=table, code=criterion.code).exclude(pk=criterion.pk).exists():
        raise kernel.Refusal(_("Mã %(code)s đã có trong bảng.") % {"code": criterion.code})
    if parent is not None:
        if parent.table_id != table.pk:
            raise kernel.Refusal(_("Mục cha không thuộc bảng này."))
        depth, node = 1, parent
        while node is not None:
            if criterion.pk and node.pk == criterion.pk:
                raise kernel.Refusal(_("Một mục không thể nằm trong chính nó."))
            depth, node = depth + 1, node.parent
        if depth > MAX_DEPTH:
            raise kernel.Refusal(_("Bảng chỉ có tối đa %(n)s cấp: nhóm, tiêu chí, tiêu chí con.") % {"n": MAX_DEPTH})
    _check_points(criterion)


def _check_points(criterion):
    if criterion.max_points < 0:
        raise kernel.Refusal(_("Điểm tối đa không được âm."))
    if criterion.max_points >= MAX_POINTS:
        raise kernel.Refusal(_("Điểm tối đa phải nhỏ hơn %(max)s.") % {"max": fmt(MAX_POINTS)})
    if criterion.kind == CriterionKind.VETO:
        criterion.max_points = Decimal(0)


@transaction.atomic
def save_criterion(table, *, actor, criterion=None, parent=None, **fields):
    """Add a line to an open table, or change one."""
    kernel.require(actor, "scoring.manage_table", table.cluster_year)
    refuse_if_frozen(table)
    creating = criterion is None
    criterion = criterion or Criterion(table=table)
    old = {} if creating else {key: getattr(criterion, key) for key in CRITERION_FIELDS}
    for key in CRITERION_FIELDS:
        if key in fields:
            setattr(criterion, key, fields[key])
    if creating and "position" not in fields:
        criterion.position = Criterion.objects.filter(table=table).count() + 1
    criterion.parent = parent
    _check_criterion(table, criterion, parent)
    criterion.save()
    new = {key: getattr(criterion, key) for key in CRITERION_FIELDS}
    kernel.log(
        actor, "scoring." + ("criterion.created" if creating else "criterion.changed"), criterion, old=old, new=new
    )
    return criterion


@transaction.atomic
def delete_criterion(criterion, *, actor):
    table = criterion.table
    kernel.require(actor, "scoring.manage_table", table.cluster_year)
    refuse_if_frozen(table)
    if criterion.children.exists():
        raise kernel.Refusal(
            _("Mục %(code)s còn tiêu chí con; hãy xóa các tiêu chí con trước.") % {"code": criterion.code}
        )
    old = {key: getattr(criterion, key) for key in CRITERION_FIELDS}
    kernel.log(actor, "scoring.criterion.deleted", criterion, old=old)
    criterion.delete()


def _create_rows(table, rows):
    """rows: dicts of criterion fields plus "parent_code", parents before children."""
    created = {}
    for position, row in enumerate(rows, start=1):
        values = {key: row[key] for key in CRITERION_FIELDS if key in row}
        values["position"] = position
        parent = created.get(row.get("parent_code") or "")
        if row.get("parent_code") and parent is None:
            raise kernel.Refusal(_("Mục cha %(code)s không có trong bảng.") % {"code": row["parent_code"]})
        criterion = Criterion(table=table, parent=parent, **values)
        _check_criterion(table, criterion, parent)
        criterion.save()
        created[criterion.code] = criterion
    return created


@transaction.atomic
def replace_criteria(table, rows, *, actor, source):
    """Put a whole list of criteria in an open table (from Excel or from last year), all or nothing."""
    kernel.require(actor, "scoring.manage_table", table.cluster_year)
    refuse_if_frozen(table)
    old_count = table.criteria.count()
    # Children first: the tree's own foreign keys protect nothing here, but keep deletion order tidy.
    table.criteria.filter(parent__isnull=False).delete()
    table.criteria.all().delete()
    created = _create_rows(table, rows)
    kernel.log(
        actor,
        "scoring.table.criteria_replaced",
        table,
        old={"count": old_count},
        new={"count": len(created)},
        note=source,
    )
    return created


def rows_of(table):
    """The table's criteria as rows for replace_criteria (parents before children)."""
    tree = selectors.tree_of(table)
    rows = []
    for node, _depth in tree.walk():
        row = {key: getattr(node, key) for key in CRITERION_FIELDS}
        row["parent_code"] = tree.by_id[node.parent_id].code if node.parent_id else ""
        rows.append(row)
    return rows


@transaction.atomic
def copy_table_from(source, cluster_year, *, actor):
    """Copy last year's table (criteria and settings) into this year's, which must still be open."""
    kernel.require(actor, "scoring.manage_table", cluster_year)
    refuse_if_published(cluster_year)
    if source.cluster_year_id == cluster_year.pk:
        raise kernel.Refusal(_("Hãy chọn bảng của một năm trước."))
    settings = {key: getattr(source, key) for key in SETTING_FIELDS}
    settings["name"] = default_table_name(cluster_year)
    table = selectors.current_table(cluster_year)
    if table is None:
        table = create_table(cluster_year, actor=actor, **settings)
    else:
        update_table_settings(table, actor=actor, **settings)
    replace_criteria(table, rows_of(source), actor=actor, source=_("Sao chép từ %(name)s") % {"name": source})
    return table


@transaction.atomic
def start_revision(cluster_year, *, actor, reason):
    """Open a new version of a frozen table for editing; the version in force stays in force until adopted."""
    kernel.require(actor, "scoring.manage_table", cluster_year)
    refuse_if_published(cluster_year)
    reason = require_reason(reason, _("sửa đổi bảng tiêu chí"))
    current = selectors.current_table(cluster_year)
    if current is None:
        raise kernel.Refusal(_("Năm %(year)s chưa có bảng tiêu chí.") % {"year": cluster_year.year})
    if not selectors.table_is_frozen(current):
        raise kernel.Refusal(_("Bảng chưa khóa: hãy sửa trực tiếp, không cần tạo bản sửa đổi."))
    if selectors.draft_table(cluster_year) is not None:
        raise kernel.Refusal(_("Đang có một bản sửa đổi chưa ban hành; hãy hoàn thành hoặc hủy bản đó trước."))
    draft = CriteriaTable.objects.create(
        cluster_year=cluster_year,
        version=current.version + 1,
        status=TableStatus.DRAFT,
        supersedes=current,
        change_reason=reason,
        created_by=actor,
        **{key: getattr(current, key) for key in SETTING_FIELDS},
    )
    _create_rows(draft, rows_of(current))
    kernel.log(actor, "scoring.table.revision_started", draft, new={"version": draft.version}, note=reason)
    return draft


@transaction.atomic
def discard_revision(draft, *, actor):
    kernel.require(actor, "scoring.manage_table", draft.cluster_year)
    if draft.status != TableStatus.DRAFT:
        raise kernel.Refusal(_("Chỉ hủy được bản sửa đổi chưa ban hành."))
    kernel.log(actor, "scoring.table.revision_discarded", draft, old={"version": draft.version})
    draft.criteria.filter(parent__isnull=False).delete()
    draft.criteria.all().delete()
    draft.delete()


def _repoint(old_tree, new_tree):
    """Old leaf id -> new leaf with the same code (criteria are matched by their code across versions)."""
    mapping = {}
    for leaf in old_tree.leaves():
        new = new_tree.by_code.get(leaf.code)
        if new is not None and new_tree.is_leaf(new):
            mapping[leaf.pk] = new
    return mapping


def _rescore(model, mapping, conflicts, describe):
    """Point existing score rows at the new criteria and recompute their points; collect what no longer fits."""
    rows = list(model.objects.filter(criterion_id__in=mapping).select_related("criterion"))
    for row in rows:
        new = mapping[row.criterion_id]
        try:
            row.points = points_for(new, row.value)
        except ValidationError as refusal:
            conflicts.append(f"{describe(row)}: {refusal.messages[0]}")
        row.criterion = new
    return rows


@transaction.atomic
def adopt_revision(draft, *, actor):
    """The table workflow's one transition: a draft revision comes into force and the old version is superseded.

    Existing self, review and final scores move to the new version's criteria with the same code and are
    recomputed; if any no longer fits (e.g. a maximum lowered under an entered score) nothing changes."""
    cluster_year = draft.cluster_year
    kernel.require(actor, "scoring.manage_table", cluster_year)
    refuse_if_published(cluster_year)
    if draft.status != TableStatus.DRAFT:
        raise kernel.Refusal(_("Bảng này không phải là bản sửa đổi đang soạn."))
    new_tree = selectors.tree_of(draft)
    problems = table_problems(draft.total_points, new_tree)
    if problems:
        raise kernel.Refusal([_("Chưa thể ban hành bản sửa đổi:"), *problems])
    current = selectors.current_table(cluster_year)
    mapping = _repoint(selectors.tree_of(current), new_tree)
    conflicts = []
    rescored = [
        (SelfScore, _rescore(SelfScore, mapping, conflicts, lambda r: r.assessment.unit.full_name)),
        (ReviewScore, _rescore(ReviewScore, mapping, conflicts, lambda r: str(r.assignment))),
        (FinalScore, _rescore(FinalScore, mapping, conflicts, lambda r: r.assessment.unit.full_name)),
    ]
    if conflicts:
        raise kernel.Refusal(
            [_("Không thể ban hành: một số điểm đã chấm không còn hợp lệ với bảng mới:"), *conflicts[:10]]
        )
    for model, rows in rescored:
        model.objects.bulk_update(rows, ["criterion", "points"])
    current.status = TableStatus.SUPERSEDED
    current.save(update_fields=["status"])
    draft.status = TableStatus.IN_FORCE
    draft.frozen_at = current.frozen_at or timezone.now()
    draft.save(update_fields=["status", "frozen_at"])
    kernel.log(
        actor,
        "scoring.table.revision_adopted",
        draft,
        old={"version": current.version, "status": TableStatus.IN_FORCE},
        new={"version": draft.version, "status": TableStatus.IN_FORCE},
        note=draft.change_reason,
    )
    for assessment in cluster_year.assessments.filter(state=AssessmentState.SUBMITTED):
        recompute_finals(assessment, table=draft)
    notify(
        selectors.users_of_units(cluster_year.members.values("pk")) + selectors.secretariat_users(cluster_year),
        _("Bảng tiêu chí năm %(year)s được sửa đổi (phiên bản %(v)s)")
        % {"year": cluster_year.year, "v": draft.version},
        body=_("Lý do: %(reason)s") % {"reason": draft.change_reason},
    )
    return draft


def table_summary(table, tree=None):
    """Sum of regular maxima against the total, for the table page."""
    tree = tree or selectors.tree_of(table)
    regular = sum((r.max_points for r in tree.regular_groups()), Decimal(0))
    return {
        "regular_sum": fmt(regular),
        "total": fmt(table.total_points),
        "problems": table_problems(table.total_points, tree),
    }


def validate_rows(total_points, rows):
    """Check rows as a whole table would be checked, without writing anything (for the Excel dry run)."""
    fake = []
    for index, row in enumerate(rows, start=1):
        values = {key: row[key] for key in CRITERION_FIELDS if key in row}
        values["position"] = index
        fake.append(Criterion(pk=index, **values))
    by_code = {c.code: c for c in fake}
    for criterion, row in zip(fake, rows, strict=True):
        parent = by_code.get(row.get("parent_code") or "")
        criterion.parent_id = parent.pk if parent else None
    return table_problems(total_points, CriteriaTree(fake))


def count_criteria(cluster_year):
    """How many criteria "Mở năm sau từ năm này" would copy from this year's table in force."""
    table = selectors.current_table(cluster_year)
    return table.criteria.count() if table is not None else 0


def copy_table_to_next_year(source, target, actor):
    """The next-year copier (organizations.open_next_year, which asked organizations.change_cluster and runs this
    inside its transaction): this year's table in force, settings and criteria, as the new year's open table."""
    table = selectors.current_table(source)
    if table is None:
        return 0
    settings = {key: getattr(table, key) for key in SETTING_FIELDS}
    settings["name"] = default_table_name(target)
    copy = CriteriaTable.objects.create(cluster_year=target, created_by=actor, **settings)
    created = _create_rows(copy, rows_of(table))
    kernel.log(actor, "scoring.table.copied", copy, new={"from_year": source.year, "criteria": len(created)})
    return len(created)
