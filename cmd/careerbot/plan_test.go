package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/bottest"
	"github.com/careerbot/careerbot/corpus"
)

var citeN = regexp.MustCompile(`\[(\d+)\]`)

// checkCited fails when text cites nothing or a number outside sources.
func checkCited(tb testing.TB, what, text string, sources []bot.Source) {
	tb.Helper()
	ms := citeN.FindAllStringSubmatch(text, -1)
	if len(ms) == 0 {
		tb.Errorf("%s is uncited: %q", what, text)
	}
	for _, m := range ms {
		n, _ := strconv.Atoi(m[1])
		if n < 1 || n > len(sources) || sources[n-1].N != n || sources[n-1].URL == "" || sources[n-1].Kind == "" {
			tb.Errorf("%s cites [%d], which no source page resolves (%d sources)", what, n, len(sources))
		}
	}
}

// TestPlan_EveryCombination builds the plan of every (education, background, goal)
// of the built-in pathways, with and without hours and remote wishes: no empty plan,
// 3 to 7 steps, every step cited, every source cited, 2 or 3 courses, and every step's
// eligibility met by the starting point plus the steps before it.
func TestPlan_EveryCombination(t *testing.T) {
	c, err := corpus.Load(corpus.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	pw := newPathways(c)
	ch := pw.PlanChoices()
	n := 0
	for _, g := range ch.Goals {
		for _, e := range ch.Educations {
			for _, b := range ch.Backgrounds {
				for _, extra := range []bot.PlanProfile{{}, {HoursPerWeek: 10, Remote: true}} {
					p := bot.PlanProfile{Goal: g.ID, Education: e.ID, Background: b.ID, HoursPerWeek: extra.HoursPerWeek, Remote: extra.Remote}
					name := g.ID + "/" + e.ID + "/" + b.ID
					rt, err := pw.Route(t.Context(), p)
					if err != nil {
						t.Errorf("%s: %v", name, err)
						continue
					}
					crt, _ := c.Pathways.Route(g.ID, corpus.Profile{Education: e.ID, Background: b.ID})
					if !c.Pathways.Eligible(corpus.Profile{Education: e.ID, Background: b.ID}, crt) {
						t.Errorf("%s: a step's eligibility is not met", name)
					}
					pl := bot.BuildPlan(rt, p)
					n++
					if len(pl.Steps) < 3 || len(pl.Steps) > 7 {
						t.Errorf("%s: %d steps", name, len(pl.Steps))
					}
					for _, s := range pl.Steps {
						checkCited(t, name+" step "+s.Title, s.Detail, pl.Sources)
						if s.Duration == "" && s.DurationNote == "" || s.Cost == "" && s.CostNote == "" {
							t.Errorf("%s step %s: a duration or cost says nothing", name, s.Title)
						}
					}
					all := pl.Markdown(ch)
					for _, s := range pl.Sources {
						if !strings.Contains(all, "["+strconv.Itoa(s.N)+"]") {
							t.Errorf("%s: source [%d] is listed but never cited", name, s.N)
						}
					}
					if len(pl.Courses) < 2 || len(pl.Courses) > 3 {
						t.Errorf("%s: %d courses", name, len(pl.Courses))
					}
					if p.Remote && !strings.Contains(all, "Remote work:") {
						t.Errorf("%s: a remote wish gets no remote note", name)
					}
				}
			}
		}
	}
	if n != 2*8*6*6 {
		t.Errorf("built %d plans, want %d", n, 2*8*6*6)
	}
}

// planCLI runs careerbot plan --json and decodes the plan.
func planCLI(t *testing.T, args ...string) planJSON {
	t.Helper()
	env := map[string]string{"DATA_DIR": t.TempDir()}
	code, stdout, stderr := runCLI(t, env, append([]string{"plan", "--json"}, args...)...)
	if code != 0 {
		t.Fatalf("plan %v: exit %d: %s", args, code, stderr)
	}
	var pl planJSON
	if err := json.Unmarshal([]byte(stdout), &pl); err != nil {
		t.Fatalf("plan --json: %v\n%s", err, stdout)
	}
	for _, s := range pl.Steps {
		checkCited(t, "step "+s.Title, s.Detail, pl.Sources)
	}
	return pl
}

func stepsText(pl planJSON) string {
	var b strings.Builder
	for _, s := range pl.Steps {
		b.WriteString(s.Title + " " + s.Detail + " " + s.Credential + "\n")
	}
	return b.String()
}

// TestPlanCmd_MustShow checks the plans the issue names.
func TestPlanCmd_MustShow(t *testing.T) {
	t.Run("HighSchoolRetailCoding", func(t *testing.T) {
		pl := planCLI(t, "--education", "high-school", "--background", "retail-other", "--goal", "coding")
		txt := stepsText(pl)
		if !strings.Contains(strings.ToLower(pl.Route+txt), "certificate") || !(strings.Contains(txt, "CCA") || strings.Contains(txt, "CPC")) {
			t.Errorf("no certificate route with the CCA or CPC:\n%s", txt)
		}
		if !slices.ContainsFunc(pl.Steps, func(s bot.PlanStep) bool { return s.Duration != "" }) {
			t.Error("no step has a duration")
		}
	})
	t.Run("RNtoCDI", func(t *testing.T) {
		txt := stepsText(planCLI(t, "--education", "associate-other", "--background", "rn-lpn-cna", "--goal", "cdi"))
		if !strings.Contains(txt, "CDIP") && !strings.Contains(txt, "CCDS") {
			t.Errorf("no CDIP or CCDS:\n%s", txt)
		}
	})
	t.Run("BillerRHIT", func(t *testing.T) {
		pl := planCLI(t, "--education", "high-school", "--background", "billing", "--goal", "rhit", "--hours-per-week", "15")
		if !strings.Contains(stepsText(pl), "CAHIIM-accredited") {
			t.Errorf("the RHIT plan does not require a CAHIIM-accredited program:\n%s", stepsText(pl))
		}
		if !slices.ContainsFunc(pl.Notes, func(n string) bool { return strings.Contains(n, "Work experience alone") }) {
			t.Errorf("no note that work experience alone does not qualify: %q", pl.Notes)
		}
	})
	t.Run("BachelorHIMtoRHIA", func(t *testing.T) {
		txt := stepsText(planCLI(t, "--education", "bachelor-him", "--background", "none", "--goal", "rhia"))
		if !strings.Contains(txt, "RHIA") {
			t.Errorf("no RHIA:\n%s", txt)
		}
	})
}

func TestPlanCmd_BadChoices(t *testing.T) {
	env := map[string]string{"DATA_DIR": t.TempDir()}
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"UnknownGoal", []string{"--education", "none", "--background", "none", "--goal", "astronaut"}, []string{"coding", "rhit", "management"}},
		{"MissingAll", nil, []string{"high-school", "retail-other", "privacy"}},
		{"BadHours", []string{"--education", "none", "--background", "none", "--goal", "coding", "--hours-per-week", "500"}, []string{"hours a week"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, env, append([]string{"plan"}, tt.args...)...)
			if code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr does not list %q: %s", w, stderr)
				}
			}
		})
	}
}

// rewordingLLM is an OpenAI-compatible server that rewords each numbered step of a
// plan request, keeping its citations unless drop is set.
func rewordingLLM(t *testing.T, drop bool) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Messages []struct{ Content string } `json:"messages"`
		}
		_ = json.NewDecoder(r.Body).Decode(&req)
		user := req.Messages[len(req.Messages)-1].Content
		var out []string
		for _, ln := range strings.Split(user, "\n") {
			if m := regexp.MustCompile(`^(\d+)\. (.*)$`).FindStringSubmatch(ln); m != nil {
				cites := strings.Join(citeN.FindAllString(m[2], -1), "")
				if drop {
					cites = ""
				}
				out = append(out, m[1]+". In plain words, this step matters for your goal "+cites)
			}
		}
		bottest.WriteChatStream(w, strings.Join(out, "\n"))
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestPlanCmd_LLM: a model that keeps every step's citations words the plan; one
// that drops them leaves the extractive plan.
func TestPlanCmd_LLM(t *testing.T) {
	for _, tt := range []struct {
		name     string
		drop     bool
		wantMode string
	}{{"KeepsCitations", false, "llm"}, {"DropsCitations", true, "extractive"}} {
		t.Run(tt.name, func(t *testing.T) {
			srv := rewordingLLM(t, tt.drop)
			env := map[string]string{"OPENAI_BASE_URL": srv.URL + "/v1", "CHAT_MODEL": "fake", "LLM_TIMEOUT": "5s", "DATA_DIR": t.TempDir(), "LOG_LEVEL": "error"}
			code, out, errOut := runCLI(t, env, "plan", "--json", "--education", "none", "--background", "none", "--goal", "privacy")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			var pl planJSON
			if err := json.Unmarshal([]byte(out), &pl); err != nil {
				t.Fatal(err)
			}
			if pl.Mode != tt.wantMode {
				t.Errorf("mode = %q, want %q", pl.Mode, tt.wantMode)
			}
			for _, s := range pl.Steps {
				checkCited(t, "step "+s.Title, s.Detail, pl.Sources)
				if reworded := strings.HasPrefix(s.Detail, "In plain words"); reworded != (tt.wantMode == "llm") {
					t.Errorf("step %d detail %q in mode %s", s.N, s.Detail, pl.Mode)
				}
			}
		})
	}
}

// TestCorpusLint_Pathways: corpus lint names a broken pathways.yaml by file and line.
func TestCorpusLint_Pathways(t *testing.T) {
	dir := copyCorpus(t)
	path := filepath.Join(dir, corpus.PathwaysFile)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(data), "courses: [charter-oak-him-210-icd10]\n", "courses: [no-such-course]\n", 1)
	broken = strings.Replace(broken, "    kind: secondary\n  testprep-rhit:", "  testprep-rhit:", 1)
	if err := os.WriteFile(path, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runCLI(t, map[string]string{"CORPUS_DIR": dir}, "corpus", "lint")
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	for _, want := range []string{path + ":", `unknown course id "no-such-course"`, `source "open-exam-prep": kind is required`} {
		if !strings.Contains(out, want) {
			t.Errorf("lint output lacks %q:\n%s", want, out)
		}
	}
	// A plan on a broken corpus fails with the cause instead of a plan.
	if code, _, errOut := runCLI(t, map[string]string{"CORPUS_DIR": dir, "DATA_DIR": t.TempDir()}, "plan", "--education", "none", "--background", "none", "--goal", "coding"); code != 1 || !strings.Contains(errOut, "pathways.yaml") {
		t.Errorf("plan on a broken corpus: exit %d, %s", code, errOut)
	}
}

// BenchmarkPlan builds one plan from the built-in pathways: route selection,
// citation numbering and the total time.
func BenchmarkPlan(b *testing.B) {
	c, err := corpus.Load(corpus.Embedded())
	if err != nil {
		b.Fatal(err)
	}
	pw := newPathways(c)
	p := bot.PlanProfile{Goal: "cdi", Education: "none", Background: "retail-other", HoursPerWeek: 10, Remote: true}
	ch := pw.PlanChoices()
	b.ReportAllocs()
	for b.Loop() {
		rt, err := pw.Route(b.Context(), p)
		if err != nil {
			b.Fatal(err)
		}
		planSink = bot.BuildPlan(rt, p).Markdown(ch)
	}
}

var planSink string
