package answer

import (
	"strings"
	"testing"
)

// checkMap reports each input of cases for which f, named name, does not return
// the wanted string.
func checkMap(t *testing.T, name string, f func(string) string, cases map[string]string) {
	t.Helper()
	for in, want := range cases {
		if got := f(in); got != want {
			t.Errorf("%s(%q) = %q, want %q", name, in, got, want)
		}
	}
}

func TestItemHead(t *testing.T) {
	checkMap(t, "itemHead", itemHead, map[string]string{
		"hospitals, including state and private ones": "hospitals",
		"about 14,200 openings a year":                "about 14,200 openings a year",
		"a CCA, CCS, CCS-P or RHIT plus 4 years":      "a CCA, CCS, CCS-P or RHIT plus 4 years",
		"physicians' offices, 19% of jobs":            "physicians' offices, 19% of jobs",
		"no comma here":                               "no comma here",
	})
}

func TestFoldItems_KeepsFigures(t *testing.T) {
	items := []block{
		{text: "hospitals, 34% of jobs"},
		{text: "physicians' offices, 19% of jobs"},
		{text: "nursing care facilities, which also hire coders"},
	}
	for budget := 4; budget <= 20; budget++ {
		got := foldItems(items, budget)
		if strings.Contains(got, "hospitals") && !strings.Contains(got, "34%") ||
			strings.Contains(got, "physicians") && !strings.Contains(got, "19%") {
			t.Errorf("foldItems(budget %d) = %q: an item lost its figure", budget, got)
		}
	}
}

func TestLowerInitial(t *testing.T) {
	checkMap(t, "lowerInitial", lowerInitial, map[string]string{
		"Hospitals and clinics":                "hospitals and clinics",
		"A CAHIIM-accredited associate degree": "a CAHIIM-accredited associate degree",
		"The RHIT exam":                        "the RHIT exam",
		"Albany State University":              "Albany State University",
		"AHIMA credentials":                    "AHIMA credentials",
	})
}
