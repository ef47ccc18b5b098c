"""Money in đồng: exact `Decimal` arithmetic, "1.250.000 đ" formatting and the amount in words.

Amounts are whole đồng. Products (a rate times a quantity) are rounded to the đồng once, half up, and
totals are sums of those rounded amounts, so a total printed under a table always equals the sum of the
lines printed above it.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

ZERO = Decimal(0)
_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
_GROUPS = ["", "nghìn", "triệu", "tỷ"]


def to_dong(value) -> Decimal:
    """A whole number of đồng from a Decimal, int or numeric text; half a đồng rounds up."""
    if value is None or value == "":
        return ZERO
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation as exc:
        raise ValueError(f"not an amount: {value!r}") from exc
    return amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)


def parse_money(text) -> Decimal | None:
    """Read an amount as typed in Vietnam: "1.250.000", "1 250 000 đ", "1250000"; None when blank.

    Dots and spaces group thousands; a comma starts the fraction (rounded to the đồng).
    Raises ValueError for anything else.
    """
    if text is None:
        return None
    if isinstance(text, int | Decimal):
        return to_dong(text)
    if isinstance(text, float):
        return to_dong(Decimal(repr(text)))
    cleaned = str(text).strip().lower()
    for suffix in ("đồng", "đ", "vnd", "vnđ"):
        cleaned = cleaned.removesuffix(suffix).strip()
    if not cleaned:
        return None
    cleaned = cleaned.replace(" ", "").replace("\u00a0", "").replace(".", "").replace(",", ".")
    negative = cleaned.startswith("-")
    body = cleaned[1:] if cleaned[:1] in ("+", "-") else cleaned
    if not body or not body.replace(".", "", 1).isdigit():
        raise ValueError(f"not an amount: {text!r}")
    amount = to_dong(Decimal(body))
    return -amount if negative else amount


def format_money(value, *, unit: bool = True) -> str:
    """1250000 -> "1.250.000 đ" (dots group thousands; whole đồng)."""
    if value is None:
        return ""
    amount = to_dong(value)
    sign = "-" if amount < 0 else ""
    digits = f"{abs(amount):,.0f}".replace(",", ".")
    return f"{sign}{digits} đ" if unit else f"{sign}{digits}"


def _three(number: int, *, full: bool) -> list[str]:
    """Words for 0-999; `full` when higher groups precede it (then "không trăm", "linh" are spoken)."""
    hundreds, rest = divmod(number, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if hundreds or full:
                words.append("linh")
            words.append(_DIGITS[units])
        return words
    if tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units == 1 and tens > 1:
        words.append("mốt")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(_DIGITS[units])
    return words


def number_in_words(number: int) -> str:
    """12345 -> "mười hai nghìn ba trăm bốn mươi lăm" (groups of three; "tỷ" repeats past a billion)."""
    if number == 0:
        return "không"
    if number < 0:
        return "âm " + number_in_words(-number)
    groups: list[int] = []
    while number:
        number, group = divmod(number, 1000)
        groups.append(group)
    words: list[str] = []
    top = len(groups) - 1
    for index in range(top, -1, -1):
        group = groups[index]
        if group == 0:
            # A run of empty groups is skipped, but "tỷ" is still said once its higher part was spoken.
            if index % 3 == 0 and index and words and words[-1] != "tỷ":
                words.append("tỷ")
            continue
        words += _three(group, full=index != top)
        name = _GROUPS[index % 3] if index % 3 else ("tỷ" if index else "")
        if name:
            words.append(name)
    return " ".join(words)


def amount_in_words(value) -> str:
    """1250000 -> "Một triệu hai trăm năm mươi nghìn đồng" (the "Bằng chữ" line of a financial paper)."""
    text = number_in_words(int(to_dong(value))) + " đồng"
    return text[:1].upper() + text[1:]
