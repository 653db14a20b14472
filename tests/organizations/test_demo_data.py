import pytest
from django.core.management import call_command
from django.urls import reverse

from thidua.accounts.models import User
from thidua.organizations import selectors
from thidua.organizations.demo import SEED_CLUSTER_NAME
from thidua.organizations.models import Cluster, Unit


@pytest.fixture
def demo(db):
    call_command("seed_demo", verbosity=0)


def test_seed_is_idempotent(demo):
    counts = (Unit.objects.count(), Cluster.objects.count(), User.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (Unit.objects.count(), Cluster.objects.count(), User.objects.count()) == counts
    # 8 + 10 districts, 78 new units, and the former communes they were formed from.
    assert Unit.objects.filter(province__code="quang-tri", valid_from__isnull=False).count() == 77
    assert Unit.objects.filter(province__code="quang-tri").count() == 78


def test_officer_sees_lethuy_and_its_cluster(demo, client):
    client.force_login(User.objects.get(username="canbo.lethuy"))
    home = client.get(reverse("core:home")).content.decode()
    assert "huyện Lệ Thủy" in home
    assert "Cụm thi đua các huyện, thị xã, thành phố" in home


def test_cluster_page_lists_2023_members_and_2024_leaders(demo, client):
    client.force_login(User.objects.get(username="canbo.lethuy"))
    cluster = Cluster.objects.get(name="Cụm thi đua các huyện, thị xã, thành phố")
    year_2024 = cluster.years.get(year=2024)
    assert (year_2024.leader.name, year_2024.deputy.name) == ("Minh Hóa", "Tuyên Hóa")
    assert cluster.years.get(year=2023).memberships.count() == 8
    page = client.get(reverse("organizations:cluster_detail", args=[cluster.pk])).content.decode()
    assert "huyện Minh Hóa</a> – Trưởng cụm" in page
    assert "huyện Tuyên Hóa</a> – Phó Trưởng cụm" in page
    assert "30/06/2025" in page


def test_lethuy_district_ended_and_its_successors(demo, client):
    district = Unit.objects.get(code="qb-lethuy")
    assert district.valid_to.isoformat() == "2025-06-30"
    successors = sorted(u.name for u in selectors.successors_on(district))
    assert successors == sorted(["Lệ Thủy", "Cam Hồng", "Sen Ngư", "Tân Mỹ", "Trường Phú", "Lệ Ninh", "Kim Ngân"])
    client.force_login(User.objects.get(username="canbo.lethuy"))
    page = client.get(reverse("organizations:unit_detail", args=[district.pk])).content.decode()
    assert "Đơn vị kết thúc hoạt động ngày 30/06/2025" in page
    for name in successors:
        assert f"xã {name}" in page


def test_commune_lethuy_shows_former_communes(demo, client):
    commune = Unit.objects.get(code="qt2025-le-thuy")
    former = sorted(u.full_name for u in selectors.direct_predecessors(commune))
    assert former == [
        "thị trấn Kiến Giang",
        "xã An Thủy",
        "xã Liên Thủy",
        "xã Lộc Thủy",
        "xã Phong Thủy",
        "xã Xuân Thủy",
    ]
    client.force_login(User.objects.get(username="canbo.lethuy"))
    page = client.get(reverse("organizations:unit_detail", args=[commune.pk])).content.decode()
    for name in former:
        assert name in page


def _home(client, username):
    client.force_login(User.objects.get(username=username))
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    return response.content.decode()


def test_home_per_role_on_the_demo_data(demo, client):
    officer = _home(client, "canbo.lethuy")
    assert "Cán bộ thi đua, khen thưởng" in officer
    assert "đã kết thúc 30/06/2025" in officer
    assert "xã Lệ Thủy</a>" in officer  # a successor of the district
    assert "năm 2025" in officer
    assert "Các năm trước: " in officer
    head = _home(client, "truong.minhhoa")
    assert "Thủ trưởng đơn vị" in head
    assert '#nam-2024">2024</a> (Trưởng cụm)' in head
    secretary = _home(client, "thuky.cum")
    assert "Bạn là Thư ký cụm năm này" in secretary
    board = _home(client, "bantdkt")
    assert "<strong>Tỉnh Quảng Trị</strong>" in board
    assert "Bao gồm hồ sơ của: Quảng Bình, Quảng Trị (trước 01/7/2025)" in board
    assert "78 đơn vị và 1 cụm, khối đang hoạt động" in board
    council = _home(client, "hoidong1")
    assert "Hội đồng Thi đua - Khen thưởng" in council
    admin = _home(client, "admin")
    assert "Trang quản trị (tài khoản, phân quyền)" in admin


def test_new_commune_shows_the_former_district_it_lies_in(demo, client):
    client.force_login(User.objects.get(username="canbo.lethuy"))
    commune = Unit.objects.get(code="qt2025-le-thuy")
    assert [u.code for u in selectors.territory_from(commune)] == ["qb-lethuy"]
    page = client.get(reverse("organizations:unit_detail", args=[commune.pk])).content.decode()
    assert "Thuộc địa bàn" in page
    assert "huyện Lệ Thủy</a> (Quảng Bình), đã kết thúc 30/06/2025" in page
    # The district is where its territory came from, not a predecessor whose record it inherits.
    assert "qb-lethuy" not in [u.code for u in selectors.all_predecessors(commune)]


def test_board_of_the_new_province_may_record_history_of_the_old_one(demo):
    board = User.objects.get(username="bantdkt")
    assert board.has_perm("organizations.change_unit", Unit.objects.get(code="qb-lethuy")) is True
    cluster_year = Cluster.objects.get(name=SEED_CLUSTER_NAME).years.get(year=2024)
    assert board.has_perm("organizations.manage_cluster_year", cluster_year) is True
    officer = User.objects.get(username="canbo.lethuy")
    assert officer.has_perm("organizations.change_unit", Unit.objects.get(code="qb-lethuy")) is False


def test_seed_cluster_members_per_year(demo, client):
    client.force_login(User.objects.get(username="bantdkt"))
    cluster = Cluster.objects.get(name=SEED_CLUSTER_NAME)
    page = client.get(reverse("organizations:cluster_detail", args=[cluster.pk])).content.decode()
    assert "Thành viên qua các năm" in page
    assert page.count("Quản lý thành viên năm") == 3
    assert [(y.year, y.leader.name, y.deputy.name, y.memberships.count()) for y in cluster.years.order_by("year")] == [
        (2023, "Bố Trạch", "Quảng Ninh", 8),
        (2024, "Minh Hóa", "Tuyên Hóa", 8),
        (2025, "Quảng Trạch", "Ba Đồn", 8),
    ]
