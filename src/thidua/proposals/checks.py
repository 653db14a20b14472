"""What the board sees at its check: each line's eligibility (the awards engine), the dossier's completeness, and
the province's quota for each form. Reads only; the board's verdicts are written by services.judge_item."""

import math
from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from thidua.awards.eligibility import Evaluator
from thidua.awards.enums import QuotaBasis
from thidua.awards.models import AwardRecord
from thidua.awards.selectors import quota_rules
from thidua.organizations.models import ClusterYear, Unit
from thidua.organizations.selectors import province_and_predecessors
from thidua.proposals.enums import AttachmentKind, ProposerKind, Verdict
from thidua.voting.parameters import fmt_percent


# eligibility -----------------------------------------------------------------------------------------------------
def evaluate_items(items, *, as_of=None):
    """{item id: EligibilityResult, or the Vietnamese reason it cannot be judged}, one engine load per year."""
    by_year = defaultdict(list)
    for item in items:
        by_year[item.year].append(item)
    results = {}
    for year, lines in by_year.items():
        evaluator = Evaluator(
            year=year,
            units=[i.unit for i in lines if i.unit_id],
            persons=[i.person for i in lines if i.person_id],
            as_of=as_of,
        )
        for item in lines:
            try:
                results[item.pk] = evaluator.evaluate(item.subject, item.award_form)
            except ValidationError as refused:
                results[item.pk] = " ".join(refused.messages)
    return results


def snapshot(result):
    """What is kept on the item when the board judges it: the verdict of the engine, condition by condition."""
    if isinstance(result, str):
        return "", [{"label": _("Không xét được"), "status": "unknown", "explanation": result, "citation": ""}]
    return result.status, [
        {
            "label": str(c.label),
            "status": c.status,
            "explanation": c.explanation,
            "citation": c.citation,
            "is_verified": c.is_verified,
        }
        for c in result.conditions
    ]


# completeness ----------------------------------------------------------------------------------------------------
@dataclass
class CheckEntry:
    label: str
    ok: bool
    detail: str = ""


def _names(attachments):
    return ", ".join(a.stored_file.original_name for a in attachments)


def proposal_checklist(proposal, attachments):
    """The papers of the whole dossier: the submission and the minutes of the review meeting."""
    if proposal.submission_number and proposal.submission_date:
        submission = CheckEntry(
            _("Tờ trình"),
            ok=True,
            detail=_("Số %(n)s ngày %(d)s (hệ thống tạo văn bản)")
            % {"n": proposal.submission_number, "d": proposal.submission_date.strftime("%d/%m/%Y")},
        )
    else:
        submission = CheckEntry(_("Tờ trình"), ok=False, detail=_("Chưa ghi số và ngày tờ trình."))
    minutes = [a for a in attachments if a.kind == AttachmentKind.MINUTES]
    if proposal.conference_id:
        conference = proposal.conference
        review = CheckEntry(
            _("Biên bản họp xét"),
            ok=True,
            detail=_("Biên bản %(m)s ngày %(d)s (từ kết quả hội nghị)")
            % {"m": conference.title, "d": conference.held_on.strftime("%d/%m/%Y")},
        )
    elif minutes:
        review = CheckEntry(_("Biên bản họp xét"), ok=True, detail=_("Tệp đính kèm: %(f)s") % {"f": _names(minutes)})
    else:
        review = CheckEntry(_("Biên bản họp xét"), ok=False, detail=_("Chưa có biên bản họp xét đề nghị khen thưởng."))
    return [submission, review]


def item_checklist(item, attachments):
    """The papers of one line: its achievement report (uploaded, or generated from the summary) and the facts."""
    reports = [a for a in attachments if a.item_id == item.pk and a.kind == AttachmentKind.REPORT]
    if reports:
        report = CheckEntry(_("Báo cáo thành tích"), ok=True, detail=_("Tệp đính kèm: %(f)s") % {"f": _names(reports)})
    elif item.summary.strip():
        report = CheckEntry(_("Báo cáo thành tích"), ok=True, detail=_("Tạo từ tóm tắt thành tích"))
    else:
        report = CheckEntry(_("Báo cáo thành tích"), ok=False, detail=_("Chưa có tóm tắt thành tích hoặc tệp báo cáo."))
    entries = [report]
    if item.person_id:
        entries.append(
            CheckEntry(
                _("Đơn vị công tác"),
                ok=item.person_unit_id is not None,
                detail=item.person_unit.full_name
                if item.person_unit_id
                else _("Chưa xác định đơn vị công tác trong năm."),
            )
        )
    if item.conference_votes is not None:
        entries.append(
            CheckEntry(
                _("Kết quả bình xét tại hội nghị"),
                ok=True,
                detail=_("%(v)s phiếu (%(p)s%%)")
                % {"v": item.conference_votes, "p": fmt_percent(item.conference_percent)},
            )
        )
    return entries


def dossier_problems(proposal, items, attachments):
    """Vietnamese reasons the dossier is incomplete; empty when every paper is there."""
    problems = [f"{e.label}: {e.detail}" for e in proposal_checklist(proposal, attachments) if not e.ok]
    for item in items:
        problems += [f"{item.name} – {e.label}: {e.detail}" for e in item_checklist(item, attachments) if not e.ok]
    return problems


# quotas ----------------------------------------------------------------------------------------------------------
@dataclass
class QuotaCheck:
    award_form: object
    rule: object
    proposed: int
    limit: int | None
    explanation: str

    @property
    def exceeded(self):
        return self.limit is not None and self.proposed > self.limit


def _cluster_year_of(proposal):
    if proposal.cluster_year_id:
        return proposal.cluster_year
    if proposal.unit_id:
        return ClusterYear.objects.filter(year=proposal.year, memberships__unit=proposal.unit).first()
    return None


def _with_children(unit_ids):
    found, frontier = set(unit_ids), set(unit_ids)
    while frontier:
        frontier = set(Unit.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - found
        found |= frontier
    return found


def _title_holders(proposal, codes):
    records = AwardRecord.objects.filter(
        person__isnull=False, award_form__code__in=codes, year=proposal.year, revoked_on__isnull=True
    )
    cluster_year = _cluster_year_of(proposal) if proposal.proposer_kind == ProposerKind.CLUSTER else None
    if cluster_year is not None:
        records = records.filter(
            person_unit_id__in=_with_children(cluster_year.memberships.values_list("unit_id", flat=True))
        )
    elif proposal.unit_id:
        records = records.filter(person_unit_id__in=_with_children([proposal.unit_id]))
    else:
        records = records.filter(province_id__in=province_and_predecessors(proposal.province))
    return records.values("person_id").distinct().count()


def _quota_base(proposal, params):
    """(number the percentage applies to, its description) or (None, why not)."""
    basis = params.get("basis")
    if basis == QuotaBasis.CLUSTER_MEMBERS:
        cluster_year = _cluster_year_of(proposal)
        if cluster_year is None:
            return None, _("không xác định được cụm, khối của đơn vị đề nghị")
        members = cluster_year.memberships.count()
        return members, _("%(n)s đơn vị thành viên của %(c)s") % {"n": members, "c": cluster_year}
    if basis == QuotaBasis.TITLE_HOLDERS:
        holders = _title_holders(proposal, params.get("base_forms") or [])
        return holders, _("%(n)s người đạt danh hiệu làm căn cứ năm %(y)s") % {"n": holders, "y": proposal.year}
    return None, ""


def _limit(proposal, params):
    base, described = _quota_base(proposal, params)
    limits, parts = [], []
    if "max_percent" in params and base is not None:
        limits.append(math.floor(Fraction(str(params["max_percent"])) * base / 100))
        parts.append(_("tối đa %(p)s%% của %(base)s") % {"p": params["max_percent"], "base": described})
    elif "max_percent" in params:
        parts.append(_("tối đa %(p)s%%, nhưng %(why)s") % {"p": params["max_percent"], "why": described})
    if "max_count" in params:
        limits.append(int(params["max_count"]))
        parts.append(_("tối đa %(n)s") % {"n": params["max_count"]})
    return (min(limits) if limits else None), "; ".join(parts)


def quota_checks(proposal, items):
    """One row per quota rule of each form proposed (rejected lines do not count). A warning, never a refusal:
    the awards app stores quotas, the board weighs them."""
    counts = defaultdict(int)
    forms = {}
    for item in items:
        if item.verdict != Verdict.REJECTED:
            counts[item.award_form_id] += 1
            forms[item.award_form_id] = item.award_form
    checks = []
    for form_id, form in forms.items():
        for rule in quota_rules(form, proposal.year, province=proposal.province):
            limit, explanation = _limit(proposal, rule.parameters)
            checks.append(QuotaCheck(form, rule, counts[form_id], limit, explanation))
    return checks
