package retrieval

// Course catalog entries and the course guide answer one kind of question: what to
// take or study. Their text is dense with subject words (ICD-10, HIPAA, health
// informatics, a cost of "paid"), so without a correction they outrank the document
// sections for questions that never asked about learning. A question shows learning
// intent when it uses a word of learning (course, class, learn, study, tutorial …);
// without that intent the catalog's and the guide's fused scores are scaled down,
// enough to yield to a document section of similar strength but not to hide a
// catalog entry that is clearly the best match.
const (
	courseTopic = "courses" // the topic of catalog chunks and of the course guide
	// catalogDemotion scales a catalog entry's fused score without learning intent.
	catalogDemotion = 0.6
	// guideDemotion scales a course-guide section's fused score without learning intent.
	guideDemotion = 0.85
	// learningDemotion scales a document section's fused score when the query shows
	// learning intent: a question about what to study prefers the catalog and the
	// guide, unless a section is clearly the better match.
	learningDemotion = 0.85
)

// learningWords are the words that show learning intent. "Training" and "program"
// are left out: they name schooling as often as courses, and schooling is the
// education documents' subject.
var learningWords = []string{
	"course", "courses", "class", "classes", "coursework", "curriculum", "mooc", "tutorial",
	"learn", "learning", "study", "studying", "teach", "teaching",
	"bootcamp", "lesson", "lessons", "enroll", "enrolling", "syllabus", "webinar", "workshop",
	"coursera", "edx", "udemy", "prep",
}

// learningTerms is the set of terms of [learningWords].
var learningTerms = func() map[string]bool {
	set := map[string]bool{}
	for _, w := range learningWords {
		for _, t := range Terms(w) {
			set[t] = true
		}
	}
	return set
}()

// hasLearningIntent reports whether any of terms (a query's terms, as spelt or as
// corrected) shows learning intent.
func hasLearningIntent(terms []string) bool {
	for _, t := range terms {
		if learningTerms[t] {
			return true
		}
	}
	return false
}

// prior is the factor applied to a chunk's fused score: 1, or a demotion for
// catalog entries and course-guide sections when the query shows no learning intent.
func (e *Engine) prior(doc int32, learning bool) float64 {
	c := &e.chunks[doc]
	switch {
	case learning && c.Topic != courseTopic:
		return learningDemotion
	case learning || c.Topic != courseTopic:
		return 1
	case c.CourseID != "":
		return catalogDemotion
	default:
		return guideDemotion
	}
}
