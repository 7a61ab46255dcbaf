"""salesmetrics.v1.Value and Money as Python values."""
import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

# Money.minor_units are hundredths of the major unit (fen, cents).
_MINOR_UNIT_EXPONENT = 2


@dataclass(frozen=True)
class Money:
    """An exact amount in major units (yuan, dollars) of an ISO 4217 currency.

    An amount obtained by division (an average) has its exact operands in
    numerator and denominator (int counts or Money).
    """

    amount: Decimal
    currency_code: str
    numerator: object = field(default=None, compare=False, repr=False)
    denominator: object = field(default=None, compare=False, repr=False)

    @property
    def minor_units(self) -> int:
        return int(self.amount.scaleb(_MINOR_UNIT_EXPONENT))

    def __str__(self):
        return f"{self.amount} {self.currency_code}"


class Ratio(float):
    """A float obtained by division, with its exact operands (int counts or
    Money) in numerator and denominator when the server sent them."""

    def __new__(cls, value, numerator=None, denominator=None):
        ratio = super().__new__(cls, value)
        ratio.numerator = numerator
        ratio.denominator = denominator
        return ratio


class Absent(NamedTuple):
    """A value the server could not give, and why; Records turn it into None."""

    reason: str


def money(message, numerator=None, denominator=None) -> Money:
    amount = Decimal(message.minor_units).scaleb(-_MINOR_UNIT_EXPONENT)
    return Money(amount, message.currency_code, numerator, denominator)


def from_value(value):
    """The Python value of a salesmetrics.v1.Value, or Absent."""
    kind = value.WhichOneof("kind")
    if kind is None:
        return Absent(value.absent_reason)
    raw = getattr(value, kind)
    operands = _operands(value.fraction) if value.HasField("fraction") else None
    if kind == "money":
        return money(raw, *(operands or ()))
    if kind == "date":
        return datetime.date.fromisoformat(raw)
    if operands and isinstance(raw, float):
        return Ratio(raw, *operands)
    return Ratio(raw) if kind == "ratio" else raw


def _operands(fraction):
    def operand(oneof):
        name = fraction.WhichOneof(oneof)
        if name is None:
            return None
        raw = getattr(fraction, name)
        return raw if isinstance(raw, int) else money(raw)

    return operand("numerator"), operand("denominator")
