import pytest
from django.core.management import call_command
from django.urls import reverse

from thidua.accounts.models import User
from thidua.organizations import selectors
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
