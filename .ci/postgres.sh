# shellcheck shell=bash
# Starts a throwaway PostgreSQL server for the store tests and exports its URL.
#
#   source .ci/postgres.sh        # in .ci/run: exports the variables below
#   bash .ci/postgres.sh          # by hand: starts the server and prints the URL
#
# Exports:
#   CAREERBOT_TEST_DATABASE_URL  postgres://careerbot@127.0.0.1:PORT/careerbot_test?sslmode=disable
#   CAREERBOT_PG_DATA            the temporary directory holding the cluster (db/), its log and socket
#   CAREERBOT_PG_PORT            the port it listens on (127.0.0.1 only)
# and defines careerbot_pg_stop, which stops the server and removes its data directory.
#
# Installs the Debian postgresql package when no server binary is present. Runs as root;
# the server itself runs as the postgres system user. The cluster is new each time, with
# trust authentication on loopback only, so it holds nothing worth protecting. Re-sourcing
# while the server is up reuses it. The shell options of the caller are left untouched.

careerbot_pg_bin() {
	local d
	for d in /usr/lib/postgresql/*/bin; do
		if [ -x "$d/postgres" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
			echo "$d"
		fi
	done | sort -V | tail -n 1
}

careerbot_pg_port_free() {
	! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

careerbot_pg_stop() {
	if [ -n "${CAREERBOT_PG_DATA:-}" ] && [ -d "$CAREERBOT_PG_DATA" ]; then
		runuser -u postgres -- "$(careerbot_pg_bin)/pg_ctl" -D "$CAREERBOT_PG_DATA/db" -m fast -w stop >/dev/null 2>&1 || true
		rm -rf "$CAREERBOT_PG_DATA"
	fi
	unset CAREERBOT_PG_DATA CAREERBOT_PG_PORT CAREERBOT_TEST_DATABASE_URL
}

careerbot_pg_start() {
	local bin port data
	if [ -n "${CAREERBOT_PG_DATA:-}" ] && [ -n "${CAREERBOT_PG_PORT:-}" ] &&
		runuser -u postgres -- "$(careerbot_pg_bin)/pg_ctl" -D "$CAREERBOT_PG_DATA/db" status >/dev/null 2>&1; then
		echo "postgres.sh: reusing the server on port $CAREERBOT_PG_PORT" >&2
		return 0
	fi
	bin=$(careerbot_pg_bin)
	if [ -z "$bin" ]; then
		echo "postgres.sh: installing postgresql" >&2
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq >/dev/null || { echo "postgres.sh: apt-get update failed" >&2; return 1; }
		apt-get install -y -qq postgresql >/dev/null || { echo "postgres.sh: apt-get install postgresql failed" >&2; return 1; }
		bin=$(careerbot_pg_bin)
		[ -n "$bin" ] || { echo "postgres.sh: no PostgreSQL server binary after install" >&2; return 1; }
	fi
	id postgres >/dev/null 2>&1 || { echo "postgres.sh: the postgres system user is missing" >&2; return 1; }

	port=${CAREERBOT_PG_PORT:-55432}
	while ! careerbot_pg_port_free "$port"; do
		port=$((port + 1))
		[ "$port" -lt 55532 ] || { echo "postgres.sh: no free port in 55432-55531" >&2; return 1; }
	done

	data=$(mktemp -d /tmp/careerbot-pg.XXXXXX) || return 1
	chown postgres:postgres "$data" && chmod 700 "$data" || return 1
	if ! runuser -u postgres -- "$bin/initdb" -D "$data/db" -U postgres --auth=trust \
		--encoding=UTF8 --locale=C.UTF-8 >"$data/initdb.log" 2>&1; then
		echo "postgres.sh: initdb failed:" >&2
		cat "$data/initdb.log" >&2
		rm -rf "$data"
		return 1
	fi
	# fsync stays on (the default): the kill -9 tests rely on committed data surviving.
	if ! runuser -u postgres -- "$bin/pg_ctl" -D "$data/db" -l "$data/server.log" -w -t 60 \
		-o "-c listen_addresses=127.0.0.1 -p $port -k $data -c max_connections=200" start >/dev/null; then
		echo "postgres.sh: the server did not start:" >&2
		cat "$data/server.log" >&2
		rm -rf "$data"
		return 1
	fi
	export CAREERBOT_PG_DATA="$data" CAREERBOT_PG_PORT="$port"
	if ! runuser -u postgres -- "$bin/psql" -q -h 127.0.0.1 -p "$port" -d postgres -v ON_ERROR_STOP=1 \
		-c "CREATE ROLE careerbot LOGIN" -c "CREATE DATABASE careerbot_test OWNER careerbot" >/dev/null; then
		echo "postgres.sh: creating the test database failed" >&2
		careerbot_pg_stop
		return 1
	fi
	export CAREERBOT_TEST_DATABASE_URL="postgres://careerbot@127.0.0.1:$port/careerbot_test?sslmode=disable"
	echo "postgres.sh: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2
}

if careerbot_pg_start; then
	if [ "${BASH_SOURCE[0]}" = "$0" ]; then
		echo "$CAREERBOT_TEST_DATABASE_URL"
	fi
else
	if [ "${BASH_SOURCE[0]}" = "$0" ]; then exit 1; else return 1; fi
fi
