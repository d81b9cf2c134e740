package store

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestMigrations_Embedded(t *testing.T) {
	for _, dialect := range []string{"sqlite", "postgres"} {
		ms, err := migrations(dialect)
		if err != nil || len(ms) == 0 || ms[0].version != 1 || !strings.Contains(ms[0].sql, "CREATE TABLE feedback") {
			t.Errorf("migrations(%s) = %d, %v", dialect, len(ms), err)
		}
	}
	sq, _ := migrations("sqlite")
	pg, _ := migrations("postgres")
	if len(sq) != len(pg) {
		t.Errorf("sqlite has %d migrations, postgres %d: every schema change needs both", len(sq), len(pg))
	}
}

func TestLoadMigrations(t *testing.T) {
	sql := &fstest.MapFile{Data: []byte("CREATE TABLE t (x INTEGER);")}
	tests := []struct {
		name    string
		files   fstest.MapFS
		wantErr string
		want    int
	}{
		{"Ordered", fstest.MapFS{"m/0002_b.sql": sql, "m/0001_a.sql": sql, "m/README": sql}, "", 2},
		{"Gap", fstest.MapFS{"m/0001_a.sql": sql, "m/0003_c.sql": sql}, "expected version 2", 0},
		{"Duplicate", fstest.MapFS{"m/0001_a.sql": sql, "m/0001_b.sql": sql}, "expected version 2", 0},
		{"BadName", fstest.MapFS{"m/init.sql": sql}, "NNNN_description.sql", 0},
		{"Zero", fstest.MapFS{"m/0000_a.sql": sql}, "NNNN_description.sql", 0},
		{"Empty", fstest.MapFS{"m/README": sql}, "none in m", 0},
		{"Missing", fstest.MapFS{}, "read migrations", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms, err := loadMigrations(tt.files, "m")
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || len(ms) != tt.want || ms[0].name != "0001_a.sql" {
				t.Fatalf("loadMigrations = %+v, %v", ms, err)
			}
		})
	}
}

func TestPending(t *testing.T) {
	ms := []migration{{version: 1}, {version: 2}}
	if p, err := pending(ms, 0); err != nil || len(p) != 2 {
		t.Errorf("pending(0) = %d, %v", len(p), err)
	}
	if p, err := pending(ms, 2); err != nil || len(p) != 0 {
		t.Errorf("pending(2) = %d, %v", len(p), err)
	}
	if _, err := pending(ms, 3); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Errorf("pending(3) = %v, want a newer-schema error", err)
	}
}
