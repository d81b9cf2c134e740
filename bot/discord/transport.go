package discord

import (
	"net/http"
	"net/url"
	"strings"
)

// discordHost is the host whose requests DISCORD_API_URL redirects.
const discordHost = "discord.com"

// originTransport sends requests for https://discord.com/... to another origin with
// the same path (behind a path prefix when the origin has one). discordgo builds
// every REST URL, including gateway discovery, from https://discord.com/api/v9/, so
// rewriting here honours DISCORD_API_URL without touching its package variables.
type originTransport struct {
	base   http.RoundTripper // nil means http.DefaultTransport
	origin *url.URL
}

// RoundTrip rewrites the request's scheme and host and sends it on.
func (t *originTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	base := t.base
	if base == nil {
		base = http.DefaultTransport
	}
	if req.URL.Host != discordHost {
		return base.RoundTrip(req)
	}
	r := req.Clone(req.Context())
	r.URL.Scheme = t.origin.Scheme
	r.URL.Host = t.origin.Host
	if p := strings.TrimRight(t.origin.Path, "/"); p != "" {
		r.URL.Path = p + r.URL.Path
		if r.URL.RawPath != "" {
			r.URL.RawPath = p + r.URL.RawPath
		}
	}
	r.Host = ""
	return base.RoundTrip(r)
}
