#!/usr/bin/env bash
# Sourced by the scripts in scripts/ (after java.sh): starts private,
# throwaway NATS, PostgreSQL and Kafka servers on free loopback ports and
# stops them again, and finds Chromium and chromedriver for the browser tests.
# Each start_* function is skipped when its PRECINCT_TEST_* address is already
# set: that server is then used as it is.
#
# State lives under $PRECINCT_TEST_SERVICES_DIR (default: a fresh directory
# under /tmp, so `mvn clean` and concurrent runs cannot pull it away):
#   nats/      nats.pid, nats.log, jetstream/
#   postgres/  data/, postgres.log, initdb.log
#   kafka/     kafka.pid, server.properties, log4j2.properties, kafka.log, data/
# and, when PRECINCT_TEST_CLUSTERS=true (scripts/test sets it), two clusters
# of three nodes each, for the fault tests that kill one node:
#   kafka-cluster/node-{1,2,3}/  kafka.pid, server.properties, kafka.log, data/
#   nats-cluster/node-{1,2,3}/   nats.pid, nats.log, jetstream/
# A test harness that restarts a server itself must write the new pid to its
# pid file, so that stop_services stops the server that then runs.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
KAFKA_VERSION=4.4.0
if [[ -z ${PRECINCT_TEST_SERVICES_DIR:-} ]]; then
  PRECINCT_TEST_SERVICES_DIR=$(mktemp -d /tmp/precinct-services.XXXXXX)
  chmod 755 "$PRECINCT_TEST_SERVICES_DIR"  # PostgreSQL runs as postgres and must get in
fi
export PRECINCT_TEST_SERVICES_DIR

started=()          # services this shell started, the only ones it stops
declare -A pids=()  # their pids, in case the pid files are gone (mvn clean)
picked_ports=" "    # ports handed out, so that no two services get the same
apt_updated=
pg_bin=
as_postgres=()      # PostgreSQL refuses to run as root: run it as postgres

# Starts the three services, prints their addresses, and stops them when the
# calling script exits, fails or is interrupted.
start_services() {
  trap stop_services EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  start_nats
  start_postgres
  start_kafka
  echo "NATS:       $PRECINCT_TEST_NATS_URL" >&2
  echo "PostgreSQL: $PRECINCT_TEST_JDBC_URL" >&2
  echo "Kafka:      $PRECINCT_TEST_KAFKA_BOOTSTRAP" >&2
  if [[ ${PRECINCT_TEST_CLUSTERS:-false} == true ]]; then
    start_nats_cluster
    start_kafka_cluster
    echo "NATS cluster:  $PRECINCT_TEST_NATS_CLUSTER_URLS" >&2
    echo "Kafka cluster: $PRECINCT_TEST_KAFKA_CLUSTER_BOOTSTRAP" >&2
  fi
}

# For the tests only (scripts/with-services), not for scripts/run: the
# console's browser tests drive the system's Chromium through its
# chromedriver, both named here so that Selenium never looks for (or downloads)
# a browser or driver of its own. PRECINCT_TEST_CHROMIUM and
# PRECINCT_TEST_CHROMEDRIVER, when set, name others.
find_browser() {
  if [[ -z ${PRECINCT_TEST_CHROMIUM:-} ]]; then
    ensure_package chromium test -x /usr/bin/chromium
    export PRECINCT_TEST_CHROMIUM=/usr/bin/chromium
  fi
  if [[ -z ${PRECINCT_TEST_CHROMEDRIVER:-} ]]; then
    ensure_package chromium-driver test -x /usr/bin/chromedriver
    export PRECINCT_TEST_CHROMEDRIVER=/usr/bin/chromedriver
  fi
  echo "Chromium:   $PRECINCT_TEST_CHROMIUM (driver $PRECINCT_TEST_CHROMEDRIVER)" >&2
}

start_nats() {
  [[ -z ${PRECINCT_TEST_NATS_URL:-} ]] || return 0
  ensure_package nats-server command -v nats-server
  ensure_package curl command -v curl
  local dir=$PRECINCT_TEST_SERVICES_DIR/nats port monitor_port
  free_port port
  free_port monitor_port
  rm -rf "$dir" && mkdir -p "$dir"
  started+=(nats)
  nats-server -a 127.0.0.1 -p "$port" -m "$monitor_port" -js -sd "$dir/jetstream" >"$dir/nats.log" 2>&1 &
  pids[nats]=$!
  echo $! >"$dir/nats.pid"
  # /healthz answers once JetStream is up too, not just the client port.
  wait_until 10 $! curl -fs "http://127.0.0.1:$monitor_port/healthz" || startup_failed NATS "$dir/nats.log"
  export PRECINCT_TEST_NATS_URL=nats://127.0.0.1:$port
}

start_postgres() {
  [[ -z ${PRECINCT_TEST_JDBC_URL:-} ]] || return 0
  ensure_package postgresql compgen -G '/usr/lib/postgresql/*/bin/initdb'
  local dir=$PRECINCT_TEST_SERVICES_DIR/postgres port
  pg_bin=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  free_port port
  rm -rf "$dir" && mkdir -p "$dir"
  started+=(postgres)
  if (( EUID == 0 )); then
    chown postgres: "$dir"
    as_postgres=(runuser -u postgres --)
    if ! "${as_postgres[@]}" test -w "$dir"; then
      echo "PostgreSQL runs as user postgres, which cannot reach $dir: make its parents" \
        "traversable (chmod o+x) or set PRECINCT_TEST_SERVICES_DIR to a directory under /tmp." >&2
      exit 1
    fi
  fi
  "${as_postgres[@]}" "$pg_bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale --no-sync \
    >"$dir/initdb.log" 2>&1 || startup_failed PostgreSQL "$dir/initdb.log"
  # TCP only: no socket file in /var/run/postgresql or in a long path here.
  # Durability is not wanted for throwaway test data; speed is.
  cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = ''
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
  "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 start >/dev/null \
    || startup_failed PostgreSQL "$dir/postgres.log"
  export PRECINCT_TEST_JDBC_URL=jdbc:postgresql://127.0.0.1:$port/postgres
  export PRECINCT_TEST_JDBC_USER=postgres
  export PRECINCT_TEST_JDBC_PASSWORD=
}

start_kafka() {
  [[ -z ${PRECINCT_TEST_KAFKA_BOOTSTRAP:-} ]] || return 0
  local dir=$PRECINCT_TEST_SERVICES_DIR/kafka port controller_port java
  download_kafka
  free_port port
  free_port controller_port
  rm -rf "$dir" && mkdir -p "$dir"
  started+=(kafka)
  export PRECINCT_TEST_KAFKA_PROPERTIES=$dir/server.properties
  cat >"$PRECINCT_TEST_KAFKA_PROPERTIES" <<EOF
# One node in KRaft mode, broker and controller at once.
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/data
num.partitions=6
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
# The 128 MiB default takes a good part of the small heap.
log.cleaner.dedupe.buffer.size=16777216
EOF
  write_kafka_logging "$dir"
  java=("$JAVA_HOME/bin/java" -cp "$PRECINCT_TEST_KAFKA_LIB/*" -Dlog4j2.configurationFile="$dir/log4j2.properties")
  "${java[@]}" kafka.tools.StorageTool format --standalone -c "$PRECINCT_TEST_KAFKA_PROPERTIES" \
    -t "$("${java[@]}" kafka.tools.StorageTool random-uuid)" >"$dir/format.log" 2>&1 \
    || startup_failed Kafka "$dir/format.log"
  "${java[@]}" -Xmx512m kafka.Kafka "$PRECINCT_TEST_KAFKA_PROPERTIES" >"$dir/kafka.out" 2>&1 &
  pids[kafka]=$!
  echo $! >"$dir/kafka.pid"
  # The port opens before the broker can serve; this line comes after.
  wait_until 60 $! grep -q 'Kafka Server started' "$dir/kafka.log" \
    || startup_failed Kafka "$dir/kafka.log" "$dir/kafka.out"
  export PRECINCT_TEST_KAFKA_BOOTSTRAP=127.0.0.1:$port
}

# Three nats-server processes routed into one cluster, JetStream on each, for
# the tests that kill one node. Sets PRECINCT_TEST_NATS_CLUSTER_URLS to their
# client URLs, comma-separated.
start_nats_cluster() {
  [[ -z ${PRECINCT_TEST_NATS_CLUSTER_URLS:-} ]] || return 0
  ensure_package nats-server command -v nats-server
  ensure_package curl command -v curl
  local base=$PRECINCT_TEST_SERVICES_DIR/nats-cluster n m dir others port
  local -a client_ports=() monitor_ports=() routes=() urls=()
  rm -rf "$base" && mkdir -p "$base"
  for n in 0 1 2; do
    free_port port && client_ports[n]=$port
    free_port port && monitor_ports[n]=$port
    free_port port && routes[n]=nats://127.0.0.1:$port
    urls[n]=nats://127.0.0.1:${client_ports[n]}
  done
  for n in 0 1 2; do
    dir=$base/node-$(( n + 1 ))
    mkdir -p "$dir"
    others=
    for m in 0 1 2; do
      (( m == n )) || others+=${others:+,}${routes[m]}
    done
    started+=("nats-cluster/node-$(( n + 1 ))")
    nats-server -a 127.0.0.1 -p "${client_ports[n]}" -m "${monitor_ports[n]}" -js -sd "$dir/jetstream" \
      --server_name "precinct-test-$(( n + 1 ))" --cluster_name precinct-test \
      --cluster "${routes[n]}" --routes "$others" >"$dir/nats.log" 2>&1 &
    pids[nats-cluster/node-$(( n + 1 ))]=$!
    echo $! >"$dir/nats.pid"
  done
  # /healthz answers once the node's JetStream has joined the cluster's.
  for n in 0 1 2; do
    wait_until 60 "${pids[nats-cluster/node-$(( n + 1 ))]}" curl -fs "http://127.0.0.1:${monitor_ports[n]}/healthz" \
      || startup_failed "NATS cluster node $(( n + 1 ))" "$base/node-$(( n + 1 ))/nats.log"
  done
  PRECINCT_TEST_NATS_CLUSTER_URLS=$(IFS=,; echo "${urls[*]}")
  export PRECINCT_TEST_NATS_CLUSTER_URLS
}

# Three Kafka processes in KRaft mode, each broker and controller at once, with
# a static quorum of the three controllers, for the tests that kill one
# broker. -Xmx320m each, so that three fit beside everything else. Sets
# PRECINCT_TEST_KAFKA_CLUSTER_BOOTSTRAP to the three brokers, comma-separated.
start_kafka_cluster() {
  [[ -z ${PRECINCT_TEST_KAFKA_CLUSTER_BOOTSTRAP:-} ]] || return 0
  local base=$PRECINCT_TEST_SERVICES_DIR/kafka-cluster n dir port cluster_id voters brokers
  local -a java broker_ports=() controller_ports=()
  download_kafka
  rm -rf "$base" && mkdir -p "$base"
  for n in 1 2 3; do
    free_port port && broker_ports[n]=$port
    free_port port && controller_ports[n]=$port
    voters+=${voters:+,}$n@127.0.0.1:${controller_ports[n]}
    brokers+=${brokers:+,}127.0.0.1:${broker_ports[n]}
  done
  java=("$JAVA_HOME/bin/java" -cp "$PRECINCT_TEST_KAFKA_LIB/*")
  cluster_id=$("${java[@]}" kafka.tools.StorageTool random-uuid)
  for n in 1 2 3; do
    dir=$base/node-$n
    mkdir -p "$dir"
    cat >"$dir/server.properties" <<EOF
# Node $n of three in KRaft mode, broker and controller at once.
process.roles=broker,controller
node.id=$n
controller.quorum.voters=$voters
listeners=PLAINTEXT://127.0.0.1:${broker_ports[n]},CONTROLLER://127.0.0.1:${controller_ports[n]}
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/data
num.partitions=6
default.replication.factor=3
min.insync.replicas=2
offsets.topic.replication.factor=3
transaction.state.log.replication.factor=3
transaction.state.log.min.isr=2
share.coordinator.state.topic.replication.factor=3
share.coordinator.state.topic.min.isr=2
group.initial.rebalance.delay.ms=0
log.cleaner.dedupe.buffer.size=16777216
EOF
    write_kafka_logging "$dir"
    # With a static quorum (controller.quorum.voters) every node's storage is
    # formatted with the same cluster id and neither --standalone nor
    # --initial-controllers.
    "${java[@]}" -Dlog4j2.configurationFile="$dir/log4j2.properties" kafka.tools.StorageTool format \
      -c "$dir/server.properties" -t "$cluster_id" >"$dir/format.log" 2>&1 \
      || startup_failed "Kafka cluster node $n" "$dir/format.log"
  done
  for n in 1 2 3; do
    dir=$base/node-$n
    started+=("kafka-cluster/node-$n")
    "${java[@]}" -Dlog4j2.configurationFile="$dir/log4j2.properties" -Xmx320m -XX:+UseSerialGC \
      kafka.Kafka "$dir/server.properties" >"$dir/kafka.out" 2>&1 &
    pids[kafka-cluster/node-$n]=$!
    echo $! >"$dir/kafka.pid"
  done
  # A broker starts once the quorum has a leader, so the three come up together.
  for n in 1 2 3; do
    wait_until 120 "${pids[kafka-cluster/node-$n]}" grep -q 'Kafka Server started' "$base/node-$n/kafka.log" \
      || startup_failed "Kafka cluster node $n" "$base/node-$n/kafka.log" "$base/node-$n/kafka.out"
  done
  export PRECINCT_TEST_KAFKA_CLUSTER_BOOTSTRAP=$brokers
}

# Writes $1/log4j2.properties: a broker logs to $1/kafka.log.
write_kafka_logging() {
  cat >"$1/log4j2.properties" <<EOF
appender.file.type = File
appender.file.name = file
appender.file.fileName = $1/kafka.log
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = file
EOF
}

# Sets PRECINCT_TEST_KAFKA_LIB to the broker's jars, downloading them once.
download_kafka() {
  export PRECINCT_TEST_KAFKA_LIB=${PRECINCT_CACHE:-$HOME/.cache/precinct}/kafka-$KAFKA_VERSION/lib
  [[ ! -d $PRECINCT_TEST_KAFKA_LIB ]] || return 0
  local maven=mvn partial=$PRECINCT_TEST_KAFKA_LIB.partial.$$
  [[ ! -x $ROOT/mvnw ]] || maven=$ROOT/mvnw
  echo "Downloading the Kafka $KAFKA_VERSION broker jars into $PRECINCT_TEST_KAFKA_LIB (once)" >&2
  # From ROOT, so that the Maven wrapper finds its .mvn directory.
  (cd "$ROOT" && "$maven" -B -q -f scripts/kafka/pom.xml -Dkafka.version="$KAFKA_VERSION" \
    dependency:copy-dependencies -DoutputDirectory="$partial")
  # Renamed into place, so an interrupted download never passes for a whole
  # one; if a concurrent run won the race, its copy is kept.
  mv -T "$partial" "$PRECINCT_TEST_KAFKA_LIB" 2>/dev/null || rm -rf "$partial"
}

# Stops the services this shell started and removes their state.
stop_services() {
  local name dir pid
  for name in "${started[@]}"; do
    dir=$PRECINCT_TEST_SERVICES_DIR/$name
    case $name in
      postgres)
        "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true ;;
      # A cluster's last broker would wait long for a quorum that is gone to
      # shut down cleanly; the state is thrown away anyway.
      *-cluster/*)
        pid=$(cat "$dir"/*.pid 2>/dev/null || echo "${pids[$name]:-}")
        kill -KILL "$pid" 2>/dev/null || true
        # reaped here, so that the shell does not report each as "Killed"
        wait "$pid" 2>/dev/null || true ;;
      *)
        stop_process "$(cat "$dir/$name.pid" 2>/dev/null || echo "${pids[$name]:-}")" ;;
    esac
    rm -rf "$dir"
    [[ $name != */* ]] || rmdir "$(dirname "$dir")" 2>/dev/null || true
  done
  started=()
  rmdir "$PRECINCT_TEST_SERVICES_DIR" 2>/dev/null || true
}

# SIGTERM, then SIGKILL if process $1 is still there after 15 s.
stop_process() {
  local pid=$1 i
  kill -TERM "$pid" 2>/dev/null || return 0
  for (( i = 0; i < 150; i++ )); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}

# Sets the variable named $1 to a loopback port nothing listens on. The ports
# come from 20000-32767, below Linux's ephemeral range, so that outgoing
# connections do not take them before the server binds.
free_port() {
  local candidate   # not "port": printf -v would set this local, not the caller's
  while true; do
    candidate=$(( 20000 + RANDOM % 12768 ))
    [[ $picked_ports != *" $candidate "* ]] || continue
    # A connection that succeeds means the port is taken.
    if ! (: <>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
      break
    fi
  done
  picked_ports+="$candidate "
  printf -v "$1" %s "$candidate"
}

# Waits up to $1 seconds for the command "${@:3}" to succeed, as long as
# process $2 lives.
wait_until() {
  local deadline=$(( SECONDS + $1 )) pid=$2
  shift 2
  until "$@" >/dev/null 2>&1; do
    if (( SECONDS >= deadline )) || ! kill -0 "$pid" 2>/dev/null; then
      return 1
    fi
    sleep 0.1
  done
}

# Reports a service that did not come up, with the end of its logs, and exits
# (the EXIT trap then stops what did start).
startup_failed() {
  echo "$1 did not start; end of its log:" >&2
  tail -n 30 "${@:2}" >&2 || true
  exit 1
}

# Installs Debian package $1 unless the check "${@:2}" succeeds already.
ensure_package() {
  local package=$1
  shift
  ! "$@" >/dev/null 2>&1 || return 0
  if (( EUID != 0 )); then
    echo "Precinct's tests need the Debian package $package: apt-get install $package (as root)" >&2
    exit 1
  fi
  if [[ -z $apt_updated ]]; then
    apt-get update -qq >&2
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >&2
}
