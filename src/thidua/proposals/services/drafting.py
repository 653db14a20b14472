"""Drafting a proposal: by hand, or in one step from the conference's passed candidates; its lines and papers."""

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards.enums import RecipientKind
from thidua.awards.selectors import overlapping_year_q
from thidua.awards.services import person_unit_in_year
from thidua.core import kernel
from thidua.core.enums import FileKind
from thidua.core.files import store_upload
from thidua.core.services import snapshot
from thidua.emulation.enums import PhaseKind
from thidua.emulation.selectors import phase_is_open
from thidua.organizations.models import Position
from thidua.proposals import selectors
from thidua.proposals.deadlines import due_date
from thidua.proposals.enums import AttachmentKind, ProposalState, ProposerKind
from thidua.proposals.models import Proposal, ProposalAttachment, ProposalItem
from thidua.proposals.services.common import STALE_PROPOSAL
from thidua.voting import selectors as voting_selectors

PROPOSAL_FIELDS = ("title", "submission_date", "signer_name", "signer_title")
FIRST_YEAR = 1945


def check_phase(cluster_year, day=None):
    if not phase_is_open(cluster_year, PhaseKind.PROPOSALS, day):
        raise kernel.Refusal(
            _("Giai đoạn “%(phase)s” của %(cy)s không mở; thư ký cụm không lập, gửi tờ trình được lúc này.")
            % {"phase": PhaseKind.PROPOSALS.label, "cy": cluster_year}
        )


def _proposer(*, proposer_kind, cluster_year, unit, province):
    """(target of the add permission, province) of a new proposal."""
    if proposer_kind == ProposerKind.CLUSTER:
        if cluster_year is None:
            raise kernel.Refusal(_("Tờ trình của cụm phải gắn với một kỳ thi đua của cụm."))
        return cluster_year, cluster_year.cluster.province
    if proposer_kind == ProposerKind.UNIT:
        if unit is None:
            raise kernel.Refusal(_("Tờ trình của đơn vị phải ghi đơn vị đề nghị."))
        return unit, unit.province
    if proposer_kind == ProposerKind.BOARD:
        if province is None:
            raise kernel.Refusal(_("Tờ trình của Ban Thi đua - Khen thưởng phải ghi tỉnh."))
        return province, province
    raise kernel.Refusal(_("Đơn vị đề nghị không hợp lệ."))


@transaction.atomic
def create_proposal(*, proposer_kind, year, title, actor, cluster_year=None, unit=None, province=None, **details):
    """A new draft. details: submission_date, signer_name, signer_title, conference, is_invented.

    The cluster's secretariat drafts while the year's "Đề nghị khen thưởng" phase is open."""
    target, province = _proposer(proposer_kind=proposer_kind, cluster_year=cluster_year, unit=unit, province=province)
    kernel.require(actor, "proposals.add_proposal", target)
    if proposer_kind == ProposerKind.CLUSTER:
        check_phase(cluster_year)
    if not str(title).strip():
        raise kernel.Refusal(_("Hãy nhập trích yếu của tờ trình."))
    if not FIRST_YEAR <= int(year) <= timezone.localdate().year:
        raise kernel.Refusal(_("Năm thành tích không hợp lệ."))
    proposal = Proposal(
        proposer_kind=proposer_kind,
        cluster_year=cluster_year if proposer_kind == ProposerKind.CLUSTER else None,
        unit=unit if proposer_kind == ProposerKind.UNIT else None,
        province=province,
        year=int(year),
        title=str(title).strip(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **details,
    )
    proposal.due_on = due_date(proposal, ProposalState.DRAFT, timezone.localdate())
    proposal.save()
    kernel.log(actor, "proposal.created", proposal, new=snapshot(proposal, ("proposer_kind", "year", "title", "state")))
    return proposal


def _conference_groups(meeting):
    groups = voting_selectors.award_proposals(meeting)
    if any(g["pending"] for g in groups):
        raise kernel.Refusal(
            _("Kết quả bình xét còn trường hợp bằng phiếu chưa giải quyết; hãy bỏ phiếu lại trước khi lập tờ trình.")
        )
    rows = [(g["award_form"], row) for g in groups if g["award_form"] is not None for _ballot, row in g["rows"]]
    if not rows:
        raise kernel.Refusal(_("Hội nghị chưa có đơn vị nào đạt trong các phiếu bình xét, suy tôn đã kết thúc."))
    return rows


@transaction.atomic
def create_proposal_from_conference(meeting, *, actor, is_invented=False):
    """One step: a draft with every candidate the conference passed (ballot outcome, run-offs included)."""
    if not meeting.is_conference:
        raise kernel.Refusal(_("Chỉ lập tờ trình từ kết quả hội nghị tổng kết của cụm."))
    kernel.require(actor, "proposals.add_proposal", meeting.cluster_year)
    if Proposal.objects.filter(conference=meeting).exists():
        raise kernel.Refusal(_("Đã có tờ trình lập từ kết quả hội nghị này."))
    rows = _conference_groups(meeting)
    cluster_year = meeting.cluster_year
    forms = list(dict.fromkeys(form.name for form, _row in rows))
    proposal = create_proposal(
        proposer_kind=ProposerKind.CLUSTER,
        cluster_year=cluster_year,
        year=cluster_year.year,
        title=_("Đề nghị tặng %(forms)s năm %(y)s") % {"forms": ", ".join(forms), "y": cluster_year.year},
        actor=actor,
        conference=meeting,
        submission_date=meeting.held_on,
        signer_name=meeting.chair_name,
        signer_title=meeting.chair_title,
        is_invented=is_invented or meeting.is_invented,
    )
    for position, (form, row) in enumerate(rows, start=1):
        ProposalItem.objects.create(
            proposal=proposal,
            position=position,
            unit=row.candidate.unit,
            person=row.candidate.person,
            person_unit=person_unit_in_year(row.candidate.person, cluster_year.year) if row.candidate.person else None,
            award_form=form,
            year=cluster_year.year,
            conference_votes=row.votes,
            conference_percent=row.percent,
        )
    kernel.log(actor, "proposal.drafted_from_conference", proposal, new={"conference": meeting.pk, "items": len(rows)})
    return proposal


def _lock(proposal, actor, perm="proposals.change_proposal"):
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if perm == "proposals.change_proposal" and not locked.is_editable:
        raise kernel.Refusal(_("Tờ trình đã gửi; chỉ sửa được khi còn là bản nháp hoặc bị trả lại."))
    kernel.require(actor, perm, locked)
    return locked


@transaction.atomic
def update_proposal(proposal, *, actor, seen_version, **changes):
    """Edit the submission's details. Refused (with the current values) if someone saved since seen_version."""
    unknown = set(changes) - set(PROPOSAL_FIELDS)
    if unknown:
        raise kernel.Refusal(_("Không sửa được: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    locked = _lock(proposal, actor)
    if locked.version != seen_version:
        raise kernel.StaleEdit(STALE_PROPOSAL)
    if "title" in changes and not str(changes["title"]).strip():
        raise kernel.Refusal(_("Hãy nhập trích yếu của tờ trình."))
    old = snapshot(locked, changes)
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.version += 1
    locked.save()
    kernel.log(actor, "proposal.updated", locked, old=old, new=snapshot(locked, changes))
    for field in (*PROPOSAL_FIELDS, "version"):
        setattr(proposal, field, getattr(locked, field))
    return proposal


def candidate_problems(proposal, *, award_form, year, unit=None, person=None):
    """Why a candidate cannot go on this proposal (empty when it can)."""
    if (unit is None) == (person is None):
        return [_("Chọn đúng một đối tượng: một tập thể hoặc một cá nhân.")]
    if award_form.is_record_only:
        return [_("%(f)s chỉ ghi sổ, không đề nghị qua hệ thống.") % {"f": award_form.name}]
    if unit is not None and award_form.recipient_kind != RecipientKind.COLLECTIVE:
        return [_("%(f)s dành cho cá nhân, không đề nghị cho tập thể.") % {"f": award_form.name}]
    if person is not None and award_form.recipient_kind != RecipientKind.INDIVIDUAL:
        return [_("%(f)s dành cho tập thể, không đề nghị cho cá nhân.") % {"f": award_form.name}]
    if not FIRST_YEAR <= int(year) <= timezone.localdate().year:
        return [_("Năm thành tích không hợp lệ.")]
    units = selectors.candidate_unit_ids(proposal)
    if unit is not None and unit.pk not in units:
        return [_("%(u)s không thuộc phạm vi của đơn vị đề nghị.") % {"u": unit.full_name}]
    if person is not None:
        works = Position.objects.filter(overlapping_year_q(int(year)), person=person, unit_id__in=units).exists()
        if not works:
            return [
                _("%(p)s không công tác tại đơn vị thuộc phạm vi của đơn vị đề nghị trong năm %(y)s.")
                % {"p": person.full_name, "y": year}
            ]
    same = proposal.items.filter(award_form=award_form, year=year, unit=unit, person=person)
    if same.exists():
        return [_("Đối tượng này đã có trong tờ trình với cùng danh hiệu, hình thức và năm.")]
    return []


@transaction.atomic
def add_item(proposal, *, actor, award_form, year=None, unit=None, person=None, summary="", report=None):
    """Add a line; report is an uploaded achievement report (PDF or Word), kept as the line's paper."""
    locked = _lock(proposal, actor)
    year = int(year or locked.year)
    problems = candidate_problems(locked, award_form=award_form, year=year, unit=unit, person=person)
    if problems:
        raise kernel.Refusal(problems)
    position = (locked.items.aggregate(top=Max("position"))["top"] or 0) + 1
    item = ProposalItem.objects.create(
        proposal=locked,
        position=position,
        unit=unit,
        person=person,
        person_unit=person_unit_in_year(person, year) if person else None,
        award_form=award_form,
        year=year,
        summary=summary.strip(),
    )
    if report is not None:
        attach_upload(locked, report, actor=actor, kind=AttachmentKind.REPORT, item=item)
    kernel.log(actor, "proposal.item_added", locked, new={"item": str(item), "summary": item.summary})
    return item


@transaction.atomic
def update_item(item, *, actor, seen_version, summary):
    _lock(item.proposal, actor)
    old = item.summary
    if not ProposalItem.objects.filter(pk=item.pk, version=seen_version).update(
        summary=summary.strip(), version=F("version") + 1
    ):
        raise kernel.StaleEdit(STALE_PROPOSAL)
    item.refresh_from_db()
    kernel.log(
        actor,
        "proposal.item_updated",
        item.proposal,
        old={"summary": old},
        new={"item": str(item), "summary": item.summary},
    )
    return item


@transaction.atomic
def remove_item(item, *, actor):
    proposal = _lock(item.proposal, actor)
    kernel.log(actor, "proposal.item_removed", proposal, old={"item": str(item)})
    item.delete()


def attach_upload(proposal, uploaded, *, actor, kind, item=None, note=""):

    owner = proposal.unit if proposal.proposer_kind == ProposerKind.UNIT else None
    stored = store_upload(
        uploaded,
        actor=actor,
        owner_unit=owner,
        allowed_kinds=(FileKind.PDF, FileKind.DOCX, FileKind.PNG, FileKind.JPEG),
    )
    return ProposalAttachment.objects.create(
        proposal=proposal, item=item, kind=kind, stored_file=stored, note=note.strip(), uploaded_by=actor
    )


@transaction.atomic
def add_attachment(proposal, uploaded, *, actor, kind, item=None, note=""):
    """Upload a paper of the dossier (minutes, an item's achievement report, other). Checked by content."""
    locked = _lock(proposal, actor)
    if kind not in AttachmentKind.values:
        raise kernel.Refusal(_("Loại tài liệu không hợp lệ."))
    if item is not None and item.proposal_id != locked.pk:
        raise kernel.Refusal(_("Dòng đề nghị không thuộc tờ trình này."))
    attachment = attach_upload(locked, uploaded, actor=actor, kind=kind, item=item, note=note)
    kernel.log(
        actor, "proposal.attachment_added", locked, new={"file": attachment.stored_file.original_name, "kind": kind}
    )
    return attachment


@transaction.atomic
def remove_attachment(attachment, *, actor):
    proposal = _lock(attachment.proposal, actor)
    kernel.log(actor, "proposal.attachment_removed", proposal, old={"file": attachment.stored_file.original_name})
    attachment.delete()  # the stored file stays (files are never deleted), only its place in the dossier goes
