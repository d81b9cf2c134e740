package retrieval

import (
	"strings"
	"testing"
)

func TestEngine_BecomeTarget(t *testing.T) {
	e := builtinEngine(t)
	tests := []struct {
		query string
		want  string // a prefix of the top hit's chunk id
		avoid string // no top-3 hit may contain this fragment
	}{
		// Entering the field: not the sections on moving from it to another role.
		{"what does it take to become a health information technician", "education", "advancement#can-a-health-information-technician-become"},
		{"steps to becoming a HIT", "education", "advancement#can-a-health-information-technician-become"},
		// Moving on from the field: the section on that move.
		{"could a health information technician become a cancer registrar", "advancement#can-a-health-information-technician-become-a-cancer-registrar", ""},
	}
	for _, tt := range tests {
		r := search(t, e, tt.query, SearchOptions{K: 3})
		if len(r.Hits) == 0 || !strings.HasPrefix(r.Hits[0].ID, tt.want) {
			t.Errorf("%q: top hits %v, want first %q", tt.query, ids(r.Hits), tt.want)
		}
		for _, h := range r.Hits {
			if tt.avoid != "" && strings.Contains(h.ID, tt.avoid) {
				t.Errorf("%q: %s ranks in the top 3 though it answers the opposite move", tt.query, h.ID)
			}
		}
	}
}

func TestBecomeTarget_Same(t *testing.T) {
	e := builtinEngine(t)
	tests := []struct {
		a, b string
		same bool
	}{
		{"How do I become a HIT?", "What education do I need to become a health information technician?", true},
		{"how to become an inpatient coder", "Can a medical coder become a coding auditor?", false},
		{"becoming a medical coder", "Who can become a medical coder?", true},
	}
	for _, tt := range tests {
		a, b := e.becomeTargetOf(tt.a), e.becomeTargetOf(tt.b)
		if a == nil || b == nil {
			t.Fatalf("no target in %q or %q", tt.a, tt.b)
		}
		if got := a.same(b); got != tt.same {
			t.Errorf("same(%q, %q) = %v, want %v (targets %+v, %+v)", tt.a, tt.b, got, tt.same, *a, *b)
		}
	}
	if e.becomeTargetOf("What is a HIT?") != nil {
		t.Error("a question without become has a target")
	}
}
