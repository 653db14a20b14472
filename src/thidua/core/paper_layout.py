"""The measured parts of Nghị định 30/2020/NĐ-CP (Phụ lục I) that both writers share: text widths, rule lengths,
column widths, the date line, the "Nơi nhận" lines, the shipped font and the WeasyPrint stylesheet.

Widths are measured with the shipped Liberation Serif, whose advance widths equal Times New Roman's, so a rule
measured here is as long as the text Word or LibreOffice draws above it.
"""

import functools
import re
from pathlib import Path

from fontTools.ttLib import TTFont

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
FONT_DIR = STATIC_DIR / "fonts"
PAPER_CSS = STATIC_DIR / "css" / "paper.css"
# The family name in @font-face: only the shipped files answer to it, so no server font can stand in.
PDF_FONT_FAMILY = "Thidua Serif"
SHIPPED_FONT_POSTSCRIPT = "LiberationSerif"
FONT_FILES = {
    (False, False): "LiberationSerif-Regular.ttf",
    (True, False): "LiberationSerif-Bold.ttf",
    (False, True): "LiberationSerif-Italic.ttf",
    (True, True): "LiberationSerif-BoldItalic.ttf",
}

# Text width of an A4 page with the margins of Phụ lục I (left 30 mm, right 15 mm).
TEXT_WIDTH_MM = {False: 165.0, True: 252.0}  # portrait, landscape
# A table cell's default left and right padding in Word and LibreOffice (0.19 cm each).
CELL_PADDING_MM = 3.8
# Phụ lục I: the rule under the issuing body and under the trích yếu is 1/3 to 1/2 of the line above it.
SHORT_RULE_SHARE = 0.4
ISSUER_SHARE = 0.38  # the header's left column; the right one holds the national title on one line

ZERO_PADDED_MONTHS = 2  # only January and February take a leading zero
NUMBER_COLUMN_MM = 12.0  # "STT", "Hạng": a column of short numbers
NARROWEST_COLUMN_MM = 10.0
SHORT_COLUMN_CHARS = 5

ARTICLE = re.compile(r"^(Điều \d+\.)\s*(.*)$", re.DOTALL)


@functools.lru_cache(maxsize=4)
def _font(bold, italic):
    font = TTFont(FONT_DIR / FONT_FILES[(bold, italic)], lazy=True)
    return font.getBestCmap(), font["hmtx"], font["head"].unitsPerEm


def text_width_mm(text, size_pt, *, bold=False, italic=False):
    """The printed width of one line of `text` in the shipped face (Times New Roman's metrics)."""
    cmap, hmtx, units = _font(bold, italic)
    advance = 0
    for char in text:
        glyph = cmap.get(ord(char))
        advance += hmtx[glyph][0] if glyph else units // 2
    return advance / units * size_pt * 25.4 / 72


def rule_under(text, size_pt, cell_mm, *, bold=True, share=1.0):
    """(rule length, indent on each side) in mm for a centred rule under `text` in a cell `cell_mm` wide.

    A text longer than the cell wraps; its longest line is then about the cell's width."""
    inner = cell_mm - CELL_PADDING_MM
    line = min(text_width_mm(text, size_pt, bold=bold), inner)
    length = line * share
    return length, max(0.0, (inner - length) / 2)


def month_text(month):
    """Phụ lục I: a month below 3 takes a leading zero ("tháng 01", "tháng 02"), the others do not ("tháng 3")."""
    return f"{month:02d}" if month <= ZERO_PADDED_MONTHS else str(month)


def vn_date_line(place, day):
    """ "Quảng Trị, ngày 05 tháng 01 năm 2024"; "Lệ Thủy, ngày 20 tháng 3 năm 2024"."""
    if day is None:
        return f"{place}, ngày      tháng      năm      "
    return f"{place}, ngày {day.day:02d} tháng {month_text(day.month)} năm {day.year}"


def split_article(text):
    """("Điều 1.", the rest) for an article of a decision, whose label prints bold; ("", text) otherwise."""
    match = ARTICLE.match(text or "")
    if match is None:
        return "", text
    return match.group(1), match.group(2)


def distribution_lines(items, drafter):
    """The "Nơi nhận" list as printed: "- item;" each, ending with "- Lưu: VT, <drafting unit>."."""
    lines = [f"- {item};" for item in items if item]
    lines.append(f"- Lưu: VT, {drafter}." if drafter else "- Lưu: VT.")
    return lines


def column_widths(headers, rows, total_mm, widths_mm=None):
    """Column widths in mm that add up to at most `total_mm`.

    Given widths are kept (scaled down if they overflow the page). Otherwise a number column ("STT", "Hạng") gets
    12 mm and the others share the rest by the length of what they hold, so a name column is not as narrow as
    a count."""
    count = len(headers)
    if widths_mm:
        widths = [float(w) for w in widths_mm]
        scale = min(1.0, total_mm / sum(widths))
        return [w * scale for w in widths]
    weights = []
    for index, header in enumerate(headers):
        texts = [str(header)] + [str(row[index]) for row in rows if row[index] is not None]
        longest = max(len(t) for t in texts)
        words = max(len(word) for t in texts for word in (t.split() or [""]))
        weights.append(max(min(longest, 48), words, 4))
    fixed = {i for i, w in enumerate(weights) if w <= SHORT_COLUMN_CHARS}
    rest = total_mm - NUMBER_COLUMN_MM * len(fixed)
    flexible = sum(w for i, w in enumerate(weights) if i not in fixed) or 1
    widths = [NUMBER_COLUMN_MM if i in fixed else rest * w / flexible for i, w in enumerate(weights)]
    if count and min(widths) < NARROWEST_COLUMN_MM:  # too many columns for the page: share equally instead
        widths = [total_mm / count] * count
    return widths
