package web

import (
	"reflect"
	"strings"
	"testing"

	"github.com/careerbot/careerbot/bot"
)

func TestParseInput(t *testing.T) {
	tests := []struct {
		name, in string
		want     typed
		wantErr  string
	}{
		{"Question", "  What does an RHIT do?\n", typed{Command: bot.CommandAsk, Text: "What does an RHIT do?"}, ""},
		{"Help", "/career help", typed{Command: bot.CommandHelp}, ""},
		{"BareCareer", "/career", typed{Command: bot.CommandHelp}, ""},
		{"Ask", "/career ask question: How long is the degree?", typed{Command: bot.CommandAsk, Text: "How long is the degree?"}, ""},
		{"CoursesWords", "/career courses medical coding Beginner", typed{Command: bot.CommandCourses, Text: "medical coding Beginner",
			Args: map[string]string{bot.ArgTopic: "medical coding", bot.ArgLevel: "beginner"}}, ""},
		{"CoursesNamed", "/career courses topic:coding level:Advanced", typed{Command: bot.CommandCourses, Text: "topic:coding level:Advanced",
			Args: map[string]string{bot.ArgTopic: "coding", bot.ArgLevel: "advanced"}}, ""},
		{"CoursesNone", "/career courses", typed{Command: bot.CommandCourses, Args: map[string]string{}}, ""},
		{"Summary", "/career-mod summary topic: certification", typed{Command: bot.CommandSummary, Text: "certification",
			Args: map[string]string{bot.ArgTopic: "certification"}}, ""},
		{"Report", "/career-mod report since:24h", typed{Command: bot.CommandReport, Args: map[string]string{bot.ArgSince: "24h"}}, ""},
		{"ReportAll", "/CAREER-MOD REPORT", typed{Command: bot.CommandReport, Args: map[string]string{}}, ""},
		{"Plan", "/career plan goal:coding education:high-school background:retail-other hours:10 remote:yes", typed{Command: bot.CommandPlan,
			Args: map[string]string{bot.ArgGoal: "coding", bot.ArgEducation: "high-school", bot.ArgBackground: "retail-other", bot.ArgHoursPerWeek: "10", bot.ArgRemote: "yes"}}, ""},
		{"PlanBare", "/career plan", typed{}, "Plan my route"},
		{"PlanUnknownKey", "/career plan job:coding", typed{}, "goal:, education:"},
		{"Empty", " \n\t", typed{}, "type a question first"},
		{"Binary", "\xff\xfe", typed{}, "not valid text"},
		{"AskEmpty", "/career ask", typed{}, "needs a question"},
		{"SummaryEmpty", "/career-mod summary", typed{}, "needs a topic"},
		{"UnknownSub", "/career salary", typed{}, "unknown command /career salary"},
		{"UnknownMod", "/career-mod ban bob", typed{}, "/career-mod takes summary"},
		{"UnknownCommand", "/giphy cat", typed{}, "unknown command /giphy"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseInput(tt.in)
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
