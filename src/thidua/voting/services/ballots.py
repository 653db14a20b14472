"""Setting up a ballot and moving it through draft -> open -> closed (or cancelled)."""

import secrets
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import kernel
from thidua.core.services import notify, snapshot
from thidua.organizations.models import Person, Unit
from thidua.voting import selectors
from thidua.voting.enums import (
    BALLOT_TRANSITIONS,
    BallotPurpose,
    BallotState,
    CandidateKind,
    CountState,
    MeetingState,
    VotingMode,
)
from thidua.voting.models import Ballot, Candidate, CastBallot, Voter
from thidua.voting.parameters import key_bounds_message, key_bounds_ok, parse_voting_rules
from thidua.voting.selectors import CandidateSpec
from thidua.voting.services import sealed
from thidua.voting.services.common import require_manager, require_not_ended
from thidua.voting.services.meetings import set_meeting_state

BALLOT_FIELDS = (
    "question",
    "max_choices",
    "seats",
    "mode",
    "rule_set",
    "purpose",
    "award_form",
    "position",
    "key_threshold",
    "key_holders",
)
ELECTIONS = (BallotPurpose.LEADER, BallotPurpose.DEPUTY)


def _check_rule_set(meeting, rule_set, award_form=None):
    forms = [award_form.code] if award_form is not None else None
    if rule_set is None:
        rule_set = selectors.governing_rule_set(meeting, forms or [])
    if rule_set.kind != selectors.RULE_KIND[meeting.kind]:
        raise kernel.Refusal(_("Quy định “%(name)s” không dùng cho loại cuộc họp này.") % {"name": rule_set.name})
    if forms and rule_set not in selectors.rule_sets_for(meeting, forms):
        raise kernel.Refusal(
            _("Quy định “%(name)s” không áp dụng cho %(form)s.") % {"name": rule_set.name, "form": award_form.name}
        )
    parse_voting_rules(rule_set.parameters)  # refuses a rule set whose parameters do not fit the schema
    return rule_set


def _as_spec(item):
    if isinstance(item, CandidateSpec):
        return item
    if isinstance(item, Unit):
        return CandidateSpec(unit=item)
    if isinstance(item, Person):
        return CandidateSpec(person=item)
    if isinstance(item, str):
        return CandidateSpec(label=item.strip())
    if isinstance(item, dict):
        return CandidateSpec(**item)
    raise kernel.Refusal(_("Ứng viên không hợp lệ."))


def _add_candidates(ballot, items):
    start = (ballot.candidates.aggregate(top=Max("position"))["top"] or 0) + 1
    seen_units = set(ballot.candidates.exclude(unit=None).values_list("unit_id", flat=True))
    seen_people = set(ballot.candidates.exclude(person=None).values_list("person_id", flat=True))
    created = []
    for offset, item in enumerate(items):
        spec = _as_spec(item)
        if spec.unit is not None:
            kind, duplicate = CandidateKind.UNIT, spec.unit.pk in seen_units
            seen_units.add(spec.unit.pk)
        elif spec.person is not None:
            kind, duplicate = CandidateKind.PERSON, spec.person.pk in seen_people
            seen_people.add(spec.person.pk)
        elif spec.label:
            kind, duplicate = CandidateKind.LABEL, False
        else:
            raise kernel.Refusal(_("Mỗi ứng viên cần một đơn vị, một cá nhân hoặc một tên."))
        if duplicate:
            raise kernel.Refusal(_("Ứng viên “%(name)s” bị trùng.") % {"name": spec.unit or spec.person})
        reference = spec.reference
        created.append(
            Candidate.objects.create(
                ballot=ballot,
                position=start + offset,
                kind=kind,
                unit=spec.unit,
                person=spec.person,
                label=spec.label[:300],
                content_type=ContentType.objects.get_for_model(reference) if reference is not None else None,
                object_id=str(reference.pk) if reference is not None else "",
                ranking_rank=spec.rank,
                ranking_total=spec.total,
                note=(spec.note or "")[:500],
            )
        )
    return created


@transaction.atomic
def create_ballot(
    meeting,
    *,
    question,
    actor,
    candidates=None,
    max_choices=1,
    rule_set=None,
    mode=VotingMode.ELECTRONIC,
    purpose=BallotPurpose.OTHER,
    award_form=None,
    seats=None,
    runoff_of=None,
    key_threshold=None,
    key_holders=None,
):
    """Put a question on the agenda. candidates: CandidateSpec, Unit, Person or str items; None takes the defaults
    (the ranking for an award ballot of a conference, the member units for an election). rule_set None takes the
    rule set in force on the meeting's date; key_threshold and key_holders None take the rule set's counting board."""
    require_manager(actor, meeting)
    require_not_ended(meeting)
    rule_set = _check_rule_set(meeting, rule_set, award_form)
    if purpose in ELECTIONS:
        if not meeting.is_conference:
            raise kernel.Refusal(_("Chỉ hội nghị tổng kết cụm mới bầu Trưởng, Phó cụm."))
        seats, max_choices = 1, 1
    if not question.strip():
        raise kernel.Refusal(_("Hãy nhập nội dung bỏ phiếu."))
    rules = parse_voting_rules(rule_set.parameters)
    key_threshold = rules.key_threshold if key_threshold is None else key_threshold
    key_holders = rules.key_holders if key_holders is None else key_holders
    _check_key_bounds(key_threshold, key_holders)
    position = (meeting.ballots.aggregate(top=Max("position"))["top"] or 0) + 1
    ballot = Ballot(
        meeting=meeting,
        position=position,
        question=question.strip(),
        purpose=purpose,
        award_form=award_form,
        mode=mode,
        rule_set=rule_set,
        max_choices=max_choices,
        seats=seats,
        runoff_of=runoff_of,
        key_threshold=key_threshold,
        key_holders=key_holders,
        created_by=actor,
    )
    ballot.full_clean()
    ballot.save()
    if candidates is None:
        candidates = selectors.default_candidates(meeting, purpose)
    _add_candidates(ballot, candidates)
    kernel.log(
        actor,
        "ballot.created",
        ballot,
        new={
            **snapshot(
                ballot,
                ("question", "mode", "rule_set", "max_choices", "seats", "purpose", "key_threshold", "key_holders"),
            ),
            "candidates": [c.display_name for c in ballot.candidates.all()],
        },
    )
    return ballot


def _check_key_bounds(k, n):
    if not key_bounds_ok(k, n):
        raise kernel.Refusal(key_bounds_message(k, n))


def _require_draft(ballot):
    if ballot.state != BallotState.DRAFT:
        raise kernel.Refusal(_("Phiếu đã mở hoặc đã kết thúc; nội dung và ứng viên không thay đổi được nữa."))


@transaction.atomic
def update_ballot(ballot, *, actor, seen_version=None, **changes):
    require_manager(actor, ballot.meeting)
    _require_draft(ballot)
    unknown = set(changes) - set(BALLOT_FIELDS)
    if unknown:
        raise kernel.Refusal(_("Không sửa được: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    if "rule_set" in changes:
        changes["rule_set"] = _check_rule_set(ballot.meeting, changes["rule_set"])
    old = snapshot(ballot, changes)
    for name, value in changes.items():
        setattr(ballot, name, value)
    if ballot.purpose in ELECTIONS:
        ballot.seats, ballot.max_choices = 1, 1
        changes = {**changes, "seats": 1, "max_choices": 1}
    _check_key_bounds(ballot.key_threshold, ballot.key_holders)
    ballot.full_clean()
    kernel.compare_and_set(ballot, seen_version, changes)
    kernel.log(actor, "ballot.updated", ballot, old=old, new=snapshot(ballot, changes))
    return ballot


@transaction.atomic
def add_candidates(ballot, items, *, actor):
    require_manager(actor, ballot.meeting)
    _require_draft(ballot)
    created = _add_candidates(ballot, items)
    kernel.log(actor, "ballot.candidates_added", ballot, new={"candidates": [c.display_name for c in created]})
    return created


@transaction.atomic
def remove_candidate(candidate, *, actor):
    ballot = candidate.ballot
    require_manager(actor, ballot.meeting)
    _require_draft(ballot)
    kernel.log(actor, "ballot.candidate_removed", ballot, old={"candidate": candidate.display_name})
    candidate.delete()


# the one transition function -------------------------------------------------------------------------------------
@transaction.atomic
def set_ballot_state(ballot, new_state, *, actor, reason="", shares=()):
    """Guard (permission, allowed step, checklist), then freeze or finish, save, log, notify: in one transaction.

    The ballot row is locked first, so a close cannot slip between a vote's checks and its insert. Opening an
    electronic ballot sets `key_shares` on the returned ballot (the counting board's sheets, shown once); closing
    one that is sealed needs `shares`, the texts of at least key_threshold of them.
    """
    original = ballot
    ballot = Ballot.objects.select_for_update(of=("self",)).select_related("meeting", "rule_set").get(pk=ballot.pk)
    meeting = ballot.meeting
    require_manager(actor, meeting)
    if new_state not in BallotState.values:
        raise kernel.Refusal(_("Không có trạng thái phiếu “%(state)s”.") % {"state": new_state})
    if new_state == BallotState.VOID and ballot.state != BallotState.OPEN:
        kernel.refuse(_("Chỉ phiếu đang bỏ mới bị tuyên bố vô hiệu."))
    if new_state not in BALLOT_TRANSITIONS[ballot.state]:
        raise kernel.Refusal(
            _("Không chuyển được phiếu từ “%(old)s” sang “%(new)s”.")
            % {"old": BallotState(ballot.state).label, "new": BallotState(new_state).label}
        )
    old = ballot.state
    sheets = None
    if new_state == BallotState.OPEN:
        sheets = _freeze_and_open(ballot, actor)
    elif new_state == BallotState.CLOSED:
        _close(ballot, shares)
    elif new_state == BallotState.VOID:
        _void(ballot, reason)
    else:
        if not reason.strip():
            raise kernel.Refusal(_("Hãy ghi lý do hủy phiếu."))
        ballot.cancel_reason = reason.strip()
        ballot.closed_at = timezone.now()
    ballot.state = new_state
    ballot.save()
    kernel.log(actor, f"ballot.{new_state}", ballot, old={"state": old}, new={"state": new_state}, note=reason)
    _notify_delegates(ballot, new_state)
    result = kernel.sync(original, ballot)
    if sheets is not None:
        result.key_shares = sheets
    return result


def open_ballot(ballot, *, actor):
    return set_ballot_state(ballot, BallotState.OPEN, actor=actor)


def close_ballot(ballot, *, actor, shares=()):
    return set_ballot_state(ballot, BallotState.CLOSED, actor=actor, shares=shares)


def void_ballot(ballot, *, actor, reason):
    """The counting board cannot give enough key shares: the sealed papers can never be opened. The ballot is
    declared void (the minutes say so) and may be run again."""
    return set_ballot_state(ballot, BallotState.VOID, actor=actor, reason=reason)


def cancel_ballot(ballot, *, actor, reason):
    return set_ballot_state(ballot, BallotState.CANCELLED, actor=actor, reason=reason)


def _freeze_and_open(ballot, actor):
    require_not_ended(ballot.meeting)
    problems = selectors.ballot_problems(ballot)
    if problems:
        raise kernel.Refusal(problems)
    delegates = list(ballot.meeting.delegates.order_by("sort_order", "id"))
    ballot.rules_snapshot = dict(ballot.rule_set.parameters)
    ballot.member_count = len(delegates)
    ballot.present_count = sum(1 for d in delegates if d.is_present)
    ballot.opened_at = timezone.now()
    Voter.objects.bulk_create([Voter(ballot=ballot, delegate=d, was_present=d.is_present) for d in delegates])
    sheets = None
    if ballot.mode == VotingMode.ELECTRONIC:
        sheets = sealed.make_key(ballot)
        sealed.make_slots(ballot, len(delegates))
    if ballot.meeting.state == MeetingState.PLANNED:
        set_meeting_state(ballot.meeting, MeetingState.IN_PROGRESS, actor=actor)
    return sheets


def _close(ballot, shares):
    if ballot.mode == VotingMode.ELECTRONIC:
        if ballot.written_votes.filter(state=CountState.ENTERED).exists():
            raise kernel.Refusal(_("Còn phiếu gửi bằng văn bản chưa được xác nhận hoặc trả lại."))
        if ballot.public_key:
            sealed.open_papers(ballot, sealed.recover_key(ballot, shares))
        _shuffle_after_close(ballot)
    elif not ballot.paper_counts.filter(state=CountState.CONFIRMED).exists():
        raise kernel.Refusal(_("Chưa có số liệu kiểm phiếu được người thứ hai xác nhận."))
    ballot.closed_at = timezone.now()


def _void(ballot, reason):
    if not ballot.public_key:
        kernel.refuse(_("Chỉ phiếu kín điện tử đã niêm phong mới bị tuyên bố vô hiệu vì thiếu phần khóa."))
    if not reason.strip():
        kernel.refuse(_("Hãy ghi lý do phiếu vô hiệu (ví dụ: thành viên nào không đưa được phần khóa)."))
    ballot.cancel_reason = reason.strip()
    ballot.closed_at = timezone.now()
    # The papers can never be opened without the key; keeping them would only wait for a lost sheet to turn up.
    CastBallot.objects.filter(ballot=ballot).delete()


def _shuffle_after_close(ballot):
    """Rewrite the cast ballots, and touch the roll, in random order.

    While a ballot is open, the order in which rows were written sits in the database's storage (SQLite rowids,
    PostgreSQL row positions). Rewriting both tables in a random order at closing leaves nothing that pairs the
    n-th voter marked with the n-th ballot stored. (PostgreSQL keeps dead row versions until VACUUM.)
    """
    rng = secrets.SystemRandom()
    rows = list(CastBallot.objects.filter(ballot=ballot).values_list("choices", "sealed"))
    receipts = list(CastBallot.objects.filter(ballot=ballot).values_list("receipt", flat=True))
    rng.shuffle(rows)
    rng.shuffle(receipts)  # apart from the papers: with the key published, a receipt must not point at a paper
    CastBallot.objects.filter(ballot=ballot).delete()
    CastBallot.objects.bulk_create(
        [
            CastBallot(id=uuid.uuid4(), ballot=ballot, receipt=r, choices=c, sealed=s)
            for r, (c, s) in zip(receipts, rows, strict=True)
        ]
    )
    voter_ids = list(ballot.voters.values_list("pk", flat=True))
    rng.shuffle(voter_ids)
    for pk in voter_ids:
        Voter.objects.filter(pk=pk).update(has_voted=F("has_voted"))


def _notify_delegates(ballot, new_state):
    users = [d.user for d in ballot.meeting.delegates.select_related("user") if d.user_id]
    if not users:
        return
    if new_state == BallotState.OPEN and ballot.mode == VotingMode.ELECTRONIC:
        title = _("Phiếu đang mở: %(q)s") % {"q": ballot.question}
        notify(users, title, url=reverse("voting:vote", args=[ballot.pk]), email=False)
    elif new_state == BallotState.CLOSED:
        title = _("Đã có kết quả: %(q)s") % {"q": ballot.question}
        notify(users, title, url=reverse("voting:ballot_result", args=[ballot.pk]), email=False)
