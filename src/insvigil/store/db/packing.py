"""Column types that store fewer bytes for the same value (revision 0009).

* :class:`HexDigest`: a hexadecimal digest (``str`` in Python) kept as its bytes, half the size.
* :class:`PackedText`: a text (``str`` in Python) that repeats the same French phrases row after
  row (a queue item's summary, its details as JSON) kept deflated with a preset dictionary of
  those phrases: about a third of its size.

Both convert in SQLAlchemy Core statements (selects, updates, inserts with parameters); rows
written with the driver directly (:mod:`insvigil.store.bulk`) give the stored form themselves
(:func:`digest_bytes`, :func:`pack`).

A packed value's first byte names its format; :data:`_DICTIONARY` is frozen with format 1 (a
stored value cannot be read with another dictionary): a better one needs a new format byte,
and :func:`unpack` then keeps reading both.

>>> text = "Discordance bloquante (DI04) — nom de naissance : local « A », INSi « B »."
>>> unpack(pack(text)) == text, len(pack(text)) < len(text.encode()) // 2
(True, True)
"""

from __future__ import annotations

import zlib
from typing import Any

from sqlalchemy import Dialect, LargeBinary
from sqlalchemy.types import TypeDecorator

from insvigil.errors import StoreError

__all__ = ["HexDigest", "PackedText", "digest_bytes", "pack", "unpack"]

_FORMAT_DEFLATE_1 = b"\x01"

#: Format 1's preset dictionary (frozen: see the module's doc): the words of the queue items'
#: summaries and details. Deflate looks back from the end, so the most frequent come last.
_DICTIONARY = (
    "Combinaison d'attributs interdite (FICTIVE|HOMONYME) : FICTIVE ne se combine avec aucun "
    "autre attribut. Matricule local : Le lieu de naissance codé dans le matricule ne correspond "
    "pas au lieu de naissance du dossier (99139). Matricule INS incohérent avec les traits (MI04)"
    " : Matricule INSi : Collision : un matricule pour deux personnes (score 1,00) : Collision "
    "possible (IS12) — insi : Deux réponses INSi 00 donnent des matricules différents sans lien "
    "d'historique : collision possible (deux personnes pour un dossier). Sexe local indéterminé "
    "(I) : l'INSi renvoie M ou F. Matricule renvoyé par l'INSi invalide (format ou clé) : INS "
    "inutilisable. Matricule local différent du matricule actif INSi et absent de son historique"
    " : collision possible. Nom de naissance : séparateur d'un seul côté (mots collés ou "
    "séparés). Le nom de l'INSi est le nom utilisé local : noms inversés ? Le nom saisi est le "
    "nom utilisé : nom d'usage saisi comme nom de naissance ? C'est le prénom utilisé : prénom "
    "d'usage saisi en premier ? Discordance bloquante (DI13) — sexe : local « M », INSi « F ». "
    "Sexe différent de celui de l'INSi. Lieu de naissance différent de celui de l'INSi. "
    "Matricule local invalide (format ou clé) : reprendre le matricule de l'INSi. "
    "Matricule local : Le sexe codé dans le matricule ne correspond pas au sexe du dossier (F). "
    '{"niveaux":["nom=IDENTIQUE","prenoms=IDENTIQUES","date=IDENTIQUE","sexe=IDENTIQUE",'
    '"lieu=IDENTIQUE","matricule=ABSENT"],"raisons":["nom identique","prénoms identiques",'
    '"date de naissance identique","sexe identique","lieu de naissance identique"]} '
    "Doublon probable (score 0,95) : dossiers 750000001/00000001 et 750000001/00000002 — nom "
    "identique, prénoms identiques, date de naissance identique, sexe identique, lieu de "
    "naissance identique "
    "Discordance bloquante (DI10) — date de naissance : local « 1950-01-02 », INSi « 1950-02-01 »"
    ". Date de naissance différente de celle de l'INSi. Jour et mois inversés ? "
    "Discordance bloquante (DI06) — prénoms de naissance : local « », INSi « ». Liste des "
    "prénoms différente de celle de l'INSi (autre ordre). (prénom(s) différent(s)). "
    '{"constats":[{"code":"DI08","gravite":"BLOQUANTE","message":"Premier prénom différent de '
    'celui de l\'INSi.","trait":"premier_prenom"}],"statut":"VALIDEE"} '
    '{"constats":[{"code":"DI04","gravite":"BLOQUANTE","message":"Nom de naissance différent de '
    'celui de l\'INSi.","trait":"nom_naissance"}],"statut":"PROVISOIRE"} '
    "Discordance bloquante (DI04) — nom de naissance : local « », INSi « ». Nom de naissance "
    "différent de celui de l'INSi."
).encode()


def pack(text: str) -> bytes:
    """The stored form of a text (a raw deflate stream with a 4 KiB window, which holds the
    dictionary: faster to set up than 32 KiB; the reader's 32 KiB window reads any)."""
    packer = zlib.compressobj(6, zlib.DEFLATED, -12, 2, zlib.Z_DEFAULT_STRATEGY, _DICTIONARY)
    return _FORMAT_DEFLATE_1 + packer.compress(text.encode("utf-8")) + packer.flush()


def unpack(stored: bytes) -> str:
    """The text of a stored form."""
    data = bytes(stored)
    if data[:1] != _FORMAT_DEFLATE_1:
        raise StoreError(f"texte enregistré illisible (format {data[:1].hex() or 'vide'})")
    unpacker = zlib.decompressobj(-15, zdict=_DICTIONARY)
    return (unpacker.decompress(data[1:]) + unpacker.flush()).decode("utf-8")


def digest_bytes(digest: str) -> bytes:
    """The stored form of a hexadecimal digest."""
    return bytes.fromhex(digest)


class HexDigest(TypeDecorator[str]):
    """A hexadecimal digest kept as its bytes (``length``: the number of bytes)."""

    impl = LargeBinary
    cache_ok = True

    def __init__(self, length: int) -> None:
        super().__init__(length)

    def process_bind_param(self, value: str | None, dialect: Dialect) -> bytes | None:
        return None if value is None else digest_bytes(value)

    def process_result_value(self, value: Any | None, dialect: Dialect) -> str | None:
        return None if value is None else bytes(value).hex()


class PackedText(TypeDecorator[str]):
    """A text kept deflated with the dictionary of the queue's phrases."""

    impl = LargeBinary
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> bytes | None:
        return None if value is None else pack(value)

    def process_result_value(self, value: Any | None, dialect: Dialect) -> str | None:
        return None if value is None else unpack(value)
