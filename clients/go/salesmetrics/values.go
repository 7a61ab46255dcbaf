package salesmetrics

import (
	"fmt"
	"math/big"

	"golang.org/x/text/currency"

	pb "salesmetrics/gen/salesmetrics/v1"
)

// Money is an exact amount: integer minor units (fen, cents) of an ISO 4217
// currency.
type Money struct {
	Currency   string
	MinorUnits int64
}

// MoneyOf converts the API's Money.
func MoneyOf(m *pb.Money) Money {
	return Money{Currency: m.GetCurrencyCode(), MinorUnits: m.GetMinorUnits()}
}

// Decimal is the exact amount in major units, e.g. "34041500.00".
func (m Money) Decimal() string {
	digits := 2
	if unit, err := currency.ParseISO(m.Currency); err == nil {
		digits, _ = currency.Standard.Rounding(unit)
	}
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(digits)), nil)
	return new(big.Rat).SetFrac(big.NewInt(m.MinorUnits), scale).FloatString(digits)
}

func (m Money) String() string { return fmt.Sprintf("%s %s", m.Decimal(), m.Currency) }

// Absent reports whether v has no value, and why.
func Absent(v *pb.Value) (reason string, absent bool) {
	return v.GetAbsentReason(), v.GetKind() == nil
}

// Measure returns the named value of a result, or nil.
func Measure(r *pb.Result, name string) *pb.Value {
	for _, m := range r.GetMeasures() {
		if m.GetName() == name {
			return m.GetValue()
		}
	}
	return nil
}
