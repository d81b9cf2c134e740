package corpus

import (
	"regexp"
	"slices"
	"testing"
)

// The regular expressions the marker scanners must agree with.
var (
	refMarker      = regexp.MustCompile(`\[\^([^\]\n]*)\]`)
	refMarkerSpace = regexp.MustCompile(`[ \t]*\[\^[^\]\n]*\]`)
)

var markerSamples = []string{
	"", "no markers", "One.[^a] Two. [^b][^c]", "a  \t[^k] b", "[^a [^b]", "[^a\n[^b]", "[^", "[^]", "x [^a, b] y",
	"[^a]]", "[[^a]", " [^a] [^b]\t[^c]", "[^日本]", "tail [^open", "\t\t[^x]\n  [^y]",
}

func checkMarkers(t *testing.T, s string) {
	t.Helper()
	if got, want := StripMarkers(s), refMarkerSpace.ReplaceAllString(s, ""); got != want {
		t.Errorf("StripMarkers(%q) = %q, want %q", s, got, want)
	}
	var got, want []string
	forEachMarker(s, func(start, end int) { got = append(got, s[start:end]) })
	for _, m := range refMarker.FindAllString(s, -1) {
		want = append(want, m)
	}
	if !slices.Equal(got, want) {
		t.Errorf("markers of %q = %q, want %q", s, got, want)
	}
}

func TestMarkers_MatchRegexp(t *testing.T) {
	for _, s := range markerSamples {
		checkMarkers(t, s)
	}
}

func FuzzMarkers(f *testing.F) {
	for _, s := range markerSamples {
		f.Add(s)
	}
	f.Fuzz(checkMarkers)
}
