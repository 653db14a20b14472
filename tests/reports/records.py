"""The award records the report tests count: known figures for the world fixture's 2023."""

import datetime

from tests.awards.factories import award
from tests.factories import UnitFactory


def seed_records(world):
    """Five live 2023 records of the cluster (one revoked and one elsewhere that must not count), one of 2022."""
    units = world["units"]
    return {
        "flag": award(units[0], "co-thi-dua-tinh", 2023),
        "commune": award(world["commune"], "tap-the-lao-dong-tien-tien", 2023),
        "farmer": award(world["farmer"], "bang-khen-tinh-ca-nhan", 2023, person_unit=world["commune"]),
        "clerk": award(world["clerk"], "lao-dong-tien-tien", 2023, person_unit=units[2]),
        "national": award(
            world["clerk"],
            "chien-si-thi-dua-toan-quoc",
            2023,
            person_unit=units[2],
            decision_date=datetime.date(2024, 4, 2),
        ),
        "old": award(units[1], "bang-khen-tinh", 2022),
        "revoked": award(units[1], "co-thi-dua-tinh", 2023, revoked_on=datetime.date(2024, 5, 1)),
        "elsewhere": award(UnitFactory(province=world["other_province"]), "co-thi-dua-tinh", 2023),
    }


def more_records(world, n=1):
    """n more live 2023 records per kind of recipient, for the query-count tests."""
    for _ in range(n):
        unit = UnitFactory(province=world["province"], parent=world["units"][1])
        award(unit, "giay-khen", 2023)
        award(world["farmer"], "giay-khen-ca-nhan", 2023, person_unit=world["commune"])
