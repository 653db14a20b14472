"""Deadlines reminded: the current owner hears once when a step is due soon and once when it is overdue; the
cluster's own step joins emulation's phase reminders."""

import datetime

from django.core.management import call_command

from tests.proposals.helpers import draft, sent
from tests.voting.factories import RuleSetFactory
from thidua.awards.enums import RuleSetKind
from thidua.core.models import Notification
from thidua.emulation.enums import PhaseKind
from thidua.emulation.selectors import phase_pending_units
from thidua.proposals import services


def deadlines(world):
    RuleSetFactory(
        kind=RuleSetKind.PROPOSAL_DEADLINES,
        province=world.province,
        parameters={"check_days": 10, "decision_days": 5, "resubmit_days": 5, "working_days": False},
    )


def test_the_board_is_reminded_once_before_and_once_after_the_deadline(world, settings):
    settings.REMINDER_DAYS_BEFORE_PHASE_CLOSE = 3
    deadlines(world)
    proposal = draft(world)
    services.send_proposal(proposal, actor=world.secretary, day=datetime.date(2024, 1, 16))
    proposal.refresh_from_db()
    assert proposal.due_on == datetime.date(2024, 1, 26)
    Notification.objects.all().delete()
    assert services.send_proposal_reminders(datetime.date(2024, 1, 20)) == 0
    assert services.send_proposal_reminders(datetime.date(2024, 1, 23)) == 2  # the two board officers
    assert services.send_proposal_reminders(datetime.date(2024, 1, 24)) == 0  # once
    titles = set(Notification.objects.values_list("title", flat=True))
    assert titles == {f"Nhắc hạn: “Đã gửi tỉnh” của tờ trình {proposal.title} đến hạn ngày 26/01/2024"}
    assert services.send_proposal_reminders(datetime.date(2024, 1, 29)) == 2
    assert Notification.objects.filter(title__startswith="Quá hạn").count() == 2
    assert not Notification.objects.filter(recipient=world.secretary).exists()


def test_a_returned_proposal_reminds_its_drafter(world):
    deadlines(world)
    proposal = sent(world)
    services.return_proposal(proposal, actor=world.board, reason="Bổ sung.", day=datetime.date(2024, 1, 17))
    Notification.objects.all().delete()
    assert services.send_proposal_reminders(datetime.date(2024, 1, 30)) == 1
    assert Notification.objects.get().recipient == world.secretary


def test_the_command_reports_what_it_sent(world, capsys):
    deadlines(world)
    services.send_proposal(draft(world), actor=world.secretary, day=datetime.date(2024, 1, 16))
    Notification.objects.all().delete()
    call_command("send_proposal_reminders", "--ngay", "2024-02-01")
    assert capsys.readouterr().out.strip() == "Đã gửi 2 thông báo nhắc hạn xử lý tờ trình đề nghị khen thưởng."


def test_the_proposals_phase_waits_for_the_cluster_to_send(world):
    assert phase_pending_units(world.cluster_year, PhaseKind.PROPOSALS) == [world.cluster_year.leader]
    sent(world)
    assert phase_pending_units(world.cluster_year, PhaseKind.PROPOSALS) == []
