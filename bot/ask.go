package bot

import (
	"cmp"
	"context"
	"fmt"
	"strings"
)

// ask answers a question: validate → PHI guard → scope guard → rate limit → Knowledge
// with the thread's history.
func (r *Router) ask(ctx context.Context, c *call) (Reply, error) {
	text := normalizeText(c.req.Text)
	if bad := validateQuestion(text); bad != nil {
		return invalid(bad.reason), nil
	}
	q, kinds := RedactPHI(text)
	notice := redactionNotice(kinds)
	guarded := func(rep Reply) Reply {
		rep.Question, rep.Redacted, rep.Notice = q, len(kinds) > 0, cmp.Or(rep.Notice, notice)
		return rep
	}
	topics := r.know.Topics()
	switch checkScope(q, len(kinds) > 0, r.clinical) {
	case clinicalAdvice:
		return guarded(declined(declineClinicalText(topics))), nil
	case chartCoding:
		return guarded(declined(declineCodingText(topics))), nil
	case offTopicTask:
		return guarded(declined(declineOffTopicText(topics))), nil
	}
	if rep, ok := r.allow(ctx, c); !ok {
		return guarded(rep), nil
	}

	key := memoryKey(c.req)
	kctx, cancel := r.knowledgeContext(ctx)
	defer cancel()
	ans, err := r.know.Answer(kctx, Query{Text: withoutPlaceholders(q), History: r.mem.history(key, r.now()), OnPartial: c.req.OnPartial})
	if err != nil {
		return guarded(Apology()), fmt.Errorf("answer question: %w", err)
	}
	if ans.Abstained {
		// The question stays the thread's subject: "and which certs go with it" after
		// an unanswered "what is CDI?" is still about CDI.
		r.mem.remember(key, Turn{Question: q, Topic: ans.Topic}, r.now())
		return guarded(Reply{
			Text:    cmp.Or(strings.TrimSpace(ans.Text), abstainText(topics)),
			Sources: ans.Sources,
			Outcome: OutcomeAbstained, // no Topic: the best guess at one is what failed

			Mode:      cmp.Or(ans.Mode, "extractive"),
			Abstained: true,
		}), nil
	}
	if notice != "" {
		notice += " I answered the career question."
	}
	id := newAnswerID()
	r.mem.remember(key, Turn{Question: q, Answer: ans.Text, Topic: ans.Topic}, r.now())
	return guarded(Reply{
		Text:     ans.Text,
		Notice:   notice,
		Sources:  ans.Sources,
		Courses:  ans.Courses,
		Buttons:  feedbackButtons(id),
		AnswerID: id,
		Topic:    ans.Topic,
		Outcome:  OutcomeAnswered,
		Mode:     ans.Mode,
	}), nil
}

// declined is the reply to an out-of-scope request. Abstained is set too: the bot
// chose not to answer.
func declined(text string) Reply {
	return Reply{Text: text, Outcome: OutcomeDeclined, Abstained: true}
}

// feedbackButtons are the 👍/👎 buttons under an answer.
func feedbackButtons(answerID string) []Button {
	return []Button{
		{Action: ActionFeedbackUp, Label: "👍 Helpful", Value: answerID},
		{Action: ActionFeedbackDown, Label: "👎 Not helpful", Value: answerID},
	}
}

// redactionNotice tells the member what the PHI guard removed and why; "" when
// nothing was.
func redactionNotice(kinds []string) string {
	if len(kinds) == 0 {
		return ""
	}
	return fmt.Sprintf("🔒 I removed personal health information (%s) from your message before using it. "+
		"Please don't share patient details here — this is a public career community.", strings.Join(kinds, ", "))
}
