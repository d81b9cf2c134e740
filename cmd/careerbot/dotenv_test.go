package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadDotEnv(t *testing.T) {
	tests := []struct {
		name, text string
		wantErr    string            // "" for success
		want       map[string]string // variables set after loading
	}{
		{name: "Values", text: "# comment\nCB_TEST_A=1\nexport CB_TEST_B=\"two words\"\n", want: map[string]string{"CB_TEST_A": "1", "CB_TEST_B": "two words"}},
		{name: "MultiLineValue", text: "CB_TEST_A=\"one\ntwo\"\nCB_TEST_B=3\n", want: map[string]string{"CB_TEST_A": "one\ntwo", "CB_TEST_B": "3"}},
		{name: "UnterminatedQuote", text: "CB_TEST_A=1\nCB_TEST_B=2\nCB_TEST_C=\"open\n", wantErr: "line 3"},
		{name: "BadNameAfterGoodLines", text: "CB_TEST_A=1\n\n# fine so far\nCB-TEST=2\n", wantErr: "line 4"},
		{name: "RealEnvironmentWins", text: "CB_TEST_REAL=from-file\n", want: map[string]string{"CB_TEST_REAL": "from-env"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, k := range []string{"CB_TEST_A", "CB_TEST_B", "CB_TEST_C"} {
				t.Setenv(k, "")
				os.Unsetenv(k)
			}
			t.Setenv("CB_TEST_REAL", "from-env")
			path := filepath.Join(t.TempDir(), ".env")
			if err := os.WriteFile(path, []byte(tt.text), 0o600); err != nil {
				t.Fatal(err)
			}
			err := loadDotEnv(path)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("loadDotEnv = %v, want an error naming %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range tt.want {
				if got := os.Getenv(k); got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
		})
	}
	if err := loadDotEnv(filepath.Join(t.TempDir(), "missing.env")); err != nil {
		t.Errorf("a missing .env: %v, want nil", err)
	}
}
