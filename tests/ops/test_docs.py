"""docs/deployment.md stays true to the code: every setting the environment controls, every command it names."""

import re
from pathlib import Path

from django.core.management import get_commands

PROJECT = Path(__file__).resolve().parents[2]
SETTINGS = PROJECT / "src" / "thidua" / "settings.py"
GUIDE = PROJECT / "docs" / "deployment.md"


def environment_variables():
    source = SETTINGS.read_text(encoding="utf-8")
    return sorted(set(re.findall(r'(?:environ\.get|env_bool|env_list)\(\s*"([A-Z0-9_]+)"', source)))


def test_the_guide_lists_every_environment_variable_settings_read():
    names = environment_variables()
    assert {"SECRET_KEY", "DATABASE_URL", "EMAIL_BACKEND", "THIDUA_DATA_DIR"} <= set(names)
    guide = GUIDE.read_text(encoding="utf-8")
    assert [name for name in names if f"`{name}`" not in guide] == []


def test_the_commands_the_guide_names_exist():
    guide = GUIDE.read_text(encoding="utf-8")
    named = set(re.findall(r"manage\.py ([a-z_]+)", guide))
    assert {"backup", "restore", "db_worker", "prune_db_task_results", "migrate", "collectstatic"} <= named
    assert sorted(named - set(get_commands())) == []
