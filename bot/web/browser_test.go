package web_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/bottest"
	"github.com/careerbot/careerbot/bot/web"
	"github.com/careerbot/careerbot/bot/web/webtest"
)

// fakeBot answers like the Router would: a streamed, cited answer with courses and
// feedback buttons; a summary preview with Post/Discard; the public post; and thanks
// for feedback. Every request is sent to seen.
type fakeBot struct {
	seen    chan bot.Request
	release chan struct{} // closed by the test to let the streamed answer finish
}

func (f *fakeBot) Handle(ctx context.Context, req bot.Request) (bot.Reply, error) {
	f.seen <- req
	switch req.Command {
	case bot.CommandAsk:
		req.OnPartial("RHITs check health records")
		select {
		case <-f.release:
		case <-ctx.Done():
			return bot.Reply{}, ctx.Err()
		}
		return bot.Reply{
			Text: "RHITs check health records for accuracy [1] and code them [2], and most pass [3].\n\n" +
				"Courses to consider: Medical Terminology (Open College).",
			AnswerID: "ans-42", Outcome: bot.OutcomeAnswered, Mode: "extractive",
			Sources: bottest.PageSources,
			Courses: []bot.Course{{Title: "Medical Terminology", Provider: "Open College", URL: "https://example.edu/mt", Level: "beginner"}},
			Buttons: []bot.Button{
				{Action: bot.ActionFeedbackUp, Label: "👍", Value: "ans-42"},
				{Action: bot.ActionFeedbackDown, Label: "👎", Value: "ans-42"},
			},
		}, nil
	case bot.CommandSummary:
		return bot.Reply{Text: "**Education**: an associate degree [1].", Ephemeral: true, Outcome: bot.OutcomeOK,
			Sources: []bot.Source{{N: 1, Title: "CAHIIM", URL: "https://www.cahiim.org/", AsOf: "2025-06"}},
			Buttons: []bot.Button{
				{Action: bot.ActionPostSummary, Label: "Post to channel", Value: req.Args[bot.ArgTopic], Style: "primary"},
				{Action: bot.ActionDiscard, Label: "Discard", Style: "danger"},
			}}, nil
	case bot.CommandPost:
		return bot.Reply{Text: "Career summary: education, posted by a moderator.", Outcome: bot.OutcomeOK}, nil
	case bot.CommandFeedback:
		return bot.Reply{Text: "Thanks for the feedback!", Ephemeral: true, Outcome: bot.OutcomeOK}, nil
	}
	return bot.Reply{Text: "Try /career help.", Outcome: bot.OutcomeOK}, nil
}

// next returns the next request the fake received.
func (f *fakeBot) next(t *testing.T) bot.Request {
	t.Helper()
	select {
	case r := <-f.seen:
		return r
	case <-time.After(time.Minute): // failure guard only
		t.Fatal("the page sent no request")
		return bot.Request{}
	}
}

func TestBrowser_AskStreamFeedback(t *testing.T) {
	f := &fakeBot{seen: make(chan bot.Request, 10), release: make(chan struct{})}
	srv := httptest.NewServer(web.New(web.Config{Handler: f}))
	t.Cleanup(srv.Close)
	ctx := webtest.Browser(t)

	err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL),
		chromedp.WaitVisible("#q"),
		chromedp.SendKeys("#q", "What does an RHIT do?"),
		chromedp.Click("#send"),
	)
	if err != nil {
		t.Fatal(err)
	}
	req := f.next(t)
	if req.Text != "What does an RHIT do?" || req.Platform != bot.PlatformWeb || req.ThreadID == "" || !req.Moderator {
		t.Fatalf("request = %+v", req)
	}
	// The partial text shows while the answer is held back.
	if _, err := chromedp.Run(ctx, webtest.Poll[bool](
		`document.querySelector("#log .msg.bot.pending")?.textContent.includes("RHITs check health records")`)); err != nil {
		t.Fatalf("partial text never shown: %v", err)
	}
	close(f.release)

	href, err := chromedp.Run(ctx, webtest.Poll[string](
		`document.querySelector("#log .msg.bot:not(.pending) .body a.cite")?.getAttribute("href")`))
	if err != nil {
		t.Fatalf("citation link never shown: %v", err)
	}
	if href != "https://www.ahima.org/certification/rhit" {
		t.Errorf("citation [1] links to %q", href)
	}
	checkSourcePages(t, ctx)
	course, err := chromedp.Run(ctx, chromedp.Text("#log .msg.bot .course"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(course, "Medical Terminology") || !strings.Contains(course, "beginner") {
		t.Errorf("course card %q", course)
	}
	// The course shows once, as a card under one heading; the text does not list it again.
	answer, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#log .msg.bot").textContent`))
	if err != nil {
		t.Fatal(err)
	}
	if n, h := strings.Count(answer, "Medical Terminology"), strings.Count(answer, "Courses to consider"); n != 1 || h != 1 {
		t.Errorf("the answer names the course %d times and has %d course headings, want 1 and 1: %q", n, h, answer)
	}

	if err := chromedp.Do(ctx, chromedp.Click(`#log button[data-action="feedback_up"]`)); err != nil {
		t.Fatal(err)
	}
	vote := f.next(t)
	if vote.Command != bot.CommandFeedback || vote.Args[bot.ArgAnswerID] != "ans-42" || vote.Args[bot.ArgVote] != "up" || vote.ThreadID != req.ThreadID {
		t.Fatalf("feedback request = %+v", vote)
	}
	if _, err := chromedp.Run(ctx, webtest.Poll[bool](
		`document.querySelector("#log .msg.bot .status")?.textContent.includes("Thanks for the feedback")`)); err != nil {
		t.Fatalf("feedback thanks never shown: %v", err)
	}
}

func TestBrowser_SummaryPost(t *testing.T) {
	f := &fakeBot{seen: make(chan bot.Request, 10), release: make(chan struct{})}
	srv := httptest.NewServer(web.New(web.Config{Handler: f}))
	t.Cleanup(srv.Close)
	ctx := webtest.Browser(t)

	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL)); err != nil {
		t.Fatal(err)
	}
	preview, err := webtest.Ask(ctx, "/career-mod summary education", 1)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(preview, "only you can see this") || !strings.Contains(preview, "Education") {
		t.Errorf("preview %q", preview)
	}
	if r := f.next(t); r.Command != bot.CommandSummary || r.Args[bot.ArgTopic] != "education" {
		t.Fatalf("summary request = %+v", r)
	}
	if err := chromedp.Do(ctx, chromedp.Click(`#log button[data-action="summary_post"]`)); err != nil {
		t.Fatal(err)
	}
	if r := f.next(t); r.Command != bot.CommandPost || r.Args[bot.ArgTopic] != "education" || !r.Moderator {
		t.Fatalf("post request = %+v", r)
	}
	post, err := chromedp.Run(ctx, webtest.Poll[string](`document.querySelector("#log .msg.posted:not(.pending)")?.textContent`))
	if err != nil {
		t.Fatalf("public post never shown: %v", err)
	}
	if !strings.Contains(post, "posted by a moderator") {
		t.Errorf("post %q", post)
	}
}

// TestBrowser_PlanForm fills the plan form with a real Router over fake pathways:
// the selects come from the choices, the private plan shows its cited steps, and
// Share in channel posts the public version.
func TestBrowser_PlanForm(t *testing.T) {
	router, paths, _ := bottest.NewPlanRouter(t)
	srv := httptest.NewServer(web.New(web.Config{Handler: router, PlanChoices: paths.PlanChoices()}))
	t.Cleanup(srv.Close)
	ctx := webtest.Browser(t)

	err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL),
		chromedp.WaitVisible("#plan-box"),
		chromedp.Click("#plan-box summary"),
		chromedp.WaitVisible("#plan-goal"),
		chromedp.SetValue("#plan-goal", "rhit"),
		chromedp.SetValue("#plan-education", "high-school"),
		chromedp.SetValue("#plan-background", "billing"),
		chromedp.SendKeys("#plan-hours", "10"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("plan-remote").click()`),
		chromedp.Click("#plan-send"),
	)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := chromedp.Run(ctx, webtest.Poll[string](`document.querySelector("#log .msg.bot:not(.pending)")?.textContent`))
	if err != nil {
		t.Fatalf("plan never shown: %v", err)
	}
	for _, want := range []string{"only you can see this", "Your plan: Registered Health Information Technician", "Pass the exam", "10 hours a week", "Remote work", "Page exam"} {
		if !strings.Contains(plan, want) {
			t.Errorf("plan lacks %q: %s", want, plan)
		}
	}
	asked := paths.Asked()
	if len(asked) != 1 || asked[0] != (bot.PlanProfile{Goal: "rhit", Education: "high-school", Background: "billing", HoursPerWeek: 10, Remote: true}) {
		t.Errorf("profiles asked = %+v", asked)
	}
	if err := chromedp.Do(ctx, chromedp.Click(`#log button[data-action="plan_share"]`)); err != nil {
		t.Fatal(err)
	}
	post, err := chromedp.Run(ctx, webtest.Poll[string](`document.querySelector("#log .msg.posted:not(.pending)")?.textContent`))
	if err != nil {
		t.Fatalf("shared plan never shown: %v", err)
	}
	if !strings.Contains(post, "Shared by You (playground)") || strings.Contains(post, "only you can see this") {
		t.Errorf("shared plan %q", post)
	}
}

// checkSourcePages checks that each listed source shows, as visible text, its title
// link followed by its site, then its as-of date and any secondary/dated mark.
func checkSourcePages(t *testing.T, ctx context.Context) {
	t.Helper()
	items, err := chromedp.Run(ctx, webtest.Poll[[]string](`(() => {
		const lis = [...document.querySelectorAll("#log .msg.bot ol.sources li")];
		if (!lis.length) return null;
		return lis.map(li => {
			const a = li.querySelector("a"), d = a && a.nextElementSibling;
			const visible = d && d.classList.contains("domain") && d.offsetParent !== null;
			return (visible ? "" : "NO VISIBLE DOMAIN AFTER TITLE: ") + li.innerText;
		});
	})()`))
	if err != nil {
		t.Fatalf("sources never listed: %v", err)
	}
	if len(items) != len(bottest.PageSourceLines) {
		t.Fatalf("sources = %q", items)
	}
	for i, want := range bottest.PageSourceLines {
		site, rest, _ := strings.Cut(want[1], " · ")
		if !strings.HasPrefix(items[i], want[0]+" — "+site+" · ") {
			t.Errorf("source %d reads %q; want the title %q then the site %q", i+1, items[i], want[0], site)
		}
		for _, part := range strings.Split(rest, " · ") {
			if !strings.Contains(items[i], part) {
				t.Errorf("source %d reads %q; it lacks %q", i+1, items[i], part)
			}
		}
	}
}

// TestBrowser_EmptyPage: the empty page offers example questions, and clicking one
// asks it; the text box allows as many characters as the bot accepts.
func TestBrowser_EmptyPage(t *testing.T) {
	f := &fakeBot{seen: make(chan bot.Request, 10), release: make(chan struct{})}
	close(f.release)
	srv := httptest.NewServer(web.New(web.Config{Handler: f}))
	t.Cleanup(srv.Close)
	ctx := webtest.Browser(t)

	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL), chromedp.WaitVisible("#examples button.example")); err != nil {
		t.Fatal(err)
	}
	limit, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.getElementById("q").maxLength`))
	if err != nil {
		t.Fatal(err)
	}
	if limit != bot.MaxQuestionRunes {
		t.Errorf("textarea maxlength = %d, want the bot's limit %d", limit, bot.MaxQuestionRunes)
	}
	first, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#examples button.example").textContent`))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click("#examples button.example")); err != nil {
		t.Fatal(err)
	}
	if req := f.next(t); req.Command != bot.CommandAsk || req.Text != first {
		t.Errorf("example %q asked as %+v", first, req)
	}
	if _, err := chromedp.Run(ctx, webtest.Poll[bool](
		`document.querySelector("#log .msg.bot:not(.pending)") !== null && document.getElementById("examples").hidden`)); err != nil {
		t.Fatalf("the example was not answered, or the examples stayed: %v", err)
	}
	// A command among the examples works too.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("examples").hidden = false`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(`//button[contains(@class,"example")][starts-with(normalize-space(.),"/career-mod summary")]`)); err != nil {
		t.Fatal(err)
	}
	if req := f.next(t); req.Command != bot.CommandSummary || req.Args[bot.ArgTopic] == "" {
		t.Errorf("summary example asked as %+v", req)
	}
}

// TestBrowser_DarkTheme: the page follows the system's colour scheme.
func TestBrowser_DarkTheme(t *testing.T) {
	srv := httptest.NewServer(web.New(web.Config{Handler: &fakeBot{seen: make(chan bot.Request, 10)}}))
	t.Cleanup(srv.Close)
	ctx := webtest.Browser(t)
	background := func(scheme string) string {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL), chromedp.WaitVisible("#q")); err != nil {
			t.Fatal(err)
		}
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
		if err != nil {
			t.Fatal(err)
		}
		bg, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.body).backgroundColor + " " + getComputedStyle(document.body).color`))
		if err != nil {
			t.Fatal(err)
		}
		return bg
	}
	light, dark := background("light"), background("dark")
	if light != "rgb(246, 247, 249) rgb(27, 31, 35)" {
		t.Errorf("light theme colours = %q", light)
	}
	if dark != "rgb(21, 24, 28) rgb(230, 233, 237)" {
		t.Errorf("dark theme colours = %q, want a dark background with light text", dark)
	}
}
