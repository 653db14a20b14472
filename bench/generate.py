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

The same seed and size give the same dataset: each province has its own random stream, so a run stopped midway
can be resumed (without --reset, provinces already in the database are kept and skipped). --reset empties every table
first (Django's flush). On PostgreSQL the large tables are written with COPY (see insert()).
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
from django.utils import timezone  # noqa: E402

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


def maker(model):
    """A faster model(**values) for the large tables: Django's keyword __init__ looks up every field's default for
    each object; positional arguments over a row of the defaults skip that (a third of a province's time)."""
    fields = model._meta.concrete_fields  # noqa: SLF001 - Django's documented model metadata API
    blank = model()
    template = [getattr(blank, f.attname) for f in fields]
    index = {f.attname: i for i, f in enumerate(fields)}

    def make(**values):
        row = template.copy()
        for name, value in values.items():
            row[index[name]] = value
        return model(*row)

    return make


def insert(model, objs):
    """bulk_create() for the large tables; on PostgreSQL by COPY, with the ids taken from the table's sequence first
    so that objs get their pk as with bulk_create. bulk_create spent ~70% of a province's time in Django's per-value
    preparation and psycopg's quoting of the UNNEST arrays: 270 s a province on the shared machine, 2.5 h for 34."""
    if connection.vendor != "postgresql" or not objs:
        return model.objects.bulk_create(objs, batch_size=BATCH)
    meta = model._meta  # noqa: SLF001 - Django's documented model metadata API
    fields = meta.concrete_fields
    now = timezone.now()
    stamped = [f.attname for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
    json = [f for f in fields if f.get_internal_type() == "JSONField"]
    connection.ensure_connection()
    raw = connection.connection  # the same transaction as the ORM's
    with raw.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(objs)],
        )
        for obj, (pk,) in zip(objs, cursor.fetchall(), strict=True):
            obj.pk = pk
            for name in stamped:
                setattr(obj, name, now)
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        names = [f.attname for f in fields]
        with cursor.copy(f"COPY {connection.ops.quote_name(meta.db_table)} ({columns}) FROM STDIN") as copy:
            for obj in objs:
                row = [getattr(obj, name) for name in names]
                for field in json:
                    index = fields.index(field)
                    row[index] = field.get_db_prep_save(row[index], connection)
                copy.write_row(row)
    for obj in objs:
        obj._state.adding, obj._state.db = False, connection.alias  # noqa: SLF001 - as bulk_create leaves them
    return objs


class Generator:
    def __init__(self, seed):

        self.seed = seed
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
        years, member_units = [], []
        for index, cluster in enumerate(clusters):
            for year in YEARS:
                if cluster.kind == ClusterKind.BLOCK:
                    pool, parts, part = agencies, BLOCKS, index - TERRITORIAL_CLUSTERS
                else:
                    pool, parts, part = (old if year < MERGER_DAY.year else new), TERRITORIAL_CLUSTERS, index
                units = pool[part::parts]
                # The first two members lead the year (the page shows them).
                leader, deputy = [*units[:2], None, None][:2]
                years.append(ClusterYear(cluster=cluster, year=year, leader=leader, deputy=deputy))
                member_units.append(units)
        years = ClusterYear.objects.bulk_create(years)
        pairs = zip(years, member_units, strict=True)
        members = [ClusterMembership(cluster_year=y, unit=u) for y, units in pairs for u in units]
        ClusterMembership.objects.bulk_create(members, batch_size=BATCH)
        self.counts["clusters"] += len(clusters)
        return clusters, years

    def people(self, province, old, agencies, successor_of):

        rng = self.rng
        people, new_person = [], maker(Person)
        for _ in range(PEOPLE):
            middle = rng.choice(MIDDLE)
            name = f"{rng.choice(SURNAMES)} {middle} {rng.choice(GIVEN)}"
            people.append(
                new_person(
                    full_name=name,
                    folded_name=fold(name),
                    gender=Gender.FEMALE if middle == "Thị" else rng.choice([Gender.MALE, Gender.FEMALE]),
                    birth_date=datetime.date(rng.randint(1965, 2000), rng.randint(1, 12), rng.randint(1, 28)),
                    province_id=province.pk,
                    is_direct_labourer=rng.random() < DIRECT_LABOURERS,
                    is_invented=True,
                )
            )
        people = insert(Person, people)
        posts, unit_of, new_post = [], {}, maker(Position)
        start = datetime.date(2015, 1, 1)
        for person in people:
            if rng.random() < IN_COMMUNES:
                commune = rng.choice(old)
                later = successor_of[commune.pk]
                posts.append(new_post(person_id=person.pk, unit_id=commune.pk, title="Công chức", valid_from=start,
                                      valid_to=LAST_OLD_DAY))  # fmt: skip
                posts.append(new_post(person_id=person.pk, unit_id=later.pk, title="Công chức", valid_from=MERGER_DAY))
                unit_of[person.pk] = (commune, later)
            else:
                agency = rng.choice(agencies)
                posts.append(new_post(person_id=person.pk, unit_id=agency.pk, title="Chuyên viên", valid_from=start))
                unit_of[person.pk] = (agency, agency)
        insert(Position, posts)
        self.counts["people"] += len(people)
        return people, unit_of

    # Register --------------------------------------------------------------------------------------------------
    def register(self, province, people, unit_of, units):
        """Award records and task ratings of people and units, in bulk; returns the records for the log."""

        rng = self.rng
        past = [y for y in YEARS if y < max(YEARS)]  # the current year has no awards yet
        records, ratings = [], []
        new_record, new_rating = maker(AwardRecord), maker(TaskRating)

        def record(form, year, **recipient):
            r = new_record(
                award_form_id=form.pk,
                year=year,
                decision_number=f"{rng.randint(1, 3000)}/QĐ-UBND",
                decision_date=datetime.date(year + 1, rng.randint(1, 4), rng.randint(1, 28)),
                issuer="Chủ tịch UBND",
                achievement_kind=AchievementKind.ANNUAL,
                province_id=province.pk,
                source=RecordSource.IMPORT,
                is_invented=True,
                **recipient,
            )
            r.set_folded_name()
            records.append(r)

        grades = list(TaskCompletion)
        for person in people:
            before, after = unit_of[person.pk]
            rated = sorted(rng.sample(past, min(len(past), max(1, round(rng.gauss(RATINGS_PER_PERSON, 1.5))))))
            for year in rated:
                grade = rng.choices(grades, weights=[25, 55, 17, 3])[0]
                ratings.append(new_rating(person_id=person.pk, year=year, completion=grade, is_invented=True))
            for year in rng.sample(past, min(len(past), max(0, round(rng.gauss(AWARDS_PER_PERSON, 1.5))))):
                unit = before if year < MERGER_DAY.year else after
                record(rng.choice(self.person_grassroots), year, person_id=person.pk, recipient_name=person.full_name,
                       person_unit_id=unit.pk, person_unit_name=unit.full_name)  # fmt: skip
        for unit in units:
            for year in past:
                # 2025 counts for both the old communes (to 30/06) and the new ones (from 01/07).
                if (unit.valid_from and unit.valid_from.year > year) or (unit.valid_to and unit.valid_to.year < year):
                    continue
                forms = self.unit_high if rng.random() < HIGH_AWARDS else self.unit_grassroots
                record(rng.choice(forms), year, unit_id=unit.pk, recipient_name=unit.full_name)
                ratings.append(new_rating(unit_id=unit.pk, year=year, completion=TaskCompletion.GOOD, is_invented=True))
        records = insert(AwardRecord, records)
        insert(TaskRating, ratings)
        self.counts["awards"] += len(records)
        self.counts["ratings"] += len(ratings)
        return records

    def activity_log(self, province, records):

        content_type = ContentType.objects.get_for_model(AwardRecord)
        chosen = self.rng.sample(records, min(LOG_ENTRIES, len(records)))
        new_entry = maker(ActivityLogEntry)
        insert(
            ActivityLogEntry,
            [
                new_entry(
                    action="award.recorded",
                    content_type_id=content_type.pk,
                    object_id=str(r.pk),
                    object_repr=str(r.recipient_name)[:300],
                    province_id=province.pk,
                    unit_id=r.unit_id or r.person_unit_id,
                    new_values={"year": r.year, "decision_number": r.decision_number},
                )
                for r in chosen
            ],
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

        self.rng = random.Random(f"{self.seed}:{number}")  # a province's own stream: a stopped run can be resumed
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
    present = set(Province.objects.filter(code__startswith="bench-").values_list("code", flat=True))
    for number in range(1, provinces + 1):
        if f"bench-{number:02d}" in present:
            print(f"province {number}/{provinces}: already there, kept", flush=True)
            continue
        generator.one_province(number)
        print(f"province {number}/{provinces}: {generator.counts} ({time.perf_counter() - started:.0f} s)", flush=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"{connection.vendor}: {provinces} provinces in {time.perf_counter() - started:.0f} s: {generator.counts}")


if __name__ == "__main__":
    main()
