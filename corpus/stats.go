package corpus

import (
	"slices"
	"strings"
)

// TopicStats counts one topic's share of the corpus.
type TopicStats struct {
	Topic     string
	Documents int
	Sections  int
	Words     int
	Courses   int // catalog entries whose topics include this corpus topic, or all for "courses"
}

// CorpusStats is the result of [Stats].
type CorpusStats struct {
	Topics  []TopicStats // in [Topics] order
	Total   TopicStats
	Missing []string // topics with no document
}

// Stats counts documents, sections, words and courses per topic.
func Stats(c *Corpus) CorpusStats {
	var st CorpusStats
	for _, t := range Topics {
		ts := TopicStats{Topic: t}
		for _, d := range c.DocsByTopic(t) {
			ts.Documents++
			ts.Sections += len(d.Sections)
			for _, s := range d.Sections {
				ts.Words += len(strings.Fields(s.Text))
			}
		}
		for _, co := range c.Courses {
			if courseServes(co, t) {
				ts.Courses++
			}
		}
		if ts.Documents == 0 {
			st.Missing = append(st.Missing, t)
		}
		st.Total.Documents += ts.Documents
		st.Total.Sections += ts.Sections
		st.Total.Words += ts.Words
		st.Topics = append(st.Topics, ts)
	}
	st.Total.Topic = "total"
	st.Total.Courses = len(c.Courses)
	return st
}

// courseServes reports whether a catalog entry belongs under a corpus topic: every
// entry under "courses", credential preparation under "certification", degrees and
// certificates under "education", and management or informatics courses under
// "advancement".
func courseServes(co Course, topic string) bool {
	switch topic {
	case "courses":
		return true
	case "certification":
		return len(co.PreparesFor) > 0 || co.Format == "exam-prep" || slices.Contains(co.Topics, "exam-prep")
	case "education":
		return co.Format == "degree" || co.Format == "certificate"
	case "advancement":
		return co.Level == "graduate" || slices.Contains(co.Topics, "management") || slices.Contains(co.Topics, "informatics")
	case "skills":
		return slices.Contains(co.Topics, "data-analytics") || slices.Contains(co.Topics, "sql") || slices.Contains(co.Topics, "ehr")
	case "challenges":
		return slices.Contains(co.Topics, "privacy-law") || slices.Contains(co.Topics, "ai")
	}
	return slices.Contains(co.Topics, topic)
}
