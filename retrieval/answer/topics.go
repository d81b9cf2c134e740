package answer

import (
	"strings"

	"github.com/careerbot/careerbot/corpus"
)

// topicLabels names the corpus topics in everyday words.
var topicLabels = map[string]string{
	"overview":      "what the job is",
	"education":     "education and training",
	"certification": "certifications such as the RHIT, CCA and CPC",
	"duties":        "daily duties",
	"skills":        "skills",
	"work-settings": "where health information technicians work",
	"pay-outlook":   "pay and job outlook",
	"challenges":    "challenges of the work",
	"advancement":   "moving up in the career",
	"courses":       "courses to take",
}

// TopicLabel returns topic in everyday words, or the topic itself when it has no label.
func TopicLabel(topic string) string {
	if l, ok := topicLabels[topic]; ok {
		return l
	}
	return strings.ReplaceAll(topic, "-", " ")
}

// AbstainText is the reply when the corpus has no good evidence for a question: it
// says so and names, in everyday words, the topics the bot covers.
func AbstainText() string {
	labels := make([]string, len(corpus.Topics))
	for i, t := range corpus.Topics {
		labels[i] = TopicLabel(t)
	}
	list := strings.Join(labels[:len(labels)-1], ", ") + " and " + labels[len(labels)-1]
	return "I don't know that one yet, and I'd rather not guess. I answer questions about careers as a " +
		"health information technician: " + list + ". Try asking about one of those."
}

// normalizeTopic maps what a member typed ("Pay", "work settings", "cert") to a
// corpus topic: an exact match, or the only topic it is a prefix of.
func normalizeTopic(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '_' || r == '-' }), "-")
	if s == "" {
		return "", false
	}
	if corpus.ValidTopic(s) {
		return s, true
	}
	var match string
	for _, t := range corpus.Topics {
		if strings.HasPrefix(t, s) {
			if match != "" {
				return "", false
			}
			match = t
		}
	}
	return match, match != ""
}
