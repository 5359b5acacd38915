# Sourced by .ci/run and bench/run.sh: installs PostgreSQL's server if it is missing, starts a
# throwaway cluster in a temporary directory on a free loopback port, and stops it on exit.
# Afterwards PG_PORT and PG_ADMIN (an Npgsql connection string for the superuser) are set.

postgres_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

start_postgres() {
  if [ ! -x "$(postgres_bin)/initdb" ]; then
    echo "Installing the PostgreSQL server (Debian package postgresql)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  PG_BIN="$(postgres_bin)"
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres

  PG_PORT=55432
  while (exec 3<>"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null; do PG_PORT=$((PG_PORT + 1)); done

  PG_ROOT="$(mktemp -d /tmp/chronus-pg.XXXXXX)"
  chown postgres "$PG_ROOT"
  trap stop_postgres EXIT

  runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_ROOT/data" -U postgres --auth=trust -E UTF8 >/dev/null
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_ROOT/data" -l "$PG_ROOT/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_ROOT -c max_connections=300" start >/dev/null
  echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"
  PG_ADMIN="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
  export PG_PORT PG_ADMIN
}

stop_postgres() {
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_ROOT/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$PG_ROOT"
}

# Prints the connection string of a new, empty database.
create_database() {
  local name="$1"
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -q -c "CREATE DATABASE $name" >/dev/null
  echo "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=$name;Maximum Pool Size=200"
}
