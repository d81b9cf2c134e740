package bot

import (
	"errors"
	"net/url"
	"strings"
)

// scrubbed is an error whose message has had secrets removed; it still unwraps to
// the original, so errors.Is and errors.As work as before.
type scrubbed struct {
	msg string
	err error
}

func (e *scrubbed) Error() string { return e.msg }
func (e *scrubbed) Unwrap() error { return e.err }

// Scrub returns err with a message fit for the logs: the URL of every *url.Error in
// its chain is cut to its scheme and host (a Slack response_url or a Discord
// interaction webhook carries a token in its path), and each of the secrets is
// replaced by "[redacted]". nil stays nil.
func Scrub(err error, secrets ...string) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	for e := err; e != nil; {
		var ue *url.Error
		if !errors.As(e, &ue) {
			break
		}
		msg = strings.ReplaceAll(msg, ue.URL, originOf(ue.URL))
		e = ue.Err
	}
	for _, s := range secrets {
		if s != "" {
			msg = strings.ReplaceAll(msg, s, "[redacted]")
		}
	}
	if msg == err.Error() {
		return err
	}
	return &scrubbed{msg: msg, err: err}
}

// originOf returns the scheme and host of raw with the rest elided, or "[url]" when
// raw does not parse.
func originOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "[url]"
	}
	return u.Scheme + "://" + u.Host + "/…"
}
