"""Money in đồng: "1.250.000 đ" in figures and "Một triệu hai trăm năm mươi nghìn đồng" in words.

Amounts are `Decimal` in whole đồng; fractions are rounded half up before printing, as payment sheets
and vouchers carry no hào or xu.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
# Names of the three-digit groups below a billion; billions repeat ("nghìn tỷ", "triệu tỷ", "tỷ tỷ").
_GROUPS = ("", "nghìn", "triệu")


def whole_dong(value: Decimal | int | float | str) -> int:
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def format_money(value: Decimal | int | float | str | None, unit: str = "đ") -> str:
    """1250000 → "1.250.000 đ"; None → ""; negative amounts keep their sign."""
    if value is None or value == "":
        return ""
    amount = whole_dong(value)
    text = f"{abs(amount):,}".replace(",", ".")
    sign = "-" if amount < 0 else ""
    return f"{sign}{text} {unit}".rstrip()


def _three(number: int, *, leading: bool) -> list[str]:
    """Words for 0 < number < 1000. `leading`: the highest group, which drops "không trăm"/"linh"."""
    hundreds, rest = divmod(number, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or not leading:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if words:
                words.append("linh")
            words.append(_DIGITS[units])
        return words
    words.append("mười" if tens == 1 else f"{_DIGITS[tens]} mươi")
    if units == 1 and tens > 1:
        words.append("mốt")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(_DIGITS[units])
    return words


def _below_billion(number: int, *, leading: bool) -> list[str]:
    groups = []
    while number:
        number, group = divmod(number, 1000)
        groups.append(group)
    words: list[str] = []
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if not group:
            continue
        first = leading and not words
        words += _three(group, leading=first)
        if _GROUPS[index]:
            words.append(_GROUPS[index])
    return words


def number_in_words(number: int) -> str:
    """A whole number read in Vietnamese, lower case: 105 → "một trăm linh năm"."""
    if number == 0:
        return _DIGITS[0]
    if number < 0:
        return "âm " + number_in_words(-number)
    words: list[str] = []
    billions, rest = divmod(number, 1_000_000_000)
    if billions:
        words += number_in_words(billions).split() + ["tỷ"]
    if rest:
        words += _below_billion(rest, leading=not words)
    return " ".join(words)


def amount_in_words(value: Decimal | int | float | str) -> str:
    """1250000 → "Một triệu hai trăm năm mươi nghìn đồng" (capitalised, ending in "đồng")."""
    text = f"{number_in_words(whole_dong(value))} đồng"
    return text[0].upper() + text[1:]


def to_dong(value) -> Decimal:
    """A whole number of đồng as a Decimal (half a đồng rounds up); None and "" are 0. The one rounding
    of a product (quantity × rate), so sums of stored amounts never drift."""
    if value is None or value == "":
        return Decimal(0)
    try:
        return Decimal(whole_dong(value))
    except (ArithmeticError, ValueError) as exc:
        raise ValueError(f"not an amount: {value!r}") from exc


def parse_money(text) -> Decimal | None:
    """An amount as typed in Vietnam: "1.250.000", "1 250 000 đ", "1250000"; None when blank.

    Dots and spaces group thousands, a comma starts the fraction (rounded to the đồng); anything else
    raises ValueError.
    """
    if text is None:
        return None
    if isinstance(text, int | Decimal):
        return to_dong(text)
    if isinstance(text, float):
        return to_dong(repr(text))
    cleaned = str(text).strip().lower()
    for suffix in ("đồng", "vnđ", "vnd", "đ"):
        cleaned = cleaned.removesuffix(suffix).strip()
    if not cleaned:
        return None
    cleaned = cleaned.replace(" ", "").replace("\u00a0", "").replace(".", "").replace(",", ".")
    negative = cleaned.startswith("-")
    body = cleaned[1:] if cleaned[:1] in ("+", "-") else cleaned
    if not body or not body.replace(".", "", 1).isdigit():
        raise ValueError(f"not an amount: {text!r}")
    amount = to_dong(body)
    return -amount if negative else amount
