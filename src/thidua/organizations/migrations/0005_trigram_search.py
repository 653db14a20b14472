from django.db import migrations

from thidua.core.search_indexes import trigram_indexes


class Migration(migrations.Migration):
    """The search of people and units by folded name (pages, pickers and the API)."""

    dependencies = [("organizations", "0004_person_version_position_range")]

    operations = [
        trigram_indexes("organizations_person", ("person_folded_name_trgm", "folded_name")),
        trigram_indexes("organizations_unit", ("unit_folded_name_trgm", "folded_name")),
    ]
