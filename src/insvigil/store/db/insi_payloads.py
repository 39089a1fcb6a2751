"""INSi payloads as the store keeps them: once each, compressed (revision 0009).

A payload (the ``ins``/``traits`` part of a response, see :class:`insvigil.store.StoredInsi`) is
stored as its canonical JSON (:func:`insvigil.store.codec.dumps`: compact, keys sorted),
deflated with a preset dictionary of the words every payload repeats (its keys, the usual OID,
the return labels): a 245-byte payload takes about 65 bytes. ``hash`` is the SHA-256 of the
canonical JSON, so the same payload is stored once however many responses carry it.

The body's first byte names its format; :data:`_DICTIONARY` is frozen with format 1 (a stored
body cannot be read with another dictionary): a better one needs a new format byte, and
:func:`decode` then keeps reading both.

>>> payload = {"actif": None, "historique": [], "libelle_cr": "Aucune identite trouvee",
...            "traits": None}
>>> digest, body = encode(payload)
>>> decode(body) == payload, len(digest), len(body) < len(dumps(payload))
(True, 32, True)
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Mapping
from typing import Any

from insvigil.errors import StoreError
from insvigil.store.db.codec import dumps

__all__ = ["compress", "decode", "decode_text", "digest", "encode", "encode_text"]

_FORMAT_DEFLATE_1 = b"\x01"
#: A raw deflate stream (negative bits) written with a 1 KiB window, enough for a payload and
#: the dictionary, and twice as fast to set up as the default 32 KiB; any window reads it back
#: (the reader uses 32 KiB), so these settings may change without a new format.
_WINDOW_BITS = -10

#: Format 1's preset dictionary (frozen: see the module's doc). Deflate looks back from the end
#: of the dictionary, so the most frequent words come last.
_DICTIONARY = (
    b'{"matricule":"2","oid":"1.2.250.1.213.1.4.9"}'
    b'"libelle_cr":"Plusieurs identites trouvees","traits":null}'
    b'{"actif":null,"historique":[],"libelle_cr":"Aucune identite trouvee","traits":null}'
    b'"premier_prenom":"","prenoms_naissance":"","sexe":"F"}}'
    b'{"actif":{"matricule":"1","oid":"1.2.250.1.213.1.4.8"},"historique":[{"matricule":"2",'
    b'"oid":"1.2.250.1.213.1.4.8"}],"libelle_cr":"OK","traits":{"date_naissance":"19",'
    b'"lieu_naissance":"99","nom_naissance":"","premier_prenom":null,"prenoms_naissance":"",'
    b'"sexe":"M"}}'
)


def digest(text: str) -> bytes:
    """The SHA-256 of a payload's canonical JSON text (its key in ``insi_payloads``)."""
    return hashlib.sha256(text.encode("utf-8")).digest()


def compress(text: str) -> bytes:
    """The stored body of a payload's canonical JSON text."""
    packer = zlib.compressobj(
        6, zlib.DEFLATED, _WINDOW_BITS, 2, zlib.Z_DEFAULT_STRATEGY, _DICTIONARY
    )
    return _FORMAT_DEFLATE_1 + packer.compress(text.encode("utf-8")) + packer.flush()


def encode_text(text: str) -> tuple[bytes, bytes]:
    """(SHA-256, body) of a payload's canonical JSON text."""
    return digest(text), compress(text)


def encode(payload: Mapping[str, object]) -> tuple[bytes, bytes]:
    """(SHA-256, body) of a payload."""
    return encode_text(dumps(payload))


def decode_text(body: bytes) -> str:
    """The canonical JSON text of a stored body."""
    data = bytes(body)
    if data[:1] != _FORMAT_DEFLATE_1:
        raise StoreError(f"réponse INSi enregistrée illisible (format {data[:1].hex() or 'vide'})")
    unpacker = zlib.decompressobj(-15, zdict=_DICTIONARY)
    return (unpacker.decompress(data[1:]) + unpacker.flush()).decode("utf-8")


def decode(body: bytes) -> dict[str, Any]:
    """The payload of a stored body."""
    payload: dict[str, Any] = json.loads(decode_text(body))
    return payload
