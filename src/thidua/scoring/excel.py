"""The criteria table in Excel: export (which is also the template) and import with a row-by-row dry run."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from thidua.core.cells import bounded_rows, cell_text, open_sheet
from thidua.core.enums import FileKind
from thidua.core.exports import Choices, Sheet, workbook_bytes
from thidua.core.files import validate_upload
from thidua.core.text import fold
from thidua.scoring import selectors
from thidua.scoring.calculation import parse_decimal
from thidua.scoring.enums import CriterionKind
from thidua.scoring.services.tables import validate_rows

# (key, header) in column order. Import finds columns by header, so users may reorder them.
COLUMNS = [
    ("code", "Mã"),
    ("parent_code", "Thuộc mục (mã)"),
    ("title", "Nội dung"),
    ("kind", "Loại"),
    ("max_points", "Điểm tối đa"),
    ("target", "Chỉ tiêu"),
    ("evidence_required", "Bắt buộc minh chứng"),
    ("evidence_description", "Tài liệu minh chứng"),
    ("guidance", "Hướng dẫn chấm"),
]
SHEET = "Tiêu chí"
LABELS = dict(COLUMNS)
YES = {"co", "x", "1", "yes", "true", "dung"}
NO = {"", "khong", "0", "no", "false", "sai"}


def _number(value):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def export_table(table):
    """The table as .xlsx bytes: the criteria sheet (re-importable as is) and a sheet explaining the columns."""
    tree = selectors.tree_of(table)
    rows = []
    for node, _depth in tree.walk():
        parent = tree.by_id.get(node.parent_id)
        rows.append(
            [
                node.code,
                parent.code if parent else "",
                node.title,
                node.kind,
                _number(node.max_points),
                _number(node.target),
                _("Có") if node.evidence_required else _("Không"),
                node.evidence_description,
                node.guidance,
            ]
        )
    guide = [[kind.value, str(kind.label)] for kind in CriterionKind]
    guide += [
        ["", ""],
        [_("Thuộc mục (mã)"), _("Để trống với nhóm cấp cao nhất; mục cha phải ở dòng phía trên.")],
        [_("Điểm tối đa"), _("Với nhóm điểm thưởng, điểm trừ: là mức trần của cả nhóm.")],
        [_("Chỉ tiêu"), _("Chỉ với loại ty_le: kết quả bằng chỉ tiêu được điểm tối đa.")],
        [_("Bắt buộc minh chứng"), _("Có hoặc Không.")],
    ]
    guide_title, yes_no_title = _("Hướng dẫn"), _("Co khong")
    keys = [key for key, _h in COLUMNS]
    lists = [
        Choices(keys.index("kind"), guide_title, count=len(CriterionKind)),
        Choices(keys.index("evidence_required"), yes_no_title),
    ]
    return workbook_bytes(
        [
            Sheet(SHEET, [h for _k, h in COLUMNS], rows, choices=lists),
            (guide_title, [_("Loại"), _("Ý nghĩa")], guide),
            (yes_no_title, [_("Có hoặc không")], [[_("Có")], [_("Không")]]),
        ]
    )


@dataclass
class ImportResult:
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # "Dòng 5: ..." sentences
    lines: list = field(default_factory=list)  # the same faults by position: {sheet, row, column, reason}
    total: int = 0  # data rows read (good and bad)

    @property
    def ok(self):
        return not self.errors

    def refuse(self, reason, row=None, sentence=None):
        self.errors.append(sentence or reason)
        self.lines.append({"sheet": SHEET, "row": row, "column": "", "reason": str(reason)})


def _kind(raw):
    text = fold(str(raw or ""))
    for kind in CriterionKind:
        if text in (kind.value, fold(str(kind.label))):
            return kind.value
    raise ValidationError(
        _("cột “%(col)s”: không phải loại tiêu chí hợp lệ (%(codes)s).")
        % {"col": LABELS["kind"], "codes": ", ".join(CriterionKind.values)}
    )


def _bool(raw):
    text = fold(str(raw if raw is not None else ""))
    if text in YES:
        return True
    if text in NO:
        return False
    raise ValidationError(_("cột “%(col)s”: phải là Có hoặc Không.") % {"col": LABELS["evidence_required"]})


def _parse_row(cells, seen):
    row = {
        key: cell_text(cells.get(key)) for key in ("code", "parent_code", "title", "evidence_description", "guidance")
    }
    if not row["code"]:
        raise ValidationError(_("thiếu mã."))
    if not row["title"]:
        raise ValidationError(_("thiếu nội dung."))
    if row["code"] in seen:
        raise ValidationError(
            _("cột “%(col)s”: mã trùng với dòng %(line)s.") % {"col": LABELS["code"], "line": seen[row["code"]]}
        )
    if row["parent_code"] and row["parent_code"] not in seen:
        raise ValidationError(
            _("cột “%(col)s”: mục cha không có ở dòng nào phía trên.") % {"col": LABELS["parent_code"]}
        )
    row["kind"] = _kind(cells.get("kind"))
    row["evidence_required"] = _bool(cells.get("evidence_required"))
    for key, label in (("max_points", _("Điểm tối đa")), ("target", _("Chỉ tiêu"))):
        raw = cells.get(key)
        try:
            row[key] = parse_decimal(raw if not isinstance(raw, float) else repr(raw))
        except ValidationError:
            raise ValidationError(_("cột “%(col)s”: không phải là số.") % {"col": label}) from None
    if row["max_points"] is None:
        row["max_points"] = Decimal(0)
    if row["max_points"] < 0:
        raise ValidationError(_("điểm tối đa không được âm."))
    return row


def read_rows(uploaded):
    """Parse an uploaded workbook; every bad row is reported with its line number. Writes nothing."""
    try:
        validate_upload(uploaded, allowed_kinds=(FileKind.XLSX,))
    except ValidationError as refusal:
        result = ImportResult()
        for message in refusal.messages:
            result.refuse(message)
        return result
    return read_sheet(uploaded)


def read_sheet(fileobj):
    """Parse a workbook already accepted as .xlsx (a stored upload, in the background import)."""
    result = ImportResult()
    try:
        sheet = open_sheet(fileobj, sheet_name=SHEET)
        try:
            header_row, *body = list(bounded_rows(sheet)) or [()]
        finally:
            sheet.parent.close()
    except ValidationError as refusal:
        for message in refusal.messages:
            result.refuse(message)
        return result
    header = [fold(cell_text(h)) for h in header_row]
    positions = {}
    for key, label in COLUMNS:
        if fold(label) in header:
            positions[key] = header.index(fold(label))
    missing = [label for key, label in COLUMNS if key not in positions and key in ("code", "title", "kind")]
    if missing:
        result.refuse(_("Thiếu cột: %(cols)s (dòng 1 là dòng tiêu đề cột).") % {"cols": ", ".join(missing)}, row=1)
        return result
    seen = {}
    for line, values in enumerate(body, start=2):
        if not any(v not in (None, "") for v in values):
            continue
        result.total += 1
        cells = {key: values[index] if index < len(values) else None for key, index in positions.items()}
        try:
            row = _parse_row(cells, seen)
        except ValidationError as refusal:
            # Where and which rule, never the cell's content (a hostile cell must not reappear on the page).
            sentence = _("Trang “%(sheet)s”, dòng %(line)s: %(msg)s") % {
                "sheet": SHEET,
                "line": line,
                "msg": refusal.messages[0],
            }
            result.refuse(refusal.messages[0], row=line, sentence=sentence)
            continue
        seen[row["code"]] = line
        result.rows.append(row)
    if not result.rows and not result.errors:
        result.refuse(_("Tệp không có dòng tiêu chí nào."))
    return result


def check_rows(table, result):
    """Add the whole-table checks (maxima add up to the total, groups, depth) to a parsed import."""
    if result.ok:
        for message in validate_rows(table.total_points, result.rows):
            result.refuse(message)
    return result
