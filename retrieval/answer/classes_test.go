package answer

import (
	"strings"
	"testing"
)

// askThread asks question after the earlier questions of its thread, each answered
// in turn as a member would see it, and returns the last answer.
func askThread(t *testing.T, a *Advisor, question string, earlier ...string) Result {
	t.Helper()
	var history []Turn
	for _, q := range earlier {
		r := ask(t, a, q, history)
		history = append(history, Turn{Question: q, Answer: r.Text})
	}
	return ask(t, a, question, history)
}

// wantAll fails unless each group has one alternative in the answer.
func wantAll(t *testing.T, q string, r Result, groups ...[]string) {
	t.Helper()
	if r.Abstained {
		t.Errorf("%q: abstained", q)
		return
	}
	for _, g := range groups {
		ok := false
		for _, alt := range g {
			ok = ok || strings.Contains(strings.ToLower(r.Text), strings.ToLower(alt))
		}
		if !ok {
			t.Errorf("%q: answer lacks any of %q:\n%s", q, g, r.Text)
		}
	}
	checkCited(t, r)
}

// TestAdvisor_PayComparison: a comparison of two occupations states both sides'
// medians, whichever of them most passages name.
func TestAdvisor_PayComparison(t *testing.T) {
	a := newCorpusAdvisor(t)
	for _, q := range []string{
		"records specialist vs health information technologist, who gets paid more",
		"do medical registrars earn more than medical records specialists",
		"health information technologist or medical coder, which one pays more",
	} {
		r := askThread(t, a, q)
		wantAll(t, q, r, []string{"$50,250", "$46,660"}, []string{"$58,250"})
		first := strings.SplitN(r.Text, ". ", 2)[0]
		if !strings.Contains(first, "medical records specialists") || !strings.Contains(first, "technologists") {
			t.Errorf("%q: the answer does not open with the comparison:\n%s", q, r.Text)
		}
	}
}

// TestAdvisor_PlacePay: pay asked for a state or a town with its state code says
// first that the corpus has no figure there and gives the national median, however
// a course's provider name matches the place.
func TestAdvisor_PlacePay(t *testing.T) {
	a := newCorpusAdvisor(t)
	for _, q := range []string{
		"what do medical coders make in georgia",
		"how much do records ppl make in albany ga",
		"coder salary in chicago il?",
		"in ohio how much do rhits make",
		"how much do coders make in dayton oh",
	} {
		r := askThread(t, a, q)
		wantAll(t, q, r, []string{"national"}, []string{"$50,250"})
		if !strings.HasPrefix(r.Text, "I don't have figures") {
			t.Errorf("%q: the gap is not said first:\n%s", q, r.Text)
		}
	}
}

// TestAdvisor_FollowUpBindsToSubject: "it" and "that" in a follow-up are the
// previous turn's subject, an acronym asked about "in the him world" included.
func TestAdvisor_FollowUpBindsToSubject(t *testing.T) {
	a := newCorpusAdvisor(t)
	first := "wats cdi in the him field exactly"
	if r := askThread(t, a, first); r.Abstained {
		t.Errorf("%q: abstained", first)
	}
	for _, q := range []string{"and which certs go w it", "what cert is there for that"} {
		wantAll(t, q, askThread(t, a, q, first), []string{"CDIP", "CCDS"})
	}
}

// TestAdvisor_CredentialAndEligibility: "what's the cert for that and how do you
// qualify" names the credential and states its eligibility in specifics (hours,
// credits, a practicum), not only that employers require it.
func TestAdvisor_CredentialAndEligibility(t *testing.T) {
	a := newCorpusAdvisor(t)
	for _, tc := range []struct{ first, q string }{
		{"what does a cancer registrar do", "whats the cert for that and how do u qualify"},
		{"what do tumor registrars do all day", "what cert do they need and how do you qualify for it"},
	} {
		r := askThread(t, a, tc.q, tc.first)
		wantAll(t, tc.q, r, []string{"CTR", "Certified Tumor Registrar"}, []string{"160", "1,950", "60 college credits"})
	}
}

// TestAdvisor_FollowUpSwapsSubject: a follow-up naming only a new subject keeps the
// thread's attribute (growth) and answers it for the new subject.
func TestAdvisor_FollowUpSwapsSubject(t *testing.T) {
	a := newCorpusAdvisor(t)
	for _, tc := range []struct {
		thread []string
		q      string
		want   string
	}{
		{[]string{"is the hit field growing?", "what about registrars specifically"}, "what about the coder one, same?", "7%"},
		{[]string{"is the field growing", "what about health information technologists specifically"}, "and the medical records specialist one, same?", "7%"},
		{[]string{"is health info growing", "what about medical records specialists specifically"}, "what about the registrar one, same?", "16%"},
	} {
		r := askThread(t, a, tc.q, tc.thread...)
		wantAll(t, tc.q, r, []string{tc.want})
		if first := strings.SplitN(r.Text, ". ", 2)[0]; !strings.Contains(first, tc.want) {
			t.Errorf("%q: the first sentence does not give the new subject's figure %s:\n%s", tc.q, tc.want, r.Text)
		}
	}
}

// TestAdvisor_FollowUpKeepsThreadEntity: a follow-up naming no entity of its own is
// about the thread's, so other credentials' glossary lines stay out of its answer.
func TestAdvisor_FollowUpKeepsThreadEntity(t *testing.T) {
	a := newCorpusAdvisor(t)
	q := "whats the cert for that and how do u qualify"
	r := askThread(t, a, q, "what does a cdi specialist do")
	wantAll(t, q, r, []string{"CDIP"})
	if strings.Contains(r.Text, "CCS-P") || strings.Contains(r.Text, "CCA (") {
		t.Errorf("%q: another credential's glossary line in the answer:\n%s", q, r.Text)
	}
}

// TestAdvisor_SubjectlessQuestionInThread: a question in a thread that names no
// subject of its own ("what cert and how many hours do u need") reads against the
// thread like a follow-up, while one naming its own subject stands alone.
func TestAdvisor_SubjectlessQuestionInThread(t *testing.T) {
	a := newCorpusAdvisor(t)
	for q, want := range map[string]bool{
		"what certification and how many hours do you need": true,
		"what is the salary":            true,
		"how long is the rhit exam":     false,
		"what does a cdi specialist do": false,
		"":                              false,
	} {
		if got := a.subjectless(q); got != want {
			t.Errorf("subjectless(%q) = %v, want %v", q, got, want)
		}
	}
	q := "what cert and how many hours do u need"
	wantAll(t, q, askThread(t, a, q, "what does a cancer registrar do"), []string{"CTR"}, []string{"1,950", "160"})
}

// TestAdvisor_EligibilityFromExperience: asked whether experience alone lets one sit
// for a credential, the answer opens with that credential's rule, not with another
// credential that one sits for after it. Phrasings written for this test.
func TestAdvisor_EligibilityFromExperience(t *testing.T) {
	a := newCorpusAdvisor(t)
	for _, q := range []string{
		"been doing medical records for years with no degree, can i sit for the rhit on experience?",
		"ive coded for 6 years but never went to college, am i eligible for the rhit just on experience",
	} {
		r := askThread(t, a, q)
		wantAll(t, q, r, []string{"experience alone"})
		if first := strings.SplitN(r.Text, ". ", 2)[0]; !strings.Contains(first, "RHIT") || strings.Contains(first, "CHPS") {
			t.Errorf("%q: the answer does not open with the RHIT's rule:\n%s", q, r.Text)
		}
	}
}

// TestAdvisor_RoleComparison: two roles the corpus describes (not occupations with
// figures) are the sides of a comparison: the side whose pay the corpus states gets
// its figure, the other side is still answered, and pay figures about neither side
// (registrars' credential premium, managers' 2016 median) stay out.
func TestAdvisor_RoleComparison(t *testing.T) {
	a := newCorpusAdvisor(t)
	for _, q := range []string{
		"is coding auditor or cdi better pay",
		"weighing a CDI specialist job against coding auditor work, who earns more",
	} {
		r := askThread(t, a, q)
		wantAll(t, q, r, []string{"$70,320"}, []string{"CDI"})
		for _, off := range []string{"$25,000", "$96,540"} {
			if strings.Contains(r.Text, off) {
				t.Errorf("%q: answer has %s, a figure about neither side:\n%s", q, off, r.Text)
			}
		}
	}
	q := "privacy officer vs data analyst, what certs"
	wantAll(t, q, askThread(t, a, q), []string{"privacy officer"}, []string{"data analyst"})
}
