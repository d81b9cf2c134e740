package answer

import (
	"slices"
	"strings"
	"unicode"

	"github.com/careerbot/careerbot/corpus"
	"github.com/careerbot/careerbot/retrieval"
)

// referWords point back at something said earlier in the thread.
var referWords = map[string]bool{
	"it": true, "its": true, "that": true, "this": true, "they": true, "them": true,
	"their": true, "those": true, "these": true, "he": true, "she": true,
	"ones": true, "same": true,
}

// followUpOpeners start questions that continue the previous one; followUpPhrases
// refer back anywhere in a question.
var (
	followUpOpeners = []string{"and ", "what about", "how about", "also ", "then ", "so ", "but "}
	followUpPhrases = []string{"which one", "that one", "this one", "the first one", "the second one", "the same"}
)

// isFollowUp reports whether question depends on the previous turn: it refers back
// with a pronoun ("is it hard?", "how long does that exam take?"), opens like a
// continuation ("what about the CCS?"), or is too short to stand alone.
func isFollowUp(question string) bool {
	lower := strings.ToLower(strings.TrimSpace(question))
	for _, o := range followUpOpeners {
		if strings.HasPrefix(lower, o) {
			return true
		}
	}
	for _, p := range followUpPhrases {
		if strings.Contains(lower, p) {
			return true
		}
	}
	words := strings.FieldsFunc(lower, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' })
	for _, w := range words {
		if referWords[w] {
			return true
		}
	}
	return len(termsOf(question)) <= 2
}

// maxFollowUpTurns bounds how far back a chain of follow-ups is followed.
const maxFollowUpTurns = 3

// resolveFollowUp returns what a follow-up question refers to: the last turn's
// question and, while that turn was itself a follow-up, the ones before it (up to
// maxFollowUpTurns, oldest first), so "are there exceptions?" after "is that from the
// Cures Act?" after "when did the information blocking rules start?" still reads
// against information blocking. It returns "" when question stands alone.
func resolveFollowUp(question string, history []Turn) string {
	if !isFollowUp(question) {
		return ""
	}
	return threadContext(history)
}

// threadContext is what a follow-up reads against: the last turn's question and,
// while that turn was itself a follow-up, the ones before it (see [resolveFollowUp]).
func threadContext(history []Turn) string {
	var chain []string
	for i := len(history) - 1; i >= 0 && len(chain) < maxFollowUpTurns; i-- {
		q := strings.TrimSpace(history[i].Question)
		chain = append([]string{q}, chain...)
		if !isFollowUp(q) {
			break
		}
	}
	return strings.Join(chain, " ")
}

// searchText is the retrieval query for question: for a follow-up, the question
// followed by the previous question's content words (as written, stop words out).
func searchText(question, previous string) string {
	if previous == "" {
		return question
	}
	content := []string{question}
	for _, w := range strings.Fields(previous) {
		if len(termsOf(w)) > 0 {
			content = append(content, strings.Trim(w, `?!.,;:"'()`))
		}
	}
	return strings.Join(content, " ")
}

// otherPhrases point at the one of two things that was not talked about last.
var otherPhrases = []string{"the other one", "the other", "other one", "the second one", "the 2nd one"}

// otherEntity resolves "what about the other one?": when question points at the
// other of two things and the thread's last question named two or more entities of
// one kind (the RHIT and the RHIA), it returns the name of one the last answer's
// first sentence does not name, "" otherwise.
func otherEntity(question string, history []Turn, ents *retrieval.Entities) string {
	lower := strings.ToLower(question)
	if len(history) == 0 || !slices.ContainsFunc(otherPhrases, func(p string) bool { return strings.Contains(lower, p) }) {
		return ""
	}
	last := history[len(history)-1]
	named := ents.FindText(threadContext(history))
	first := strings.SplitN(last.Answer, ". ", 2)[0]
	answered := ents.FindText(first)
	for _, e := range named {
		if slices.Contains(answered, e) {
			continue
		}
		if slices.ContainsFunc(named, func(o retrieval.Entity) bool { return o != e && o.Kind == e.Kind && slices.Contains(answered, o) }) {
			return e.Name
		}
	}
	return ""
}

// carriedCues returns, for a follow-up that asks for no attribute of its own, a cue
// of each attribute the thread it reads against asks for (see [askedAttributes]): in
// "is the field growing?" → "what about coders?" → "and the registrar one, same?"
// the last two ask for growth too, about a new subject. It returns nil when previous
// is "" or question asks for something itself.
func carriedCues(attrs []attribute, question, previous string) []string {
	if previous == "" || len(askedAttributes(attrs, question)) > 0 {
		return nil
	}
	lower := strings.ToLower(previous)
	var out []string
	for _, i := range askedAttributes(attrs, previous) {
		for _, c := range attrs[i].asks {
			if containsAny(lower, []string{c}) {
				out = append(out, strings.Join(strings.Fields(strings.ReplaceAll(c, "…", " ")), " "))
				break
			}
		}
	}
	return out
}

// subjectEntities returns the entities a follow-up is about when it names one the
// thread makes a side of: an entity most passages name (medical records specialists)
// counts only against a rival of its kind (see [retrieval.Entities.Find]), and in
// "and the medical records specialist one, same?" after a turn about health
// information technologists the rival is in the thread. A follow-up naming no entity
// is about the thread's ("and which certs go with it" after "what is CDI?"). It
// returns nil when previous is "" or the thread adds nothing to the question's own
// entities.
func subjectEntities(ents *retrieval.Entities, question, previous string) []retrieval.Entity {
	if previous == "" || ents == nil {
		return nil
	}
	own := ents.FindText(question)
	if len(own) == 0 && len(ents.FindAll(retrieval.Terms(question))) == 0 {
		// "which certs go with it": the thread's subject. An occupation is the group
		// figures are split by, broader than the role asked about ("tumor registrars"
		// are a part of it), so it is left to the words.
		return slices.DeleteFunc(ents.FindText(previous), func(e retrieval.Entity) bool { return e.Kind == retrieval.KindOccupation })
	}
	named := ents.FindAll(retrieval.Terms(question))
	var out []retrieval.Entity
	for _, e := range ents.FindText(question + " " + previous) {
		if slices.Contains(named, e) {
			out = append(out, e)
		}
	}
	if len(out) <= len(own) {
		return nil
	}
	return out
}

// genericTerms returns the terms of the lexicon's field words and of its attributes'
// ask cues: words a question uses whatever its subject.
func genericTerms(lx corpus.Lexicon) map[string]bool {
	set := map[string]bool{}
	add := func(words []string) {
		for _, w := range words {
			for _, t := range termsOf(strings.ReplaceAll(w, "…", " ")) {
				set[t] = true
			}
		}
	}
	add(lx.Field)
	for _, at := range lx.Attributes {
		add(at.Asks)
	}
	return set
}

// subjectless reports whether a normalised question names no subject of its own: no
// entity, and only field words and attribute cues ("what cert and how many hours do
// you need"). In a thread such a question reads against the thread like a follow-up.
func (a *Advisor) subjectless(question string) bool {
	terms := termsOf(question)
	if len(terms) == 0 || len(a.analyzer.ents.FindAll(terms)) > 0 {
		return false
	}
	for _, t := range terms {
		if !a.generic[t] {
			return false
		}
	}
	return true
}
