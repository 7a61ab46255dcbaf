"""Response messages as Records of Python values."""
import datetime
from types import MappingProxyType, SimpleNamespace

from google.protobuf.descriptor import FieldDescriptor

from salesmetrics import values

_NO_REASONS = MappingProxyType({})


class Record(SimpleNamespace):
    """A message's fields as attributes (or items) holding Python values.

    Timestamps are aware datetimes (UTC), enums short lower-case names
    ("money", "red"; None when unspecified), unset messages None. A
    salesmetrics.v1.Value is its Python value; when absent, None, with the
    server's reason in absent_reasons[field name]. Measures become a Record
    by measure name; a table, a list of Records by column name.
    """

    __slots__ = ("_absent_reasons",)

    @property
    def absent_reasons(self):
        """Why each absent Value field (None) has no value, by field name."""
        return getattr(self, "_absent_reasons", _NO_REASONS)

    def __getitem__(self, name):
        return getattr(self, name)


def to_python(message):
    """Converts a message into a Record, or into the Python value of a Value,
    Money or Timestamp."""
    convert = _SPECIAL.get(message.DESCRIPTOR.full_name)
    if convert:
        return convert(message)
    return _record((field.name, _field(message, field)) for field in message.DESCRIPTOR.fields)


def _record(items):
    record, reasons = Record(), {}
    for name, value in items:
        if isinstance(value, values.Absent):
            reasons[name], value = value.reason, None
        setattr(record, name, value)
    if reasons:
        record._absent_reasons = MappingProxyType(reasons)
    return record


def _field(message, field):
    value = getattr(message, field.name)
    if field.message_type and field.message_type.GetOptions().map_entry:
        value_field = field.message_type.fields_by_name["value"]
        return {key: _single(value_field, item) for key, item in value.items()}
    if field.label == FieldDescriptor.LABEL_REPEATED:
        if field.message_type and field.message_type.full_name == "salesmetrics.v1.Measure":
            return _record((measure.name, values.from_value(measure.value)) for measure in value)
        return [_single(field, item) for item in value]
    if field.has_presence and not message.HasField(field.name):
        return None
    return _single(field, value)


def _single(field, value):
    if field.type == FieldDescriptor.TYPE_MESSAGE:
        return to_python(value)
    if field.type == FieldDescriptor.TYPE_ENUM:
        return _enum_name(field.enum_type, value)
    return value


def _enum_name(enum_type, number):
    """SEVERITY_RED -> "red": the name without the prefix its zero value
    (SEVERITY_UNSPECIFIED) shares with every value."""
    if number == 0:
        return None
    prefix = enum_type.values_by_number[0].name[: -len("UNSPECIFIED")]
    value = enum_type.values_by_number.get(number)
    return value.name[len(prefix):].lower() if value else number


def _table(table):
    names = [column.name for column in table.columns]
    return [_record(zip(names, map(values.from_value, row.values))) for row in table.rows]


_SPECIAL = {
    "google.protobuf.Timestamp": lambda timestamp: timestamp.ToDatetime(tzinfo=datetime.timezone.utc),
    "salesmetrics.v1.Value": values.from_value,
    "salesmetrics.v1.Money": values.money,
    "salesmetrics.v1.Table": _table,
}
