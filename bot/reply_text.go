package bot

import (
	"regexp"
	"strings"
)

// citationMarker matches a citation [n]: sentences that state facts carry one.
var citationMarker = regexp.MustCompile(`\[\d+\]`)

// TextBesideCourses is the reply's text for a surface that shows r.Courses on their
// own (cards, a list): a course listing (a /career courses reply) needs no text
// then, and from an answer the paragraphs that only name its courses — "Title
// (Provider)", with no citation — are left out, so each course appears once. Other
// replies keep their text as it is.
func TextBesideCourses(r Reply) string {
	if len(r.Courses) == 0 {
		return r.Text
	}
	if r.Outcome != OutcomeAnswered {
		return ""
	}
	paras := strings.Split(r.Text, "\n\n")
	kept := paras[:0]
	for _, p := range paras {
		if !namesCoursesOnly(p, r.Courses) {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, "\n\n")
}

// namesCoursesOnly reports whether paragraph p names one of courses as "Title
// (Provider)" and cites nothing.
func namesCoursesOnly(p string, courses []Course) bool {
	if citationMarker.MatchString(p) {
		return false
	}
	for _, c := range courses {
		if c.Title != "" && strings.Contains(p, c.Title+" ("+c.Provider+")") {
			return true
		}
	}
	return false
}
