package answer

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/careerbot/careerbot/bot/bottest"
	"github.com/careerbot/careerbot/corpus"
)

func courseIDs(cs []corpus.Course) []string {
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	return ids
}

func TestAdvisor_Courses(t *testing.T) {
	a := newTestAdvisor(t, &fakeSearcher{chunks: testChunks, confident: true}, nil)
	tests := []struct {
		name  string
		f     CourseFilter
		first string
		all   []string // when set, exactly these in any order
	}{
		{"CatalogTopic", CourseFilter{Topic: "medical-terminology"}, "term-paid", []string{"term-paid", "term-free"}},
		{"CatalogTopicFree", CourseFilter{Topic: "medical-terminology", Cost: "free"}, "term-free", nil},
		{"CorpusTopic", CourseFilter{Topic: "certification"}, "cpc-prep", []string{"cpc-prep"}},
		{"LevelRanks", CourseFilter{Topic: "coding", Level: "beginner"}, "cpc-prep", []string{"cpc-prep", "icd-210"}},
		{"Graduate", CourseFilter{Level: "graduate"}, "hi-masters", nil},
		{"TextWords", CourseFilter{Text: "free HIPAA privacy"}, "hipaa-free", nil},
		{"Credential", CourseFilter{Topic: "CPC"}, "cpc-prep", []string{"cpc-prep"}},
		{"UnknownTopic", CourseFilter{Topic: "astronomy"}, "", []string{}},
		{"Limit", CourseFilter{Limit: 2}, "term-paid", []string{"term-paid", "term-free"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := courseIDs(a.Courses(tt.f))
			if tt.first != "" && (len(got) == 0 || got[0] != tt.first) {
				t.Errorf("got %v, want %s first", got, tt.first)
			}
			if tt.all != nil && !sameSet(got, tt.all) {
				t.Errorf("got %v, want %v", got, tt.all)
			}
			if len(got) > defaultCourseLimit {
				t.Errorf("%d courses, more than the default limit", len(got))
			}
		})
	}
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	m := map[string]bool{}
	for _, x := range a {
		m[x] = true
	}
	for _, x := range b {
		if !m[x] {
			return false
		}
	}
	return true
}

func TestAdvisor_Ask_Courses(t *testing.T) {
	a := newTestAdvisor(t, &fakeSearcher{chunks: testChunks, confident: true}, nil)
	tests := []struct {
		question string
		first    string
		none     bool
	}{
		{"Can you suggest a free online course on medical terminology?", "term-free", false},
		{"What course should I take to learn ICD-10 coding?", "icd-210", false},
		{"Is there a beginner class to prepare for the CPC exam?", "cpc-prep", false},
		{"Are there courses on health data analytics or SQL?", "sql-basics", false},
		{"How much do medical records specialists earn?", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			r := ask(t, a, tt.question, nil)
			if tt.none {
				if len(r.Courses) != 0 {
					t.Errorf("courses for a non-course question: %v", courseIDs(r.Courses))
				}
				return
			}
			if len(r.Courses) == 0 || len(r.Courses) > askCourseLimit || r.Courses[0].ID != tt.first {
				t.Fatalf("courses %v, want %s first", courseIDs(r.Courses), tt.first)
			}
			for _, c := range r.Courses {
				if !strings.Contains(r.Text, c.Title) {
					t.Errorf("answer does not name the suggested course %q: %s", c.Title, r.Text)
				}
			}
			checkCited(t, r)
		})
	}
}

func TestAdvisor_Summary(t *testing.T) {
	a := newTestAdvisor(t, &fakeSearcher{}, nil)
	r, err := a.Summary(context.Background(), " Certification ", nil)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(r.Text, "\n")
	if !strings.HasPrefix(lines[0], "**Key points:") || r.Mode != ModeExtractive || r.Topic != "certification" {
		t.Fatalf("summary %q mode %q topic %q", r.Text, r.Mode, r.Topic)
	}
	bullets := 0
	for _, l := range lines {
		if strings.HasPrefix(l, "- ") {
			bullets++
			if !markerRe.MatchString(l) {
				t.Errorf("bullet without citation: %q", l)
			}
		}
	}
	if bullets != 6 || bullets > maxSummaryPoints {
		t.Errorf("%d bullets, want 6", bullets)
	}
	if len(r.Sources) != 2 || r.Sources[0].URL != "https://example.org/ahima" || r.Sources[1].AsOf != "2025-04" {
		t.Errorf("sources %+v", r.Sources)
	}
	checkCited(t, r)
	// Documents take turns: the second bullet comes from the second document.
	if !strings.HasSuffix(lines[3], "[2].") {
		t.Errorf("second bullet %q should cite the second document", lines[3])
	}

	_, err = a.Summary(context.Background(), "astrology", nil)
	if !errors.Is(err, ErrUnknownTopic) || !strings.Contains(err.Error(), "pay-outlook") {
		t.Errorf("unknown topic: got %v", err)
	}
	if _, err := a.Summary(context.Background(), "pay", nil); err == nil || errors.Is(err, ErrUnknownTopic) {
		t.Errorf("topic without documents: got %v", err)
	}
}

func TestAdvisor_Summary_LLM(t *testing.T) {
	tests := []struct {
		name, reply, mode string
	}{
		{"KeepsCitations", "Thinking about certification? The RHIT needs a CAHIIM-accredited associate degree [1], and the CPC is AAPC's core credential [2].", ModeLLM},
		{"DropsCitation", "Thinking about certification? The RHIT needs a CAHIIM-accredited associate degree [1].", ModeExtractive},
		{"InventsCitation", "The RHIT needs an associate degree [1], the CPC is AAPC's [2], and more [7].", ModeLLM},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, srv := newFakeChat(t, func(w http.ResponseWriter, _ *http.Request, _ int) { bottest.WriteChatStream(w, tt.reply) })
			a, _ := newLLMAdvisor(t, srv, 10*time.Second)
			var partials []string
			r, err := a.Summary(context.Background(), "certification", func(s string) { partials = append(partials, s) })
			if err != nil {
				t.Fatal(err)
			}
			if r.Mode != tt.mode {
				t.Fatalf("mode %q, want %q: %s", r.Mode, tt.mode, r.Text)
			}
			if r.Mode == ModeLLM && (len(partials) == 0 || partials[len(partials)-1] != r.Text) {
				t.Errorf("partials %q do not end with the final text %q", partials, r.Text)
			}
			for _, p := range partials {
				if !strings.HasPrefix(p, "**Key points:") {
					t.Errorf("partial %q lacks the heading", p)
				}
			}
			if strings.Contains(r.Text, "[7]") {
				t.Errorf("invented citation kept: %s", r.Text)
			}
			checkCited(t, r)
		})
	}
}

func TestIsCourseQuestion(t *testing.T) {
	tests := []struct {
		q    string
		want bool
	}{
		{"Can you suggest an online course on medical terminology?", true},
		{"Where can I study coding?", true},
		{"Is there free training for HIPAA?", true},
		{"Which certificate program should I pick?", true},
		{"Can freelance coders earn more?", false},
		{"How much do medical records specialists earn?", false},
	}
	for _, tt := range tests {
		if got := isCourseQuestion(tt.q, nil); got != tt.want {
			t.Errorf("isCourseQuestion(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
}
