package document

// extraReader returns the reader of a format beyond plain text and
// Markdown, or nil when there is none.
func extraReader(f Format) readerFunc {
	return nil
}
