package document

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Errors returned by Read, wrapped with the file name and details; test
// them with errors.Is.
var (
	// ErrEmpty: the file has no content.
	ErrEmpty = errors.New("empty file")
	// ErrTooLarge: the file or its extracted text exceeds a limit.
	ErrTooLarge = errors.New("too large")
	// ErrBinary: the file is binary data, not text.
	ErrBinary = errors.New("binary data, not text")
	// ErrUnsupported: the format is not one skillrank reads.
	ErrUnsupported = errors.New("unsupported format")
	// ErrFormatMismatch: the content does not match the file extension.
	ErrFormatMismatch = errors.New("content does not match extension")
	// ErrMalformed: the file is damaged or not what its format requires.
	ErrMalformed = errors.New("malformed")
	// ErrNoText: the file holds no extractable text.
	ErrNoText = errors.New("no extractable text")
	// ErrTimeout: reading took longer than Limits.Timeout.
	ErrTimeout = errors.New("took too long to read")
)

// Default limits; see Limits.
const (
	DefaultMaxFileSize     = 20 << 20
	DefaultMaxTextSize     = 2 << 20
	DefaultMaxDecompressed = 64 << 20
	DefaultTimeout         = 10 * time.Second
)

// Limits bound the work one document may cost. Zero fields take defaults.
type Limits struct {
	// MaxFileSize is the largest input accepted, in bytes.
	MaxFileSize int64
	// MaxTextSize is the largest extracted text kept, in bytes; a longer
	// text is an error rather than a silently truncated profile.
	MaxTextSize int
	// MaxDecompressed bounds the bytes inflated from a compressed container
	// (DOCX), against zip bombs.
	MaxDecompressed int64
	// Timeout bounds the time spent reading one document.
	Timeout time.Duration
}

// WithDefaults returns l with zero fields set to the defaults.
func (l Limits) WithDefaults() Limits {
	if l.MaxFileSize <= 0 {
		l.MaxFileSize = DefaultMaxFileSize
	}
	if l.MaxTextSize <= 0 {
		l.MaxTextSize = DefaultMaxTextSize
	}
	if l.MaxDecompressed <= 0 {
		l.MaxDecompressed = DefaultMaxDecompressed
	}
	if l.Timeout <= 0 {
		l.Timeout = DefaultTimeout
	}
	return l
}

// readerFunc reads data into b; it may also set fields of d that the
// format states directly (name, id, positions).
type readerFunc func(ctx context.Context, data []byte, b *Builder, d *Document, lim Limits) error

// readerFor returns the reader of a format.
func readerFor(f Format) readerFunc {
	switch f {
	case Text:
		return func(_ context.Context, data []byte, b *Builder, _ *Document, _ Limits) error {
			// Many ".txt" resumes are Markdown in all but name.
			readLines(data, b, looksLikeMarkdown(data))
			return nil
		}
	case Markdown:
		return func(_ context.Context, data []byte, b *Builder, _ *Document, _ Limits) error {
			readLines(data, b, true)
			return nil
		}
	}
	return extraReader(f)
}

// formatByExt maps file extensions to formats.
var formatByExt = map[string]Format{
	".txt": Text, ".text": Text, "": Text,
	".md": Markdown, ".markdown": Markdown, ".mdown": Markdown,
	".html": HTML, ".htm": HTML, ".xhtml": HTML,
	".json": JSONResume,
	".pdf":  PDF,
	".docx": DOCX,
}

// IsSupported reports whether a file name has an extension Read accepts;
// directory walks use it to skip unrelated files.
func IsSupported(name string) bool {
	_, ok := formatByExt[strings.ToLower(filepath.Ext(name))]
	return ok
}

// IDFromName returns the profile id for a file: its base name without extension.
func IDFromName(name string) string {
	base := filepath.Base(name)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// ReadFile reads the profile at path, refusing files over the size limit
// before reading them.
func ReadFile(ctx context.Context, path string, lim Limits) (*Document, error) {
	lim = lim.WithDefaults()
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, fmt.Errorf("%s: is a directory", path)
	}
	if st.Size() > lim.MaxFileSize {
		return nil, fmt.Errorf("%s: %w: %d bytes, limit %d", path, ErrTooLarge, st.Size(), lim.MaxFileSize)
	}
	// Read one byte past the limit: the file may grow after Stat.
	data, err := io.ReadAll(io.LimitReader(f, lim.MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return Read(ctx, path, data, lim)
}

// Read reads one profile from data; name is its path or file name and
// gives the id and, by extension, the format (confirmed by content).
// Every error names the file.
func Read(ctx context.Context, name string, data []byte, lim Limits) (*Document, error) {
	doc, err := read(ctx, name, data, lim.WithDefaults())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return doc, nil
}

func read(ctx context.Context, name string, data []byte, lim Limits) (*Document, error) {
	if int64(len(data)) > lim.MaxFileSize {
		return nil, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, len(data), lim.MaxFileSize)
	}
	var warnings []string
	if decoded, ok := decodeUTF16(data); ok {
		data = decoded
		warnings = append(warnings, "converted from UTF-16")
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, ErrEmpty
	}
	format, err := detect(name, data)
	if err != nil {
		return nil, err
	}
	d := &Document{ID: IDFromName(name), Source: name, Format: format, Warnings: warnings}
	if format == Text || format == Markdown {
		if looksBinary(data) {
			return nil, ErrBinary
		}
		if !utf8.Valid(data) {
			data, d.Warnings = repairText(data, d.Warnings)
		}
	}
	reader := readerFor(format)
	if reader == nil {
		return nil, fmt.Errorf("%w: %s", ErrUnsupported, format)
	}
	ctx, cancel := context.WithTimeout(ctx, lim.Timeout)
	defer cancel()
	b := &Builder{limit: lim.MaxTextSize + 1}
	// Readers check ctx in their loops; the goroutine lets a deadline
	// answer even for a reader stuck inside a library call (which then
	// finishes in the background and is discarded).
	done := make(chan error, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil { // a third-party parser must not take the batch down
				done <- fmt.Errorf("%w: reader failed: %v", ErrMalformed, r)
			}
		}()
		done <- reader(ctx, data, b, d, lim)
	}()
	select {
	case err = <-done:
	case <-ctx.Done():
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, fmt.Errorf("%w (limit %s)", ErrTimeout, lim.Timeout)
		}
		return nil, ctx.Err()
	}
	if err != nil {
		return nil, err
	}
	if b.Truncated() {
		return nil, fmt.Errorf("%w: extracted text exceeds %d bytes", ErrTooLarge, lim.MaxTextSize)
	}
	d.Text, d.Blocks = b.text.String(), b.blocks
	if strings.TrimSpace(d.Text) == "" {
		if format == PDF {
			return nil, fmt.Errorf("%w (scanned PDF?)", ErrNoText)
		}
		return nil, ErrNoText
	}
	if !utf8.ValidString(d.Text) {
		d.Text = strings.ToValidUTF8(d.Text, "\uFFFD")
		d.Warnings = append(d.Warnings, "invalid UTF-8 replaced with U+FFFD")
	}
	Structure(d)
	return d, nil
}

// detect picks the format from the extension and confirms it by content.
func detect(name string, data []byte) (Format, error) {
	ext := strings.ToLower(filepath.Ext(name))
	byExt, known := formatByExt[ext]
	sniffed := sniff(data)
	if !known {
		if sniffed == "" {
			return "", fmt.Errorf("%w: extension %q", ErrUnsupported, ext)
		}
		return sniffed, nil
	}
	switch {
	case byExt == sniffed, sniffed == "" && (byExt == Text || byExt == Markdown):
		return byExt, nil
	case sniffed == Text && (byExt == Markdown || byExt == HTML):
		// HTML fragments and Markdown are text to a sniffer.
		return byExt, nil
	case sniffed == HTML && (byExt == Markdown || byExt == Text):
		// Markdown may hold HTML; a .txt of HTML is read as written.
		return byExt, nil
	case ext == "":
		return sniffed, nil
	}
	what := string(sniffed)
	if what == "" {
		what = "unknown binary data"
	}
	return "", fmt.Errorf("%w: %s file holds %s", ErrFormatMismatch, ext, what)
}

// sniff names the format the content looks like, or "" when unsure.
func sniff(data []byte) Format {
	head := data
	if len(head) > 512 {
		head = head[:512]
	}
	trimmed := bytes.TrimLeft(head, " \t\r\n\ufeff")
	trimmed = bytes.TrimPrefix(trimmed, []byte("\xef\xbb\xbf"))
	lower := bytes.ToLower(trimmed)
	switch {
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return PDF
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		if bytes.Contains(data, []byte("word/")) {
			return DOCX
		}
		return ""
	case bytes.HasPrefix(trimmed, []byte("{")) || bytes.HasPrefix(trimmed, []byte("[")):
		return JSONResume
	case bytes.HasPrefix(lower, []byte("<!doctype html")) || bytes.HasPrefix(lower, []byte("<html")) ||
		bytes.HasPrefix(lower, []byte("<?xml")) && bytes.Contains(lower, []byte("<html")):
		return HTML
	case looksBinary(data):
		return ""
	}
	return Text
}

// looksBinary reports NUL bytes or many control characters in the first
// 8 KiB — text files have neither.
func looksBinary(data []byte) bool {
	if len(data) > 8192 {
		data = data[:8192]
	}
	ctrl := 0
	for _, c := range data {
		switch {
		case c == 0:
			return true
		case c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f':
			ctrl++
		}
	}
	return ctrl*10 > len(data)
}

// looksLikeMarkdown reports ATX headings ("## Experience") or bold markers
// at line starts, which plain prose does not have.
func looksLikeMarkdown(data []byte) bool {
	for _, line := range bytes.Split(data, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if _, _, ok := atxHeading(string(line)); ok && line[0] == '#' {
			return true
		}
		if bytes.HasPrefix(line, []byte("**")) || bytes.HasPrefix(line, []byte("- **")) {
			return true
		}
	}
	return false
}

// decodeUTF16 converts text with a UTF-16 byte-order mark (Windows
// Notepad's "Unicode") to UTF-8; ok is false for anything else.
func decodeUTF16(data []byte) ([]byte, bool) {
	var order binary.ByteOrder
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}):
		order = binary.LittleEndian
	case bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		order = binary.BigEndian
	default:
		return nil, false
	}
	body := data[2:]
	units := make([]uint16, len(body)/2)
	for i := range units {
		units[i] = order.Uint16(body[2*i:])
	}
	return []byte(string(utf16.Decode(units))), true
}

// repairText makes invalid UTF-8 readable: text that is mostly ASCII with
// stray high bytes is usually Windows-1252 (Latin-1) and is decoded as
// such ("Bj\xf6rn" → "Björn"); anything else gets U+FFFD for the bad bytes.
func repairText(data []byte, warnings []string) ([]byte, []string) {
	if dec, err := charmap.Windows1252.NewDecoder().Bytes(data); err == nil && looksLatin1(data) {
		return dec, append(warnings, "invalid UTF-8: decoded as Windows-1252 (Latin-1)")
	}
	return bytes.ToValidUTF8(data, []byte("\uFFFD")), append(warnings, "invalid UTF-8 replaced with U+FFFD")
}

// looksLatin1 reports text with no valid multi-byte UTF-8 sequence at all:
// a mix of UTF-8 and stray bytes is damaged UTF-8, not Latin-1.
func looksLatin1(data []byte) bool {
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r != utf8.RuneError && size > 1 {
			return false
		}
		i++
	}
	return true
}
