package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/bottest"
)

// cliEnv is an environment with a private DATA_DIR.
func cliEnv(t *testing.T) map[string]string {
	return map[string]string{"DATA_DIR": t.TempDir(), "LOG_LEVEL": "debug"}
}

// askJSONOut runs ask --json and decodes its output, checking the exact key set.
func askJSONOut(t *testing.T, env map[string]string, q string) (askJSON, string) {
	t.Helper()
	code, stdout, stderr := runCLI(t, env, "ask", "--json", q)
	if code != 0 {
		t.Fatalf("ask --json %q: exit %d, stderr:\n%s", q, code, stderr)
	}
	var keys map[string]json.RawMessage
	if err := json.Unmarshal([]byte(stdout), &keys); err != nil {
		t.Fatalf("ask --json output is not JSON: %v\n%s", err, stdout)
	}
	got := make([]string, 0, len(keys))
	for k := range keys {
		got = append(got, k)
	}
	slices.Sort(got)
	if want := []string{"abstained", "answer", "courses", "mode", "question", "redacted", "sources"}; !slices.Equal(got, want) {
		t.Errorf("JSON keys = %v, want %v", got, want)
	}
	var out askJSON
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatal(err)
	}
	return out, stdout + stderr
}

func TestAsk_JSON(t *testing.T) {
	out, raw := askJSONOut(t, cliEnv(t), "How do I qualify for the RHIT exam?")
	if out.Abstained || out.Redacted || out.Mode != "extractive" || out.Question != "How do I qualify for the RHIT exam?" {
		t.Errorf("answer = %+v, want an extractive answer echoing the question", out)
	}
	if !strings.Contains(out.Answer, "CAHIIM") || !strings.Contains(out.Answer, "[1]") {
		t.Errorf("answer %q, want the cited CAHIIM requirement", out.Answer)
	}
	if len(out.Sources) == 0 {
		t.Fatalf("no sources:\n%s", raw)
	}
	for i, s := range out.Sources {
		if s.N != i+1 || s.DocID == "" || !strings.HasPrefix(s.ChunkID, s.DocID+"#") || s.Title == "" || s.Topic == "" ||
			!strings.HasPrefix(s.URL, "http") || s.AsOf == "" || s.Score <= 0 {
			t.Errorf("source %d = %+v, want every field set", i, s)
		}
	}
}

func TestAsk_JSONRedactsPHI(t *testing.T) {
	q := "My patient John Smith, DOB 03/14/1975, SSN 123-45-6789, needs his chart coded. Which code should I use?"
	out, raw := askJSONOut(t, cliEnv(t), q)
	if !out.Redacted || !out.Abstained || out.Answer == "" {
		t.Errorf("answer = %+v, want redacted and declined", out)
	}
	for _, secret := range []string{"123-45-6789", "03/14/1975", "John", "Smith"} {
		if strings.Contains(raw, secret) {
			t.Errorf("output or debug logs contain %q:\n%s", secret, raw)
		}
	}
}

func TestAsk_Abstains(t *testing.T) {
	for _, q := range []string{"What's the best pizza topping?", "Can you diagnose my chest pain?", "Write me a Python script to scrape a website."} {
		out, _ := askJSONOut(t, cliEnv(t), q)
		if !out.Abstained || out.Redacted || out.Answer == "" || !strings.Contains(out.Answer, "certification") {
			t.Errorf("ask %q = %+v, want a refusal naming the topics", q, out)
		}
	}
}

func TestAsk_Plain(t *testing.T) {
	code, stdout, stderr := runCLI(t, cliEnv(t), "ask", "What", "is", "an", "RHIT?")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "\nSources:\n  [1] ") || !strings.Contains(stdout, " · as of ") || !strings.Contains(stdout, "https://") {
		t.Errorf("stdout =\n%s\nwant the answer then numbered sources with links and as-of dates", stdout)
	}
	for _, line := range strings.Split(stdout, "\n") {
		if len([]rune(line)) > 80 && !strings.Contains(line, "https://") {
			t.Errorf("line longer than 80 columns: %q", line)
		}
	}
}

func TestAsk_After(t *testing.T) {
	env := cliEnv(t)
	code, stdout, stderr := runCLI(t, env, "ask", "--json", "--after", "whats the median for health info technologists", "is that yearly? whats it per hr")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var out askJSON
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatal(err)
	}
	if out.Abstained || !strings.Contains(out.Answer, "28.01") || out.Question != "is that yearly? whats it per hr" {
		t.Errorf("follow-up = %+v, want the hourly median of the thread's occupation", out)
	}
	if code, _, stderr := runCLI(t, env, "ask", "--after", " ", "and pay?"); code != 2 || !strings.Contains(stderr, "--after") {
		t.Errorf("empty --after: exit %d, %q; want 2 naming --after", code, stderr)
	}
}

func TestAsk_Usage(t *testing.T) {
	for _, args := range [][]string{{"ask"}, {"ask", ""}, {"ask", "  "}, {"ask", strings.Repeat("why ", 600)}, {"ask", "bad\x00byte"}} {
		code, _, stderr := runCLI(t, cliEnv(t), args...)
		if code != 2 || !strings.HasPrefix(lastLine(stderr), "careerbot: ") {
			t.Errorf("careerbot %.20q: exit %d, stderr %q; want 2 and a message", args, code, stderr)
		}
	}
}

func TestNewAskJSON(t *testing.T) {
	abst := newAskJSON(bot.Reply{Text: "I don't know.", Outcome: bot.OutcomeAbstained, Abstained: true})
	if abst.Mode != "extractive" || abst.Sources == nil || abst.Courses == nil {
		t.Errorf("abstention = %+v, want mode extractive and empty (not null) lists", abst)
	}
	declined := newAskJSON(bot.Reply{Text: "No.", Outcome: bot.OutcomeDeclined, Abstained: true})
	if declined.Mode != "" || declined.Answer != "No." {
		t.Errorf("declined = %+v, want no mode and the decline text as answer", declined)
	}
}

func TestStreamPrinter(t *testing.T) {
	var b bytes.Buffer
	s := &streamPrinter{w: &b}
	if s.finish(bot.Reply{Text: "x"}) {
		t.Fatal("finish with nothing streamed = true")
	}
	s.partial("The RHIT ")
	s.partial("The RHIT requires")
	s.finish(bot.Reply{Text: "The RHIT requires a degree [1].", Notice: "Note."})
	if got, want := b.String(), "The RHIT requires a degree [1].\n\nNote.\n"; got != want {
		t.Errorf("streamed %q, want %q", got, want)
	}
	b.Reset()
	s = &streamPrinter{w: &b}
	s.partial("Draft that the LLM ")
	s.finish(bot.Reply{Text: "Fallback answer."})
	if !strings.HasSuffix(b.String(), "Fallback answer.\n") || !strings.Contains(b.String(), "final one") {
		t.Errorf("streamed %q, want the final answer printed after a note", b.String())
	}
}

func TestWrapText(t *testing.T) {
	in := "- " + strings.Repeat("word ", 30) + "\n\nshort"
	got := wrapText(in, 40)
	for i, line := range strings.Split(got, "\n") {
		if len(line) > 40 {
			t.Errorf("line %d longer than 40: %q", i, line)
		}
		if i > 0 && strings.HasPrefix(line, "word") {
			t.Errorf("continuation %q not indented under the list item", line)
		}
	}
	if !strings.HasSuffix(got, "\n\nshort") || strings.Join(strings.Fields(got), " ") != strings.Join(strings.Fields(in), " ") {
		t.Errorf("wrapText changed the words or paragraphs:\n%s", got)
	}
}

func TestUserSalt_StableAcrossRestarts(t *testing.T) {
	dir := t.TempDir()
	salt := func() string {
		a := &app{cfg: Config{DataDir: dir}, log: slog.New(slog.DiscardHandler)}
		defer a.close()
		s, err := a.userSalt(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	s1, s2 := salt(), salt()
	if len(s1) != 64 || s1 != s2 {
		t.Errorf("salts %q, %q; want one stable 64-hex salt", s1, s2)
	}
}

// lastLine returns the last non-empty line of s.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}

func TestPrintSources_Pages(t *testing.T) {
	var b bytes.Buffer
	printSources(&b, bottest.PageSources)
	var want strings.Builder
	want.WriteString("\nSources:\n")
	for i, l := range bottest.PageSourceLines {
		fmt.Fprintf(&want, "  [%d] %s\n      %s\n      %s\n", i+1, l[0], l[1], bottest.PageSources[i].URL)
	}
	if b.String() != want.String() {
		t.Errorf("printed:\n%s\nwant:\n%s", b.String(), want.String())
	}
}

// TestAsk_JSONSourcePages checks ask --json over a format v2 corpus: each source is
// a page, with its own as-of date and kind.
func TestAsk_JSONSourcePages(t *testing.T) {
	env := cliEnv(t)
	env["CORPUS_DIR"] = filepath.Join("..", "..", "corpus", "testdata", "v2")
	code, stdout, stderr := runCLI(t, env, "ask", "--json", "What is the pass rate for the RHIT exam?")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var out struct {
		Sources []map[string]any `json:"sources"`
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	found := false
	for _, s := range out.Sources {
		for _, k := range []string{"n", "doc_id", "chunk_id", "title", "topic", "url", "as_of", "kind", "score"} {
			if _, ok := s[k]; !ok {
				t.Errorf("source %v lacks %q", s, k)
			}
		}
		if s["url"] == "https://college.example.edu/him/rhit" {
			found = s["as_of"] == "2019-05" && s["kind"] == "dated"
		}
	}
	if !found {
		t.Errorf("the dated pass-rate page is not cited with its own date and kind: %s", stdout)
	}
}
