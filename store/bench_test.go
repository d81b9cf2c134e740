package store

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/store/storetest"
)

// The per-message write path: a dedup check, a rate-limit token, a logged question.
// In SQLite a question, a vote or a dedup key waits for a WAL fsync (shared by
// concurrent writers, see walsync.go); a rate-limit token does not.

func benchStores(b *testing.B, fn func(b *testing.B, s *DB)) {
	b.Run("SQLite", func(b *testing.B) {
		s, err := OpenSQLite(context.Background(), b.TempDir()+"/"+FileName, Config{})
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		fn(b, s)
	})
	b.Run("PostgreSQL", func(b *testing.B) {
		s, err := OpenPostgres(context.Background(), Config{DatabaseURL: storetest.PostgresURL(b)})
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		fn(b, s)
	})
}

func BenchmarkFirstSeen(b *testing.B) {
	benchStores(b, func(b *testing.B, s *DB) {
		ctx, i := context.Background(), 0
		for b.Loop() {
			i++
			if _, err := s.FirstSeen(ctx, fmt.Sprintf("evt-%d", i), time.Hour); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkAllow(b *testing.B) {
	benchStores(b, func(b *testing.B, s *DB) {
		ctx, i := context.Background(), 0
		for b.Loop() {
			i++
			if _, _, err := s.Allow(ctx, fmt.Sprintf("user-%d", i%100), 6, time.Minute); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkLogQuestion(b *testing.B) {
	benchStores(b, func(b *testing.B, s *DB) {
		ctx := context.Background()
		for b.Loop() {
			if err := s.LogQuestion(ctx, bot.QuestionRecord{AnswerID: "a", Platform: "slack", UserID: "u",
				Question: "What does a health information technician do?", Topic: "duties", Outcome: bot.OutcomeAnswered}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkReport_10k(b *testing.B) {
	benchStores(b, func(b *testing.B, s *DB) {
		ctx := context.Background()
		now := time.Now()
		for i := range 10_000 {
			outcome := bot.OutcomeAnswered
			if i%5 == 0 {
				outcome = bot.OutcomeAbstained
			}
			if err := s.LogQuestion(ctx, bot.QuestionRecord{AnswerID: fmt.Sprintf("%x", i), Platform: "slack", UserID: "u",
				Question: fmt.Sprintf("question %d", i%300), Topic: "duties", Outcome: outcome,
				CreatedAt: now.Add(-time.Duration(i) * time.Second)}); err != nil {
				b.Fatal(err)
			}
			if i%10 == 0 {
				if err := s.SaveFeedback(ctx, bot.Feedback{AnswerID: fmt.Sprintf("%x", i), UserID: "v", Vote: -1}); err != nil {
					b.Fatal(err)
				}
			}
		}
		for b.Loop() {
			if _, err := s.Report(ctx, bot.ReportQuery{Since: now.Add(-7 * 24 * time.Hour), IncludeLocal: true}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
