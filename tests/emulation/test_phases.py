import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tests.emulation.factories import PhaseFactory, today
from tests.querycount import LAYOUT_ALLOWANCE
from thidua.core.models import ActivityLogEntry, Notification
from thidua.emulation import selectors, services
from thidua.emulation.enums import PhaseKind, PhaseOverride
from thidua.emulation.models import Phase


def test_phase_open_follows_dates_then_override(year):
    phase = Phase.objects.get(cluster_year=year.cluster_year, kind=PhaseKind.REGISTRATION)
    assert selectors.phase_is_open(year.cluster_year, PhaseKind.REGISTRATION) is True
    services.set_phase_override(phase, PhaseOverride.CLOSED, actor=year.secretary, reason="Hết hạn sớm")
    assert selectors.phase_is_open(year.cluster_year, PhaseKind.REGISTRATION) is False
    assert selectors.phase_has_closed(year.cluster_year, PhaseKind.REGISTRATION) is True


def test_phase_not_set_up_is_closed(year):
    assert selectors.phase_is_open(year.cluster_year, PhaseKind.REVIEW) is False


@pytest.mark.parametrize("who", ["secretary", "board", "admin"])
def test_set_phase_dates_allowed_for_overseers(year, who):
    start, end = datetime.date(2024, 12, 1), datetime.date(2024, 12, 15)
    phase = services.set_phase_dates(
        year.cluster_year, PhaseKind.SELF_ASSESSMENT, starts_on=start, ends_on=end, actor=getattr(year, who)
    )
    assert (phase.starts_on, phase.ends_on) == (start, end)
    entry = ActivityLogEntry.objects.get(action="phase.dates_set")
    assert entry.new_values == {"kind": "self_assessment", "starts_on": "2024-12-01", "ends_on": "2024-12-15"}


@pytest.mark.parametrize("who", ["officers", "heads"])
def test_set_phase_dates_refused_for_units(year, who):
    with pytest.raises(PermissionDenied):
        services.set_phase_dates(
            year.cluster_year,
            PhaseKind.REVIEW,
            starts_on=datetime.date(2024, 12, 1),
            ends_on=datetime.date(2024, 12, 2),
            actor=getattr(year, who)[0],
        )
    assert not Phase.objects.filter(kind=PhaseKind.REVIEW).exists()


def test_set_phase_dates_refuses_end_before_start(year):
    with pytest.raises(ValidationError, match="ngày kết thúc phải từ ngày bắt đầu"):
        services.set_phase_dates(
            year.cluster_year,
            PhaseKind.REVIEW,
            starts_on=datetime.date(2024, 12, 5),
            ends_on=datetime.date(2024, 12, 1),
            actor=year.secretary,
        )


def test_override_logs_and_tells_members_when_phase_closes(year):
    phase = Phase.objects.get(cluster_year=year.cluster_year, kind=PhaseKind.REGISTRATION)
    services.set_phase_override(phase, PhaseOverride.CLOSED, actor=year.secretary, reason="Đóng sớm")
    entry = ActivityLogEntry.objects.get(action="phase.override_set")
    assert (entry.old_values, entry.new_values, entry.note) == (
        {"override": "dates"},
        {"override": "closed"},
        "Đóng sớm",
    )
    recipients = set(Notification.objects.values_list("recipient_id", flat=True))
    assert recipients == {u.pk for u in year.officers + year.heads}
    assert Notification.objects.first().title == f"Giai đoạn “Đăng ký thi đua” năm {year.cluster_year.year} đã đóng"


def test_override_to_same_mode_is_refused(year):
    phase = Phase.objects.get(cluster_year=year.cluster_year, kind=PhaseKind.REGISTRATION)
    with pytest.raises(ValidationError, match="đã ở chế độ"):
        services.set_phase_override(phase, PhaseOverride.BY_DATES, actor=year.secretary)


def test_override_refused_for_officer(year):
    phase = Phase.objects.get(cluster_year=year.cluster_year, kind=PhaseKind.REGISTRATION)
    with pytest.raises(PermissionDenied):
        services.set_phase_override(phase, PhaseOverride.CLOSED, actor=year.officers[0])
    phase.refresh_from_db()
    assert phase.override == PhaseOverride.BY_DATES


def test_reopen_by_hand_a_past_phase(year):
    past = PhaseFactory(
        cluster_year=year.cluster_year,
        kind=PhaseKind.REVIEW,
        starts_on=today() - datetime.timedelta(days=30),
        ends_on=today() - datetime.timedelta(days=20),
    )
    assert past.is_open() is False
    services.set_phase_override(past, PhaseOverride.OPENED, actor=year.board)
    assert selectors.phase_is_open(year.cluster_year, PhaseKind.REVIEW) is True


def test_phases_page_saves_dates_all_or_nothing(year, login):
    client = login(year.secretary)
    url = reverse("emulation:phases", args=[year.cluster_year.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Lịch các giai đoạn năm 2024" in page.content.decode()
    response = client.post(
        url,
        {
            "review_starts_on": "2024-12-16",
            "review_ends_on": "2024-12-24",
            "conference_starts_on": "2024-12-30",
            "conference_ends_on": "2024-12-20",
        },
        follow=True,
    )
    assert "ngày kết thúc phải từ ngày bắt đầu trở đi" in response.content.decode()
    assert not Phase.objects.filter(kind__in=[PhaseKind.REVIEW, PhaseKind.CONFERENCE]).exists()
    client.post(url, {"review_starts_on": "2024-12-16", "review_ends_on": "2024-12-24"})
    review = Phase.objects.get(kind=PhaseKind.REVIEW)
    assert (review.starts_on, review.ends_on) == (datetime.date(2024, 12, 16), datetime.date(2024, 12, 24))


def test_phases_page_refused_for_officer(year, login):
    response = login(year.officers[0]).get(reverse("emulation:phases", args=[year.cluster_year.pk]))
    assert response.status_code == 403


def test_override_view_closes_phase(year, login):
    url = reverse("emulation:phase_override", args=[year.cluster_year.pk, "registration"])
    response = login(year.secretary).post(url, {"override": "closed", "reason": ""}, follow=True)
    assert "Đã điều chỉnh giai đoạn “Đăng ký thi đua”." in response.content.decode()
    assert Phase.objects.get(kind=PhaseKind.REGISTRATION).override == PhaseOverride.CLOSED


def test_year_detail_for_member_and_refused_for_outsider(year, login):
    url = reverse("emulation:year_detail", args=[year.cluster_year.pk])
    page = login(year.officers[0]).get(url).content.decode()
    assert "Kỳ thi đua năm 2024" in page
    assert "Lập đăng ký" in page
    assert login(year.outsider).get(url).status_code == 403


def test_home_panels_load_separately_and_are_scoped(year, login, make_user):
    page = login(year.officers[0]).get(reverse("emulation:panel_units")).content.decode()
    assert "Đăng ký thi đua năm 2024" in page
    assert f'<span class="task-hint">{year.a.full_name}</span>' in page
    assert login(year.secretary).get(reverse("emulation:panel_units")).status_code == 403
    assert login(year.officers[0]).get(reverse("emulation:panel_secretariat")).status_code == 403
    assert login(make_user()).get(reverse("emulation:panel_units")).status_code == 403


def test_home_page_itself_queries_nothing_for_emulation_panels(year, login, django_assert_max_num_queries):
    client = login(year.heads[0])
    client.get(reverse("core:home"))
    # Other apps' home panels add their own few queries; the emulation panels add none (they load lazily).
    with django_assert_max_num_queries(9 + LAYOUT_ALLOWANCE):
        assert "Đăng ký thi đua, giao ước của đơn vị" in client.get(reverse("core:home")).content.decode()


def test_an_ended_units_officer_is_not_asked_to_register(year, login):
    # Issue 13: an officer of an ended district still saw "chưa đăng ký (giai đoạn đang mở)".
    ended = year.units[1]
    ended.valid_to = today() - datetime.timedelta(days=1)
    ended.save()
    active = login(year.officers[0]).get(reverse("emulation:panel_units")).content.decode()
    assert "Chưa đăng ký" in active
    assert "Hạn " in active
    page = login(year.officers[1]).get(reverse("emulation:panel_units")).content.decode()
    assert "Chưa đăng ký" not in page
    assert "Hạn " not in page
    assert "Đăng ký thi đua năm" not in page  # nothing at all for the ended unit
    head = login(year.heads[1]).get(reverse("emulation:panel_units")).content.decode()
    assert "Chưa ký – ký ngay" not in head
