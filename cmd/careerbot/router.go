package main

import (
	"context"
	"fmt"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/corpus"
)

// router builds, once per process, the bot core every adapter (terminal, playground,
// Discord, Slack) hands requests to.
func (a *app) router(ctx context.Context) (bot.Handler, error) {
	r, err := a.rtr.get(func() (*bot.Router, error) { return a.buildRouter(ctx) })
	if err != nil {
		return nil, err
	}
	return r, nil
}

func (a *app) buildRouter(ctx context.Context) (*bot.Router, error) {
	k, err := a.knowledge(ctx)
	if err != nil {
		return nil, err
	}
	s, err := a.store(ctx)
	if err != nil {
		return nil, err
	}
	salt, err := a.userSalt(ctx)
	if err != nil {
		return nil, err
	}
	c, err := a.corpus()
	if err != nil {
		return nil, err
	}
	var paths bot.Pathways
	if pw := newPathways(c); pw != nil {
		paths = pw
	}
	return bot.NewRouter(bot.RouterConfig{
		Pathways:        paths,
		Clinical:        bot.ClinicalVocabulary(c.Clinical), // the fields mirror each other
		PlanPhraser:     a.planPhraser(),
		Knowledge:       k,
		Store:           s,
		Logger:          a.log.With("component", "router"),
		Observer:        a.observer,
		RateLimitPerMin: a.cfg.RateLimitPerMin,
		CourseLevels:    corpus.Levels,
		AnswerTimeout:   a.cfg.LLMTimeout,
		UserSalt:        salt,
	})
}

// userSalt returns the salt of the hashed user ids in logs, the question log and
// feedback. It lives in the store, so every replica sharing DATABASE_URL hashes a
// member the same way and the hashes stay stable across restarts. It is read once
// per process: the router and the platforms share it.
func (a *app) userSalt(ctx context.Context) (string, error) {
	return a.salt.get(func() (string, error) {
		db, err := a.openStore(ctx)
		if err != nil {
			return "", err
		}
		salt, err := db.Secret(ctx, "user-id-salt")
		if err != nil {
			return "", fmt.Errorf("read the user id salt: %w", err)
		}
		return salt, nil
	})
}
