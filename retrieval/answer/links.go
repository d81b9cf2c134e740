package answer

import (
	"net/url"
	"regexp"
	"strings"
)

// A model's text is data: it may carry links the sources never gave (a prompt
// injected into a page, a model that invents a "login" page). Before anything it
// writes is shown or streamed, every link to a host other than the cited sources' is
// removed: masked Markdown links keep their text, Slack-style <url|text> links too,
// images and reference definitions go, and bare URLs, www. names, domain names and
// e-mail addresses are dropped.
var (
	mdImage    = regexp.MustCompile(`!\[[^\]\n]*\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"\n]*")?\s*\)`)
	mdLinkURL  = regexp.MustCompile(`\[([^\]\n]*)\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"\n]*")?\s*\)`)
	angleLink  = regexp.MustCompile(`<((?:[a-zA-Z][a-zA-Z0-9+.-]*:|www\.)[^\s<>|]*)(?:\|([^<>\n]*))?>`)
	refDef     = regexp.MustCompile(`(?m)^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?(\S+?)>?(?:[ \t]+.*)?$`)
	schemeURL  = regexp.MustCompile(`(?i)\b[a-z][a-z0-9+.-]{1,15}://[^\s<>()\[\]"']+|\b(?:mailto|javascript|data|tel|file):[^\s<>()\[\]"']+`)
	bareDomain = regexp.MustCompile(`(?i)(?:[a-z0-9._%+-]+@)?\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}\b(?::\d{1,5})?(?:/[^\s<>()\[\]"']*)?`)
	numLabel   = regexp.MustCompile(`^\s*\d{1,3}\s*$`)
)

// hostSet is a set of allowed hosts, lower case, without "www.".
type hostSet map[string]bool

// hostsOf returns the hosts of urls; URLs that do not parse add nothing.
func hostsOf(urls ...string) hostSet {
	hs := hostSet{}
	for _, u := range urls {
		if h := hostOf(u); h != "" {
			hs[h] = true
		}
	}
	return hs
}

// hostOf returns the host of a link, lower case and without "www." and a port; ""
// when raw has no host. A link without a scheme ("www.example.org/x",
// "example.org") is read as http.
func hostOf(raw string) string {
	if !strings.Contains(raw, "://") && !strings.Contains(strings.SplitN(raw, "/", 2)[0], ":") {
		raw = "http://" + raw
	}
	u, err := url.Parse(strings.TrimRight(raw, ".,;:!?"))
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(strings.TrimSuffix(u.Hostname(), ".")), "www.")
}

// allows reports whether the link raw points at one of the hosts or a subdomain of
// one. Anything that does not parse, or has no host (mailto:, javascript:), is not.
func (hs hostSet) allows(raw string) bool {
	h := hostOf(raw)
	if h == "" || strings.Contains(raw, "\\") {
		return false
	}
	for {
		if hs[h] {
			return true
		}
		i := strings.IndexByte(h, '.')
		if i < 0 {
			return false
		}
		h = h[i+1:]
	}
}

// filterLinks removes from a model's text every link whose host is not in allowed;
// links to allowed hosts stay as written. A masked link to another host keeps its
// text (a citation marker "[1](https://…)" stays "[1]"); an image or a reference
// definition to another host is dropped whole; a bare URL, domain name or e-mail
// address is dropped.
func filterLinks(text string, allowed hostSet) string {
	text = mdImage.ReplaceAllStringFunc(text, func(m string) string {
		if allowed.allows(mdImage.FindStringSubmatch(m)[1]) {
			return m
		}
		return ""
	})
	text = refDef.ReplaceAllStringFunc(text, func(m string) string {
		if allowed.allows(refDef.FindStringSubmatch(m)[1]) {
			return m
		}
		return ""
	})
	// Masked links, innermost first: a label may itself hold a link.
	text = replaceLinks(text, mdLinkURL, func(sm []string) string {
		label, target := sm[1], sm[2]
		switch {
		case allowed.allows(target):
			return sm[0]
		case numLabel.MatchString(label):
			return "[" + strings.TrimSpace(label) + "]"
		}
		return label
	})
	text = replaceLinks(text, angleLink, func(sm []string) string {
		if allowed.allows(sm[1]) {
			return sm[0]
		}
		return sm[2]
	})
	text = dropLinks(text, schemeURL, allowed)
	return dropLinks(text, bareDomain, allowed)
}

// replaceLinks applies fn to every match of re until none is left, so links nested in
// a label are handled too. It stops after a bounded number of rounds.
func replaceLinks(text string, re *regexp.Regexp, fn func(sm []string) string) string {
	for range 8 {
		next := re.ReplaceAllStringFunc(text, func(m string) string { return fn(re.FindStringSubmatch(m)) })
		if next == text {
			break
		}
		text = next
	}
	return text
}

// dropLinks removes every match of re that allowed does not allow.
func dropLinks(text string, re *regexp.Regexp, allowed hostSet) string {
	return re.ReplaceAllStringFunc(text, func(m string) string {
		if strings.Contains(m, "@") && !strings.Contains(m, "://") {
			return "" // an e-mail address: never a source
		}
		if allowed.allows(m) {
			return m
		}
		return ""
	})
}

// linkStablePrefix cuts a streaming text before anything that may still grow into a
// link: the last word when no space follows it yet (a URL or domain name being
// written), and a "[", "(" after "]", or "<" that is not closed yet.
func linkStablePrefix(text string) string {
	if i := strings.LastIndexAny(text, " \t\n"); i < len(text)-1 {
		text = text[:i+1] // i == -1 keeps nothing
	}
	for _, open := range []struct{ open, close string }{{"](", ")"}, {"[", "]"}, {"<", ">"}} {
		if i := strings.LastIndex(text, open.open); i >= 0 && !strings.Contains(text[i:], open.close) {
			text = text[:i]
			if open.open == "](" {
				if j := strings.LastIndexByte(text, '['); j >= 0 {
					text = text[:j]
				}
			}
		}
	}
	return strings.TrimRight(text, " \t\n")
}

// keepCitedLinks removes from a model's text the links to hosts other than those of
// the pages it cites ([n] is pages[n-1]). Partial and final text go through it, so a
// partial never shows a link the final answer would not.
func keepCitedLinks(raw string, pages []Source) string {
	_, cited := checkCitations(raw, len(pages))
	urls := make([]string, len(cited))
	for i, k := range cited {
		urls[i] = pages[k-1].URL
	}
	return filterLinks(raw, hostsOf(urls...))
}

// sourceHosts returns the hosts of sources.
func sourceHosts(sources []Source) hostSet {
	urls := make([]string, len(sources))
	for i, s := range sources {
		urls[i] = s.URL
	}
	return hostsOf(urls...)
}
