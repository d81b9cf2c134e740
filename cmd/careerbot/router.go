package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/careerbot/careerbot/bot"
)

// routerState is the lazily built router of one app.
type routerState struct {
	once sync.Once
	h    *bot.Router
	err  error
}

// routers holds each app's router until the app's command finishes.
var routers sync.Map // *app → *routerState

// router builds, once per process, the bot core every adapter (terminal, playground,
// Discord, Slack) hands requests to.
func (a *app) router(ctx context.Context) (bot.Handler, error) {
	v, loaded := routers.LoadOrStore(a, &routerState{})
	if !loaded {
		a.onClose(func() error { routers.Delete(a); return nil })
	}
	st := v.(*routerState)
	st.once.Do(func() { st.h, st.err = a.buildRouter(ctx) })
	if st.err != nil {
		return nil, st.err
	}
	return st.h, nil
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
	return bot.NewRouter(bot.RouterConfig{
		Knowledge:       k,
		Store:           s,
		Logger:          a.log.With("component", "router"),
		Observer:        a.observer,
		RateLimitPerMin: a.cfg.RateLimitPerMin,
		AnswerTimeout:   a.cfg.LLMTimeout,
		UserSalt:        a.userSalt(),
	})
}

// userSaltFile holds the secret salt of the user-id hashes, so they stay stable
// across restarts.
const userSaltFile = "user-salt"

// userSalt returns the salt kept in DATA_DIR, creating it on first use. When
// DATA_DIR cannot be written it falls back to a salt for this process only (hashed
// ids then change at restart) and says so.
func (a *app) userSalt() string {
	path := filepath.Join(a.cfg.DataDir, userSaltFile)
	salt, err := readOrCreateSalt(path)
	if err != nil {
		a.log.Warn("user id salt not persisted; hashed user ids will change at restart (make DATA_DIR writable)", "path", path, "err", err)
		return randomHex(32)
	}
	return salt
}

func readOrCreateSalt(path string) (string, error) {
	for range 2 {
		b, err := os.ReadFile(path)
		if err == nil && len(strings.TrimSpace(string(b))) >= 32 {
			return strings.TrimSpace(string(b)), nil
		}
		if err == nil {
			return "", fmt.Errorf("read %s: salt too short (delete the file to make a new one)", path)
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return "", err
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			continue // another process made it first: read theirs
		}
		if err != nil {
			return "", err
		}
		salt := randomHex(32)
		_, werr := f.WriteString(salt + "\n")
		if err := errors.Join(werr, f.Close()); err != nil {
			os.Remove(path)
			return "", fmt.Errorf("write %s: %w", path, err)
		}
		return salt, nil
	}
	return "", fmt.Errorf("read %s: made by another process but unreadable", path)
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}
