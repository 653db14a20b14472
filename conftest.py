import os

os.environ.setdefault("THIDUA_DATA_DIR", "/tmp/thidua-test-data")  # noqa: S108 - a throwaway folder for test runs
