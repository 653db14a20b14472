"""What the emulation views share beyond the kernel's page adapter (core/web.py): reading an id from a query."""


def int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
