"""Demo data: Quảng Bình's eight district-level units and their cluster (2023-2024, from the seed article), the
1/7/2025 reform as real data (Nghị quyết 1680/NQ-UBTVQH15, 78 commune-level units of the new Quảng Trị), an
invented 2026 cluster of new communes, and the demo accounts."""

import csv
import datetime
import re
from pathlib import Path

from django.conf import settings

from thidua.accounts.models import User
from thidua.core.text import fold
from thidua.organizations.enums import ClusterKind, Gender, LineageKind, Role, UnitKind
from thidua.organizations.models import (
    Cluster,
    ClusterMembership,
    ClusterYear,
    Person,
    Position,
    Province,
    RoleAssignment,
    Unit,
    UnitName,
)
from thidua.organizations.services import close_cluster, record_lineage_event

CSV_PATH = Path(__file__).resolve().parent / "data" / "quangtri-2025-communes.csv"
REFORM_DAY = datetime.date(2025, 7, 1)
LAST_DISTRICT_DAY = datetime.date(2025, 6, 30)
NQ_1680 = "Nghị quyết số 1680/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội"
NQ_202 = "Nghị quyết số 202/2025/QH15 ngày 12/6/2025 của Quốc hội về sắp xếp đơn vị hành chính cấp tỉnh"
DISTRICT_END = "Kết thúc hoạt động đơn vị hành chính cấp huyện từ 01/7/2025 (chính quyền địa phương hai cấp)"
SEED_CLUSTER_NAME = "Cụm thi đua các huyện, thị xã, thành phố"

# slug used in account names, unit code, kind, name
QB_DISTRICTS = [
    ("donghoi", UnitKind.PROVINCE_CITY, "Đồng Hới"),
    ("badon", UnitKind.TOWN, "Ba Đồn"),
    ("lethuy", UnitKind.DISTRICT, "Lệ Thủy"),
    ("quangninh", UnitKind.DISTRICT, "Quảng Ninh"),
    ("botrach", UnitKind.DISTRICT, "Bố Trạch"),
    ("quangtrach", UnitKind.DISTRICT, "Quảng Trạch"),
    ("tuyenhoa", UnitKind.DISTRICT, "Tuyên Hóa"),
    ("minhhoa", UnitKind.DISTRICT, "Minh Hóa"),
]
QT_DISTRICTS = [
    ("dongha", UnitKind.PROVINCE_CITY, "Đông Hà"),
    ("txquangtri", UnitKind.TOWN, "Quảng Trị"),
    ("vinhlinh", UnitKind.DISTRICT, "Vĩnh Linh"),
    ("giolinh", UnitKind.DISTRICT, "Gio Linh"),
    ("camlo", UnitKind.DISTRICT, "Cam Lộ"),
    ("dakrong", UnitKind.DISTRICT, "Đakrông"),
    ("huonghoa", UnitKind.DISTRICT, "Hướng Hóa"),
    ("trieuphong", UnitKind.DISTRICT, "Triệu Phong"),
    ("hailang", UnitKind.DISTRICT, "Hải Lăng"),
    ("conco", UnitKind.DISTRICT, "Cồn Cỏ"),
]
# Former communes of the cities and towns that were xã (the rest there were phường).
URBAN_COMMUNES = {
    "Bảo Ninh",
    "Đức Ninh",
    "Lộc Ninh",
    "Quang Phú",
    "Nghĩa Ninh",
    "Thuận Đức",
    "Hải Lệ",
    "Quảng Hải",
    "Quảng Hòa",
    "Quảng Lộc",
    "Quảng Văn",
    "Quảng Minh",
    "Quảng Tân",
    "Quảng Trung",
    "Quảng Tiên",
    "Quảng Sơn",
    "Quảng Thủy",
}
CSV_KINDS = {"xã": UnitKind.COMMUNE, "phường": UnitKind.WARD, "đặc khu": UnitKind.SPECIAL_ZONE}

HEAD_NAMES = {
    "donghoi": ("Hoàng Minh Tuấn", Gender.MALE),
    "badon": ("Nguyễn Thị Hương", Gender.FEMALE),
    "lethuy": ("Trần Văn Lợi", Gender.MALE),
    "quangninh": ("Lê Thị Thu Hà", Gender.FEMALE),
    "botrach": ("Phạm Quang Vinh", Gender.MALE),
    "quangtrach": ("Đặng Văn Hải", Gender.MALE),
    "tuyenhoa": ("Võ Thị Lan", Gender.FEMALE),
    "minhhoa": ("Đinh Xuân Hòa", Gender.MALE),
}
OFFICER_NAMES = {
    "donghoi": "Nguyễn Văn Đông",
    "badon": "Trương Thị Mai",
    "lethuy": "Lê Thị Thủy",
    "quangninh": "Phan Văn Ninh",
    "botrach": "Hồ Thị Trà",
    "quangtrach": "Cao Văn Trạch",
    "tuyenhoa": "Đoàn Thị Tuyên",
    "minhhoa": "Mai Văn Minh",
}


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def _former_kind(raw, district_kind):
    if raw.startswith("thị trấn "):
        return UnitKind.TOWNSHIP, raw.removeprefix("thị trấn ")
    if raw.startswith("Phường "):
        return UnitKind.WARD, raw_ward_name(raw)
    name = re.sub(r" \(.*\)$", "", raw)
    if district_kind in (UnitKind.PROVINCE_CITY, UnitKind.TOWN) and name not in URBAN_COMMUNES:
        return UnitKind.WARD, name
    return UnitKind.COMMUNE, name


def raw_ward_name(raw):
    # "Phường 1 (Đông Hà)" -> "1"; numbered wards keep their number as their name.
    return re.sub(r" \(.*\)$", "", raw).removeprefix("Phường ")


def _unit(code, kind, name, province, *, parent=None, valid_from=None, valid_to=None, is_invented=False, note=""):
    unit, created = Unit.objects.get_or_create(
        code=code,
        defaults={
            "kind": kind,
            "name": name,
            "province": province,
            "parent": parent,
            "valid_from": valid_from,
            "valid_to": valid_to,
            "is_invented": is_invented,
            "note": note,
        },
    )
    if created:
        UnitName.objects.create(unit=unit, name=name, valid_from=valid_from, valid_to=valid_to)
    return unit


def _user(username, full_name, *, person=None):
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "full_name": full_name,
            "is_demo": True,
            "person": person,
            "email": f"{username}@demo.thidua.invalid",
        },
    )
    if created:
        user.set_password(settings.DEMO_PASSWORD)
        user.save()
    return user


def load():
    if Province.objects.filter(code="quang-binh").exists():
        return ""
    quang_binh = Province.objects.create(code="quang-binh", name="Quảng Bình", valid_to=LAST_DISTRICT_DAY)
    old_quang_tri = Province.objects.create(
        code="quang-tri-truoc-2025", name="Quảng Trị (trước 01/7/2025)", valid_to=LAST_DISTRICT_DAY
    )
    quang_tri = Province.objects.create(code="quang-tri", name="Quảng Trị", valid_from=REFORM_DAY)
    quang_tri.predecessors.set([quang_binh, old_quang_tri])

    districts = {}
    for key, kind, name in QB_DISTRICTS:
        districts[f"{kind.label} {name} (Quảng Bình)"] = districts[key] = _unit(f"qb-{key}", kind, name, quang_binh)
    for key, kind, name in QT_DISTRICTS:
        districts[f"{kind.label} {name} (Quảng Trị)"] = districts[key] = _unit(f"qt-{key}", kind, name, old_quang_tri)

    new_units = _load_reform(districts, quang_tri)
    cluster = _load_seed_cluster(quang_binh, districts)
    _load_2026_cluster(quang_tri, new_units)
    _load_accounts(quang_tri, districts, cluster)
    accounts = User.objects.filter(is_demo=True).count()
    return f"{Unit.objects.count()} đơn vị, {Cluster.objects.count()} cụm, {accounts} tài khoản"


def _load_reform(districts, quang_tri):
    with CSV_PATH.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    new_units = {}
    successors_of_district = {}
    for row in rows:
        district = districts[row["former_district"]]
        kind = CSV_KINDS[row["kind"]]
        if row["formed_from"].endswith("unchanged"):
            unit = _unit(
                f"qt2025-{row['code']}",
                kind,
                row["name"],
                quang_tri,
                note=f"Giữ nguyên theo {NQ_1680}; trước 01/7/2025 thuộc {district.full_name}.",
            )
            new_units[row["code"]] = unit
            successors_of_district.setdefault(district.pk, [district, []])[1].append(unit)
            continue
        unit = _unit(f"qt2025-{row['code']}", kind, row["name"], quang_tri, valid_from=REFORM_DAY)
        new_units[row["code"]] = unit
        successors_of_district.setdefault(district.pk, [district, []])[1].append(unit)
        if row["formed_from"] == district.full_name:
            # Cồn Cỏ: the district itself became the special zone.
            record_lineage_event(
                kind=LineageKind.ESTABLISHED,
                date=REFORM_DAY,
                predecessors=[district],
                successors=[unit],
                decision=NQ_1680,
                decision_date=datetime.date(2025, 6, 16),
                note=f"Thành lập {unit.full_name} trên cơ sở {district.full_name}.",
            )
            continue
        former = []
        for raw in row["formed_from"].split(";"):
            former_kind, name = _former_kind(raw.strip(), district.kind)
            former.append(
                _unit(
                    f"{district.code}-{slug(former_kind.label)}-{slug(name)}",
                    former_kind,
                    name,
                    district.province,
                    parent=district,
                    valid_to=LAST_DISTRICT_DAY,
                    note="Loại đơn vị (xã/phường) suy ra từ danh sách sắp xếp.",
                )
            )
        record_lineage_event(
            kind=LineageKind.MERGED,
            date=REFORM_DAY,
            predecessors=former,
            successors=[unit],
            decision=NQ_1680,
            decision_date=datetime.date(2025, 6, 16),
            end_predecessors=False,
            note=f"Sáp nhập {len(former)} đơn vị thành {unit.full_name}.",
        )
    for district, successors in successors_of_district.values():
        district.valid_to = LAST_DISTRICT_DAY
        district.save()
        UnitName.objects.filter(unit=district).update(valid_to=LAST_DISTRICT_DAY)
        record_lineage_event(
            kind=LineageKind.DISSOLVED,
            date=REFORM_DAY,
            predecessors=[district],
            successors=successors,
            decision=DISTRICT_END,
            end_predecessors=False,
            note=f"Địa bàn {district.full_name} do {len(successors)} đơn vị cấp xã mới tiếp nhận "
            f"({NQ_1680}; {NQ_202}).",
        )
    return new_units


def _load_seed_cluster(quang_binh, districts):
    cluster = Cluster.objects.create(
        province=quang_binh,
        name=SEED_CLUSTER_NAME,
        kind=ClusterKind.CLUSTER,
        founding_decision="Theo Quy chế tổ chức và hoạt động cụm, khối thi đua của UBND tỉnh Quảng Bình",
        valid_from=datetime.date(2016, 1, 1),
    )
    members = [districts[key] for key, _, _ in QB_DISTRICTS]
    leaders = {
        # 2023 leader and deputy are invented (the seed article names only 2024's).
        2023: (districts["botrach"], districts["quangninh"], True, "Đồng thuận cao, thi đua giỏi, về đích sớm"),
        2024: (districts["minhhoa"], districts["tuyenhoa"], False, "Đồng thuận cao, thi đua giỏi, về đích sớm"),
        2025: (districts["quangtrach"], districts["badon"], True, ""),
    }
    for year, (leader, deputy, invented, motto) in leaders.items():
        cluster_year = ClusterYear.objects.create(
            cluster=cluster, year=year, leader=leader, deputy=deputy, motto=motto, leader_is_invented=invented
        )
        ClusterMembership.objects.bulk_create([ClusterMembership(cluster_year=cluster_year, unit=u) for u in members])
    close_cluster(
        cluster, date=LAST_DISTRICT_DAY, decision="Các thành viên kết thúc hoạt động cấp huyện ngày 30/6/2025"
    )
    return cluster


def _load_2026_cluster(quang_tri, new_units):
    cluster = Cluster.objects.create(
        province=quang_tri,
        name="Cụm thi đua số 1 – các xã, phường phía Nam (minh họa)",
        kind=ClusterKind.CLUSTER,
        founding_decision="Minh họa: quyết định thành lập cụm sau sắp xếp",
        valid_from=datetime.date(2026, 1, 1),
        is_invented=True,
    )
    codes = [
        "le-thuy",
        "cam-hong",
        "sen-ngu",
        "tan-my",
        "truong-phu",
        "le-ninh",
        "kim-ngan",
        "quang-ninh",
        "ninh-chau",
        "truong-ninh",
        "truong-son",
        "dong-hoi",
    ]
    members = [new_units[c] for c in codes]
    cluster_year = ClusterYear.objects.create(
        cluster=cluster,
        year=2026,
        leader=new_units["le-thuy"],
        deputy=new_units["quang-ninh"],
        leader_is_invented=True,
        motto="Đoàn kết, đổi mới, phát triển",
    )
    ClusterMembership.objects.bulk_create([ClusterMembership(cluster_year=cluster_year, unit=u) for u in members])


def _load_accounts(quang_tri, districts, cluster):
    admin = _user("admin", "Quản trị hệ thống")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    RoleAssignment.objects.get_or_create(user=admin, role=Role.ADMIN)
    board = _user("bantdkt", "Nguyễn Thị Bích (Ban Thi đua - Khen thưởng)")
    RoleAssignment.objects.get_or_create(user=board, role=Role.BOARD_OFFICER, province=quang_tri)
    for i, name in enumerate(["Lê Văn Quang", "Trần Thị Hồng", "Phạm Văn Sơn"], start=1):
        member = _user(f"hoidong{i}", f"{name} (Hội đồng TĐKT tỉnh)")
        RoleAssignment.objects.get_or_create(user=member, role=Role.COUNCIL_MEMBER, province=quang_tri)
    secretary = _user("thuky.cum", "Mai Thị Thanh (Thư ký Cụm)")
    for cluster_year in cluster.years.all():
        RoleAssignment.objects.get_or_create(user=secretary, role=Role.CLUSTER_SECRETARIAT, cluster_year=cluster_year)
    for key, _, _ in QB_DISTRICTS:
        unit = districts[key]
        head_name, head_gender = HEAD_NAMES[key]
        head = Person.objects.create(full_name=head_name, gender=head_gender, province=unit.province, is_invented=True)
        Position.objects.create(
            person=head,
            unit=unit,
            title="Chủ tịch UBND",
            valid_from=datetime.date(2021, 7, 1),
            valid_to=LAST_DISTRICT_DAY,
        )
        officer = Person.objects.create(
            full_name=OFFICER_NAMES[key],
            gender=Gender.FEMALE if "Thị" in OFFICER_NAMES[key] else Gender.MALE,
            province=unit.province,
            is_invented=True,
        )
        Position.objects.create(
            person=officer,
            unit=unit,
            title="Chuyên viên Phòng Nội vụ, phụ trách thi đua, khen thưởng",
            valid_from=datetime.date(2020, 1, 1),
            valid_to=LAST_DISTRICT_DAY,
        )
        RoleAssignment.objects.get_or_create(
            user=_user(f"canbo.{key}", officer.full_name, person=officer), role=Role.UNIT_OFFICER, unit=unit
        )
        RoleAssignment.objects.get_or_create(
            user=_user(f"truong.{key}", head.full_name, person=head), role=Role.UNIT_HEAD, unit=unit
        )
