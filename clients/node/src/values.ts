import type { Fraction__Output } from './generated/salesmetrics/v1/Fraction';
import type { Measure__Output } from './generated/salesmetrics/v1/Measure';
import type { Value__Output } from './generated/salesmetrics/v1/Value';
import { Money } from './money';

// The exact operands of a value obtained by division.
export interface Fraction {
  numerator: bigint | Money;
  denominator: bigint | Money;
}

// One value of a metric. An absent value (a ratio over zero, a metric with no
// rows) has value null and says why in absentReason.
export type Value = { fraction: Fraction | null } & (
  | { kind: 'count'; value: bigint; absentReason: null }
  | { kind: 'money'; value: Money; absentReason: null }
  | { kind: 'ratio' | 'days' | 'number'; value: number; absentReason: null }
  | { kind: 'text' | 'date'; value: string; absentReason: null } // a date is a civil 'YYYY-MM-DD'
  | { kind: 'flag'; value: boolean; absentReason: null }
  | { kind: null; value: null; absentReason: string }
);

function toFraction(raw: Fraction__Output | null): Fraction | null {
  if (raw === null || raw.numerator === undefined || raw.denominator === undefined) return null;
  return {
    numerator: raw.numerator === 'moneyNumerator' ? Money.fromProto(raw.moneyNumerator!) : BigInt(raw.countNumerator!),
    denominator:
      raw.denominator === 'moneyDenominator' ? Money.fromProto(raw.moneyDenominator!) : BigInt(raw.countDenominator!),
  };
}

export function toValue(raw: Value__Output | null): Value {
  if (raw === null) return { kind: null, value: null, absentReason: 'not set by the server', fraction: null };
  const fraction = toFraction(raw.fraction);
  const present = { absentReason: null, fraction };
  switch (raw.kind) {
    case 'count': return { ...present, kind: 'count', value: BigInt(raw.count!) };
    case 'money': return { ...present, kind: 'money', value: Money.fromProto(raw.money!) };
    case 'ratio': return { ...present, kind: 'ratio', value: raw.ratio! };
    case 'days': return { ...present, kind: 'days', value: raw.days! };
    case 'number': return { ...present, kind: 'number', value: raw.number! };
    case 'text': return { ...present, kind: 'text', value: raw.text! };
    case 'date': return { ...present, kind: 'date', value: raw.date! };
    case 'flag': return { ...present, kind: 'flag', value: raw.flag! };
    case undefined: return { kind: null, value: null, absentReason: raw.absentReason, fraction };
  }
}

// Named values, in the server's order (the headline first).
export function toMeasures(raw: Measure__Output[]): Map<string, Value> {
  return new Map(raw.map((measure) => [measure.name, toValue(measure.value)]));
}
