package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/careerbot/careerbot/bot"
)

func newChatCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "chat",
		Short: "Talk to the bot in the terminal; follow-up questions remember the conversation",
		Long: `chat reads questions from standard input, one a line, and answers each with its
sources, remembering the last turns for follow-ups. In a terminal, the arrow keys
edit the line and recall earlier questions. Commands: /help, /courses [topic],
/summary TOPIC, /quit. End of input (Ctrl-D) or Ctrl-C leaves. Works with a pipe too:
  printf 'What is an RHIT?\nHow long does it take?\n' | careerbot chat`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			h, err := a.router(cmd.Context())
			if err != nil {
				return err
			}
			return a.chat(cmd.Context(), h, a.stdin, a.stdout, termWidth(a.stdout))
		},
	}
}

const chatHelp = `Type a question and press Enter. Follow-ups remember the last few turns.
  /courses [topic]   suggest courses, e.g. /courses coding
  /summary TOPIC     the cited summary of a topic, e.g. /summary certification
  /help              this help
  /quit              leave (or Ctrl-D)`

// maxChatLine bounds one input line; the router rejects questions far shorter.
const maxChatLine = 1 << 20

// chat runs the interactive loop until in ends, /quit, or ctx is done. When in and
// out are both a terminal, input gets line editing (arrow keys, Home/End, Ctrl-A/E/U/W)
// and history (up/down); otherwise lines are read as they come, so pipes work too.
func (a *app) chat(ctx context.Context, h bot.Handler, in io.Reader, out io.Writer, width int) error {
	src, prompt := lineSource(scannerSource{newLineScanner(in)}), "you> "
	if t, restore, ok := editingTerminal(in, out); ok {
		defer restore()
		src, out, prompt = t, t, "" // the terminal draws its own prompt
	}
	// Cancelled on return, so the reader stops at its next line instead of waiting
	// forever to hand it over (after /quit, say).
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	lines, readErr := readLines(ctx, src)

	base := a.terminalRequest(bot.CommandAsk, "", nil)
	base.ThreadID = "chat-" + randomHex(8) // one conversation: follow-ups share it
	fmt.Fprintln(out, "careerbot: ask about the Health Information Technician career. /help for commands, /quit to leave.")
	for {
		fmt.Fprint(out, prompt)
		var line string
		var ok bool
		select {
		case <-ctx.Done():
			fmt.Fprintln(out)
			return nil
		case line, ok = <-lines:
		}
		if !ok {
			fmt.Fprintln(out)
			select {
			case err := <-readErr:
				if err != nil {
					return fmt.Errorf("read input: %w", err)
				}
			default:
			}
			return nil
		}
		req, quit := chatRequest(base, strings.TrimSpace(line), out)
		if quit {
			return nil
		}
		if req == nil {
			continue
		}
		rep, err := bot.Call(ctx, h, *req) // a panic or an empty reply still gets the apology
		if err != nil {
			a.log.Error("chat request failed", "command", req.Command, "err", err)
		}
		fmt.Fprintln(out)
		printReply(out, rep, width)
		fmt.Fprintln(out)
	}
}

// lineSource yields one line of input at a time, without its line ending; io.EOF
// ends the input.
type lineSource interface {
	ReadLine() (string, error)
}

// scannerSource reads lines from a plain stream (a pipe or a file).
type scannerSource struct{ sc *bufio.Scanner }

// ReadLine implements lineSource.
func (s scannerSource) ReadLine() (string, error) {
	if s.sc.Scan() {
		return s.sc.Text(), nil
	}
	if err := s.sc.Err(); err != nil {
		return "", err
	}
	return "", io.EOF
}

func newLineScanner(in io.Reader) *bufio.Scanner {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64*1024), maxChatLine)
	return sc
}

// editingTerminal puts in into raw mode and returns a line editor with history that
// reads in and writes out, and the function that restores the terminal. ok is false
// unless in and out are both terminals.
func editingTerminal(in io.Reader, out io.Writer) (t *term.Terminal, restore func(), ok bool) {
	inf, isFile := in.(*os.File)
	if !isFile || !term.IsTerminal(int(inf.Fd())) || !isTerminal(out) {
		return nil, nil, false
	}
	state, err := term.MakeRaw(int(inf.Fd()))
	if err != nil {
		return nil, nil, false
	}
	t = term.NewTerminal(struct {
		io.Reader
		io.Writer
	}{in, out}, "you> ")
	if cols, rows, err := term.GetSize(int(inf.Fd())); err == nil {
		_ = t.SetSize(cols, rows) // only fails on a closed terminal, which ReadLine reports
	}
	return t, func() { _ = term.Restore(int(inf.Fd()), state) }, true
}

// readLines sends the lines of src on lines, which it closes at the end of input or
// when ctx is done; a read error is then sent on readErr. Reading happens in a
// goroutine, so Ctrl-C (ctx) ends the chat loop while a read blocks.
func readLines(ctx context.Context, src lineSource) (lines <-chan string, readErr <-chan error) {
	out := make(chan string)
	errc := make(chan error, 1)
	go func() {
		defer close(out)
		for {
			line, err := src.ReadLine()
			if errors.Is(err, term.ErrPasteIndicator) {
				err = nil // a pasted line is a line like any other
			}
			if err != nil {
				if !errors.Is(err, io.EOF) {
					errc <- err
				}
				return
			}
			select {
			case out <- line:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out, errc
}

// chatRequest turns one input line into a request, read like any chat box's
// ([bot.ParseLine]). It handles /help itself (and returns nil), since the terminal's
// commands are shorter than a platform's, and reports /quit.
func chatRequest(base bot.Request, line string, out io.Writer) (req *bot.Request, quit bool) {
	if line == "" {
		return nil, false
	}
	cmd, _, _ := strings.Cut(line, " ")
	switch strings.ToLower(cmd) {
	case "/quit", "/exit", "/q":
		return nil, true
	case "/help", "/?":
		fmt.Fprintln(out, chatHelp)
		return nil, false
	}
	typed, err := bot.ParseLine(line)
	if err != nil {
		fmt.Fprintf(out, "Unknown command %s: %v.\n%s\n", cmd, err, chatHelp)
		return nil, false
	}
	r := typed.Request(base)
	return &r, false
}

// randomHex returns n random bytes in hex. crypto/rand.Read never fails (it panics
// rather than return an error), so there is no error to handle.
func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
