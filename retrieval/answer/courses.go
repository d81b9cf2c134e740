package answer

import (
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/careerbot/careerbot/corpus"
	"github.com/careerbot/careerbot/retrieval"
)

// CourseFilter narrows a course listing; empty fields match everything.
type CourseFilter struct {
	Topic string // catalog topic ("coding") or corpus topic ("certification")
	Level string // beginner, intermediate, advanced, graduate
	Cost  string // free, paid, tuition
	Text  string // free words ("online", "ICD-10", "beginner") to rank by
	Limit int    // at most this many; 0 means 5
}

// Course suggestion limits.
const (
	defaultCourseLimit = 5
	askCourseLimit     = 3
)

// courseWords maps words members use to catalog topics.
var courseWords = map[string][]string{
	"terminology": {"medical-terminology"}, "vocabulary": {"medical-terminology"},
	"anatomy": {"anatomy", "medical-terminology"}, "physiology": {"anatomy"},
	"icd": {"coding"}, "cpt": {"coding"}, "hcpcs": {"coding"}, "coding": {"coding"}, "coder": {"coding"}, "code": {"coding"},
	"billing": {"reimbursement", "coding"}, "reimbursement": {"reimbursement"},
	"sql": {"sql", "data-analytics"}, "database": {"sql"}, "analytics": {"data-analytics"}, "data": {"data-analytics"},
	"analyst": {"data-analytics"}, "statistics": {"data-analytics"},
	"hipaa": {"privacy-law"}, "privacy": {"privacy-law"}, "law": {"privacy-law"}, "legal": {"privacy-law"},
	"compliance": {"privacy-law"}, "security": {"privacy-law"},
	"ehr": {"ehr"}, "emr": {"ehr"}, "electronic": {"ehr"},
	"informatics": {"informatics"}, "ai": {"ai"}, "artificial": {"ai"},
	"registry": {"registry"}, "registrar": {"registry"}, "cancer": {"registry"}, "tumor": {"registry"},
	"management": {"management"}, "manager": {"management"}, "leadership": {"management"},
	"exam": {"exam-prep"}, "prep": {"exam-prep"}, "preparation": {"exam-prep"},
}

// corpusTopicCourses maps corpus topics to the catalog topics that serve them; a
// corpus topic missing here (overview, courses, work-settings) matches every course.
var corpusTopicCourses = map[string][]string{
	"education":     {"medical-terminology", "anatomy", "coding", "ehr", "privacy-law"},
	"certification": {"exam-prep"},
	"duties":        {"coding", "ehr", "privacy-law"},
	"skills":        {"medical-terminology", "coding", "data-analytics", "sql"},
	"pay-outlook":   {"exam-prep", "coding"},
	"challenges":    {"privacy-law", "ai", "coding"},
	"advancement":   {"management", "informatics", "data-analytics", "registry"},
}

// stemmedCourseWords is courseWords keyed by terms as [termsOf] produces them.
var stemmedCourseWords = sync.OnceValue(func() map[string][]string {
	m := map[string][]string{}
	for w, topics := range courseWords {
		for _, t := range termsOf(w) {
			m[t] = append(m[t], topics...)
		}
	}
	return m
})

var levelWords = map[string]string{
	"beginner": "beginner", "beginners": "beginner", "introductory": "beginner", "intro": "beginner",
	"basic": "beginner", "basics": "beginner", "starter": "beginner", "newbie": "beginner",
	"intermediate": "intermediate", "advanced": "advanced",
	"graduate": "graduate", "master": "graduate", "masters": "graduate", "master's": "graduate",
}

// learnPrefixes start words that mark a question about courses or learning
// ("courses", "classes", "learning", "studying", "training", "tutorials").
var learnPrefixes = []string{"course", "class", "learn", "study", "studie", "train", "tutorial",
	"mooc", "bootcamp", "beginner", "self-paced"}

// learnWords are whole words with the same meaning.
var learnWords = map[string]bool{"free": true, "online": true}

// isCourseQuestion reports whether question asks about courses or learning, or its
// best evidence is the catalog.
func isCourseQuestion(question string, hits []retrieval.Hit) bool {
	lower := strings.ToLower(question)
	if strings.Contains(lower, "certificate program") {
		return true
	}
	for _, w := range strings.FieldsFunc(lower, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' }) {
		if learnWords[w] {
			return true
		}
		for _, p := range learnPrefixes {
			if strings.HasPrefix(w, p) {
				return true
			}
		}
	}
	return len(hits) > 0 && hits[0].Topic == "courses"
}

// courseWants is what a member asked for, read from their words.
type courseWants struct {
	topics      []string // catalog topics
	credentials []string // credential ids for prepares_for
	level, cost string
	format      string
	words       map[string]bool
	boost       map[string]bool // course ids retrieval ranked for the question
	strict      bool            // only courses matching a topic or credential qualify
}

func readWants(text string, credentials map[string]bool) courseWants {
	w := courseWants{words: map[string]bool{}}
	lower := strings.ToLower(text)
	for _, f := range strings.FieldsFunc(lower, func(r rune) bool { return r == ' ' || strings.ContainsRune(",.;:!?()/\"", r) }) {
		if l, ok := levelWords[f]; ok {
			w.level = l
		}
	}
	vocab := stemmedCourseWords()
	for _, t := range termsOf(text) {
		w.words[t] = true
		for _, ct := range vocab[t] {
			if !slices.Contains(w.topics, ct) {
				w.topics = append(w.topics, ct)
			}
		}
		if credentials[t] && !slices.Contains(w.credentials, t) {
			w.credentials = append(w.credentials, t)
		}
	}
	switch {
	case strings.Contains(lower, "free"), strings.Contains(lower, "no cost"):
		w.cost = "free"
	}
	switch {
	case strings.Contains(lower, "self-paced"), strings.Contains(lower, "self paced"):
		w.format = "self-paced"
	case strings.Contains(lower, "degree"):
		w.format = "degree"
	case strings.Contains(lower, "certificate"):
		w.format = "certificate"
	}
	return w
}

// rankCourses scores the catalog against w and returns at most limit courses, best
// first, catalog order breaking ties.
func rankCourses(catalog []corpus.Course, w courseWants, limit int) []corpus.Course {
	type scored struct {
		c corpus.Course
		s float64
	}
	var list []scored
	for _, c := range catalog {
		s, ok := scoreCourse(c, w)
		if ok {
			list = append(list, scored{c, s})
		}
	}
	slices.SortStableFunc(list, func(a, b scored) int {
		switch {
		case a.s > b.s:
			return -1
		case a.s < b.s:
			return 1
		}
		return 0
	})
	var out []corpus.Course
	for _, sc := range list {
		if len(out) == limit {
			break
		}
		out = append(out, sc.c)
	}
	return out
}

// scoreCourse rates one course; ok is false when it does not qualify.
func scoreCourse(c corpus.Course, w courseWants) (float64, bool) {
	var s float64
	matched := false
	for _, t := range w.topics {
		if slices.Contains(c.Topics, t) {
			s += 3
			matched = true
		}
	}
	for _, cr := range w.credentials {
		if slices.Contains(c.PreparesFor, cr) {
			s += 4
			matched = true
		}
	}
	if w.boost[c.ID] {
		s += 2.5
		matched = true
	}
	if w.strict && !matched {
		return 0, false
	}
	switch {
	case w.level == "":
	case c.Level == w.level:
		s += 2
	default:
		s -= 1.5
	}
	switch {
	case w.cost == "":
	case c.Cost == w.cost:
		s += 2
	default:
		s -= 2
	}
	if w.format != "" && c.Format == w.format {
		s++
	}
	for t := range termSet(c.Title + " " + c.Provider + " " + c.Platform) {
		if w.words[t] {
			s += 0.5
		}
	}
	return s, true
}

// Courses ranks the catalog for f: courses of f.Topic (a catalog topic, or the
// catalog topics serving a corpus topic) first qualify, then level, cost and the free
// words of f.Text order them. It returns at most f.Limit (default 5) courses.
func (a *Advisor) Courses(f CourseFilter) []corpus.Course {
	w := readWants(f.Text, a.credentials)
	if l := strings.ToLower(strings.TrimSpace(f.Level)); l != "" {
		w.level = l
	}
	if c := strings.ToLower(strings.TrimSpace(f.Cost)); c != "" {
		w.cost = c
	}
	if topic := strings.ToLower(strings.TrimSpace(f.Topic)); topic != "" {
		if ct, ok := a.catalogTopicsFor(topic); ok {
			w.topics, w.strict = ct, len(ct) > 0
		} else {
			w.topics = append(w.topics, readWants(topic, a.credentials).topics...)
			w.credentials = append(w.credentials, readWants(topic, a.credentials).credentials...)
			w.strict = true
		}
	}
	limit := f.Limit
	if limit <= 0 {
		limit = defaultCourseLimit
	}
	return rankCourses(a.corpus.Courses, w, limit)
}

// KnowsCourseTopic reports whether topic names something the catalog can filter by: a
// catalog topic, a corpus topic, or words that map to catalog topics or credentials.
// An empty topic is known (no filter).
func (a *Advisor) KnowsCourseTopic(topic string) bool {
	topic = strings.ToLower(strings.TrimSpace(topic))
	if topic == "" {
		return true
	}
	if _, ok := a.catalogTopicsFor(topic); ok {
		return true
	}
	w := readWants(topic, a.credentials)
	return len(w.topics) > 0 || len(w.credentials) > 0
}

// catalogTopicsFor maps a filter topic to catalog topics: a catalog topic as is, a
// corpus topic through corpusTopicCourses (nil meaning every course). ok is false
// when topic is neither.
func (a *Advisor) catalogTopicsFor(topic string) ([]string, bool) {
	if a.catalogTopics[topic] {
		return []string{topic}, true
	}
	if t, ok := normalizeTopic(topic); ok && t == strings.ReplaceAll(topic, " ", "-") {
		return corpusTopicCourses[t], true
	}
	return nil, false
}

// suggestCourses picks up to three courses for a course question, by the topics,
// credentials, level and cost it names and the catalog entries retrieval ranked.
func (a *Advisor) suggestCourses(question string, hits []retrieval.Hit) []corpus.Course {
	w := readWants(question, a.credentials)
	w.boost = map[string]bool{}
	for _, h := range hits {
		if h.CourseID != "" {
			w.boost[h.CourseID] = true
		}
	}
	w.strict = len(w.topics) > 0 || len(w.credentials) > 0 || len(w.boost) > 0
	if !w.strict && w.level == "" && w.cost == "" {
		return nil
	}
	return rankCourses(a.corpus.Courses, w, askCourseLimit)
}

// courseSentence names the suggested courses the text does not already name, in a
// sentence of their own, so an answer to "suggest a course on X" names courses; ""
// when the text names them all or there are none.
func courseSentence(text string, courses []corpus.Course) string {
	lower := strings.ToLower(text)
	var names []string
	for _, c := range courses {
		if !strings.Contains(lower, strings.ToLower(c.Title)) {
			names = append(names, c.Title+" ("+c.Provider+")")
		}
	}
	if len(names) == 0 {
		return ""
	}
	if len(names) < len(courses) {
		return "Also worth a look: " + orList(names) + "."
	}
	return "Courses to consider: " + orList(names) + "."
}
