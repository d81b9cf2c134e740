-- careerbot store schema, version 1 (PostgreSQL).
-- Feedback does not reference questions by a foreign key on purpose: a vote must be
-- kept even when its question was never logged (the log write failed) or has been pruned.

CREATE TABLE questions (
	id            BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	answer_id     TEXT        NOT NULL DEFAULT '',
	platform      TEXT        NOT NULL,
	user_hash     TEXT        NOT NULL,
	question      TEXT        NOT NULL,       -- after the PHI guard
	question_norm TEXT        NOT NULL,       -- grouping key for the unanswered list
	topic         TEXT        NOT NULL,
	outcome       TEXT        NOT NULL,
	mode          TEXT        NOT NULL,
	redacted      BOOLEAN     NOT NULL,
	created_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX questions_created_at ON questions (created_at);
CREATE INDEX questions_answer_id ON questions (answer_id) WHERE answer_id <> '';
CREATE INDEX questions_outcome_created_at ON questions (outcome, created_at);
CREATE INDEX questions_outcome_norm ON questions (outcome, question_norm, created_at);

CREATE TABLE feedback (
	answer_id  TEXT        NOT NULL,
	user_hash  TEXT        NOT NULL,
	vote       SMALLINT    NOT NULL CHECK (vote IN (-1, 1)),
	created_at TIMESTAMPTZ NOT NULL,
	PRIMARY KEY (answer_id, user_hash)
);
CREATE INDEX feedback_created_at ON feedback (created_at);

CREATE TABLE dedup_keys (
	key        TEXT        PRIMARY KEY,
	expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX dedup_keys_expires_at ON dedup_keys (expires_at);

CREATE TABLE rate_limits (
	key        TEXT             PRIMARY KEY,
	tokens     DOUBLE PRECISION NOT NULL,
	updated_at TIMESTAMPTZ      NOT NULL,
	full_at    TIMESTAMPTZ      NOT NULL      -- the bucket is full again: the row may go
);
CREATE INDEX rate_limits_full_at ON rate_limits (full_at);

-- Named values every process sharing the database must agree on (the user-id salt).
CREATE TABLE secrets (
	name  TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
