package retrieval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/careerbot/careerbot/corpus"
)

func TestZZDump(t *testing.T) {
	out := os.Getenv("SS_DUMP")
	if out == "" {
		t.Skip()
	}
	var qs []struct {
		Q      string   `json:"question"`
		After  []string `json:"after"`
		Topics []string `json:"topics"`
	}
	for _, f := range []string{"/work/shared/eval/questions.jsonl", "/work/shared/eval/members.jsonl", "../cmd/careerbot/testdata/heldout.jsonl"} {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			if strings.TrimSpace(sc.Text()) == "" {
				continue
			}
			var q struct {
				Q      string   `json:"question"`
				After  []string `json:"after"`
				Topics []string `json:"topics"`
			}
			if err := json.Unmarshal(sc.Bytes(), &q); err != nil {
				t.Fatal(err)
			}
			qs = append(qs, q)
		}
	}
	extra := []string{"", "   ", "???", "hw much do RHITs make lol", "certfication for codng", "whats the pay 4 a medical coder in texas", "CCS-P vs CPC-A", "I am a CNA, can I become a nurse practitioner?", "$50,250 7% 29-2072", "pharmacy tech job", "become a cancer registrar", "Ünïcödé ñame tést", "info tech", "health info tech salary"}
	for _, src := range []string{"builtin", "1k"} {
		c, err := corpus.Load(corpus.Embedded())
		if src == "1k" {
			c, err = corpus.Load(os.DirFS("/tmp/ss/corpus1k"))
		}
		if err != nil {
			t.Fatal(err)
		}
		e := openTest(t, c, NewLocalEmbedder(c.Synonyms), "")
		f, _ := os.Create(out + "-" + src + ".txt")
		dump := func(q string, o SearchOptions) {
			r := search(t, e, q, o)
			fmt.Fprintf(f, "Q %q k=%d topic=%q conf=%v ok=%v\n", q, o.K, o.Topic, r.Confidence, r.Confident)
			for _, h := range r.Hits {
				fmt.Fprintf(f, "  %d %s %v\n", h.Rank, h.ID, h.Score)
			}
		}
		for _, q := range qs {
			texts := append(append([]string{}, q.After...), q.Q)
			for _, tx := range texts {
				dump(tx, SearchOptions{})
				dump(tx, SearchOptions{K: 20})
				for _, tp := range q.Topics {
					dump(tx, SearchOptions{K: 5, Topic: tp})
				}
				dump(strings.ToUpper(tx), SearchOptions{K: 3})
			}
		}
		for _, tx := range extra {
			dump(tx, SearchOptions{})
			dump(tx, SearchOptions{K: 50})
		}
		f.Close()
	}
}

func BenchmarkZZEval(b *testing.B) {
	var qs []string
	for _, f := range []string{"/work/shared/eval/questions.jsonl", "/work/shared/eval/members.jsonl"} {
		fh, _ := os.Open(f)
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			var q struct {
				Q string `json:"question"`
			}
			if json.Unmarshal(sc.Bytes(), &q) == nil && q.Q != "" {
				qs = append(qs, q.Q)
			}
		}
	}
	c := builtinCorpus(b)
	e := openTest(b, c, NewLocalEmbedder(c.Synonyms), "")
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		sinkResults, _ = e.Search(b.Context(), qs[i%len(qs)], SearchOptions{K: 5})
		i++
	}
}
