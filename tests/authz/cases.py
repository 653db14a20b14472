"""How to call each URL: its arguments, taken from the world's named objects, and what each role must get back.

An expectation maps an answer to the roles that get it, e.g. `{200: "officer_a admin", LOGIN: "anon", 404: REST}`:
- an HTTP status (200, 302, 400, 403, 404, 405, 409, ...);
- LOGIN: a redirect to the login page (anonymous visitors of pages that need an account);
- REST: every role not named elsewhere in the same expectation.
Arguments: `Obj("name")` is the primary key of the world's object; other values are used as they are.
"""

from dataclasses import dataclass, field

LOGIN = "login"
REST = "rest"
ALL = "all"


@dataclass(frozen=True)
class Obj:
    """An object of the world, by name; `attr` picks one of its fields instead of the primary key."""

    name: str
    attr: str = "pk"


SAME = "same as GET"


@dataclass
class Case:
    """A page (name "namespace:name") asked with GET and with an empty POST, or an API operation (name
    "METHOD /api/v1/path", `get` is its expectation) asked with the smallest valid body plus `body`."""

    name: str
    kwargs: dict = field(default_factory=dict)
    get: dict = field(default_factory=dict)
    post: object = SAME
    writes: str = ""  # the roles whose request writes something (every write is logged)
    query: str = ""
    body: dict = field(default_factory=dict)
    label: str = ""  # tells apart two cases of one URL

    @property
    def ident(self):
        return f"{self.name}[{self.label}]" if self.label else self.name


def resolve(expectation, roles):
    """{role: answer} for every role, from {answer: "role role ..." or REST or ALL}."""
    by_role = {}
    rest = None
    for answer, who in expectation.items():
        if who == REST:
            rest = answer
            continue
        for role in roles if who == ALL else who.split():
            if role in by_role:
                raise ValueError(f"role {role} listed twice")
            by_role[role] = answer
    for role in roles:
        if role not in by_role:
            if rest is None:
                raise ValueError(f"no answer for {role}")
            by_role[role] = rest
    return by_role
