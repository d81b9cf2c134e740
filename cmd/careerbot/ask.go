package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/careerbot/careerbot/bot"
)

func newAskCmd(a *app) *cobra.Command {
	var asJSON bool
	var after []string
	cmd := &cobra.Command{
		Use:   "ask [--json] [--after PREVIOUS]... QUESTION...",
		Short: "Answer one question as the bot would, with numbered sources",
		Long: `ask answers one question through the same guards and answerer as the chat
platforms, and prints the answer, its numbered sources and any course suggestions.

With --json it prints {"question","answer","abstained","redacted","mode","sources","courses"};
"question" is the question after personal health information was removed.
An abstention ("I don't know that one") is a success (exit status 0).

Each --after is an earlier message of the same thread, asked first and in order, so
a follow-up ("and how long does that take?") is read against them; only the last
answer is printed.`,
		Args: minArgs(1, "a question", `careerbot ask "What does an RHIT do?"`),
		RunE: func(cmd *cobra.Command, args []string) error {
			q := strings.Join(args, " ")
			if strings.TrimSpace(q) == "" {
				return usagef("ask: the question is empty; try: careerbot ask \"What does an RHIT do?\"")
			}
			for _, p := range after {
				if strings.TrimSpace(p) == "" {
					return usagef("ask: an --after message is empty; give the earlier question's text")
				}
			}
			return a.ask(cmd.Context(), after, q, asJSON)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the answer as JSON")
	cmd.Flags().StringArrayVar(&after, "after", nil, "an earlier message of the same thread, asked first (repeatable)")
	return cmd
}

// askThreadID is the thread the terminal's ask command runs its messages in.
const askThreadID = "cli-ask"

// ask answers q on stdout, after asking the thread's earlier messages (whose answers
// are not printed).
func (a *app) ask(ctx context.Context, after []string, q string, asJSON bool) error {
	h, err := a.router(ctx)
	if err != nil {
		return err
	}
	for _, p := range after {
		req := a.terminalRequest(bot.CommandAsk, p, nil)
		req.ThreadID = askThreadID
		if _, err := h.Handle(ctx, req); err != nil {
			return fmt.Errorf("earlier message: %w (run with LOG_LEVEL=debug for details)", err)
		}
	}
	req := a.terminalRequest(bot.CommandAsk, q, nil)
	if len(after) > 0 {
		req.ThreadID = askThreadID
	}
	var stream *streamPrinter
	if !asJSON && isTerminal(a.stdout) {
		stream = &streamPrinter{w: a.stdout}
		req.OnPartial = stream.partial
	}
	rep, err := h.Handle(ctx, req)
	if err != nil {
		return fmt.Errorf("%w (run with LOG_LEVEL=debug for details)", err)
	}
	if rep.Outcome == bot.OutcomeInvalid {
		return usagef("ask: %s", rep.Text)
	}
	if asJSON {
		return writeJSON(a.stdout, newAskJSON(rep))
	}
	if stream != nil && stream.finish(rep) {
		printSources(a.stdout, rep.Sources)
		printCourses(a.stdout, rep.Courses, true, termWidth(a.stdout))
		return nil
	}
	printReply(a.stdout, rep, termWidth(a.stdout))
	return nil
}

// streamPrinter shows an answer on a terminal while it streams, then completes it
// with the final text.
type streamPrinter struct {
	w       io.Writer
	mu      sync.Mutex
	printed string // what has been written so far
}

// partial prints what textSoFar adds to what is already shown. A prefix that changed
// (it should not) is not reprinted; finish sorts it out.
func (s *streamPrinter) partial(textSoFar string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if rest, ok := strings.CutPrefix(textSoFar, s.printed); ok && rest != "" {
		io.WriteString(s.w, rest)
		s.printed = textSoFar
	}
}

// finish completes the streamed text with the final reply. It returns false when
// nothing was streamed, so the caller prints the reply normally; when the final
// text does not continue what was shown (the LLM fell back), it prints the whole
// reply after a line break.
func (s *streamPrinter) finish(rep bot.Reply) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.printed == "" {
		return false
	}
	if rest, ok := strings.CutPrefix(rep.Text, s.printed); ok {
		fmt.Fprintln(s.w, rest)
		if rep.Notice != "" {
			fmt.Fprintln(s.w, "\n"+wrapText(plainMarkdown(rep.Notice), 80))
		}
		return true
	}
	fmt.Fprintln(s.w, "\n\n(the answer changed while it streamed; here is the final one)")
	printReply(s.w, bot.Reply{Notice: rep.Notice, Text: rep.Text}, 80)
	return true
}
