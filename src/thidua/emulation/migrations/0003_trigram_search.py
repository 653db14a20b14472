from django.db import migrations

from thidua.core.search_indexes import trigram_indexes


class Migration(migrations.Migration):
    """The honour board's search of exemplars (folded text)."""

    dependencies = [("emulation", "0002_movements_registrations_pledges_exemplars")]

    operations = [trigram_indexes("emulation_exemplar", ("exemplar_folded_text_trgm", "folded_text"))]
