package bot

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// Bounds of a [Report]'s lists, shared by every [Store] implementation.
const (
	ReportListLimit   = 20 // Abstentions and Downvoted keep at most this many records
	ReportTopLimit    = 10 // TopUnanswered keeps at most this many questions
	reportQuestionMax = 200
)

// BuildReport computes a [Report] from question records and the current votes (the
// last vote per answer and user), counting only what happened at or after since. It is
// the reference semantics every Store's Report follows:
//   - Questions, ByTopic (an empty topic counts as "none") and ByOutcome count records;
//   - Abstentions are the abstained records, most recent first;
//   - Downvoted are records of answers with at least one 👎 among the current votes
//     cast since, most recent first;
//   - TopUnanswered groups abstained questions case- and space-insensitively, most
//     asked first (ties: the most recent first), showing the latest wording;
//   - Upvotes and Downvotes count the current votes cast since.
func BuildReport(since time.Time, records []QuestionRecord, votes []Feedback) Report {
	rep := Report{Since: since, ByTopic: map[string]int{}, ByOutcome: map[string]int{}}
	var recent []QuestionRecord
	for _, r := range records {
		if !r.CreatedAt.Before(since) {
			recent = append(recent, r)
		}
	}
	slices.SortStableFunc(recent, func(a, b QuestionRecord) int { return b.CreatedAt.Compare(a.CreatedAt) })
	var down map[string]bool
	rep.Upvotes, rep.Downvotes, down = countVotes(since, votes)
	type group struct {
		CountedQuestion
		latest time.Time
	}
	groups := map[string]*group{}
	for _, r := range recent {
		rep.Questions++
		rep.ByTopic[cmp.Or(r.Topic, "none")]++
		rep.ByOutcome[r.Outcome]++
		if r.Outcome == OutcomeAbstained {
			if len(rep.Abstentions) < ReportListLimit {
				rep.Abstentions = append(rep.Abstentions, r)
			}
			k := strings.Join(strings.Fields(strings.ToLower(r.Question)), " ")
			if g, ok := groups[k]; ok {
				g.Count++
			} else {
				groups[k] = &group{CountedQuestion{r.Question, 1}, r.CreatedAt}
			}
		}
		if r.AnswerID != "" && down[r.AnswerID] && len(rep.Downvoted) < ReportListLimit {
			rep.Downvoted = append(rep.Downvoted, r)
		}
	}
	top := slices.Collect(maps.Values(groups))
	slices.SortFunc(top, func(a, b *group) int {
		return cmp.Or(b.Count-a.Count, b.latest.Compare(a.latest), strings.Compare(a.Question, b.Question))
	})
	for _, g := range top[:min(len(top), ReportTopLimit)] {
		rep.TopUnanswered = append(rep.TopUnanswered, g.CountedQuestion)
	}
	return rep
}

// countVotes counts the votes cast since the given time and returns the ids of the
// answers with a 👎 among them.
func countVotes(since time.Time, votes []Feedback) (up, down int, downvoted map[string]bool) {
	downvoted = map[string]bool{}
	for _, f := range votes {
		if f.CreatedAt.Before(since) {
			continue
		}
		if f.Vote > 0 {
			up++
		} else {
			down++
			downvoted[f.AnswerID] = true
		}
	}
	return up, down, downvoted
}

// FormatReport renders a report as Markdown for moderators (and the report command):
// totals, questions by topic, outcomes, abstentions and 👎 answers with their
// redacted questions, and the top unanswered questions.
func FormatReport(r Report) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**careerbot report** since %s\n\n", r.Since.UTC().Format("2006-01-02 15:04 MST"))
	fmt.Fprintf(&b, "**Questions:** %d · 👍 %d · 👎 %d\n", r.Questions, r.Upvotes, r.Downvotes)
	topics, plans := splitPlans(r.ByTopic)
	writeCounts(&b, "By topic", topics)
	if len(plans) > 0 {
		writeCounts(&b, "Plans by goal", plans)
	}
	writeCounts(&b, "Outcomes", r.ByOutcome)
	writeRecords(&b, "Abstentions (content gaps)", r.Abstentions)
	writeRecords(&b, "👎 answers", r.Downvoted)
	b.WriteString("\n**Top unanswered questions**\n")
	if len(r.TopUnanswered) == 0 {
		b.WriteString("- none\n")
	}
	for i, q := range r.TopUnanswered {
		fmt.Fprintf(&b, "%d. %s ×%d\n", i+1, quoteQuestion(q.Question), q.Count)
	}
	return strings.TrimRight(b.String(), "\n")
}

// splitPlans separates the plan records' topics (planTopic of a goal) from the
// questions' topics; plans is keyed by goal.
func splitPlans(byTopic map[string]int) (topics, plans map[string]int) {
	topics, plans = map[string]int{}, map[string]int{}
	for k, n := range byTopic {
		if goal, ok := strings.CutPrefix(k, planTopic("")); ok {
			plans[goal] += n
		} else {
			topics[k] += n
		}
	}
	return topics, plans
}

// writeCounts writes a "name: count" list, largest first (ties alphabetical).
func writeCounts(b *strings.Builder, title string, counts map[string]int) {
	fmt.Fprintf(b, "\n**%s**\n", title)
	if len(counts) == 0 {
		b.WriteString("- none\n")
		return
	}
	keys := slices.Collect(maps.Keys(counts))
	slices.SortFunc(keys, func(x, y string) int { return cmp.Or(counts[y]-counts[x], strings.Compare(x, y)) })
	for _, k := range keys {
		fmt.Fprintf(b, "- %s: %d\n", k, counts[k])
	}
}

// writeRecords writes question records with their date and topic.
func writeRecords(b *strings.Builder, title string, recs []QuestionRecord) {
	fmt.Fprintf(b, "\n**%s**\n", title)
	if len(recs) == 0 {
		b.WriteString("- none\n")
		return
	}
	for _, r := range recs {
		fmt.Fprintf(b, "- %s (%s, %s)\n", quoteQuestion(r.Question), cmp.Or(r.Topic, "no topic"), r.CreatedAt.UTC().Format("2006-01-02"))
	}
}

// quoteQuestion shows a logged (already redacted) question on one line, shortened,
// with Markdown control characters escaped so it cannot restyle the report.
func quoteQuestion(q string) string {
	q = truncateRunes(strings.Join(strings.Fields(q), " "), reportQuestionMax)
	if q == "" {
		return "*(empty)*"
	}
	return "“" + escapeMarkdown(q) + "”"
}

// escapeMarkdown backslash-escapes the characters that start Markdown formatting.
func escapeMarkdown(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]()<>#|~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
