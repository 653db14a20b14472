"""Vietnamese text helpers: accent folding for search, and sorting that follows the Vietnamese alphabet."""

import unicodedata

_VI_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_ORDER = {ch: i for i, ch in enumerate(_VI_ALPHABET)}


def fold(text):
    """Lower-case text without diacritics: "Lệ Thủy" -> "le thuy", "Đồng Hới" -> "dong hoi".

    đ is a letter of its own, not an accented d, so NFD does not split it: it is mapped by hand.
    """
    if not text:
        return ""
    text = text.replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.lower().split())


def _base_letter(ch):
    # Keep the letter's own shape (ă, â, ê, ô, ơ, ư, đ) but drop the tone mark.
    decomposed = unicodedata.normalize("NFD", ch.lower())
    base = decomposed[0]
    marks = [m for m in decomposed[1:] if m in "\u0306\u0302\u031b"]  # breve, circumflex, horn
    return unicodedata.normalize("NFC", base + "".join(marks))


def sort_key(text):
    """A key that sorts Vietnamese names as a Vietnamese reader expects (a < ă < â < b ... đ after d)."""
    key = []
    for ch in text or "":
        letter = _base_letter(ch)
        key.append((_ORDER.get(letter, 100 + ord(letter[0])), letter))
    return key
