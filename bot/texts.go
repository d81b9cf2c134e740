package bot

import (
	"strings"
)

// topicWords describes each corpus topic in plain words.
var topicWords = map[string]string{
	"overview":      "what the job is",
	"education":     "education and training",
	"certification": "certifications (RHIT, CCA, CCS, CPC and others)",
	"duties":        "daily duties",
	"skills":        "skills",
	"work-settings": "where technicians work",
	"pay-outlook":   "pay and job outlook",
	"challenges":    "challenges of the job",
	"advancement":   "advancement and next careers",
	"courses":       "courses",
}

// topicsInWords lists topics as a sentence fragment: "a, b and c".
func topicsInWords(topics []string) string {
	words := make([]string, 0, len(topics))
	for _, t := range topics {
		w, ok := topicWords[t]
		if !ok {
			w = strings.ReplaceAll(t, "-", " ")
		}
		words = append(words, w)
	}
	switch len(words) {
	case 0:
		return "the Health Information Technician career"
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// covers says what the bot covers.
func covers(topics []string) string {
	return "I'm a career guide for Health Information Technicians (medical records and health information). " +
		"I can help with " + topicsInWords(topics) + "."
}

const howToAsk = "Ask me a question by mentioning me, in a direct message, or with `/career ask`; " +
	"see `/career help` for more."

func declineClinicalText(topics []string) string {
	return "I can't give medical advice, diagnoses or treatment suggestions. Please talk to a doctor, " +
		"pharmacist or another licensed clinician — and if it's urgent, call your local emergency number.\n\n" + covers(topics)
}

func declineCodingText(topics []string) string {
	return "I can't code or advise on a specific patient's chart: that takes the full documentation, your " +
		"organisation's policies and a credentialed coder's review, and patient details don't belong in a chat. " +
		"Please use your coding references, your supervisor or your facility's coding resources.\n\n" +
		covers(topics) + " Ask me about coding careers, certifications or courses any time."
}

func declineOffTopicText(topics []string) string {
	return "That's outside what I can help with. " + covers(topics)
}

// abstainText is used when the Knowledge abstains without saying why.
func abstainText(topics []string) string {
	return "I don't know that one — I couldn't find it in my sources. " + covers(topics)
}

// helpText describes the bot, how to ask, and the privacy rules.
func helpText(topics, levels []string) string {
	courses := "- `/career courses` with an optional topic and level for course suggestions.\n"
	if len(levels) > 0 {
		courses = "- `/career courses` with an optional topic and level (" + strings.Join(levels, ", ") + ") for course suggestions.\n"
	}
	return "**careerbot** — " + covers(topics) + "\n\n" +
		"**How to ask**\n" +
		"- Mention me in a channel, or send me a direct message; ask follow-ups in the same thread.\n" +
		"- `/career ask` with your question.\n" +
		courses +
		"- `/career plan` opens a form (your education, background and goal) and gives you a private, cited step-by-step plan.\n" +
		"- `/career help` shows this message.\n" +
		"- Moderators: `/career-mod summary` previews a cited career summary to post; `/career-mod report` shows usage and unanswered questions.\n\n" +
		"Answers come from a curated set of sources, numbered [n] with links and \"as of\" dates. Rate them with 👍/👎.\n\n" +
		"**Privacy:** don't share patient information. I remove identifiers such as SSNs, record numbers, dates of birth, " +
		"phone numbers, e-mail addresses and patient names before anything is stored or processed. I don't give medical advice."
}
