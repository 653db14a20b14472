"""The import contract of docs/architecture.md, checked on the code itself.

1. An app imports only the apps below it: core, accounts, organizations, registers, awards, emulation, scoring, voting,
   proposals, reports, and api on top. The few exceptions are listed here with their reason.
2. Inside an app, a module imports only the layers below its own: enums, models, selectors, rules, services,
   forms and documents, views, urls.
3. An import inside a function says why, with a reason from a short list (`# noqa: PLC0415 - ready: ...`).
4. No module imports another module's private (underscored) name.
5. Every domain app has one layout: the same module and package names (no `views_x.py`, `x_services.py` or
   `_helpers.py` beside them).
"""

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "thidua"
APPS = [
    "core",
    "accounts",
    "organizations",
    "registers",
    "awards",
    "emulation",
    "scoring",
    "voting",
    "proposals",
    "reports",
    "api",
]
# Upward imports the architecture allows, with why.
ALLOWED_UPWARD = {
    # Every permission check needs the user's scope; scopes has no dependency of its own beyond organizations'
    # models, so core's activity-log filter and file access read it (docs/architecture.md, "the import rule bends").
    ("core/selectors.py", "thidua.organizations.scopes"),
    ("core/views.py", "thidua.organizations.scopes"),
}
LAYERS = {
    "enums": 0,
    "exceptions": 0,
    "models": 1,
    "selectors": 2,
    "rules": 3,
    "services": 4,
    "forms": 5,
    "documents": 5,
    "views": 6,
    "urls": 7,
}
REASONS = ("ready:", "cycle:", "heavy:")


def _modules():
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC)
        if "migrations" in rel.parts or rel.parts[0] not in APPS:
            continue
        yield rel, path.read_text(encoding="utf-8")


def _imports(source):
    """(node, module name, inside a function?) for every `thidua.` import of a module."""
    tree = ast.parse(source)
    inside = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            inside.update(id(child) for child in ast.walk(node) if child is not node)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            yield node, node.module, id(node) in inside
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield node, alias.name, id(node) in inside


def _layer(parts):
    return next((part.removesuffix(".py") for part in parts if part.removesuffix(".py") in LAYERS), None)


MODULES = list(_modules())


def test_the_walk_sees_the_code():
    assert len(MODULES) > 150
    assert {rel.parts[0] for rel, _source in MODULES} == set(APPS)


def test_apps_import_only_the_apps_below_them():
    upward = []
    for rel, source in MODULES:
        app = rel.parts[0]
        for node, module, _inside in _imports(source):
            parts = module.split(".")
            if parts[0] != "thidua" or len(parts) < 2 or parts[1] not in APPS:
                continue
            if APPS.index(parts[1]) > APPS.index(app) and (rel.as_posix(), module) not in ALLOWED_UPWARD:
                upward.append(f"{rel}:{node.lineno} imports {module}")
    assert upward == []


def test_modules_import_only_the_layers_below_their_own():
    upward = []
    for rel, source in MODULES:
        own = _layer(rel.parts[1:])
        if own is None:
            continue
        app = rel.parts[0]
        for node, module, _inside in _imports(source):
            parts = module.split(".")
            if parts[:2] != ["thidua", app]:
                continue
            target = _layer(parts[2:])
            if target is not None and LAYERS[target] > LAYERS[own]:
                upward.append(f"{rel}:{node.lineno} imports {module}")
    assert upward == []


def test_imports_inside_functions_say_why():
    unexplained = []
    for rel, source in MODULES:
        lines = source.splitlines()
        for node, _module, inside in _imports(source):
            if not inside:
                continue
            comment = lines[node.lineno - 1].partition("PLC0415")[2].removeprefix(" - ")
            if not comment.startswith(REASONS):
                unexplained.append(f"{rel}:{node.lineno}")
    assert unexplained == []


def test_no_module_imports_another_modules_private_names():
    private = [
        f"{rel}:{node.lineno} {module}.{alias.name}"
        for rel, source in MODULES
        for node, module, _inside in _imports(source)
        if isinstance(node, ast.ImportFrom) and module.startswith("thidua.")
        for alias in node.names
        if alias.name.startswith("_") and not alias.name.startswith("__")
    ]
    assert private == []


DOMAIN_APPS = ["organizations", "awards", "emulation", "scoring", "voting", "proposals", "reports"]
# The layers' names, and the one name for what an app's pages or services share.
LAYOUT_NAMES = {"enums", "models", "selectors", "rules", "services", "forms", "documents", "views", "urls"}
# The public pages (honour board, exemplars) are mounted at the site's root, apart from the app's own prefix.
LAYOUT_EXCEPTIONS = {"emulation/public_urls.py"}


def test_every_domain_app_has_one_layout():
    odd = []
    for app in DOMAIN_APPS:
        folder = SRC / app
        for path in folder.glob("*.py"):
            stem = path.stem
            if f"{app}/{path.name}" in LAYOUT_EXCEPTIONS:
                continue
            if stem not in LAYOUT_NAMES and any(
                stem.startswith(f"{n}_") or stem.endswith(f"_{n}") for n in LAYOUT_NAMES
            ):
                odd.append(f"{app}/{path.name}")
        for package in ("views", "services"):
            if (folder / package).is_dir():
                odd += [
                    f"{app}/{package}/{p.name}" for p in (folder / package).glob("_*.py") if p.name != "__init__.py"
                ]
        if not (folder / "views").is_dir():
            odd.append(f"{app}/views/ (a package, as in every domain app)")
    assert odd == []


@pytest.mark.parametrize(
    ("rel", "source", "problem"),
    [
        ("core/services.py", "from thidua.voting.models import Ballot\n", "upward"),
        ("voting/models.py", "from thidua.voting.services import casting\n", "layer"),
        ("voting/services/x.py", "def f():\n    from thidua.voting import tally\n", "reason"),
        ("voting/views/x.py", "from thidua.voting.services._common import _hidden\n", "private"),
    ],
)
def test_the_checks_catch_what_they_are_for(monkeypatch, rel, source, problem):
    monkeypatch.setattr(__import__(__name__, fromlist=["MODULES"]), "MODULES", [(Path(rel), source)])
    check = {
        "upward": test_apps_import_only_the_apps_below_them,
        "layer": test_modules_import_only_the_layers_below_their_own,
        "reason": test_imports_inside_functions_say_why,
        "private": test_no_module_imports_another_modules_private_names,
    }[problem]
    with pytest.raises(AssertionError):
        check()
