"""What a state-level line needs before the province forwards it upward (issue 14 item 8): its public notice has run
the days the rules ask and every objection is settled, and its dossier holds each paper the rules name for its form.

All the numbers and lists are a rule set of kind central_dossier (awards.kinds) in force on the forwarding day; this
module only knows how each named paper is found among the dossier's papers. Reads only; writes are in
services.central.
"""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from thidua.awards.enums import AwardLevel, RuleSetKind
from thidua.awards.kinds import CENTRAL_COMPONENTS
from thidua.awards.selectors import rule_set_in_force
from thidua.proposals.deadlines import add_days
from thidua.proposals.enums import AttachmentKind
from thidua.voting.enums import BallotState

# The levels whose forms a province cannot decide: it forwards the dossier upward.
CENTRAL_LEVELS = (AwardLevel.STATE, AwardLevel.GOVERNMENT)


def is_central(item):
    return item.award_form.level in CENTRAL_LEVELS


def central_rules(province, day):
    """The central_dossier rule set in force for the province on the day, or None."""
    return rule_set_in_force(RuleSetKind.CENTRAL_DOSSIER, day, province=province)


def days_between(first, last, *, working_days):
    """Days from first to last, both counted; with working_days, Saturdays and Sundays do not count."""
    if last < first:
        return 0
    if not working_days:
        return (last - first).days + 1
    count, current = 0, first
    while current <= last:
        count += current.weekday() < 5  # noqa: PLR2004 - Monday..Friday
        current += datetime.timedelta(days=1)
    return count


def _unit(rule_set):
    return _("ngày làm việc") if rule_set.parameters.get("notice_working_days") else _("ngày")


def needs_notice(item, rule_set):
    forms = rule_set.parameters.get("notice_forms") or []
    return is_central(item) and (not forms or item.award_form.code in forms)


@dataclass
class NoticeState:
    required: int
    counted: int
    unit: str
    notice: object = None

    @property
    def missing(self):
        return max(0, self.required - self.counted)

    @property
    def ok(self):
        return self.notice is not None and self.missing == 0 and self.notice.is_settled


def notice_state(item, rule_set, day):
    """How many days of the required notice had run by `day` (the forwarding day)."""
    params = rule_set.parameters
    notice = getattr(item, "public_notice", None)
    counted = 0
    if notice is not None:
        counted = days_between(
            notice.starts_on, min(notice.ends_on, day), working_days=bool(params.get("notice_working_days"))
        )
    return NoticeState(int(params.get("notice_days") or 0), counted, _unit(rule_set), notice)


def notice_problem(item, rule_set, day):
    """The Vietnamese reason the line's notice does not yet allow forwarding, or ""."""
    state = notice_state(item, rule_set, day)
    line = f"{item.name} – {item.award_form.name}"
    values = {"line": line, "n": state.required, "unit": state.unit}
    if state.notice is None:
        return _("%(line)s: chưa ghi việc công khai (cần %(n)s %(unit)s).") % values
    if state.missing:
        values.update(counted=state.counted, missing=state.missing, day=day.strftime("%d/%m/%Y"))
        return (
            _("%(line)s: đến ngày %(day)s mới công khai %(counted)s/%(n)s %(unit)s, còn thiếu %(missing)s %(unit)s.")
            % values
        )
    if not state.notice.is_settled:
        return _("%(line)s: còn %(k)s ý kiến phản ánh chưa ghi kết quả giải quyết.") % {
            "line": line,
            "k": state.notice.objections,
        }
    return ""


def notice_end(starts_on, rule_set):
    """The first day on which a notice begun on starts_on has run its required days."""
    params = rule_set.parameters
    days = int(params.get("notice_days") or 0)
    if not params.get("notice_working_days"):
        return starts_on + datetime.timedelta(days=days - 1)
    first = starts_on
    while first.weekday() >= 5:  # noqa: PLR2004 - a notice begun at the weekend counts from Monday
        first += datetime.timedelta(days=1)
    return add_days(first, days - 1, working_days=True)


# the papers --------------------------------------------------------------------------------------------------------
@dataclass
class Paper:
    code: str
    label: str
    ok: bool
    detail: str


def _names(attachments):
    return ", ".join(a.stored_file.original_name for a in attachments)


def _uploaded(item, attachments, kind, label):
    found = [a for a in attachments if a.item_id == item.pk and a.kind == kind]
    if found:
        return True, _("Tệp đính kèm: %(f)s") % {"f": _names(found)}
    return False, _("Chưa tải lên %(what)s của dòng này.") % {"what": label}


def _paper(code, item, proposal, attachments, rule_set, day):
    if code == "paper_submission":
        if proposal.submission_number and proposal.submission_date:
            return True, _("Số %(n)s ngày %(d)s") % {
                "n": proposal.submission_number,
                "d": proposal.submission_date.strftime("%d/%m/%Y"),
            }
        return False, _("Chưa ghi số và ngày tờ trình.")
    if code == "paper_council_minutes":
        ballot = proposal.council_ballot
        if ballot is not None and ballot.state == BallotState.CLOSED:
            return True, _("Biên bản họp ngày %(d)s (hệ thống tạo từ phiếu của Hội đồng)") % {
                "d": ballot.meeting.held_on.strftime("%d/%m/%Y")
            }
        return False, _("Phiếu của Hội đồng chưa kết thúc.")
    if code == "paper_certified_report":
        return _uploaded(item, attachments, AttachmentKind.REPORT, _("báo cáo thành tích có xác nhận"))
    if code == "paper_extract":
        if item.person_id is None:
            return True, _("Không áp dụng cho tập thể")
        return _uploaded(item, attachments, AttachmentKind.EXTRACT, _("trích ngang"))
    problem = notice_problem(item, rule_set, day)
    if problem:
        return False, problem.split(": ", 1)[-1]
    notice = item.public_notice
    return True, _("%(p)s, từ %(a)s đến %(b)s") % {
        "p": notice.place,
        "a": notice.starts_on.strftime("%d/%m/%Y"),
        "b": notice.ends_on.strftime("%d/%m/%Y"),
    }


def papers_of(item, proposal, attachments, rule_set, day):
    """The papers the rule set names for the line's form, each found or missing."""
    rows = []
    for param in CENTRAL_COMPONENTS:
        if item.award_form.code not in (rule_set.parameters.get(param.name) or []):
            continue
        ok, detail = _paper(param.name, item, proposal, attachments, rule_set, day)
        rows.append(Paper(param.name, str(param.label), ok, detail))
    return rows


@dataclass
class LineCheck:
    item: object
    notice: NoticeState | None
    papers: list = field(default_factory=list)
    problems: list = field(default_factory=list)


def forward_check(proposal, items, attachments, day):
    """(rule set or None, [LineCheck] of the passed central lines, problems that refuse forwarding on `day`)."""
    rule_set = central_rules(proposal.province, day)
    lines = [i for i in items if i.council_passed and is_central(i)]
    if rule_set is None:
        message = _("Chưa có quy định về công khai và hồ sơ trình Trung ương có hiệu lực ngày %(d)s.")
        return None, [LineCheck(i, None) for i in lines], [message % {"d": day.strftime("%d/%m/%Y")}]
    checks, problems = [], []
    for item in lines:
        check = LineCheck(item, notice_state(item, rule_set, day) if needs_notice(item, rule_set) else None)
        check.papers = papers_of(item, proposal, attachments, rule_set, day)
        notice = notice_problem(item, rule_set, day) if check.notice else ""
        check.problems = [notice] if notice else []
        check.problems += [
            _("%(line)s – thiếu %(paper)s: %(detail)s")
            % {"line": f"{item.name} – {item.award_form.name}", "paper": p.label, "detail": p.detail}
            for p in check.papers
            if not p.ok and not (p.code == "paper_notice_result" and check.notice)
        ]
        checks.append(check)
        problems += check.problems
    return rule_set, checks, problems
