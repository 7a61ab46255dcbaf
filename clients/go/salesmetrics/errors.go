package salesmetrics

import (
	"fmt"
	"strings"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// FieldViolation is one invalid field of a request.
type FieldViolation struct {
	Field, Description string
}

// Error is a failed call: its gRPC code and message, and the details the
// server attached (google.rpc.BadRequest, google.rpc.ErrorInfo).
type Error struct {
	Code            codes.Code
	Message         string
	FieldViolations []FieldViolation
	Reason, Domain  string
}

func (e *Error) Error() string {
	if len(e.FieldViolations) == 0 {
		return fmt.Sprintf("%s: %s", e.Code, e.Message)
	}
	// The message repeats the field violations; list them once, one a line.
	var b strings.Builder
	b.WriteString(e.Code.String())
	for _, v := range e.FieldViolations {
		fmt.Fprintf(&b, "\n  %s: %s", v.Field, v.Description)
	}
	return b.String()
}

// GRPCStatus lets status.Code and status.FromError see through an *Error.
func (e *Error) GRPCStatus() *status.Status { return status.New(e.Code, e.Message) }

// wrapError turns a gRPC status error into an *Error; io.EOF and nil pass as they are.
func wrapError(err error) error {
	s, ok := status.FromError(err)
	if err == nil || !ok {
		return err
	}
	e := &Error{Code: s.Code(), Message: s.Message()}
	for _, detail := range s.Details() {
		switch d := detail.(type) {
		case *errdetails.BadRequest:
			for _, v := range d.GetFieldViolations() {
				e.FieldViolations = append(e.FieldViolations, FieldViolation{v.GetField(), v.GetDescription()})
			}
		case *errdetails.ErrorInfo:
			e.Reason, e.Domain = d.GetReason(), d.GetDomain()
		}
	}
	return e
}
