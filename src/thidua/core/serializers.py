"""JSON serialization for backups that keeps every microsecond.

Django's encoder cuts datetimes and times to milliseconds (as JavaScript does), so a restored activity log
would differ from the original. This format writes full ISO values; Django's own "json" deserializer reads them.
"""

import datetime

from django.core.serializers import json as django_json
from django.core.serializers.json import DjangoJSONEncoder

FORMAT_NAME = "json-exact"


class ExactJSONEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, (datetime.datetime, datetime.time)):
            return o.isoformat()
        return super().default(o)


class Serializer(django_json.Serializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactJSONEncoder


Deserializer = django_json.Deserializer
