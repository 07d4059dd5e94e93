package document

import (
	"context"
	"errors"
	"fmt"
	"runtime"
)

// extraReader returns the reader of a format beyond plain text and
// Markdown, or nil when there is none.
func extraReader(f Format) readerFunc {
	switch f {
	case HTML:
		return readHTML
	case JSONResume:
		return readJSONResume
	case PDF:
		return readPDF
	case DOCX:
		return readDOCX
	}
	return nil
}

// ctxCheckEvery is how many loop steps readers take between looks at
// ctx: often enough to stop within milliseconds, rarely enough to cost
// nothing measurable.
const ctxCheckEvery = 1024

// checkCtx returns ctx's error, wrapped as ErrTimeout when the deadline
// passed, so that a reader stopped mid-way reports why.
func checkCtx(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return fmt.Errorf("%w: %v", ErrTimeout, err)
		}
		return err
	}
	return nil
}

// libraryPanic turns a value recovered from a third-party parser into an
// ErrMalformed error naming the format. Runtime errors (nil dereference,
// index out of range) are library bugs triggered by damaged input; they
// are reported the same way, since the input is what the user can fix.
func libraryPanic(format string, r any) error {
	if e, ok := r.(runtime.Error); ok {
		return fmt.Errorf("%w: %s: damaged file (parser failed: %v)", ErrMalformed, format, e)
	}
	if e, ok := r.(error); ok {
		return fmt.Errorf("%w: %s: %v", ErrMalformed, format, e)
	}
	return fmt.Errorf("%w: %s: %v", ErrMalformed, format, r)
}
