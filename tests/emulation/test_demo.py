import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from docx import Document

from thidua.accounts.models import User
from thidua.core.models import ActivityLogEntry, Notification
from thidua.emulation import demo, documents
from thidua.emulation.enums import ExemplarState, PhaseKind, PledgeState, RegistrationState
from thidua.emulation.models import Exemplar, Movement, MovementModel, Phase, Pledge, Registration
from thidua.organizations.demo import SEED_CLUSTER_NAME
from thidua.organizations.models import ClusterYear


@pytest.fixture(scope="module")
def demo_db(django_db_setup, django_db_blocker):
    """Seed once for the module inside a transaction that is rolled back at its end (each test nests in it)."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def seed(demo_db, db):
    return {cy.year: cy for cy in ClusterYear.objects.filter(cluster__name=SEED_CLUSTER_NAME)}


def test_demo_is_idempotent(seed):
    assert demo.load() == ""


def test_2024_phases_dated_in_2024_and_by_dates(seed):
    phases = Phase.objects.filter(cluster_year=seed[2024])
    assert phases.count() == 7
    assert {p.starts_on.year for p in phases} == {2024}
    assert {p.override for p in phases} == {"dates"}


def test_eight_registrations_all_approved_and_lethuy_returned_first(seed):
    registrations = Registration.objects.filter(cluster_year=seed[2024])
    assert registrations.count() == 8
    assert set(registrations.values_list("state", flat=True)) == {RegistrationState.APPROVED}
    lethuy = registrations.get(unit__code="qb-lethuy")
    assert lethuy.return_reason.startswith("Đề nghị bổ sung số cá nhân")
    actions = list(
        ActivityLogEntry.objects.filter(object_id=str(lethuy.pk), action__startswith="registration.")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "registration.created",
        "registration.saved",
        "registration.submitted",
        "registration.returned",
        "registration.saved",
        "registration.submitted",
        "registration.approved",
    ]


@pytest.mark.parametrize("year", [2023, 2024])
def test_pledges_signed_by_all_eight_heads(seed, year):
    pledge = Pledge.objects.get(cluster_year=seed[year])
    assert (pledge.state, pledge.motto) == (PledgeState.COMPLETED, "Đồng thuận cao, thi đua giỏi, về đích sớm")
    signers = set(pledge.signatures.values_list("signed_by__username", flat=True))
    assert signers == {
        f"truong.{k}"
        for k in ["donghoi", "badon", "lethuy", "quangninh", "botrach", "quangtrach", "tuyenhoa", "minhhoa"]
    }


def test_demo_story_dated_in_its_year(seed):
    pledge = Pledge.objects.get(cluster_year=seed[2024])
    assert {s.signed_at.year for s in pledge.signatures.all()} == {2024}
    assert set(Registration.objects.values_list("submitted_at__year", flat=True)) == {2024}


def test_2024_pledge_docx_signature_table_of_eight(seed):
    pledge = Pledge.objects.get(cluster_year=seed[2024])
    doc = Document(io.BytesIO(documents.pledge_docx(pledge)))
    assert len(doc.tables[1].rows) == 9
    grid = [c.text for row in doc.tables[2].rows for c in row.cells]
    assert sum("TM. UBND" in text for text in grid) == 8
    assert any("Đinh Xuân Hòa" in text for text in grid)


def test_2025_year_open_for_trying(seed):
    assert Phase.objects.get(cluster_year=seed[2025], kind=PhaseKind.REGISTRATION).is_open()
    assert Pledge.objects.get(cluster_year=seed[2025]).state == PledgeState.OPEN


def test_movements_from_seed_article(seed):
    names = set(Movement.objects.values_list("name", flat=True))
    assert {
        "Cả nước chung sức xây dựng nông thôn mới",
        "Vì người nghèo - Không để ai bị bỏ lại phía sau",
        "Chuyển dịch cơ cấu kinh tế nông nghiệp, cơ cấu cây trồng, vật nuôi",
        "Đổi mới, sáng tạo trong quản lý, giảng dạy và học tập",
        "Dạy tốt, học tốt",
        "Xây dựng trường học thân thiện, học sinh tích cực",
    } <= names
    assert any(n.startswith("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh") for n in names)
    assert MovementModel.objects.filter(category="OCOP").count() == 1
    assert set(MovementModel.objects.values_list("is_invented", flat=True)) == {True}


def test_exemplars_recognised_and_marked_invented(seed, client):
    assert set(Exemplar.objects.values_list("state", "is_invented")) == {(ExemplarState.RECOGNISED, True)}
    page = client.get(reverse("honour:board"), {"q": "may tre dan"}).content.decode()
    assert "Nghề mây tre đan xuất khẩu" in page
    assert "minh họa" in page


def test_no_stale_notifications_from_the_demo(seed):
    assert Notification.objects.count() == 0


def test_lethuy_officer_home_panel(seed, client):
    client.force_login(User.objects.get(username="canbo.lethuy"))
    home = client.get(reverse("core:home")).content.decode()
    assert "Đăng ký thi đua, giao ước của đơn vị" in home
    assert f'hx-get="{reverse("emulation:panel_units")}"' in home
    panel = client.get(reverse("emulation:panel_units")).content.decode()
    # The district ended on 30/6/2025: its officer is no longer asked to register, so no row is left.
    assert "Đăng ký thi đua năm 2025" not in panel
    assert "Chưa đăng ký" not in panel
    assert '<li class="task' not in panel


def test_head_home_panel_shows_the_pledge_but_does_not_ask_an_ended_unit_to_sign(seed, client):
    client.force_login(User.objects.get(username="truong.lethuy"))
    panel = client.get(reverse("emulation:panel_units")).content.decode()
    assert "Ký giao ước thi đua năm 2025" not in panel
    assert "Chưa ký – ký ngay" not in panel


def test_secretariat_home_panel(seed, client):
    client.force_login(User.objects.get(username="thuky.cum"))
    assert "Thư ký cụm: đăng ký và giao ước" in client.get(reverse("core:home")).content.decode()
    panel = client.get(reverse("emulation:panel_secretariat")).content.decode()
    # The cluster is named once per year; the two tasks below it show progress as bars with their figures.
    assert panel.count("Cụm thi đua các huyện, thị xã, thành phố</strong> – năm 2024") == 1
    assert "Đơn vị đã ký: <strong>8/8</strong>" in panel
    assert '<progress max="8" value="8"' in panel
    assert "Đã duyệt: <strong>8/8</strong>" in panel
    assert "Đã duyệt đủ" in panel


def test_quangninh_cannot_see_lethuy_registration(seed, client):
    registration = Registration.objects.get(cluster_year=seed[2024], unit__code="qb-lethuy")
    client.force_login(User.objects.get(username="canbo.quangninh"))
    assert client.get(reverse("emulation:registration_detail", args=[registration.pk])).status_code == 404
    assert client.get(f"/api/v1/registrations/{registration.pk}").status_code == 404
