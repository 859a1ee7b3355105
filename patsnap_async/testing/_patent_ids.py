"""The emulator's patent ids: each one encodes its patent number, and reads back.

A synthetic ``patent_id`` is a version-4 UUID that encodes its patent number, so that
the emulator answers the same patent whichever of the two it is asked by, from any
process, with no record of the ids it handed out. The number's characters are the
digits of a base-41 integer (0 marks its end), of at most 20 characters: below
2**108, in the UUID's 122 free bits. A 4-round Feistel network over those bits (a
bijection) scatters the ids of neighbouring numbers. Reading an id back undoes both;
an id that does not come back as a number is the id of no patent (of random v4 UUIDs,
about one in 47 000 is one).
"""

from __future__ import annotations

import hashlib
import re
from typing import Final

__all__ = [
    "MAX_PN_LENGTH",
    "PN_CHARACTERS",
    "is_patent_number",
    "patent_number_of",
    "patent_uuid",
]

#: The characters of a patent number the emulator has a patent for (upper case).
PN_CHARACTERS: Final = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-./_"
#: The longest patent number the emulator has a patent for (the longest real ones,
#: like ``US-2013/0033085-A1`` or ``WO2023123456A1``, are under 20 characters).
MAX_PN_LENGTH: Final = 20
_PN_BASE: Final = len(PN_CHARACTERS) + 1
_PN_DIGITS: Final = {character: digit for digit, character in enumerate(PN_CHARACTERS, 1)}
_HALF_BITS: Final = 61  # two halves of a v4 UUID's 122 random bits
_HALF_MASK: Final = (1 << _HALF_BITS) - 1
_FEISTEL_ROUNDS: Final = 4
_ROUND_KEYS: Final = tuple(f"patent-id {index}".encode() for index in range(_FEISTEL_ROUNDS))
_PATENT_ID: Final = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"  # a v4 UUID
)


def _round_key(index: int, half: int) -> int:
    digest = hashlib.blake2b(half.to_bytes(8, "big"), digest_size=8, key=_ROUND_KEYS[index])
    return int.from_bytes(digest.digest(), "big") & _HALF_MASK


def _scatter(bits: int) -> int:
    left, right = bits >> _HALF_BITS, bits & _HALF_MASK
    for index in range(_FEISTEL_ROUNDS):
        left, right = right, left ^ _round_key(index, right)
    return left << _HALF_BITS | right


def _gather(bits: int) -> int:
    left, right = bits >> _HALF_BITS, bits & _HALF_MASK
    for index in reversed(range(_FEISTEL_ROUNDS)):
        left, right = right ^ _round_key(index, left), left
    return left << _HALF_BITS | right


def is_patent_number(pn: str) -> bool:
    """Tell whether the emulator has a patent numbered *pn* (stripped, upper case).

    Any 1 to ``MAX_PN_LENGTH`` characters of ``PN_CHARACTERS``: so never a patent id,
    whose 36 characters are too many.
    """
    return 0 < len(pn) <= MAX_PN_LENGTH and all(c in _PN_DIGITS for c in pn)


def patent_uuid(pn: str) -> str:
    """Return the synthetic ``patent_id`` of publication number *pn*.

    The inverse of `patent_number_of`.

    Raises:
        ValueError: *pn* is not a patent number of the emulator (`is_patent_number`).
    """
    if not is_patent_number(pn):
        raise ValueError(f"not a patent number of the emulator: {pn!r}")
    number = 0
    for character in reversed(pn):
        number = number * _PN_BASE + _PN_DIGITS[character]
    bits = _scatter(number)
    # The version-4 layout: 48 bits, version 4, 12 bits, variant 0b10, 62 bits.
    layout = (bits >> 74) << 80 | 4 << 76 | (bits >> 62 & 0xFFF) << 64 | 2 << 62
    digits = f"{layout | bits & (1 << 62) - 1:032x}"
    return f"{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}"


def patent_number_of(patent_id: str) -> str | None:
    """Return the publication number whose ``patent_id`` is *patent_id*, if there is one.

    The inverse of `patent_uuid`; None for any other id (a patent number, a UUID the
    emulator never gives).
    """
    patent_id = patent_id.strip().lower()
    if _PATENT_ID.fullmatch(patent_id) is None:
        return None
    layout = int(patent_id.replace("-", ""), 16)
    bits = (layout >> 80) << 74 | (layout >> 64 & 0xFFF) << 62 | layout & (1 << 62) - 1
    number = _gather(bits)
    characters: list[str] = []
    while number and len(characters) <= MAX_PN_LENGTH:
        number, digit = divmod(number, _PN_BASE)
        if digit == 0:  # an end before the end: no number encodes to this
            return None
        characters.append(PN_CHARACTERS[digit - 1])
    if number or not characters:
        return None
    return "".join(characters)
