package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"

	"github.com/careerbot/careerbot/bot"
)

// Report implements [bot.Store] with the semantics of [bot.BuildReport], the
// reference every store follows. It reads in one read-only transaction, so its figures
// agree with each other even while questions keep arriving. Questions count from when
// they were asked and votes from when they were cast, both from since on; the lists
// hold at most [bot.ReportListLimit] records and [bot.ReportTopLimit] questions.
func (s *DB) Report(ctx context.Context, q bot.ReportQuery) (bot.Report, error) {
	if err := s.open(); err != nil {
		return bot.Report{}, fmt.Errorf("read report: %w", err)
	}
	since := q.Since.UTC()
	rep := newReport(since)
	scope := reportScope{local: q.IncludeLocal}
	tx, err := s.r.BeginTx(ctx, s.dialect.reportTx)
	if err != nil {
		return bot.Report{}, fmt.Errorf("read report: %w", classify(err))
	}
	defer tx.Rollback() // a no-op after Commit, which reports any error
	t := s.dialect.timeArg(since)
	for _, step := range []func(context.Context, *sql.Tx, reportScope, any, *bot.Report) error{
		countQuestions, listAbstentions, listDownvoted, listUnanswered, countVotes,
	} {
		if err := step(ctx, tx, scope, t, &rep); err != nil {
			return bot.Report{}, fmt.Errorf("read report: %w", classify(err))
		}
	}
	if err := tx.Commit(); err != nil {
		return bot.Report{}, fmt.Errorf("read report: %w", classify(err))
	}
	return rep, nil
}

// reportScope says which questions a report covers.
type reportScope struct {
	local bool // include the terminal's and the playground's questions
}

// where returns an SQL condition (starting with AND) that keeps the questions of
// alias (a questions table alias, or "" for the bare table) in scope.
func (sc reportScope) where(alias string) string {
	if sc.local {
		return ""
	}
	col := "platform"
	if alias != "" {
		col = alias + ".platform"
	}
	return " AND " + col + " NOT IN ('" + bot.PlatformTerminal + "', '" + bot.PlatformWeb + "')"
}

// countQuestions fills Questions, ByTopic (an empty topic counts as "none") and
// ByOutcome.
func countQuestions(ctx context.Context, tx *sql.Tx, sc reportScope, since any, rep *bot.Report) error {
	rows, err := tx.QueryContext(ctx, `SELECT topic, outcome, COUNT(*) FROM questions
		WHERE created_at >= $1`+sc.where("")+` GROUP BY topic, outcome`, since)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var topic, outcome string
		var n int
		if err := rows.Scan(&topic, &outcome, &n); err != nil {
			return err
		}
		rep.Questions += n
		rep.ByOutcome[outcome] += n
		rep.ByTopic[cmp.Or(topic, "none")] += n
	}
	return rows.Err()
}

// questionColumns are the columns listQuestions reads, in its order.
const questionColumns = `q.answer_id, q.platform, q.user_hash, q.question, q.topic, q.outcome, q.mode, q.redacted, q.created_at`

// listAbstentions fills Abstentions, most recent first (records of the same instant
// in the order they were logged, as bot.BuildReport's stable sort has them).
func listAbstentions(ctx context.Context, tx *sql.Tx, sc reportScope, since any, rep *bot.Report) error {
	return listQuestions(ctx, tx, &rep.Abstentions, `SELECT `+questionColumns+` FROM questions q
		WHERE q.outcome = $1 AND q.created_at >= $2`+sc.where("q")+`
		ORDER BY q.created_at DESC, q.id LIMIT $3`, bot.OutcomeAbstained, since, bot.ReportListLimit)
}

// listDownvoted fills Downvoted: the questions asked since whose answer has at least
// one 👎 among the current votes cast since, most recent first.
func listDownvoted(ctx context.Context, tx *sql.Tx, sc reportScope, since any, rep *bot.Report) error {
	return listQuestions(ctx, tx, &rep.Downvoted, `SELECT `+questionColumns+` FROM questions q
		WHERE q.created_at >= $1`+sc.where("q")+` AND q.answer_id <> '' AND EXISTS (
			SELECT 1 FROM feedback f WHERE f.answer_id = q.answer_id AND f.vote = -1 AND f.created_at >= $1)
		ORDER BY q.created_at DESC, q.id LIMIT $2`, since, bot.ReportListLimit)
}

// listQuestions runs query, which selects questionColumns, and appends the records
// it returns to dst.
func listQuestions(ctx context.Context, tx *sql.Tx, dst *[]bot.QuestionRecord, query string, args ...any) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var r bot.QuestionRecord
		var created dbTime
		if err := rows.Scan(&r.AnswerID, &r.Platform, &r.UserID, &r.Question, &r.Topic, &r.Outcome, &r.Mode, &r.Redacted, &created); err != nil {
			return err
		}
		r.CreatedAt = created.Time
		*dst = append(*dst, r)
	}
	return rows.Err()
}

// listUnanswered fills TopUnanswered: abstained questions grouped by normalized text
// (case and spacing ignored), most asked first, then most recently asked, each shown
// in its latest wording.
func listUnanswered(ctx context.Context, tx *sql.Tx, sc reportScope, since any, rep *bot.Report) error {
	rows, err := tx.QueryContext(ctx, `SELECT
			(SELECT l.question FROM questions l
				WHERE l.question_norm = g.question_norm AND l.outcome = $1 AND l.created_at >= $2`+sc.where("l")+`
				ORDER BY l.created_at DESC, l.id LIMIT 1) AS wording,
			g.n
		FROM (SELECT question_norm, COUNT(*) AS n, MAX(created_at) AS latest FROM questions
			WHERE outcome = $1 AND created_at >= $2`+sc.where("")+`
			GROUP BY question_norm) g
		ORDER BY g.n DESC, g.latest DESC, wording LIMIT $3`,
		bot.OutcomeAbstained, since, bot.ReportTopLimit)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var c bot.CountedQuestion
		if err := rows.Scan(&c.Question, &c.Count); err != nil {
			return err
		}
		rep.TopUnanswered = append(rep.TopUnanswered, c)
	}
	return rows.Err()
}

// countVotes fills Upvotes and Downvotes: current votes cast since the start.
func countVotes(ctx context.Context, tx *sql.Tx, _ reportScope, since any, rep *bot.Report) error {
	return tx.QueryRowContext(ctx, `SELECT
			COALESCE(SUM(CASE WHEN vote = 1 THEN 1 ELSE 0 END), 0),
			COALESCE(SUM(CASE WHEN vote = -1 THEN 1 ELSE 0 END), 0)
		FROM feedback WHERE created_at >= $1`, since).Scan(&rep.Upvotes, &rep.Downvotes)
}
