"""A qualified synthetic store (tests.review_fixture) with one account of each role, and a
referent limited to the busiest structure; copied for each test that writes."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import insvigil
from tests.review_fixture import build

PW = "une phrase de passe"


@dataclass(frozen=True)
class Workspace:
    db: Path
    mine: str  # the scoped referent's structure
    other: str  # a structure it does not see


def build_workspace(folder: Path) -> Workspace:
    built = build(folder)
    url = built.db_url
    with insvigil.open_store(url) as store:
        items = insvigil.list_queue(store, insvigil.QueueFilter(etat=None, limite=10_000)).items
        busiest = [s for s, _ in Counter(i.structure for i in items).most_common()]
        mine, other = busiest[0], busiest[1]
        insvigil.create_account(store, "admin", insvigil.Role.ADMIN, PW)
        insvigil.create_account(store, "ref.a", insvigil.Role.REFERENT, PW, [mine])
        insvigil.create_account(store, "ref.tous", insvigil.Role.REFERENT, PW)
        insvigil.create_account(store, "dir.a", insvigil.Role.DIRECTION, PW, [mine])
        insvigil.create_account(store, "accueil.a", insvigil.Role.ADMISSION, PW, [mine])
    return Workspace(Path(url.removeprefix("sqlite:///")), mine, other)
