package bot

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Slash command names, as every platform spells them (without the leading "/").
const (
	SlashCareer    = "career"
	SlashCareerMod = "career-mod"
)

// Invocation is a command as a member typed it, before an adapter adds the
// platform's fields (user, channel, thread).
type Invocation struct {
	Command string            // one of the Command constants
	Text    string            // the question, or the command's free text
	Args    map[string]string // named arguments (Arg constants); never nil
}

// Request returns base with the invocation's command, text and arguments.
func (in Invocation) Request(base Request) Request {
	base.Command, base.Text, base.Args = in.Command, in.Text, in.Args
	return base
}

// ParseSlash reads a slash command: name is "career" or "career-mod" (a leading "/"
// and any case are fine) and text is what the member typed after it.
//
//	/career                           help
//	/career help
//	/career ask [question:]QUESTION
//	/career courses [topic:]TOPIC [level:]LEVEL
//	/career plan                      the platform's plan form
//	/career plan goal:G education:E background:B [hours:N] [remote:yes]
//	/career QUESTION                  any other text is a question
//	/career-mod summary [topic:]TOPIC
//	/career-mod report [since:]PERIOD
//	/career-mod help
//
// Arguments are checked by the Router (an unknown topic gets the list of topics);
// the error here says what to type instead, in words fit to show the member.
func ParseSlash(name, text string) (Invocation, error) {
	if !utf8.ValidString(text) {
		return Invocation{}, errors.New("that message is not valid text: paste plain text and try again")
	}
	sub, rest := splitWord(text)
	sub = strings.ToLower(sub)
	switch strings.ToLower(strings.TrimPrefix(strings.TrimSpace(name), "/")) {
	case SlashCareer:
		return parseCareer(sub, rest, strings.TrimSpace(text))
	case SlashCareerMod:
		return parseCareerMod(sub, rest)
	}
	return Invocation{}, fmt.Errorf("unknown command /%s: try /career help, or type a question without a leading /", strings.TrimPrefix(name, "/"))
}

// ParseLine reads one line typed into a chat box (the playground, the terminal): a
// question, "/career …" or "/career-mod …" as in [ParseSlash], or a short form that
// leaves out the command name: /ask, /courses, /help, /summary, /report.
func ParseLine(line string) (Invocation, error) {
	if !utf8.ValidString(line) {
		return Invocation{}, errors.New("that message is not valid text: paste plain text and try again")
	}
	line = strings.TrimSpace(line)
	if line == "" {
		return Invocation{}, errors.New("type a question first, or /career help to see what I can do")
	}
	if !strings.HasPrefix(line, "/") {
		return Invocation{Command: CommandAsk, Text: line, Args: map[string]string{}}, nil
	}
	name, rest := splitWord(line[1:])
	switch strings.ToLower(name) {
	case "ask", "courses", "course", "help":
		return ParseSlash(SlashCareer, line[1:])
	case "summary", "report":
		return ParseSlash(SlashCareerMod, line[1:])
	}
	return ParseSlash(name, rest)
}

// parseCareer reads the text of /career; text is all of it, for a question.
func parseCareer(sub, rest, text string) (Invocation, error) {
	in := Invocation{Args: map[string]string{}}
	switch sub {
	case "", "help":
		in.Command = CommandHelp
	case "ask":
		in.Command, in.Text = CommandAsk, strings.TrimSpace(cutKey(rest, "question"))
		if in.Text == "" {
			return Invocation{}, errors.New("/career ask needs a question, e.g. /career ask What does an RHIT do?")
		}
	case "courses", "course":
		in.Command, in.Text = CommandCourses, rest
		courseArgs(rest, in.Args)
	case "plan":
		in.Command = CommandPlan // with no arguments, platforms open their plan form
		if err := planArgs(rest, in.Args); err != nil {
			return Invocation{}, err
		}
	case "summary", "report":
		return Invocation{}, fmt.Errorf("%s is a moderator command: try /career-mod %s", sub, sub)
	default: // "/career how do I become an RHIT?" is a question
		in.Command, in.Text = CommandAsk, text
	}
	return in, nil
}

// parseCareerMod reads the text of /career-mod.
func parseCareerMod(sub, rest string) (Invocation, error) {
	in := Invocation{Args: map[string]string{}}
	switch sub {
	case "help":
		in.Command = CommandHelp
	case "summary":
		in.Command, in.Text = CommandSummary, strings.TrimSpace(cutKey(rest, "topic"))
		setArg(in.Args, ArgTopic, in.Text)
	case "report":
		in.Command = CommandReport
		setArg(in.Args, ArgSince, strings.TrimSpace(cutKey(rest, "since")))
	default:
		return Invocation{}, errors.New("/career-mod takes summary TOPIC or report [since]: e.g. /career-mod summary education")
	}
	return in, nil
}

// courseKeys and planKeys name the args of the keys a course or plan line may use.
var (
	courseKeys = map[string]string{"topic": ArgTopic, "level": ArgLevel}
	planKeys   = map[string]string{"goal": ArgGoal, "education": ArgEducation, "background": ArgBackground,
		"hours": ArgHoursPerWeek, "remote": ArgRemote}
)

// courseArgs reads "topic:X level:Y" (also "topic: X", "level=Y") into args; the
// other words, when no topic is named, are the topic. Which of them is a course
// level the Router decides.
func courseArgs(text string, args map[string]string) {
	var words []string
	pending := "" // a key whose value is the next word ("level: beginner")
	for _, w := range strings.Fields(text) {
		if pending != "" {
			args[pending], pending = w, ""
			continue
		}
		k, v, ok := strings.Cut(w, ":")
		if !ok {
			k, v, ok = strings.Cut(w, "=")
		}
		key := courseKeys[strings.ToLower(k)]
		switch {
		case ok && key != "" && v == "":
			pending = key
		case ok && key != "":
			args[key] = v
		default:
			words = append(words, w)
		}
	}
	if _, named := args[ArgTopic]; !named && len(words) > 0 {
		args[ArgTopic] = strings.Join(words, " ")
	}
	if l, ok := args[ArgLevel]; ok {
		args[ArgLevel] = strings.ToLower(l)
	}
}

// planArgs reads "goal:G education:E background:B [hours:N] [remote:yes]" into args.
func planArgs(text string, args map[string]string) error {
	for _, f := range strings.Fields(text) {
		k, v, ok := strings.Cut(f, ":")
		arg, known := planKeys[strings.ToLower(k)]
		if !ok || !known {
			return fmt.Errorf("/career plan takes goal:, education:, background:, hours: and remote: (or run /career plan alone for the form); %q is none of them", f)
		}
		args[arg] = v
	}
	return nil
}

// cutKey removes a leading "key:" from s, the way Discord shows a named option.
func cutKey(s, key string) string {
	s = strings.TrimSpace(s)
	if len(s) > len(key) && strings.EqualFold(s[:len(key)], key) && s[len(key)] == ':' {
		return s[len(key)+1:]
	}
	return s
}

// setArg sets args[k] to v unless v is empty.
func setArg(args map[string]string, k, v string) {
	if v != "" {
		args[k] = v
	}
}

// splitWord splits off the first word of s.
func splitWord(s string) (word, rest string) {
	s = strings.TrimSpace(s)
	i := strings.IndexAny(s, " \t\n")
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimSpace(s[i+1:])
}
