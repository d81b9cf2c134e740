package web

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/corpus"
)

// typed is what the member typed into the box, understood as a command.
type typed struct {
	Command string
	Text    string
	Args    map[string]string
}

// parseInput understands the text box: a plain question, or one of the slash
// commands the chat platforms offer:
//
//	/career [ask] QUESTION
//	/career help
//	/career courses [topic:]TOPIC [level:]LEVEL
//	/career plan goal:G education:E background:B [hours:N] [remote:yes]
//	/career-mod summary [topic:]TOPIC
//	/career-mod report [since:]DURATION
//
// The error explains what to type instead; it is shown to the member as is.
func parseInput(text string) (typed, error) {
	if !utf8.ValidString(text) {
		return typed{}, errors.New("that message is not valid text: paste plain text and try again")
	}
	text = strings.TrimSpace(text)
	if text == "" {
		return typed{}, errors.New("type a question first, or /career help to see what I can do")
	}
	if !strings.HasPrefix(text, "/") {
		return typed{Command: bot.CommandAsk, Text: text}, nil
	}
	name, rest, _ := strings.Cut(text, " ")
	sub, rest, _ := strings.Cut(strings.TrimSpace(rest), " ")
	sub, rest = strings.ToLower(sub), strings.TrimSpace(rest)
	switch strings.ToLower(name) {
	case "/career":
		return parseCareer(sub, rest)
	case "/career-mod":
		return parseCareerMod(sub, rest)
	default:
		return typed{}, fmt.Errorf("unknown command %s: try /career help, or type a question without a leading /", name)
	}
}

func parseCareer(sub, rest string) (typed, error) {
	switch sub {
	case "", "help":
		return typed{Command: bot.CommandHelp}, nil
	case "ask":
		q := strings.TrimSpace(strings.TrimPrefix(rest, "question:"))
		if q == "" {
			return typed{}, errors.New("/career ask needs a question, e.g. /career ask What does an RHIT do?")
		}
		return typed{Command: bot.CommandAsk, Text: q}, nil
	case "courses":
		return typed{Command: bot.CommandCourses, Text: rest, Args: courseArgs(rest)}, nil
	case "plan":
		return planInputArgs(rest)
	default:
		return typed{}, fmt.Errorf("unknown command /career %s: try /career ask, /career courses, /career plan or /career help", sub)
	}
}

func parseCareerMod(sub, rest string) (typed, error) {
	switch sub {
	case "summary":
		topic := strings.TrimSpace(strings.TrimPrefix(rest, "topic:"))
		if topic == "" {
			return typed{}, errors.New("/career-mod summary needs a topic, e.g. /career-mod summary certification")
		}
		return typed{Command: bot.CommandSummary, Text: topic, Args: map[string]string{bot.ArgTopic: topic}}, nil
	case "report":
		args := map[string]string{}
		if since := strings.TrimSpace(strings.TrimPrefix(rest, "since:")); since != "" {
			args[bot.ArgSince] = since
		}
		return typed{Command: bot.CommandReport, Args: args}, nil
	default:
		return typed{}, errors.New("/career-mod takes summary TOPIC or report [since]: e.g. /career-mod summary education")
	}
}

// courseArgs reads "topic:X level:Y" or plain words: a known level is the level, the
// other words are the topic.
func courseArgs(rest string) map[string]string {
	args := map[string]string{}
	var topic []string
	for _, f := range strings.Fields(rest) {
		k, v, ok := strings.Cut(f, ":")
		switch {
		case ok && strings.EqualFold(k, "topic") && v != "":
			args[bot.ArgTopic] = v
		case ok && strings.EqualFold(k, "level") && v != "":
			args[bot.ArgLevel] = strings.ToLower(v)
		case slices.Contains(corpus.Levels, strings.ToLower(f)):
			args[bot.ArgLevel] = strings.ToLower(f)
		default:
			topic = append(topic, f)
		}
	}
	if _, ok := args[bot.ArgTopic]; !ok && len(topic) > 0 {
		args[bot.ArgTopic] = strings.Join(topic, " ")
	}
	return args
}

// planInputArgs reads "goal:G education:E background:B [hours:N] [remote:yes]".
func planInputArgs(rest string) (typed, error) {
	keys := map[string]string{"goal": bot.ArgGoal, "education": bot.ArgEducation, "background": bot.ArgBackground,
		"hours": bot.ArgHoursPerWeek, "remote": bot.ArgRemote}
	args := map[string]string{}
	for _, f := range strings.Fields(rest) {
		k, v, ok := strings.Cut(f, ":")
		arg, known := keys[strings.ToLower(k)]
		if !ok || !known {
			return typed{}, fmt.Errorf("/career plan takes goal:, education:, background:, hours: and remote: (or use the Plan my route form); %q is none of them", f)
		}
		args[arg] = v
	}
	if len(args) == 0 {
		return typed{}, errors.New("open Plan my route above, or type /career plan goal:coding education:high-school background:retail-other")
	}
	return typed{Command: bot.CommandPlan, Args: args}, nil
}
