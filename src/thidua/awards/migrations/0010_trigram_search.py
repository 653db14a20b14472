from django.db import migrations

from thidua.core.search_indexes import trigram_indexes


class Migration(migrations.Migration):
    """The register's and the honour board's search: the folded name, and the decision number (icontains)."""

    dependencies = [("awards", "0009_register_order_index")]

    operations = [
        trigram_indexes(
            "awards_awardrecord",
            ("award_record_folded_name_trgm", "folded_name"),
            ("award_record_decision_number_trgm", 'UPPER("decision_number"::text)'),
        )
    ]
