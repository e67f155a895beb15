# Sourced by .ci/run: start a throwaway PostgreSQL on 127.0.0.1:54329 for the store tests
# and export VANBAN_TEST_POSTGRES_URL; it is stopped when the CI run exits.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pg_data=$(mktemp -d /tmp/vanban-pg.XXXXXX)
chown postgres "$pg_data"
runuser -u postgres -- "$pg_bin/initdb" -D "$pg_data" -A trust -U vanban >/dev/null
runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w \
  -o "-p 54329 -k /tmp -c listen_addresses=127.0.0.1" start >/dev/null
trap 'runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -m fast stop >/dev/null 2>&1 || true' EXIT
runuser -u postgres -- "$pg_bin/createdb" -h 127.0.0.1 -p 54329 -U vanban vanban_test
export VANBAN_TEST_POSTGRES_URL="postgresql+psycopg://vanban@127.0.0.1:54329/vanban_test"
