package bot_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/careerbot/careerbot/bot"
)

func TestParseLine(t *testing.T) {
	none := map[string]string{}
	tests := []struct {
		name, in string
		want     bot.Invocation
		wantErr  string
	}{
		{"Question", "  What does an RHIT do?\n", bot.Invocation{Command: bot.CommandAsk, Text: "What does an RHIT do?", Args: none}, ""},
		{"Help", "/career help", bot.Invocation{Command: bot.CommandHelp, Args: none}, ""},
		{"BareCareer", "/career", bot.Invocation{Command: bot.CommandHelp, Args: none}, ""},
		{"Ask", "/career ask question: How long is the degree?", bot.Invocation{Command: bot.CommandAsk, Text: "How long is the degree?", Args: none}, ""},
		{"SlashQuestion", "/career how much do HITs earn?", bot.Invocation{Command: bot.CommandAsk, Text: "how much do HITs earn?", Args: none}, ""},
		{"CoursesWords", "/career courses medical coding Beginner", bot.Invocation{Command: bot.CommandCourses, Text: "medical coding Beginner",
			Args: map[string]string{bot.ArgTopic: "medical coding Beginner"}}, ""},
		{"CoursesNamed", "/career courses topic:coding level:Advanced", bot.Invocation{Command: bot.CommandCourses, Text: "topic:coding level:Advanced",
			Args: map[string]string{bot.ArgTopic: "coding", bot.ArgLevel: "advanced"}}, ""},
		{"CoursesSpaced", "/career course topic: ehr level= Graduate", bot.Invocation{Command: bot.CommandCourses, Text: "topic: ehr level= Graduate",
			Args: map[string]string{bot.ArgTopic: "ehr", bot.ArgLevel: "graduate"}}, ""},
		{"CoursesNone", "/career courses", bot.Invocation{Command: bot.CommandCourses, Args: none}, ""},
		{"Summary", "/career-mod summary topic: certification", bot.Invocation{Command: bot.CommandSummary, Text: "certification",
			Args: map[string]string{bot.ArgTopic: "certification"}}, ""},
		{"SummaryNoTopic", "/career-mod summary", bot.Invocation{Command: bot.CommandSummary, Args: none}, ""}, // the core lists the topics
		{"Report", "/career-mod report since:24h", bot.Invocation{Command: bot.CommandReport, Args: map[string]string{bot.ArgSince: "24h"}}, ""},
		{"ReportAll", "/CAREER-MOD REPORT", bot.Invocation{Command: bot.CommandReport, Args: none}, ""},
		{"ModHelp", "/career-mod help", bot.Invocation{Command: bot.CommandHelp, Args: none}, ""},
		{"ShortCourses", "/courses coding", bot.Invocation{Command: bot.CommandCourses, Text: "coding", Args: map[string]string{bot.ArgTopic: "coding"}}, ""},
		{"ShortSummary", "/summary skills", bot.Invocation{Command: bot.CommandSummary, Text: "skills", Args: map[string]string{bot.ArgTopic: "skills"}}, ""},
		{"ShortReport", "/report 2w", bot.Invocation{Command: bot.CommandReport, Args: map[string]string{bot.ArgSince: "2w"}}, ""},
		{"Plan", "/career plan goal:coding education:high-school background:retail-other hours:10 remote:yes", bot.Invocation{Command: bot.CommandPlan,
			Args: map[string]string{bot.ArgGoal: "coding", bot.ArgEducation: "high-school", bot.ArgBackground: "retail-other", bot.ArgHoursPerWeek: "10", bot.ArgRemote: "yes"}}, ""},
		{"PlanBare", "/career plan", bot.Invocation{Command: bot.CommandPlan, Args: none}, ""}, // the platform opens its form
		{"PlanUnknownKey", "/career plan job:coding", bot.Invocation{}, "goal:, education:"},
		{"Empty", " \n\t", bot.Invocation{}, "type a question first"},
		{"Binary", "\xff\xfe", bot.Invocation{}, "not valid text"},
		{"AskEmpty", "/career ask", bot.Invocation{}, "needs a question"},
		{"MemberAsksModCommand", "/career report", bot.Invocation{}, "/career-mod report"},
		{"UnknownMod", "/career-mod ban bob", bot.Invocation{}, "/career-mod takes summary"},
		{"ModEmpty", "/career-mod", bot.Invocation{}, "/career-mod takes summary"},
		{"UnknownCommand", "/giphy cat", bot.Invocation{}, "unknown command /giphy"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := bot.ParseLine(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestParseSlash_NamesAndRequest(t *testing.T) {
	in, err := bot.ParseSlash("/Career-Mod", "summary education")
	if err != nil || in.Command != bot.CommandSummary || in.Args[bot.ArgTopic] != "education" {
		t.Fatalf("ParseSlash(/Career-Mod) = %+v, %v", in, err)
	}
	base := bot.Request{Platform: bot.PlatformSlack, UserID: "U1", Moderator: true, Command: bot.CommandAsk, Text: "old"}
	req := in.Request(base)
	if req.Platform != bot.PlatformSlack || req.UserID != "U1" || !req.Moderator || req.Command != bot.CommandSummary || req.Text != "education" {
		t.Errorf("Request = %+v", req)
	}
	if _, err := bot.ParseSlash("career", "ask \xff"); err == nil {
		t.Error("invalid UTF-8 accepted")
	}
}

// FuzzParseLine: any text is either understood or refused with a message; never a
// panic, never an empty command, never nil arguments.
func FuzzParseLine(f *testing.F) {
	for _, s := range []string{"", "hi", "/career", "/career courses topic: level:", "/career-mod summary  ", "/\xff", "/career ask question:", "/courses level:", "/ "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := bot.ParseLine(s)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		if got.Command == "" || got.Args == nil {
			t.Fatalf("ParseLine(%q) = %+v", s, got)
		}
	})
}
