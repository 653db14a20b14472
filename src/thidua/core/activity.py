"""Readable names for activity log action codes. Each app registers its own codes from its AppConfig.ready()."""

_LABELS = {}


def register_action_labels(labels):
    """labels: {action code: translated label}, e.g. {"unit.renamed": gettext_lazy("Đổi tên đơn vị")}."""
    _LABELS.update(labels)


def action_label(code):
    return _LABELS.get(code, "")


def action_labels():
    return dict(_LABELS)
