"""Generate a benchmark dataset of a chosen size through the project's models, with bulk writes (issue 17).

Each province has the shapes of the national dataset the issue measured (per province: ~393 units, ~10 clusters,
~5,850 people, ~38,000 award records, ~32,000 task ratings, ~15,000 activity-log entries):

- 10 district-level units and 250 pre-merger communes, all ended on 30/06/2025; 110 communes made on 01/07/2025 by
  merging two or three of them (one "sáp nhập" lineage event each, with its links), the districts dissolved; 20
  provincial departments and agencies;
- 8 territorial clusters and 2 blocks of agencies with a cluster year for every year 2016–2026 and their members
  (the old communes until 2024, the new ones from 2025);
- people with their posts (an old commune until 30/06/2025 then its successor, or an agency);
- award records of people and collectives (some provincial and national, which the public honour board lists),
  task ratings, and activity-log entries naming the records;
- the accounts the page benchmark logs in with (bench/pages.py), all on the first province.

    DATABASE_URL=postgres://thidua:thidua@127.0.0.1:5432/bench17 nice -n 10 .venv/bin/python bench/generate.py \\
        --scale one-province --reset
    ... bench/generate.py --scale national --reset          # 34 provinces (~1.3M award records)
    ... bench/generate.py --provinces 5 --seed 2 --reset    # any number of provinces, another seed

The same seed and size give the same dataset. --reset empties every table first (Django's flush).
"""

import argparse
import datetime
import os
import random
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")

import django  # noqa: E402 - settings must be chosen first


def create_database():
    """make bench starts from nothing: create the PostgreSQL database DATABASE_URL names if it is missing."""
    url = urllib.parse.urlsplit(os.environ.get("DATABASE_URL", ""))
    if not url.scheme.startswith("postgres"):
        return
    import psycopg

    name = url.path.lstrip("/")
    server = {"host": url.hostname, "port": url.port or 5432, "user": url.username, "password": url.password}
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(psycopg.sql.SQL("CREATE DATABASE {}").format(psycopg.sql.Identifier(name)))


create_database()
django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from thidua.accounts.models import User  # noqa: E402
from thidua.awards.catalogue import ensure_catalogue  # noqa: E402
from thidua.awards.enums import AchievementKind, AwardLevel, RecipientKind, RecordSource, TaskCompletion  # noqa: E402
from thidua.awards.models import AwardForm, AwardRecord, TaskRating  # noqa: E402
from thidua.core.models import ActivityLogEntry  # noqa: E402
from thidua.core.text import fold  # noqa: E402
from thidua.organizations.enums import ClusterKind, Gender, LineageKind, LineageRole, Role, UnitKind  # noqa: E402
from thidua.organizations.models import (  # noqa: E402
    Cluster,
    ClusterMembership,
    ClusterYear,
    LineageEvent,
    LineageLink,
    Person,
    Position,
    Province,
    RoleAssignment,
    Unit,
    UnitName,
)

SCALES = {"one-province": 1, "national": 34}
YEARS = range(2016, 2027)
MERGER_DAY = datetime.date(2025, 7, 1)
LAST_OLD_DAY = MERGER_DAY - datetime.timedelta(days=1)
BATCH = 5000
PASSWORD = "bench-password-17"  # noqa: S105 - the throwaway accounts of a generated benchmark database

# Per province; with 34 provinces these make the national figures of issue 17.
DISTRICTS = 10
OLD_COMMUNES = 250
NEW_COMMUNES = 110
AGENCIES = 20
TERRITORIAL_CLUSTERS = 8
BLOCKS = 2
PEOPLE = 5850
AWARDS_PER_PERSON = 6.0
DIRECT_LABOURERS = 0.3  # share of people who are direct labourers
IN_COMMUNES = 0.7  # share of people working in a commune (the rest in an agency)
HIGH_AWARDS = 0.35  # share of collective awards at provincial level or above (the honour board lists them)
RATINGS_PER_PERSON = 5.4
LOG_ENTRIES = 15000

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Ngọc", "Quốc", "Hữu", "Xuân", "Thu", "Hồng", "Kim"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Lan", "Linh", "Long", "Mai"]
GIVEN += ["Nam", "Nga", "Phong", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Thủy", "Trang", "Tuấn", "Việt", "Yến"]
PLACES = ["Gianh", "Lệ", "Hòa", "Phú", "Tân", "Đồng", "Sơn", "Thạch", "Vĩnh", "Quảng", "Bắc", "Nam", "Trung", "Kiến"]
PLACES += ["Xuân", "Hải", "Bình", "Thuận", "Long", "An", "Phước", "Mỹ", "Cẩm", "Hương", "Thủy", "Lộc", "Thành"]


def place_name(rng, i):
    return f"{rng.choice(PLACES)} {rng.choice(PLACES)} {i}"


class Generator:
    def __init__(self, seed):

        self.rng = random.Random(seed)
        forms = list(AwardForm.objects.order_by("sort_order", "id"))
        self.person_forms = [f for f in forms if f.recipient_kind == RecipientKind.INDIVIDUAL]
        self.person_grassroots = [f for f in self.person_forms if f.level == AwardLevel.GRASSROOTS] or self.person_forms
        collective = [f for f in forms if f.recipient_kind == RecipientKind.COLLECTIVE]
        self.unit_grassroots = [f for f in collective if f.level == AwardLevel.GRASSROOTS] or collective
        self.unit_high = [f for f in collective if f.level != AwardLevel.GRASSROOTS] or collective
        self.counts = dict.fromkeys(["units", "clusters", "people", "awards", "ratings", "log"], 0)

    # Organizations -------------------------------------------------------------------------------------------
    def province(self, number):

        return Province.objects.create(code=f"bench-{number:02d}", name=f"Tỉnh Thử {number:02d}", is_invented=True)

    def units(self, province):

        rng, code = self.rng, province.code

        def unit(suffix, kind, name, **extra):
            u = Unit(code=f"{code}-{suffix}", kind=kind, name=name, province=province, is_invented=True, **extra)
            u.folded_name = fold(u.full_name)
            return u

        districts = Unit.objects.bulk_create(
            [unit(f"h{i}", UnitKind.DISTRICT, place_name(rng, i), valid_to=LAST_OLD_DAY) for i in range(DISTRICTS)]
        )
        old = Unit.objects.bulk_create(
            [
                unit(
                    f"x{i}",
                    UnitKind.COMMUNE,
                    place_name(rng, i),
                    parent=districts[i % DISTRICTS],
                    valid_to=LAST_OLD_DAY,
                )
                for i in range(OLD_COMMUNES)
            ],
            batch_size=BATCH,
        )
        new = Unit.objects.bulk_create(
            [
                unit(f"m{i}", rng.choice([UnitKind.COMMUNE, UnitKind.WARD]), place_name(rng, i), valid_from=MERGER_DAY)
                for i in range(NEW_COMMUNES)
            ]
        )
        agencies = Unit.objects.bulk_create(
            [unit(f"s{i}", UnitKind.DEPARTMENT, f"Sở Thử {i} {province.name}") for i in range(AGENCIES)]
        )
        every = districts + old + new + agencies
        UnitName.objects.bulk_create(
            [UnitName(unit=u, name=u.name, valid_from=u.valid_from, valid_to=u.valid_to) for u in every]
        )
        self.counts["units"] += len(every)
        return districts, old, new, agencies

    def lineage(self, districts, old, new):
        """Each new commune merges 2–3 old ones on 01/07/2025; the districts are dissolved the same day."""

        successor_of = {}
        merge_events = LineageEvent.objects.bulk_create(
            [
                LineageEvent(kind=LineageKind.MERGED, date=MERGER_DAY, decision="1680/NQ-UBTVQH15")
                for _ in range(len(new))
            ]
        )
        dissolve_events = LineageEvent.objects.bulk_create(
            [LineageEvent(kind=LineageKind.DISSOLVED, date=MERGER_DAY) for _ in districts]
        )
        links = []
        for i, commune in enumerate(old):
            target = min(i * len(new) // len(old), len(new) - 1)
            successor_of[commune.pk] = new[target]
            links.append(LineageLink(event=merge_events[target], unit=commune, role=LineageRole.PREDECESSOR))
        links += [
            LineageLink(event=e, unit=u, role=LineageRole.SUCCESSOR) for e, u in zip(merge_events, new, strict=True)
        ]
        links += [
            LineageLink(event=e, unit=u, role=LineageRole.PREDECESSOR)
            for e, u in zip(dissolve_events, districts, strict=True)
        ]
        LineageLink.objects.bulk_create(links, batch_size=BATCH)
        return successor_of

    def clusters(self, province, old, new, agencies):

        specs = [(f"Cụm thi đua số {i + 1}", ClusterKind.CLUSTER) for i in range(TERRITORIAL_CLUSTERS)]
        specs += [(f"Khối các sở số {i + 1}", ClusterKind.BLOCK) for i in range(BLOCKS)]
        clusters = Cluster.objects.bulk_create(
            [
                Cluster(
                    province=province,
                    name=f"{name} – {province.name}",
                    folded_name=fold(f"{name} – {province.name}"),
                    kind=kind,
                    valid_from=datetime.date(2016, 1, 1),
                    is_invented=True,
                )
                for name, kind in specs
            ]
        )
        years = ClusterYear.objects.bulk_create([ClusterYear(cluster=c, year=y) for c in clusters for y in YEARS])
        members = []
        for cluster_year in years:
            index = clusters.index(cluster_year.cluster)
            if cluster_year.cluster.kind == ClusterKind.BLOCK:
                pool, parts, part = agencies, BLOCKS, index - TERRITORIAL_CLUSTERS
            else:
                pool, parts, part = (old if cluster_year.year < MERGER_DAY.year else new), TERRITORIAL_CLUSTERS, index
            members += [ClusterMembership(cluster_year=cluster_year, unit=u) for u in pool[part::parts]]
        ClusterMembership.objects.bulk_create(members, batch_size=BATCH)
        for cluster_year in years:  # the first two members lead the year (the page shows them)
            first = [m.unit for m in members if m.cluster_year is cluster_year][:2]
            cluster_year.leader, cluster_year.deputy = [*first, None, None][:2]
        ClusterYear.objects.bulk_update(years, ["leader", "deputy"], batch_size=BATCH)
        self.counts["clusters"] += len(clusters)
        return clusters, years

    def people(self, province, old, agencies, successor_of):

        rng = self.rng
        people = []
        for _ in range(PEOPLE):
            middle = rng.choice(MIDDLE)
            name = f"{rng.choice(SURNAMES)} {middle} {rng.choice(GIVEN)}"
            people.append(
                Person(
                    full_name=name,
                    folded_name=fold(name),
                    gender=Gender.FEMALE if middle == "Thị" else rng.choice([Gender.MALE, Gender.FEMALE]),
                    birth_date=datetime.date(rng.randint(1965, 2000), rng.randint(1, 12), rng.randint(1, 28)),
                    province=province,
                    is_direct_labourer=rng.random() < DIRECT_LABOURERS,
                    is_invented=True,
                )
            )
        people = Person.objects.bulk_create(people, batch_size=BATCH)
        posts, unit_of = [], {}
        start = datetime.date(2015, 1, 1)
        for person in people:
            if rng.random() < IN_COMMUNES:
                commune = rng.choice(old)
                later = successor_of[commune.pk]
                posts.append(Position(person=person, unit=commune, title="Công chức", valid_from=start,
                                      valid_to=LAST_OLD_DAY))  # fmt: skip
                posts.append(Position(person=person, unit=later, title="Công chức", valid_from=MERGER_DAY))
                unit_of[person.pk] = (commune, later)
            else:
                agency = rng.choice(agencies)
                posts.append(Position(person=person, unit=agency, title="Chuyên viên", valid_from=start))
                unit_of[person.pk] = (agency, agency)
        Position.objects.bulk_create(posts, batch_size=BATCH)
        self.counts["people"] += len(people)
        return people, unit_of

    # Register --------------------------------------------------------------------------------------------------
    def register(self, province, people, unit_of, units):
        """Award records and task ratings of people and units, in bulk; returns the records for the log."""

        rng = self.rng
        past = [y for y in YEARS if y < max(YEARS)]  # the current year has no awards yet
        records, ratings = [], []

        def record(form, year, **recipient):
            r = AwardRecord(
                award_form=form,
                year=year,
                decision_number=f"{rng.randint(1, 3000)}/QĐ-UBND",
                decision_date=datetime.date(year + 1, rng.randint(1, 4), rng.randint(1, 28)),
                issuer="Chủ tịch UBND",
                achievement_kind=AchievementKind.ANNUAL,
                province=province,
                source=RecordSource.IMPORT,
                is_invented=True,
                **recipient,
            )
            r.set_folded_name()
            records.append(r)

        for person in people:
            before, after = unit_of[person.pk]
            rated = sorted(rng.sample(past, min(len(past), max(1, round(rng.gauss(RATINGS_PER_PERSON, 1.5))))))
            for year in rated:
                grade = rng.choices(list(TaskCompletion), weights=[25, 55, 17, 3])[0]
                ratings.append(TaskRating(person=person, year=year, completion=grade, is_invented=True))
            for year in rng.sample(past, min(len(past), max(0, round(rng.gauss(AWARDS_PER_PERSON, 1.5))))):
                unit = before if year < MERGER_DAY.year else after
                record(rng.choice(self.person_grassroots), year, person=person, recipient_name=person.full_name,
                       person_unit=unit, person_unit_name=unit.full_name)  # fmt: skip
        for unit in units:
            for year in past:
                # 2025 counts for both the old communes (to 30/06) and the new ones (from 01/07).
                if (unit.valid_from and unit.valid_from.year > year) or (unit.valid_to and unit.valid_to.year < year):
                    continue
                forms = self.unit_high if rng.random() < HIGH_AWARDS else self.unit_grassroots
                record(rng.choice(forms), year, unit=unit, recipient_name=unit.full_name)
                ratings.append(TaskRating(unit=unit, year=year, completion=TaskCompletion.GOOD, is_invented=True))
        records = AwardRecord.objects.bulk_create(records, batch_size=BATCH)
        TaskRating.objects.bulk_create(ratings, batch_size=BATCH)
        self.counts["awards"] += len(records)
        self.counts["ratings"] += len(ratings)
        return records

    def activity_log(self, province, records):

        content_type = ContentType.objects.get_for_model(AwardRecord)
        chosen = self.rng.sample(records, min(LOG_ENTRIES, len(records)))
        ActivityLogEntry.objects.bulk_create(
            [
                ActivityLogEntry(
                    action="award.recorded",
                    content_type=content_type,
                    object_id=str(r.pk),
                    object_repr=str(r.recipient_name)[:300],
                    province_id=province.pk,
                    unit_id=r.unit_id or r.person_unit_id,
                    new_values={"year": r.year, "decision_number": r.decision_number},
                )
                for r in chosen
            ],
            batch_size=BATCH,
        )
        self.counts["log"] += len(chosen)

    # Accounts --------------------------------------------------------------------------------------------------
    def accounts(self, province, unit, cluster_year):
        """One account per role, all on the first province: what bench/pages.py logs in with."""

        hashed = make_password(PASSWORD)
        roles = [
            ("bench-admin", Role.ADMIN, {}),
            ("bench-board", Role.BOARD_OFFICER, {"province": province}),
            ("bench-council", Role.COUNCIL_MEMBER, {"province": province}),
            ("bench-officer", Role.UNIT_OFFICER, {"unit": unit}),
            ("bench-head", Role.UNIT_HEAD, {"unit": unit}),
            ("bench-secretariat", Role.CLUSTER_SECRETARIAT, {"cluster_year": cluster_year}),
        ]
        for username, role, scope in roles:
            user = User.objects.create(username=username, full_name=username, password=hashed)
            RoleAssignment.objects.create(user=user, role=role, **scope)

    def one_province(self, number):

        with transaction.atomic():
            province = self.province(number)
            districts, old, new, agencies = self.units(province)
            successor_of = self.lineage(districts, old, new)
            clusters, years = self.clusters(province, old, new, agencies)
            people, unit_of = self.people(province, old, agencies, successor_of)
            records = self.register(province, people, unit_of, districts + old + new + agencies)
            self.activity_log(province, records)
            if number == 1:
                current = next(y for y in years if y.cluster == clusters[0] and y.year == max(YEARS))
                self.accounts(province, new[0], current)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="one-province")
    parser.add_argument("--provinces", type=int, help="how many provinces (overrides --scale)")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--reset", action="store_true", help="empty every table first")
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    if args.reset:
        # Empty only a database this generator filled (or an empty one): never someone's working data.
        foreign = Province.objects.exclude(code__startswith="bench-").values_list("code", flat=True)[:3]
        if foreign:
            raise SystemExit(f"--reset refused: the database holds provinces not generated here ({', '.join(foreign)})")
        call_command("flush", interactive=False, verbosity=0)
    ensure_catalogue()
    provinces = args.provinces or SCALES[args.scale]
    generator = Generator(args.seed)
    started = time.perf_counter()
    for number in range(1, provinces + 1):
        generator.one_province(number)
        print(f"province {number}/{provinces}: {generator.counts} ({time.perf_counter() - started:.0f} s)", flush=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"{connection.vendor}: {provinces} provinces in {time.perf_counter() - started:.0f} s: {generator.counts}")


if __name__ == "__main__":
    main()
