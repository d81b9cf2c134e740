package answer

import (
	"slices"
	"testing"
)

func TestAmounts(t *testing.T) {
	for text, want := range map[string][]string{
		"The fee is $229 for members and $299 for others in 2026.":  {"229", "299"},
		"About 14,200 openings a year from 2024 to 2034.":           {"14200"},
		"CS6440 and HIM 210 run one semester.":                      {"210"},
		"RHIT candidates get 3.5 hours.":                            {"3.5"},
		"SOC 29-2072 covers coders.":                                {"29"},
		"No figures here.":                                          nil,
		"BLS projected 16% growth over 2022–32, with 3,100 a year.": {"16", "3100"},
		"Growth of 7% over 2024-34.":                                {"7"},
	} {
		if got := amounts(text); !slices.Equal(got, want) {
			t.Errorf("amounts(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestDuplicates_RestatedFigures(t *testing.T) {
	first := candidate{text: "The RHIT exam costs $229 for members and $299 for others.", terms: map[string]bool{"rhit": true, "exam": true, "cost": true}, parts: 1}
	again := candidate{text: "An older page gives the same $229 and $299 fees.", terms: map[string]bool{"older": true, "page": true, "fee": true}, parts: 1}
	other := candidate{text: "The RHIT exam has 150 questions.", terms: map[string]bool{"rhit": true, "question": true}, parts: 2}
	opensPart := candidate{text: "Members pay $229, and the exam has 150 questions.", terms: map[string]bool{"member": true}, parts: 3}
	chosen := []candidate{first}
	if !duplicates(again, chosen) {
		t.Error("a sentence restating only the chosen amounts is not a duplicate")
	}
	if duplicates(other, chosen) {
		t.Error("a sentence with a new amount is a duplicate")
	}
	if duplicates(opensPart, []candidate{{text: "Members pay $229 and the exam has 150 questions.", parts: 1}}) {
		t.Error("a sentence answering a part left open is a duplicate")
	}
}
