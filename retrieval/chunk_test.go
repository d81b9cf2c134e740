package retrieval

import (
	"strings"
	"testing"

	"github.com/careerbot/careerbot/corpus"
)

func TestSplitParagraphs(t *testing.T) {
	para := func(words int) string { return strings.TrimSpace(strings.Repeat("word ", words)) }
	tests := []struct {
		name   string
		paras  []int
		pieces []int // words per piece
	}{
		{"ShortStaysWhole", []int{100, 100}, []int{200}},
		{"LongSplitsAtParagraphs", []int{200, 200, 200}, []int{200, 200, 200}},
		{"PacksUpToLimit", []int{150, 150, 150, 150}, []int{300, 300}},
		{"ShortTailMerged", []int{300, 100, 30}, []int{300, 130}},
		{"HugeParagraphStaysWhole", []int{500}, []int{500}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ps []string
			for _, n := range tt.paras {
				ps = append(ps, para(n))
			}
			got := splitParagraphs(strings.Join(ps, "\n\n"))
			if len(got) != len(tt.pieces) {
				t.Fatalf("got %d pieces, want %d", len(got), len(tt.pieces))
			}
			for i, p := range got {
				if wordCount(p) != tt.pieces[i] {
					t.Errorf("piece %d has %d words, want %d", i, wordCount(p), tt.pieces[i])
				}
			}
		})
	}
}

func TestPlainText(t *testing.T) {
	in := "Read **the** [AHIMA page](https://ahima.org) and O*NET *survey* data.\n\n- first item\n- `ICD-10`\n1. numbered\n> quoted"
	want := "Read the AHIMA page and O*NET survey data.\n\nfirst item\nICD-10\nnumbered\nquoted"
	if got := plainText(in); got != want {
		t.Errorf("plainText:\n got %q\nwant %q", got, want)
	}
}

// TestBuildChunks_BuiltinCorpus checks the chunking invariants on the real corpus.
func TestBuildChunks_BuiltinCorpus(t *testing.T) {
	c, err := corpus.Load(corpus.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	chunks := BuildChunks(c)
	seen := map[string]bool{}
	courses := 0
	for _, ch := range chunks {
		if seen[ch.ID] {
			t.Errorf("duplicate chunk id %s", ch.ID)
		}
		seen[ch.ID] = true
		if strings.TrimSpace(ch.Text) == "" || ch.Title == "" || ch.URL == "" || !corpus.ValidTopic(ch.Topic) {
			t.Errorf("chunk %s lacks text, title, url or a valid topic: %+v", ch.ID, ch)
		}
		if ch.CourseID != "" {
			courses++
			if ch.Topic != "courses" || ch.ID != "course:"+ch.CourseID {
				t.Errorf("course chunk %s: topic %s", ch.ID, ch.Topic)
			}
		} else if !strings.HasPrefix(ch.ID, ch.DocID+"#") || ch.AsOf == "" {
			t.Errorf("chunk %s: id does not start with %s# or as_of missing", ch.ID, ch.DocID)
		}
		if strings.Contains(ch.Text, "**") || strings.Contains(ch.Text, "](") {
			t.Errorf("chunk %s keeps Markdown: %q", ch.ID, ch.Text)
		}
	}
	if courses != len(c.Courses) {
		t.Errorf("%d course chunks for %d courses", courses, len(c.Courses))
	}
}
