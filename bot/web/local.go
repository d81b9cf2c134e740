package web

import (
	"net"
	"net/http"
	"net/url"
	"strings"
)

// forbiddenLocal is the body of the 403 sent to a request that is not from this machine.
const forbiddenLocal = "the playground answers only requests from this machine " +
	"(a loopback client, Host localhost or a loopback address, no proxy headers)\n"

// LocalOnly lets through only requests made on this machine and answers every other
// with 403 Forbidden. The playground's user is a moderator, so its pages and API must
// not be reachable through a reverse proxy, from another host, or from a web page that
// rebinds its own DNS name to 127.0.0.1. A request is local when all hold:
//
//   - the client (RemoteAddr) is a loopback address;
//   - the Host header is "localhost" or a loopback address, with or without a port;
//   - no proxy header is present (Forwarded, X-Forwarded-*, X-Real-IP);
//   - an Origin header, when sent, names a local host too.
//
// [New] wraps its handler in LocalOnly, so the playground is local-only wherever it is
// mounted.
func LocalOnly(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !isLocal(r) {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.Header().Set("Cache-Control", "no-store")
			w.WriteHeader(http.StatusForbidden)
			_, _ = w.Write([]byte(forbiddenLocal))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// isLocal reports whether r comes from this machine; see [LocalOnly].
func isLocal(r *http.Request) bool {
	client, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil || !loopbackIP(client) {
		return false
	}
	if !localHost(r.Host) || proxied(r.Header) {
		return false
	}
	if origin := r.Header.Get("Origin"); origin != "" {
		u, err := url.Parse(origin)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !localHost(u.Host) {
			return false
		}
	}
	return true
}

// localHost reports whether hostport (a Host header: host, host:port, [v6]:port) names
// this machine: "localhost" or a loopback IP.
func localHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	return strings.EqualFold(host, "localhost") || loopbackIP(host)
}

// loopbackIP reports whether s is a loopback IP address (127.0.0.0/8, ::1).
func loopbackIP(s string) bool {
	if i := strings.IndexByte(s, '%'); i >= 0 {
		s = s[:i] // zone
	}
	ip := net.ParseIP(s)
	return ip != nil && ip.IsLoopback()
}

// proxied reports whether h carries a header a reverse proxy adds.
func proxied(h http.Header) bool {
	for name := range h {
		if name == "Forwarded" || name == "X-Real-Ip" || strings.HasPrefix(name, "X-Forwarded-") {
			return true
		}
	}
	return false
}
