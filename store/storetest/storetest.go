// Package storetest gives tests an isolated PostgreSQL database to run the durable
// store against.
package storetest

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
)

// DatabaseEnv names the PostgreSQL database tests may use, as a postgres:// URL whose
// user may create schemas. .ci/postgres.sh starts a server and sets it.
const DatabaseEnv = "CAREERBOT_TEST_DATABASE_URL"

// RequireEnv names a variable that, set to 1 (as CI does), turns a missing
// DatabaseEnv from a skip into a failure, so a broken database setup cannot pass
// unnoticed.
const RequireEnv = "CAREERBOT_REQUIRE_POSTGRES"

// PostgresURL returns a URL for a new, empty schema in the database named by
// DatabaseEnv (its search_path set to the schema), which is dropped with everything in
// it when tb ends. Each call gets its own schema, so tests, packages and concurrent
// runs never see each other's rows. When DatabaseEnv is unset, tb is skipped (or fails,
// under RequireEnv=1).
func PostgresURL(tb testing.TB) string {
	tb.Helper()
	base := os.Getenv(DatabaseEnv)
	if base == "" && os.Getenv(RequireEnv) == "1" {
		tb.Fatalf("%s=1 but %s is not set (source .ci/postgres.sh)", RequireEnv, DatabaseEnv)
	}
	if base == "" {
		tb.Skipf("%s is not set: PostgreSQL test skipped (source .ci/postgres.sh to run it)", DatabaseEnv)
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		tb.Fatalf("%s must be a postgres:// URL", DatabaseEnv)
	}
	var b [6]byte
	rand.Read(b[:])
	schema := "careerbot_test_" + hex.EncodeToString(b[:])
	if err := exec(base, `CREATE SCHEMA `+schema); err != nil {
		tb.Fatalf("create test schema: %v", err)
	}
	tb.Cleanup(func() {
		if err := exec(base, `DROP SCHEMA `+schema+` CASCADE`); err != nil {
			tb.Errorf("drop test schema: %v", err)
		}
	})
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// exec runs one statement on its own connection.
func exec(dbURL, stmt string) error {
	db, err := sql.Open("pgx", dbURL)
	if err != nil {
		return err
	}
	_, err = db.Exec(stmt)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	return err
}
