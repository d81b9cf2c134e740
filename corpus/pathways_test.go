package corpus_test

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/careerbot/careerbot/corpus"
)

func embeddedPathways(tb testing.TB) *corpus.Pathways {
	tb.Helper()
	c := mustLoadEmbedded(tb)
	if c.Pathways == nil {
		tb.Fatal("the built-in corpus has no pathways")
	}
	return c.Pathways
}

// TestPathways_EveryStartingPoint walks every (goal, education, background) of the
// built-in pathways: each gets a route of 3 to 7 steps, every step cited and
// eligible in order, and every skipped step already held.
func TestPathways_EveryStartingPoint(t *testing.T) {
	p := embeddedPathways(t)
	n := 0
	for _, g := range p.GoalIDs() {
		for _, e := range p.EducationIDs() {
			for _, b := range p.BackgroundIDs() {
				pr := corpus.Profile{Education: e, Background: b}
				rt, err := p.Route(g, pr)
				if err != nil {
					t.Errorf("%s/%s/%s: %v", g, e, b, err)
					continue
				}
				n++
				if len(rt.Steps) < corpus.MinPlanSteps || len(rt.Steps) > corpus.MaxPlanSteps {
					t.Errorf("%s/%s/%s: %d steps", g, e, b, len(rt.Steps))
				}
				if !p.Eligible(pr, rt) {
					t.Errorf("%s/%s/%s: route %s has a step the profile cannot take", g, e, b, rt.Route.ID)
				}
				for _, s := range rt.Steps {
					for _, c := range corpus.SplitClaims(s.Detail) {
						if len(c.Keys) == 0 {
							t.Errorf("%s: step %s has an uncited sentence: %q", g, s.ID, c.Text)
						}
					}
				}
			}
		}
	}
	if want := len(p.GoalIDs()) * len(p.EducationIDs()) * len(p.BackgroundIDs()); n != want || n < 8*6*6 {
		t.Errorf("routed %d starting points, want %d (at least 288)", n, want)
	}
}

func TestPathways_Route(t *testing.T) {
	p := embeddedPathways(t)
	tests := []struct {
		goal, edu, bg string
		wantCred      string // a credential one of the steps earns
		skip          string // a step that must not appear
	}{
		{"coding", "high-school", "retail-other", "cca", "finish-high-school"},
		{"rhit", "high-school", "billing", "rhit", ""},
		{"rhia", "bachelor-him", "none", "rhia", "rhia-program"},
		{"cdi", "associate-other", "rn-lpn-cna", "cdip", ""},
		{"coding", "none", "none", "cca", ""},
	}
	for _, tt := range tests {
		t.Run(tt.goal+"/"+tt.edu+"/"+tt.bg, func(t *testing.T) {
			rt, err := p.Route(tt.goal, corpus.Profile{Education: tt.edu, Background: tt.bg})
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, s := range rt.Steps {
				found = found || s.Credential == tt.wantCred
				if s.ID == tt.skip {
					t.Errorf("step %s should be skipped", s.ID)
				}
			}
			if !found {
				t.Errorf("no step earns %s in %s", tt.wantCred, rt.Route.ID)
			}
		})
	}
}

func TestPathways_RouteUnknown(t *testing.T) {
	p := embeddedPathways(t)
	_, err := p.Route("astronaut", corpus.Profile{Education: "none", Background: "none"})
	if !errors.Is(err, corpus.ErrUnknownChoice) || !strings.Contains(err.Error(), "coding") {
		t.Errorf("unknown goal: %v", err)
	}
	_, err = p.Route("coding", corpus.Profile{Education: "phd", Background: "none"})
	if !errors.Is(err, corpus.ErrUnknownChoice) || !strings.Contains(err.Error(), "high-school") {
		t.Errorf("unknown education: %v", err)
	}
}

// TestParsePathways_Problems breaks the built-in file in one way at a time and
// expects lint to name the problem and its line.
func TestParsePathways_Problems(t *testing.T) {
	c, err := corpus.Load(corpus.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	good, err := corpus.Embedded().(interface {
		ReadFile(string) ([]byte, error)
	}).ReadFile(corpus.PathwaysFile)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, old, new, want string }{
		{"UnknownCourse", "courses: [charter-oak-him-210-icd10]\n", "courses: [no-such-course]\n", `unknown course id "no-such-course"`},
		{"UnresolvedKey", "[^medcodely] Charter", "[^nowhere] Charter", `unresolved source key "nowhere"`},
		{"UncitedSentence", "CDI staff often come from nursing or from HIM and coding work.[^medcodely]", "CDI staff often come from nursing.", "sentence has no [^key] source"},
		{"UnknownCredential", "credential: chda\n", "credential: phd\n", `unknown credential id "phd"`},
		{"UnknownStep", "steps: [data-skills, informatics-masters, chda-exam]", "steps: [data-skills, informatics-masters, chda-exam, moonwalk]", `unknown step id "moonwalk"`},
		{"MissingKind", "    kind: secondary\n  testprep-rhit:", "  testprep-rhit:", `source "open-exam-prep": kind is required`},
		{"FigureWithoutSource", "unit: week, source: charter-oak,", "unit: week,", "a figure needs a source key"},
		{"NoFigureNoNote", `cost: {note: "The sources give no CHDA fee."}`, "cost: {}", "give a figure with its source"},
		{"UnusedSource", "[^sc4]", "[^onet-29-2072]", `source "sc4" is never cited`},
		{"NoRoute", "requires: [{experience: [privacy-management]}]", "requires: [{experience: [astronaut]}]", "goal privacy: no route"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad := strings.Replace(string(good), tt.old, tt.new, 1)
			if bad == string(good) {
				t.Fatalf("test does not change the file: %q not found", tt.old)
			}
			_, probs := corpus.ParsePathways(corpus.PathwaysFile, []byte(bad), c.Courses)
			var all []string
			for _, p := range probs {
				all = append(all, p.String())
				if strings.Contains(p.Msg, tt.want) && p.Line > 0 && p.File == corpus.PathwaysFile {
					return
				}
			}
			t.Errorf("want a problem containing %q, got:\n%s", tt.want, strings.Join(all, "\n"))
		})
	}
}

func TestLoad_PathwaysOptional(t *testing.T) {
	c, err := corpus.Load(corpus.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, d := range c.Docs {
		data, _ := corpus.Embedded().(interface{ ReadFile(string) ([]byte, error) }).ReadFile(d.Path)
		fsys[d.Path] = &fstest.MapFile{Data: data}
	}
	for _, f := range []string{"courses.yaml", "synonyms.yaml"} {
		data, _ := corpus.Embedded().(interface{ ReadFile(string) ([]byte, error) }).ReadFile(f)
		fsys[f] = &fstest.MapFile{Data: data}
	}
	c2, err := corpus.Load(fsys)
	if err != nil || c2.Pathways != nil {
		t.Errorf("a corpus without pathways.yaml: err %v, pathways %v", err, c2 != nil && c2.Pathways != nil)
	}
	fsys[corpus.PathwaysFile] = &fstest.MapFile{Data: []byte("goals: [\n")}
	if _, err := corpus.Load(fsys); err == nil || !strings.Contains(err.Error(), "pathways.yaml:") {
		t.Errorf("a broken pathways.yaml: %v", err)
	}
}

func FuzzParsePathways(f *testing.F) {
	good, _ := corpus.Embedded().(interface{ ReadFile(string) ([]byte, error) }).ReadFile(corpus.PathwaysFile)
	f.Add(good)
	f.Add([]byte("goals: [{id: x, routes: [{id: r, steps: [a]}]}]\nsteps: {a: }\n"))
	f.Add([]byte("sources: {a: 1}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, probs := corpus.ParsePathways(corpus.PathwaysFile, data, nil)
		if p == nil && len(probs) == 0 {
			t.Fatal("no pathways and no problems")
		}
		if p != nil {
			for _, g := range p.GoalIDs() {
				_, _ = p.Route(g, corpus.Profile{Education: "none", Background: "none"})
			}
		}
	})
}
