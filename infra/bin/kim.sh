#!/usr/bin/env bash
# KIM_*_JAVA_OPTS are lists of words and meant to be split; sed is clearer for regex escaping.
# shellcheck disable=SC2086,SC2001
# The local launcher behind ./kim: builds what is stale, then runs a KRaft Kafka broker, the
# MongoDB-wire server, the OAuth2 issuer and the services, each as its own OS process with its
# own log (.kim/logs) and pid file (.kim/run), and stops them again.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
KIM_HOME=${KIM_HOME:-$ROOT/.kim}
mkdir -p "$KIM_HOME"
KIM_HOME=$(cd "$KIM_HOME" && pwd)
LOGS=$KIM_HOME/logs
RUN=$KIM_HOME/run
DATA=$KIM_HOME/data

# Cluster mode (./kim up --cluster): three KRaft brokers and two instances of each backend service
# behind the gateway. Remembered in $RUN/cluster until ./kim down, so that a later ./kim
# start|stop|kill|status knows the platform's shape.
CLUSTER=false
if [[ -f $RUN/cluster ]] || [[ ${1:-} == up && " $* " == *" --cluster "* ]]; then CLUSTER=true; fi

# ---- configuration: every value can be overridden from the environment -------------------

KIM_GATEWAY_PORT=${KIM_GATEWAY_PORT:-8080}
KIM_GROUP_PORT=${KIM_GROUP_PORT:-8081}
KIM_ACTIVITY_PORT=${KIM_ACTIVITY_PORT:-8082}
KIM_DISSEMINATION_PORT=${KIM_DISSEMINATION_PORT:-8083}
KIM_NOTIFICATION_PORT=${KIM_NOTIFICATION_PORT:-8084}
KIM_STREAM_PORT=${KIM_STREAM_PORT:-8085}
# the operations console, reached through the gateway at /console (its own port serves /console too)
KIM_CONSOLE_PORT=${KIM_CONSOLE_PORT:-8086}
KIM_AUTH_PORT=${KIM_AUTH_PORT:-9000}
KIM_KAFKA_PORT=${KIM_KAFKA_PORT:-9092}
KIM_KAFKA_CONTROLLER_PORT=${KIM_KAFKA_CONTROLLER_PORT:-9093}
# agencies' listener: SASL_PLAINTEXT with SCRAM-SHA-512, each demo agency reads only its own
# kim.public.<kabupaten> (infra's AgencyKafkaAccess); the services stay on KIM_KAFKA_PORT
KIM_KAFKA_AGENCY_PORT=${KIM_KAFKA_AGENCY_PORT:-9094}
KIM_MONGODB_PORT=${KIM_MONGODB_PORT:-27017}
# cluster mode: broker N (kafka@N, 1-3) listens on each of the three ports above + (N-1) x this
# (defaults: 9092/9102/9112, controllers 9093/9103/9113, agencies 9094/9104/9114)
KIM_KAFKA_NODE_PORT_STEP=${KIM_KAFKA_NODE_PORT_STEP:-10}

# An external broker or database replaces the embedded one.
EMBEDDED_KAFKA=true; [[ -n ${KIM_KAFKA_BOOTSTRAP:-} ]] && EMBEDDED_KAFKA=false
EMBEDDED_MONGO=true; [[ -n ${KIM_MONGODB_URI:-} ]] && EMBEDDED_MONGO=false
# the embedded brokers: one, or three in cluster mode (their client ports, the bootstrap list)
BROKERS=(kafka)
[[ $CLUSTER == true ]] && BROKERS=(kafka kafka@2 kafka@3)
embedded_bootstrap() {
  local node list=()
  for ((node = 0; node < ${#BROKERS[@]}; node++)); do list+=("localhost:$((KIM_KAFKA_PORT + node * KIM_KAFKA_NODE_PORT_STEP))"); done
  (IFS=,; printf '%s' "${list[*]}")
}
KIM_KAFKA_BOOTSTRAP=${KIM_KAFKA_BOOTSTRAP:-$(embedded_bootstrap)}
KIM_MONGODB_URI=${KIM_MONGODB_URI:-mongodb://localhost:$KIM_MONGODB_PORT}
KIM_ISSUER_URI=${KIM_ISSUER_URI:-http://localhost:$KIM_AUTH_PORT}

# Where every process listens: loopback only, unless told otherwise. 0.0.0.0 opens the
# platform to the network; the demo clients then get a generated secret, not the published one.
KIM_BIND_ADDRESS=${KIM_BIND_ADDRESS:-127.0.0.1}

# Memory: all platform processes together stay under 3 GiB resident
# (Kafka ~450 MB, MongoDB-wire ~200 MB, issuer ~250 MB, each service ~330 MB at most); cluster
# mode (three brokers, two instances of five services) measured 4.4 GB (infra/README.md).
KIM_JAVA_OPTS=${KIM_JAVA_OPTS:--Xms64m -Xmx192m -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=64m -XX:MaxDirectMemorySize=64m -XX:+UseSerialGC -Xss512k -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError}
KIM_KAFKA_JAVA_OPTS=${KIM_KAFKA_JAVA_OPTS:--Xms128m -Xmx320m -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=64m -XX:MaxDirectMemorySize=64m -XX:+UseSerialGC -Xss512k -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError}
# The MongoDB-wire server's store moves chunks through direct buffers of several MB while it
# compacts; when one cannot be had the store closes for good and every later request fails
# ("This store is closed", seen at 100k recipients with 32 MB): direct memory is only used on demand.
# C2 instead of C1 inserted 1.8x as fast in a probe of 60k documents but gained nothing end to
# end in ./kim bench on two cores (its compiler threads compete early in a run): kept at C1
# (infra/README.md, "The database's compiler and page cache").
KIM_MONGO_JAVA_OPTS=${KIM_MONGO_JAVA_OPTS:--Xms32m -Xmx128m -XX:MaxMetaspaceSize=64m -XX:ReservedCodeCacheSize=32m -XX:MaxDirectMemorySize=128m -XX:+UseSerialGC -Xss512k -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError}
KIM_AUTH_JAVA_OPTS=${KIM_AUTH_JAVA_OPTS:--Xms32m -Xmx96m -XX:MaxMetaspaceSize=112m -XX:ReservedCodeCacheSize=32m -XX:MaxDirectMemorySize=16m -XX:+UseSerialGC -Xss512k -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError}
KIM_TOOL_JAVA_OPTS=${KIM_TOOL_JAVA_OPTS:--Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1}

KIM_INFRA_TIMEOUT=${KIM_INFRA_TIMEOUT:-120}
KIM_SERVICE_TIMEOUT=${KIM_SERVICE_TIMEOUT:-240}

INFRA=(kafka mongo auth)
SERVICES=(group-service activity-service dissemination-service notification-service stream-service gateway console)
# cluster mode: these run twice (NAME and NAME@2) behind the gateway, which spreads requests over
# both and skips one that refuses connections. The gateway is the one entry (a load balancer in
# front of several is the deployment's, infra/deploy) and the console once: its sign-in session
# lives in the instance.
SCALED=(group-service activity-service dissemination-service notification-service stream-service)
SECOND_INSTANCES=()
if [[ $CLUSTER == true ]]; then for name in "${SCALED[@]}"; do SECOND_INSTANCES+=("$name@2"); done; fi
# the services wait for a quorum of brokers, and twelve JVMs start on this machine's cores at once
[[ $CLUSTER == true ]] && KIM_SERVICE_TIMEOUT=${KIM_CLUSTER_SERVICE_TIMEOUT:-$((KIM_SERVICE_TIMEOUT * 2))}
INFRA_MAIN_AUTH=id.go.kalteng.kim.infra.auth.AuthServerApplication
INFRA_MAIN_MONGO=id.go.kalteng.kim.infra.mongo.MongoWireServer
INFRA_MAIN_SEEDER=id.go.kalteng.kim.infra.demo.DemoSeeder
INFRA_MAIN_KAFKA_AGENCIES=id.go.kalteng.kim.infra.kafka.AgencyKafkaAccess

# ---- small helpers --------------------------------------------------------------------------

say() { printf '%s\n' "$*"; }
die() { printf 'kim: %s\n' "$*" >&2; exit 1; }

# A second (third ...) instance of a service is NAME@N: the same jar, its own pid file, log and
# marker, on the service's port + (N-1) x KIM_INSTANCE_PORT_STEP (1000). ./kim faults runs two
# instances of notification- and dissemination-service that way.
KIM_INSTANCE_PORT_STEP=${KIM_INSTANCE_PORT_STEP:-1000}
base_name() { printf '%s' "${1%%@*}"; }
instance_of() { if [[ $1 == *@* ]]; then printf '%s' "${1##*@}"; else printf '1'; fi; }

port_of() {
  if [[ $1 == *@* ]]; then
    local base instance; instance=$(instance_of "$1")
    [[ $instance =~ ^[1-9][0-9]?$ ]] || return 1
    # broker N of the cluster
    [[ $(base_name "$1") == kafka ]] && { echo $((KIM_KAFKA_PORT + (instance - 1) * KIM_KAFKA_NODE_PORT_STEP)); return; }
    base=$(port_of "$(base_name "$1")") || return 1
    echo $((base + (instance - 1) * KIM_INSTANCE_PORT_STEP))
    return
  fi
  case $1 in
    kafka) echo "$KIM_KAFKA_PORT" ;;
    mongo) echo "$KIM_MONGODB_PORT" ;;
    auth) echo "$KIM_AUTH_PORT" ;;
    group-service) echo "$KIM_GROUP_PORT" ;;
    activity-service) echo "$KIM_ACTIVITY_PORT" ;;
    dissemination-service) echo "$KIM_DISSEMINATION_PORT" ;;
    notification-service) echo "$KIM_NOTIFICATION_PORT" ;;
    stream-service) echo "$KIM_STREAM_PORT" ;;
    gateway) echo "$KIM_GATEWAY_PORT" ;;
    console) echo "$KIM_CONSOLE_PORT" ;;
    *) return 1 ;;
  esac
}

# a broker's controller and agency ports (kafka, kafka@2, kafka@3)
kafka_controller_port() { echo $((KIM_KAFKA_CONTROLLER_PORT + ($(instance_of "$1") - 1) * KIM_KAFKA_NODE_PORT_STEP)); }
kafka_agency_port() { echo $((KIM_KAFKA_AGENCY_PORT + ($(instance_of "$1") - 1) * KIM_KAFKA_NODE_PORT_STEP)); }

is_embedded() {
  case $(base_name "$1") in
    kafka) [[ $EMBEDDED_KAFKA == true ]] ;;
    mongo) [[ $EMBEDDED_MONGO == true ]] ;;
    *) true ;;
  esac
}

# The marker on every java command line: which process of which KIM_HOME it is. It lets
# ./kim tell its own processes from anything else, including a second platform (e.g. an
# end-to-end test) running from another KIM_HOME.
marker() { MARKER=("-Dkim.home=$KIM_HOME" "-Dkim.process=$1"); }
regex_escape() { sed 's/[][\.*^$+?(){}|]/\\&/g' <<<"$1"; }
marker_pattern() { printf -- '%s -Dkim\.process=%s( |$)' "$(regex_escape "-Dkim.home=$KIM_HOME")" "$1"; }

pid_of() { if [[ -f $RUN/$1.pid ]]; then cat "$RUN/$1.pid"; fi; }

is_running() {
  local pid; pid=$(pid_of "$1")
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null \
    && ps -ww -o args= -p "$pid" 2>/dev/null | grep -Eq -- "$(marker_pattern "$1")"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

http_status() { curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$1" 2>/dev/null || true; }

health_of() {
  local name=$1 port; port=$(port_of "$name")
  # with a management port the gateway's actuator, health included, moves there
  [[ $name == gateway && -n ${KIM_GATEWAY_MANAGEMENT_PORT:-} ]] && port=$KIM_GATEWAY_MANAGEMENT_PORT
  case $(base_name "$name") in
    kafka | mongo) port_open "$port" && echo accepting || echo closed ;;
    auth) [[ $(http_status "http://localhost:$port/oauth2/jwks") == 200 ]] && echo UP || echo DOWN ;;
    # the console serves everything below its context path /console, its health too
    console)
      local body
      body=$(curl -s --max-time 3 "http://localhost:$port/console/actuator/health" 2>/dev/null || true)
      if [[ $body =~ \"status\":\"([A-Z_]+)\" ]]; then echo "${BASH_REMATCH[1]}"; else echo DOWN; fi ;;
    *)
      local body
      body=$(curl -s --max-time 3 "http://localhost:$port/actuator/health" 2>/dev/null || true)
      if [[ $body =~ \"status\":\"([A-Z_]+)\" ]]; then echo "${BASH_REMATCH[1]}"; else echo DOWN; fi ;;
  esac
}

is_loopback_bind() { [[ $KIM_BIND_ADDRESS == 127.0.0.1 || $KIM_BIND_ADDRESS == localhost ]]; }

is_ready() {
  case $1 in
    # the broker binds its port before it serves requests; its log says when it does
    kafka | kafka@*) port_open "$(port_of "$1")" && grep -q "Kafka Server started" "$LOGS/$1.log" 2>/dev/null ;;
    *) case $(health_of "$1") in accepting | UP) true ;; *) false ;; esac ;;
  esac
}

infra_classpath() { printf '%s:%s' "$ROOT/infra/target/classes" "$(cat "$ROOT/infra/target/classpath.txt")"; }

# What a long-running process runs from: a copy of the build, so that building again while
# the platform runs (./mvnw package rewrites every jar and class file) cannot pull classes
# from under a running JVM (seen: NoClassDefFoundError in a service's consumers, which then
# stopped, after a rebuild during a benchmark). A service's jar is copied and renamed into
# place (the running process keeps the file it opened); infra's classes go to a directory
# of their own per start.
running_jar() {
  local name=$1 source copy; source=$(service_jar "$name"); copy=$RUN/jars/${2:-$name}.jar
  mkdir -p "$RUN/jars"
  cp "$source" "$copy.tmp.$$" && mv -f "$copy.tmp.$$" "$copy"
  printf '%s' "$copy"
}

running_infra_classpath() {
  if [[ -z ${RUNNING_INFRA_CLASSES:-} ]]; then
    RUNNING_INFRA_CLASSES=$RUN/infra-classes.$(date +%s%N)
    mkdir -p "$RUN" && cp -r "$ROOT/infra/target/classes" "$RUNNING_INFRA_CLASSES"
  fi
  printf '%s:%s' "$RUNNING_INFRA_CLASSES" "$(cat "$ROOT/infra/target/classpath.txt")"
}

project_version() {
  sed -n '/<artifactId>kim-platform<\/artifactId>/,/<\/version>/s:.*<version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml" | head -1
}

service_jar() { printf '%s/%s/target/%s-%s.jar' "$ROOT" "$1" "$1" "$(project_version)"; }

show_log_tail() {
  say "---- last lines of $LOGS/$1.log ----" >&2
  tail -n "${KIM_LOG_TAIL:-60}" "$LOGS/$1.log" >&2 || true
  say "----" >&2
}

# ---- build ----------------------------------------------------------------------------------

# A module is stale when its jar is missing or older than its main sources, any pom, or the
# main sources of the shared modules every service bundles (service-support, event-contracts).
is_stale() {
  local module=$1 artifact
  artifact=$(service_jar "$module")
  [[ -f $artifact ]] || return 0
  if [[ $module == infra ]]; then
    [[ -f $ROOT/infra/target/classpath.txt ]] || return 0
  fi
  [[ -n $(find "$ROOT/$module/src/main" "$ROOT/$module/pom.xml" "$ROOT/pom.xml" \
    "$ROOT/service-support/src/main" "$ROOT/service-support/pom.xml" \
    "$ROOT/event-contracts/src/main" "$ROOT/event-contracts/pom.xml" \
    -newer "$artifact" -print -quit 2>/dev/null) ]]
}

build_if_stale() {
  local infra_only=$1 modules stale=()
  if [[ ${KIM_SKIP_BUILD:-false} == true || ${KIM_SKIP_BUILD:-} == 1 ]]; then return; fi
  if [[ $infra_only == true ]]; then
    modules=(infra)
  else
    mapfile -t modules < <(sed -n 's:.*<module>\(.*\)</module>.*:\1:p' "$ROOT/pom.xml")
  fi
  for module in "${modules[@]}"; do
    is_stale "$module" && stale+=("$module")
  done
  ((${#stale[@]} == 0)) && return
  say "Building (stale: ${stale[*]}) ..."
  mkdir -p "$LOGS"
  local command=("$ROOT/mvnw" -q -DskipTests package)
  # infra builds on its own, so --infra-only works while other modules are broken
  [[ $infra_only == true ]] && command=("$ROOT/mvnw" -q -DskipTests -f "$ROOT/infra/pom.xml" package)
  if ! (cd "$ROOT" && "${command[@]}") >"$LOGS/build.log" 2>&1; then
    say "Build failed: ${command[*]}" >&2
    tail -n 60 "$LOGS/build.log" >&2
    exit 1
  fi
}

# ---- starting -------------------------------------------------------------------------------

# Starts "$@" detached (own session, immune to the shell's hang-up) with its output in the
# process's log; the previous log is kept as NAME.log.1.
launch() {
  local name=$1; shift
  mkdir -p "$LOGS" "$RUN"
  [[ -f $LOGS/$name.log ]] && mv -f "$LOGS/$name.log" "$LOGS/$name.log.1"
  printf '=== %s starting %s\n' "$(date -Iseconds)" "$name" >"$LOGS/$name.log"
  # Every step execs the next, so one pid goes from this subshell to the java process; the
  # inner shell records it. No shell stays behind holding the caller's stdout open.
  # shellcheck disable=SC2016 # $$ and $@ belong to the inner shell
  (cd "$ROOT" && exec setsid nohup bash -c 'echo $$ >"$0"; exec "$@"' "$RUN/$name.pid" "$@") \
    >>"$LOGS/$name.log" 2>&1 </dev/null &
  local waited=0
  until [[ -s $RUN/$name.pid ]] || ((waited++ > 50)); do sleep 0.1; done
}

# Returns 0 when NAME should be started now, 1 when it already runs.
needs_start() {
  local name=$1 port; port=$(port_of "$name")
  if is_running "$name"; then
    say "  $name already running (pid $(pid_of "$name"))"
    return 1
  fi
  rm -f "$RUN/$name.pid"
  local taken
  for taken in "$port" $([[ $(base_name "$name") == kafka ]] && echo "$(kafka_controller_port "$name") $(kafka_agency_port "$name")"); do
    port_open "$taken" && die "port $taken for $name is taken by a process this launcher did not start (KIM_HOME=$KIM_HOME)"
  done
  return 0
}

# Where broker N keeps its log: one broker in data/kafka; the cluster's three in
# data/kafka-cluster/node-N (a single-broker store is never reused by a cluster, nor the reverse).
kafka_log_dir() {
  if [[ $CLUSTER == true ]]; then printf '%s/kafka-cluster/node-%s' "$DATA" "$1"; else printf '%s/kafka' "$DATA"; fi
}

# The broker's settings. Cluster mode: three nodes each broker and controller at once (combined
# mode: three JVMs instead of six on a small machine; a quorum of three voters outlives one lost
# node, which is what the cluster is for), a static voter list, and replication factor 3 with
# min.insync.replicas 2 for every topic (also the internal ones, and by default whatever a client
# creates without saying), so one broker can be lost without losing an acknowledged record or
# refusing writes.
kafka_properties() {
  local node=${1:-1} step port controller agency replicas=1 insync=1 quorum
  step=$(((node - 1) * KIM_KAFKA_NODE_PORT_STEP))
  port=$((KIM_KAFKA_PORT + step)) controller=$((KIM_KAFKA_CONTROLLER_PORT + step)) agency=$((KIM_KAFKA_AGENCY_PORT + step))
  quorum="controller.quorum.bootstrap.servers=localhost:$controller"
  if [[ $CLUSTER == true ]]; then
    replicas=3 insync=2
    quorum="controller.quorum.voters=1@localhost:$KIM_KAFKA_CONTROLLER_PORT,2@localhost:$((KIM_KAFKA_CONTROLLER_PORT + KIM_KAFKA_NODE_PORT_STEP)),3@localhost:$((KIM_KAFKA_CONTROLLER_PORT + 2 * KIM_KAFKA_NODE_PORT_STEP))"
  fi
  cat <<EOF
# Generated by ./kim on each start; edit infra/bin/kim.sh instead.
process.roles=broker,controller
node.id=$node
$quorum
listeners=PLAINTEXT://$KIM_BIND_ADDRESS:$port,CONTROLLER://$KIM_BIND_ADDRESS:$controller,AGENCY://$KIM_BIND_ADDRESS:$agency
advertised.listeners=PLAINTEXT://localhost:$port,CONTROLLER://localhost:$controller,AGENCY://localhost:$agency
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,AGENCY:SASL_PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
# Agencies log in with SCRAM-SHA-512 on their own listener; the users are made after start
# (AgencyKafkaAccess, through the local listener) and live in the metadata log.
listener.name.agency.sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.agency.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
# ACLs decide what a principal may do. The local and controller listeners are unauthenticated:
# their principal, User:ANONYMOUS (the services, the tools, this broker and its controller), is
# the super-user, so they work as before. An agency has only the ACLs AgencyKafkaAccess grants:
# with no ACL on a resource it is refused (allow.everyone.if.no.acl.found=false).
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:ANONYMOUS
allow.everyone.if.no.acl.found=false
log.dirs=$(kafka_log_dir "$node")
num.partitions=3
auto.create.topics.enable=true
default.replication.factor=$replicas
min.insync.replicas=$insync
unclean.leader.election.enable=false
offsets.topic.replication.factor=$replicas
transaction.state.log.replication.factor=$replicas
transaction.state.log.min.isr=$insync
share.coordinator.state.topic.replication.factor=$replicas
share.coordinator.state.topic.min.isr=$insync
group.initial.rebalance.delay.ms=0
num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
log.retention.hours=168
EOF
}

# start_kafka [kafka | kafka@2 | kafka@3]
start_kafka() {
  local name=${1:-kafka} node; node=$(instance_of "${1:-kafka}")
  needs_start "$name" || return 0
  local logdir; logdir=$(kafka_log_dir "$node")
  mkdir -p "$logdir" "$KIM_HOME/config" "$LOGS"
  local properties=$KIM_HOME/config/$name-server.properties
  kafka_properties "$node" >"$properties"
  if [[ ! -f $logdir/meta.properties ]]; then
    # first start: format the storage, of a single-node KRaft cluster or of one node of three
    # (the same cluster id for all, kept beside their stores; the voters are in the properties)
    local cluster_id format=(--standalone)
    if [[ $CLUSTER == true ]]; then
      format=()
      [[ -s $DATA/kafka-cluster/cluster-id ]] || java $KIM_TOOL_JAVA_OPTS -cp "$(infra_classpath)" kafka.tools.StorageTool random-uuid \
        | tail -n 1 >"$DATA/kafka-cluster/cluster-id"
      cluster_id=$(cat "$DATA/kafka-cluster/cluster-id")
    else
      cluster_id=$(java $KIM_TOOL_JAVA_OPTS -cp "$(infra_classpath)" kafka.tools.StorageTool random-uuid | tail -n 1)
    fi
    java $KIM_TOOL_JAVA_OPTS -cp "$(infra_classpath)" kafka.tools.StorageTool format "${format[@]+"${format[@]}"}" \
      -t "$cluster_id" -c "$properties" >"$LOGS/$name-format.log" 2>&1 \
      || { cat "$LOGS/$name-format.log" >&2; die "formatting the Kafka storage in $logdir failed"; }
  fi
  say "  starting $name on localhost:$(port_of "$name")"
  marker "$name"
  launch "$name" java "${MARKER[@]}" $KIM_KAFKA_JAVA_OPTS -Djava.awt.headless=true \
    -cp "$(running_infra_classpath)" kafka.Kafka "$properties"
}

start_mongo() {
  needs_start mongo || return 0
  say "  starting mongo on $KIM_MONGODB_URI"
  marker mongo
  launch mongo env KIM_MONGODB_PORT="$KIM_MONGODB_PORT" KIM_MONGODB_DATA_DIR="$DATA/mongo" KIM_BIND_ADDRESS="$KIM_BIND_ADDRESS" \
    java "${MARKER[@]}" $KIM_MONGO_JAVA_OPTS -cp "$(running_infra_classpath)" "$INFRA_MAIN_MONGO"
}

start_auth() {
  needs_start auth || return 0
  say "  starting auth on http://localhost:$KIM_AUTH_PORT (issuer $KIM_ISSUER_URI)"
  marker auth
  local env=(SPRING_PROFILES_ACTIVE=local KIM_AUTH_PORT="$KIM_AUTH_PORT" KIM_ISSUER_URI="$KIM_ISSUER_URI"
    KIM_BIND_ADDRESS="$KIM_BIND_ADDRESS" KIM_AUTH_DATA_DIR="$DATA/auth" KIM_DEMO_DIR="$DATA/demo"
    KIM_DEMO_CLIENT_SECRET="$(demo_client_secret)" KIM_GATEWAY_PORT="$KIM_GATEWAY_PORT" KIM_CONSOLE_PORT="$KIM_CONSOLE_PORT")
  launch auth env "${env[@]}" java "${MARKER[@]}" $KIM_AUTH_JAVA_OPTS -cp "$(running_infra_classpath)" "$INFRA_MAIN_AUTH"
}

# The agencies' Kafka access, applied after every start of the embedded broker (idempotent):
# for each AGENCY client of the local issuer, its topic kim.public.<kabupaten> (one partition),
# a SCRAM-SHA-512 user of the same name with the password from KIM_KAFKA_PASSWORD_AGENCY_NNNN or
# generated once in $DATA/secrets/kafka-agency-NNNN, and exactly its ACLs (infra's AgencyKafkaAccess).
grant_kafka_agencies() {
  mkdir -p "$LOGS"
  env KIM_KAFKA_BOOTSTRAP="$KIM_KAFKA_BOOTSTRAP" KIM_KAFKA_SECRETS_DIR="$DATA/secrets" \
    java $KIM_TOOL_JAVA_OPTS -cp "$(infra_classpath)" "$INFRA_MAIN_KAFKA_AGENCIES" >"$LOGS/kafka-agencies.log" 2>&1 \
    || { tail -n 40 "$LOGS/kafka-agencies.log" >&2; die "granting the agencies' Kafka access failed (log: $LOGS/kafka-agencies.log)"; }
  say "  kafka agencies' users, topics and ACLs in place (list: $LOGS/kafka-agencies.log)"
}

# A secret of this installation: taken from the environment when set there, otherwise
# generated once (random, 48 characters) under $DATA/secrets and kept, readable only by
# its owner. Nothing secret has a usable default.
local_secret() {
  local name=$1 variable=$2 file=$DATA/secrets/$1
  if [[ -n ${!variable:-} ]]; then printf '%s' "${!variable}"; return; fi
  if [[ ! -s $file ]]; then
    mkdir -p "$DATA/secrets" && chmod 700 "$DATA/secrets"
    (umask 077 && head -c 36 /dev/urandom | base64 | tr '+/' '-_' >"$file")
  fi
  tr -d '\n' <"$file"
}

# The demo clients' secret: the published one on loopback (unless KIM_DEMO_CLIENT_SECRET
# says otherwise), a generated one on any other address; the issuer refuses the published
# one there.
demo_client_secret() {
  if is_loopback_bind && [[ -z ${KIM_DEMO_CLIENT_SECRET:-} ]]; then printf 'kim-demo'; return; fi
  local_secret demo-client-secret KIM_DEMO_CLIENT_SECRET
}

start_service() {
  local name=$1 base; base=$(base_name "$1")
  needs_start "$name" || return 0
  # the local profile: what only a developer's machine may run (the notification sandbox)
  local env=(SPRING_PROFILES_ACTIVE=local SERVER_PORT="$(port_of "$name")" KIM_BIND_ADDRESS="$KIM_BIND_ADDRESS"
    KIM_KAFKA_BOOTSTRAP="$KIM_KAFKA_BOOTSTRAP" KIM_MONGODB_URI="$KIM_MONGODB_URI" KIM_ISSUER_URI="$KIM_ISSUER_URI"
    KIM_PHONE_HASH_KEY="$(local_secret phone-hash-key KIM_PHONE_HASH_KEY)")
  # the topics a service creates: 3 replicas, 2 in sync on the cluster (service-support's
  # kim.kafka.*, stream-service's public topics); unset on one broker (the broker's defaults)
  [[ $CLUSTER == true ]] && env+=(KIM_KAFKA_REPLICATION_FACTOR=3 KIM_KAFKA_MIN_INSYNC_REPLICAS=2 KIM_STREAM_PUBLIC_REPLICAS=3)
  # a second stream-service: its own transactional id (the same one would fence the first's
  # republisher); webhook deliveries stay with the first (WebhookProperties: one instance)
  [[ $base == stream-service && $name == *@* ]] \
    && env+=(KIM_STREAM_INSTANCE_ID="$(instance_of "$name")" KIM_STREAM_WEBHOOKS=false)
  if [[ $base == notification-service ]]; then
    env+=(KIM_SANDBOX_WEBHOOK_SECRET="$(local_secret sandbox-webhook-secret KIM_SANDBOX_WEBHOOK_SECRET)"
      KIM_WHATSAPP_PROVIDER="${KIM_WHATSAPP_PROVIDER:-sandbox}" KIM_SMS_PROVIDER="${KIM_SMS_PROVIDER:-sandbox}"
      KIM_PUBLIC_BASE_URL="${KIM_PUBLIC_BASE_URL:-http://localhost:$KIM_GATEWAY_PORT}")
  fi
  if [[ $base == gateway ]]; then
    env+=(KIM_GROUP_SERVICE_URL="${KIM_GROUP_SERVICE_URL:-http://localhost:$KIM_GROUP_PORT}"
      KIM_ACTIVITY_SERVICE_URL="${KIM_ACTIVITY_SERVICE_URL:-http://localhost:$KIM_ACTIVITY_PORT}"
      KIM_DISSEMINATION_SERVICE_URL="${KIM_DISSEMINATION_SERVICE_URL:-http://localhost:$KIM_DISSEMINATION_PORT}"
      KIM_NOTIFICATION_SERVICE_URL="${KIM_NOTIFICATION_SERVICE_URL:-http://localhost:$KIM_NOTIFICATION_PORT}"
      KIM_STREAM_SERVICE_URL="${KIM_STREAM_SERVICE_URL:-http://localhost:$KIM_STREAM_PORT}"
      KIM_CONSOLE_URL="${KIM_CONSOLE_URL:-http://localhost:$KIM_CONSOLE_PORT}")
    # cluster mode: both instances of each scaled service, taken in turn, a refused
    # connection going to the other (the gateway's UpstreamInstances)
    if [[ $CLUSTER == true ]]; then
      local scaled variable
      for scaled in "${SCALED[@]}"; do
        variable=KIM_$(tr 'a-z-' 'A-Z_' <<<"$scaled")_INSTANCES
        env+=("$variable=http://localhost:$(port_of "$scaled"),http://localhost:$(port_of "$scaled@2")")
      done
    fi
    # the gateway's actuator (metrics) only on a port of its own, when one is asked for
    [[ -n ${KIM_GATEWAY_MANAGEMENT_PORT:-} ]] \
      && env+=(MANAGEMENT_SERVER_PORT="$KIM_GATEWAY_MANAGEMENT_PORT" MANAGEMENT_SERVER_ADDRESS="$KIM_BIND_ADDRESS")
  fi
  if [[ $base == console ]]; then
    # the browser reaches the console through the gateway; the console calls the API there too
    env+=(KIM_CONSOLE_PUBLIC_URL="${KIM_CONSOLE_PUBLIC_URL:-http://localhost:$KIM_GATEWAY_PORT/console}"
      KIM_GATEWAY_URL="http://localhost:$KIM_GATEWAY_PORT")
  fi
  say "  starting $name on http://localhost:$(port_of "$name")"
  marker "$name"
  launch "$name" env "${env[@]}" java "${MARKER[@]}" $KIM_JAVA_OPTS -jar "$(running_jar "$base" "$name")"
}

# Waits until every named process is ready; on a crash or timeout shows that process's log.
await_ready() {
  local timeout=$1; shift
  local pending=("$@") started=$SECONDS
  while ((${#pending[@]} > 0)); do
    local still=()
    for name in "${pending[@]}"; do
      if ! is_running "$name"; then
        show_log_tail "$name"
        die "$name exited during startup (log: $LOGS/$name.log)"
      elif is_ready "$name"; then
        say "  $name ready after $((SECONDS - started)) s"
      else
        still+=("$name")
      fi
    done
    pending=("${still[@]+"${still[@]}"}")
    ((${#pending[@]} == 0)) && break
    if ((SECONDS - started > timeout)); then
      for name in "${pending[@]}"; do show_log_tail "$name"; done
      die "not ready within ${timeout} s: ${pending[*]} (./kim down stops the rest)"
    fi
    sleep 1
  done
}

print_summary() {
  local infra_only=$1
  say ""
  say "KIM platform is up (KIM_HOME=$KIM_HOME)"
  [[ $infra_only == true ]] || say "  gateway                http://localhost:$KIM_GATEWAY_PORT"
  [[ $infra_only == true ]] || say "  console                http://localhost:$KIM_GATEWAY_PORT/console"
  say "  token endpoint         http://localhost:$KIM_AUTH_PORT/oauth2/token   (issuer $KIM_ISSUER_URI)"
  if [[ $infra_only != true ]]; then
    for name in group-service activity-service dissemination-service notification-service stream-service; do
      printf '  %-22s http://localhost:%s%s\n' "$name" "$(port_of "$name")" \
        "$([[ $CLUSTER == true ]] && echo " and http://localhost:$(port_of "$name@2") ($name@2)")"
    done
  fi
  say "  kafka                  $KIM_KAFKA_BOOTSTRAP$([[ $EMBEDDED_KAFKA == true ]] || echo ' (external)')"
  [[ $EMBEDDED_KAFKA == true ]] \
    && say "  kafka for agencies     localhost:$KIM_KAFKA_AGENCY_PORT  SASL_PLAINTEXT SCRAM-SHA-512, user agency-NNNN reads kim.public.62-NN, groups agency-NNNN-*"
  say "  mongodb                $KIM_MONGODB_URI$([[ $EMBEDDED_MONGO == true ]] || echo ' (external)')"
  say "  logs                   $LOGS  (./kim logs NAME [-f])"
  say "  listening on           $KIM_BIND_ADDRESS$(is_loopback_bind && echo ' (this machine only; see KIM_BIND_ADDRESS)')"
  say ""
  say "Secrets of this installation (files only you can read; values never printed):"
  say "  token signing key      $DATA/auth/signing-key.json"
  local secrets=() entry name variable
  [[ $infra_only == true ]] || secrets+=(phone-hash-key:KIM_PHONE_HASH_KEY sandbox-webhook-secret:KIM_SANDBOX_WEBHOOK_SECRET)
  [[ $(demo_client_secret) == kim-demo ]] || secrets+=(demo-client-secret:KIM_DEMO_CLIENT_SECRET)
  for entry in "${secrets[@]+"${secrets[@]}"}"; do
    name=${entry%%:*} variable=${entry#*:}
    if [[ -n ${!variable:-} ]]; then
      printf '  %-22s from the environment (%s)\n' "$name" "$variable"
    else
      printf '  %-22s %s\n' "$name" "$DATA/secrets/$name"
    fi
  done
  [[ $EMBEDDED_KAFKA == true ]] \
    && printf '  %-22s %s\n' "kafka-agency-NNNN" "$DATA/secrets/kafka-agency-NNNN (or KIM_KAFKA_PASSWORD_AGENCY_NNNN)"
  say ""
  local secret=kim-demo
  if [[ -n ${KIM_DEMO_CLIENT_SECRET:-} ]]; then
    # shellcheck disable=SC2016 # printed for the user's shell to expand
    secret='$KIM_DEMO_CLIENT_SECRET'
  elif [[ $(demo_client_secret) != kim-demo ]]; then
    secret="\$(cat $DATA/secrets/demo-client-secret)"
  fi
  say "Demo clients (local issuer only; client-credentials grant, HTTP Basic, secret $secret):"
  say "  operator-1, operator-2                       role OPERATOR"
  say "  agency-6201 ... agency-6213, agency-6271     role AGENCY, claim kabupaten 62.01 ... 62.71"
  say "  coordinator-demo                             role COORDINATOR, claim group (after ./kim up --demo)"
  say "  curl -s -u operator-1:$secret -d grant_type=client_credentials http://localhost:$KIM_AUTH_PORT/oauth2/token"
  if [[ $infra_only != true && ${demo:-false} == true ]]; then
    say ""
    say "Console: http://localhost:$KIM_GATEWAY_PORT/console  (demo users, password $secret):"
    say "  operator-1, operator-2     role OPERATOR: one drafts, the other approves (four eyes)"
    say "  agency-6271, agency-6203   role AGENCY of 62.71 Palangka Raya / 62.03 Kapuas: their kabupaten only"
    say "  coordinator-demo           role COORDINATOR of the demo group"
  fi
}

seed_demo() {
  if [[ -f $DATA/demo/seeded ]]; then
    say "Demo data already seeded ($DATA/demo/seeded)"
    return
  fi
  env KIM_GATEWAY_URL="http://localhost:$KIM_GATEWAY_PORT" KIM_TOKEN_URL="http://localhost:$KIM_AUTH_PORT/oauth2/token" \
    KIM_DEMO_DIR="$DATA/demo" KIM_DEMO_CLIENT_SECRET="$(demo_client_secret)" java $KIM_TOOL_JAVA_OPTS -cp "$(infra_classpath)" "$INFRA_MAIN_SEEDER" \
    || die "seeding the demo data failed (the platform keeps running; ./kim down stops it)"
}

cmd_up() {
  local infra_only=false demo=false cluster=false
  for arg in "$@"; do
    case $arg in
      --infra-only) infra_only=true ;;
      --demo) demo=true ;;
      --cluster) cluster=true ;;
      *) die "unknown option for up: $arg (use --infra-only, --demo, --cluster)" ;;
    esac
  done
  [[ $infra_only == true && $demo == true ]] && die "--demo needs the services; drop --infra-only"
  if [[ $cluster == true ]]; then
    [[ $EMBEDDED_KAFKA == true ]] || die "--cluster runs its own three brokers; unset KIM_KAFKA_BOOTSTRAP"
    if [[ ! -f $RUN/cluster ]] && { is_running kafka || is_running gateway; }; then
      die "a single-broker platform runs from $KIM_HOME: ./kim down first"
    fi
  elif [[ $CLUSTER == true ]]; then
    say "The platform of $KIM_HOME is a cluster (./kim up --cluster until ./kim down): starting what is missing of it"
  fi
  case $KIM_BIND_ADDRESS in
    127.0.0.1 | localhost | 0.0.0.0) ;;
    *) die "KIM_BIND_ADDRESS must be 127.0.0.1 (this machine only) or 0.0.0.0 (every interface), not $KIM_BIND_ADDRESS" ;;
  esac
  command -v java >/dev/null || die "java (17 or newer) is not on the PATH"
  command -v curl >/dev/null || die "curl is not on the PATH"
  local started=$SECONDS
  build_if_stale "$infra_only"
  mkdir -p "$LOGS" "$RUN" "$DATA"
  [[ -f $ROOT/infra/target/classpath.txt ]] || die "infra is not built: run ./mvnw -DskipTests package"
  if [[ $infra_only != true ]]; then
    for name in "${SERVICES[@]}"; do
      [[ -f $(service_jar "$name") ]] || die "$(service_jar "$name") is missing: build it with ./mvnw -DskipTests package"
    done
  fi

  [[ $CLUSTER == true ]] && touch "$RUN/cluster"

  say "Starting infrastructure$([[ $CLUSTER == true ]] && echo ' (cluster: 3 brokers, 2 instances of each backend service)') ..."
  local infra=() broker
  if [[ $EMBEDDED_KAFKA == true ]]; then
    for broker in "${BROKERS[@]}"; do start_kafka "$broker"; infra+=("$broker"); done
  else
    say "  kafka external: $KIM_KAFKA_BOOTSTRAP"
  fi
  if [[ $EMBEDDED_MONGO == true ]]; then start_mongo; infra+=(mongo); else say "  mongo external: $KIM_MONGODB_URI"; fi
  start_auth
  infra+=(auth)
  await_ready "$KIM_INFRA_TIMEOUT" "${infra[@]}"
  [[ $EMBEDDED_KAFKA == true ]] && grant_kafka_agencies

  if [[ $infra_only != true ]]; then
    say "Starting services ..."
    for name in "${SERVICES[@]}" "${SECOND_INSTANCES[@]+"${SECOND_INSTANCES[@]}"}"; do start_service "$name"; done
    await_ready "$KIM_SERVICE_TIMEOUT" "${SERVICES[@]}" "${SECOND_INSTANCES[@]+"${SECOND_INSTANCES[@]}"}"
  fi
  [[ $demo == true ]] && seed_demo
  print_summary "$infra_only"
  say ""
  say "Started in $((SECONDS - started)) s. Stop with ./kim down"
}

# ---- stopping -------------------------------------------------------------------------------

# Every pid of this KIM_HOME's processes called NAME: the pid file plus anything the marker
# finds (e.g. a process whose pid file was lost).
pids_of() {
  local name=$1
  { is_running "$name" && pid_of "$name"; pgrep -f -- "$(marker_pattern "$name")" || true; } | sort -u
}

# SIGTERM to every process of the group, then SIGKILL for whatever outlives the timeout.
stop_group() {
  local timeout=$1; shift
  local pids=() name pid
  for name in "$@"; do
    for pid in $(pids_of "$name"); do
      say "  stopping $name (pid $pid)"
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid")
    done
  done
  local deadline=$((SECONDS + timeout))
  for pid in "${pids[@]+"${pids[@]}"}"; do
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      say "  pid $pid did not stop within ${timeout} s: killing it"
      kill -KILL "$pid" 2>/dev/null || true
      local gone=$((SECONDS + 5))
      while kill -0 "$pid" 2>/dev/null && ((SECONDS < gone)); do sleep 0.1; done
    fi
  done
  for name in "$@"; do rm -f "$RUN/$name.pid"; done
}

cmd_down() {
  say "Stopping the KIM platform (KIM_HOME=$KIM_HOME) ..."
  # services first, so none of them sees its broker or database vanish under it; with the
  # extra instances (NAME@N) anything started them
  local instances=() file
  for file in "$RUN"/*@*.pid; do [[ -e $file && $(basename "$file") != kafka@* ]] && instances+=("$(basename "$file" .pid)"); done
  stop_group 30 "${SERVICES[@]}" "${instances[@]+"${instances[@]}"}"
  stop_group 20 auth mongo
  local brokers=(kafka)
  for file in "$RUN"/kafka@*.pid; do [[ -e $file ]] && brokers+=("$(basename "$file" .pid)"); done
  stop_group 60 "${brokers[@]}"
  local left
  left=$(pgrep -f -- "$(regex_escape "-Dkim.home=$KIM_HOME ")" | tr '\n' ' ' || true)
  [[ -z $left ]] || die "still running: pids $left"
  # the copies of the build they ran from (running_jar, running_infra_classpath)
  rm -rf "$RUN/jars" "$RUN"/infra-classes.*
  rm -f "$RUN/cluster"
  say "Stopped."
}

# ---- one process at a time ------------------------------------------------------------------

# ./kim start|stop|kill NAME...: one process of this KIM_HOME (kafka, mongo, auth, a service, or
# a service's extra instance NAME@N), for fault injection (./kim faults) and for trying things
# out. start waits until it is ready; stop is SIGTERM (SIGKILL after 60 s); kill is SIGKILL at
# once, as a crash.
known_process() {
  local name=$1 base; base=$(base_name "$1")
  # kafka@2, kafka@3: the cluster's other brokers
  [[ $name == kafka@* ]] && { [[ $CLUSTER == true && " ${BROKERS[*]} " == *" $name "* ]]; return; }
  [[ $name == *@* ]] && { [[ " ${SERVICES[*]} " == *" $base "* ]] && port_of "$name" >/dev/null; return; }
  [[ " ${INFRA[*]} ${SERVICES[*]} " == *" $name "* ]]
}

cmd_process() {
  local action=$1; shift
  (($# > 0)) || die "usage: ./kim $action NAME...   (NAME: ${INFRA[*]} ${SERVICES[*]}, or SERVICE@N for its Nth instance; kafka@2, kafka@3 on a cluster)"
  local name
  for name in "$@"; do known_process "$name" || die "unknown process: $name"; done
  case $action in
    start)
      local started=()
      for name in "$@"; do
        case $name in
          kafka | kafka@*) start_kafka "$name" ;;
          mongo) start_mongo ;;
          auth) start_auth ;;
          *) start_service "$name" ;;
        esac
        started+=("$name")
      done
      await_ready "$KIM_SERVICE_TIMEOUT" "${started[@]}" ;;
    stop) stop_group 60 "$@" ;;
    kill)
      local pid
      for name in "$@"; do
        for pid in $(pids_of "$name"); do
          say "  killing $name (pid $pid) with SIGKILL"
          kill -KILL "$pid" 2>/dev/null || true
          local gone=$((SECONDS + 10))
          while kill -0 "$pid" 2>/dev/null && ((SECONDS < gone)); do sleep 0.05; done
        done
        rm -f "$RUN/$name.pid"
      done ;;
  esac
}

# ---- looking --------------------------------------------------------------------------------

cmd_status() {
  printf '%-24s %-8s %-8s %-6s %s\n' PROCESS STATE PID PORT HEALTH
  # plus the cluster's other brokers and second instances, and any other instance started by hand
  local names=(kafka "${BROKERS[@]:1}" mongo auth "${SERVICES[@]}" "${SECOND_INSTANCES[@]+"${SECOND_INSTANCES[@]}"}") file extra
  for file in "$RUN"/*@*.pid; do
    [[ -e $file ]] || continue
    extra=$(basename "$file" .pid)
    [[ " ${names[*]} " == *" $extra "* ]] || names+=("$extra")
  done
  [[ $CLUSTER == true ]] && say "cluster mode: ${#BROKERS[@]} brokers ($KIM_KAFKA_BOOTSTRAP), ${#SCALED[@]} services twice behind the gateway"
  for name in "${names[@]}"; do
    local port state pid health
    port=$(port_of "$name")
    if ! is_embedded "$name"; then
      printf '%-24s %-8s %-8s %-6s %s\n' "$name" external - - \
        "$([[ $name == kafka ]] && echo "$KIM_KAFKA_BOOTSTRAP" || echo "$KIM_MONGODB_URI")"
      continue
    fi
    if is_running "$name"; then
      state=running; pid=$(pid_of "$name"); health=$(health_of "$name")
    else
      state=stopped; pid=-; health=-
    fi
    printf '%-24s %-8s %-8s %-6s %s\n' "$name" "$state" "$pid" "$port" "$health"
  done
}

cmd_logs() {
  local name=${1:-} follow=false
  [[ -n $name ]] || die "usage: ./kim logs NAME [-f]   (NAME: ${INFRA[*]} ${SERVICES[*]} build)"
  [[ ${2:-} == -f || ${2:-} == --follow ]] && follow=true
  local file=$LOGS/$name.log
  [[ -f $file ]] || die "no log for $name in $LOGS"
  if [[ $follow == true ]]; then exec tail -n 100 -F "$file"; else cat "$file"; fi
}

# ---- dead letters ---------------------------------------------------------------------------

# ./kim dlq list | ./kim dlq replay error.<topic>.<group>: what the consumers dead-lettered, and
# putting it back on its topic once the cause is fixed (service-support's DeadLetterReplay).
cmd_dlq() {
  if [[ $# -eq 0 ]]; then
    say "usage: ./kim dlq list                            dead-letter topics, records, not yet replayed"
    say "       ./kim dlq replay error.<topic>.<group>    put each not yet replayed record back, once"
    exit 2
  fi
  local jar; jar=$(service_jar service-support)
  [[ -f $jar && -f $ROOT/infra/target/classpath.txt ]] || die "not built yet: run ./mvnw -DskipTests package"
  java $KIM_TOOL_JAVA_OPTS -cp "$jar:$(infra_classpath)" id.go.kalteng.kim.support.messaging.DeadLetterReplay \
    --bootstrap-servers="$KIM_KAFKA_BOOTSTRAP" "$@"
}

# ./kim bench [--own] [--small | --large] [--groups N ...]: broadcasts measured end to end beside the
# raw limits of the same broker and database (infra's KimBench). Without --own it measures the
# platform ./kim up started (these ports); --own starts its own on shifted ports in a temporary
# KIM_HOME with the SMS and gateway limits lifted, the WhatsApp limit left at its default (P3 paces
# against it) and the sandbox's throttle simulation at 80/s, and stops it again.
cmd_bench() {
  if [[ ${1:-} == --own ]]; then
    shift
    # a mistyped option ends the run here, not after a platform has started for it (infra is
    # built first when stale, as ./kim up would; the rest is built by the up below)
    build_if_stale true
    java $KIM_TOOL_JAVA_OPTS -cp "$ROOT/infra/target/classes:$(cat "$ROOT/infra/target/classpath.txt")" \
      id.go.kalteng.kim.infra.bench.KimBench --check "$@" || return $?
    local own; own=$(mktemp -d "${TMPDIR:-/tmp}/kim-bench.XXXXXX")
    local shift_by=${KIM_BENCH_PORT_SHIFT:-4500} rc=0
    export KIM_GATEWAY_PORT=$((8080 + shift_by)) KIM_GROUP_PORT=$((8081 + shift_by)) KIM_ACTIVITY_PORT=$((8082 + shift_by))
    export KIM_DISSEMINATION_PORT=$((8083 + shift_by)) KIM_NOTIFICATION_PORT=$((8084 + shift_by)) KIM_STREAM_PORT=$((8085 + shift_by)) KIM_AUTH_PORT=$((9000 + shift_by))
    export KIM_KAFKA_PORT=$((9092 + shift_by)) KIM_KAFKA_CONTROLLER_PORT=$((9093 + shift_by)) KIM_MONGODB_PORT=$((27017 + shift_by))
    export KIM_KAFKA_AGENCY_PORT=$((9094 + shift_by))
    export KIM_CONSOLE_PORT=$((8086 + shift_by))
    export KIM_NOTIFICATION_SMS_PER_SECOND=${KIM_NOTIFICATION_SMS_PER_SECOND:-100000} KIM_GATEWAY_RATE_LIMIT_RPS=${KIM_GATEWAY_RATE_LIMIT_RPS:-100000}
    # P3: WhatsApp keeps the platform's limit (80/s unless set); the sandbox answers "throttled"
    # to more than 80/s, which notification-service counts (kim.sandbox.throttled)
    export KIM_SANDBOX_WHATSAPP_PER_SECOND=${KIM_SANDBOX_WHATSAPP_PER_SECOND:-80}
    # --large: 100,000 recipients; the MongoDB-wire server answers a query with every matching
    # document in memory (a preview of the kabupaten holds all 100k), which its 128 MB heap
    # does not hold (seen: OutOfMemoryError during the catch-up). The services keep theirs.
    if [[ " $* " == *" --large "* ]]; then
      KIM_MONGO_JAVA_OPTS=${KIM_MONGO_JAVA_OPTS/-Xmx128m/-Xmx768m}
      KIM_MONGO_JAVA_OPTS=${KIM_MONGO_JAVA_OPTS/-XX:MaxDirectMemorySize=128m/-XX:MaxDirectMemorySize=384m}; export KIM_MONGO_JAVA_OPTS
    fi
    # the gateway's heap is read from its actuator, which it serves only on a management port
    export KIM_GATEWAY_MANAGEMENT_PORT=${KIM_GATEWAY_MANAGEMENT_PORT:-$((8180 + shift_by))}
    KIM_HOME=$own "${BASH_SOURCE[0]}" up || { KIM_HOME=$own "${BASH_SOURCE[0]}" down || true; die "the benchmark's own platform did not start (logs: $own/logs)"; }
    KIM_HOME=$own "${BASH_SOURCE[0]}" bench --out "${KIM_BENCH_OUT:-$KIM_HOME/bench/own-$(date -u +%Y%m%d-%H%M%S).json}" "$@" || rc=$?
    KIM_HOME=$own "${BASH_SOURCE[0]}" down || true
    # a failed run keeps its platform's logs (a service that died says why there)
    if ((rc == 0)); then rm -rf "$own"; else say "kim bench: exit $rc; the platform's state and logs are kept in $own"; fi
    return "$rc"
  fi
  [[ -f $ROOT/infra/target/classpath.txt ]] || die "infra is not built: run ./mvnw -DskipTests package"
  say "Benchmarking the platform on gateway :$KIM_GATEWAY_PORT, group-service :$KIM_GROUP_PORT, kafka $KIM_KAFKA_BOOTSTRAP, mongodb $KIM_MONGODB_URI"
  env KIM_GATEWAY_URL="http://localhost:$KIM_GATEWAY_PORT" KIM_GROUP_URL="http://localhost:$KIM_GROUP_PORT" \
    KIM_ACTIVITY_URL="http://localhost:$KIM_ACTIVITY_PORT" KIM_DISSEMINATION_URL="http://localhost:$KIM_DISSEMINATION_PORT" \
    KIM_NOTIFICATION_URL="http://localhost:$KIM_NOTIFICATION_PORT" \
    KIM_GATEWAY_MANAGEMENT_URL="http://localhost:${KIM_GATEWAY_MANAGEMENT_PORT:-$KIM_GATEWAY_PORT}" \
    KIM_NOTIFICATION_WHATSAPP_PER_SECOND="${KIM_NOTIFICATION_WHATSAPP_PER_SECOND:-80}" \
    KIM_TOKEN_URL="http://localhost:$KIM_AUTH_PORT/oauth2/token" KIM_KAFKA_BOOTSTRAP="$KIM_KAFKA_BOOTSTRAP" \
    KIM_MONGODB_URI="$KIM_MONGODB_URI" KIM_HOME="$KIM_HOME" KIM_DEMO_CLIENT_SECRET="$(demo_client_secret)" \
    java $KIM_TOOL_JAVA_OPTS -Xmx384m -cp "$(running_infra_classpath)" id.go.kalteng.kim.infra.bench.KimBench "$@"
}

# ./kim faults [--quick] [--only N,N] [--out FILE]: the fault-injection suite (issue #13, infra's
# KimFaults). Its own platform in a temporary KIM_HOME on ports +3000 (KIM_FAULTS_PORT_SHIFT: every
# port stays below the ephemeral range, 32768 and up, where a client connection can hold the port of
# a service that is being restarted, seen as "Port ... was already in use" after a kill),
# notification-service sending to the suite's provider stub (Infobip's SMS API and WhatsApp
# Cloud API on KIM_FAULTS_STUB_PORT) instead of the sandbox, the send limits lifted, a lease of
# 30 s so that a killed sender's claims settle within a scenario; stopped again at the end. The
# temporary KIM_HOME (logs) is kept when a scenario failed.
cmd_faults() {
  case " $* " in *" -h "* | *" --help "*)
    echo "Usage: ./kim faults [--quick] [--only N,N] [--out FILE] [--cluster]  (infra/README.md \"Fault injection\")"; return 0 ;;
  esac
  [[ -f $ROOT/infra/target/classpath.txt ]] || die "infra is not built: run ./mvnw -DskipTests package"
  local own; own=$(mktemp -d "${TMPDIR:-/tmp}/kim-faults.XXXXXX")
  # --cluster: the suite's platform is ./kim up --cluster (3 brokers, 2 instances of each backend
  # service) on ports +1500 (second instances +2500), and scenario 10 runs on it
  local cluster=false up=(up)
  [[ " $* " == *" --cluster "* ]] && cluster=true up=(up --cluster)
  local shift_by=${KIM_FAULTS_PORT_SHIFT:-$([[ $cluster == true ]] && echo 1500 || echo 3000)} rc=0 out_default
  out_default="$KIM_HOME/faults/faults-$(date -u +%Y%m%d-%H%M%S).json"
  # whatever points the caller's shell at other infrastructure must not reach this platform
  unset KIM_KAFKA_BOOTSTRAP KIM_MONGODB_URI KIM_ISSUER_URI KIM_PUBLIC_BASE_URL KIM_GATEWAY_MANAGEMENT_PORT
  export KIM_GATEWAY_PORT=$((8080 + shift_by)) KIM_GROUP_PORT=$((8081 + shift_by)) KIM_ACTIVITY_PORT=$((8082 + shift_by))
  export KIM_DISSEMINATION_PORT=$((8083 + shift_by)) KIM_NOTIFICATION_PORT=$((8084 + shift_by)) KIM_STREAM_PORT=$((8085 + shift_by)) KIM_AUTH_PORT=$((9000 + shift_by))
  export KIM_KAFKA_PORT=$((9092 + shift_by)) KIM_KAFKA_CONTROLLER_PORT=$((9093 + shift_by)) KIM_MONGODB_PORT=$((27017 + shift_by))
  export KIM_KAFKA_AGENCY_PORT=$((9094 + shift_by)) KIM_CONSOLE_PORT=$((8086 + shift_by))
  export KIM_FAULTS_STUB_PORT=${KIM_FAULTS_STUB_PORT:-$((8190 + shift_by))}
  local stub=http://localhost:$KIM_FAULTS_STUB_PORT
  export KIM_SMS_PROVIDER=infobip KIM_INFOBIP_BASE_URL=$stub/infobip KIM_INFOBIP_API_KEY=kim-faults-key KIM_INFOBIP_SENDER=KIM
  export KIM_WHATSAPP_PROVIDER=cloud-api KIM_WHATSAPP_BASE_URL=$stub/whatsapp KIM_WHATSAPP_PHONE_NUMBER_ID=1062000000
  export KIM_WHATSAPP_TOKEN=kim-faults-token KIM_WHATSAPP_APP_SECRET=kim-faults-app-secret KIM_WHATSAPP_VERIFY_TOKEN=kim-faults-verify
  export KIM_WHATSAPP_DEFAULT_TEMPLATE=kim_peringatan
  export KIM_NOTIFICATION_SMS_PER_SECOND=100000 KIM_NOTIFICATION_WHATSAPP_PER_SECOND=100000 KIM_GATEWAY_RATE_LIMIT_RPS=100000
  export KIM_NOTIFICATION_LEASE=30s KIM_PROVIDER_READ_TIMEOUT=10s KIM_NOTIFICATION_RECOVERY_INTERVAL=10s
  # nine scenarios of 2,010 recipients leave ~20k notifications and dispatches behind, which the
  # embedded database's scans hold in memory whole: 128 MB ran out in scenario 9
  KIM_MONGO_JAVA_OPTS=${KIM_MONGO_JAVA_OPTS/-Xmx128m/-Xmx512m}; export KIM_MONGO_JAVA_OPTS
  local args=("$@")
  [[ " $* " == *" --out "* ]] || args+=(--out "$out_default")
  KIM_HOME=$own "${BASH_SOURCE[0]}" "${up[@]}" || { KIM_HOME=$own "${BASH_SOURCE[0]}" down || true; die "the suite's own platform did not start (logs: $own/logs)"; }
  local bootstrap=localhost:$KIM_KAFKA_PORT
  [[ $cluster == true ]] && bootstrap=$(BROKERS=(kafka kafka@2 kafka@3); embedded_bootstrap)
  env KIM_HOME="$own" KIM_LAUNCHER="${BASH_SOURCE[0]}" KIM_GATEWAY_URL="http://localhost:$KIM_GATEWAY_PORT" \
    KIM_TOKEN_URL="http://localhost:$KIM_AUTH_PORT/oauth2/token" KIM_KAFKA_BOOTSTRAP="$bootstrap" \
    KIM_DEMO_CLIENT_SECRET="$(demo_client_secret)" \
    java $KIM_TOOL_JAVA_OPTS -Xmx384m -cp "$(RUN=$own/run running_infra_classpath)" id.go.kalteng.kim.infra.faults.KimFaults "${args[@]}" || rc=$?
  KIM_HOME=$own "${BASH_SOURCE[0]}" down || true
  if ((rc == 0)); then rm -rf "$own"; else say "kim faults: exit $rc; the suite's platform state and logs are kept in $own"; fi
  return "$rc"
}

usage() {
  cat <<EOF
Usage: ./kim COMMAND
  up [--infra-only] [--demo] [--cluster]   build what is stale, start Kafka, MongoDB, the
                               token endpoint and the services (--infra-only: just the first
                               three; --demo: also seed demo groups through the public API;
                               --cluster: three brokers, RF 3, two instances of each backend
                               service behind the gateway, until ./kim down)
  down                         stop everything ./kim started
  status                       each process: running/stopped, pid, port, health
  logs NAME [-f]               print (or follow) a process's log
  dlq list                     dead-letter topics and how many records are not yet replayed
  dlq replay error.T.G         put each not yet replayed dead letter back on its topic, once
  bench [--own] [--small|--large] [--out FILE]   measure broadcasts beside the raw limits
                               (infra/README.md "Benchmark": options, rows)
  faults [--quick] [--only N,..] [--out FILE] [--cluster]   kill, stop and break parts of an
                               own platform under load and count lost and duplicated messages
                               at a provider stub (infra/README.md "Fault injection"); exit 1 on
                               any. --cluster: scenario 10 on ./kim up --cluster (ports +1500)
  start|stop|kill NAME...      one process (SERVICE@N: an extra instance of a service;
                               kafka@2, kafka@3: the cluster's other brokers)
Environment: KIM_HOME (state dir, default ./.kim), KIM_*_PORT, KIM_KAFKA_BOOTSTRAP and
KIM_MONGODB_URI (use an external broker/database), KIM_ISSUER_URI, KIM_JAVA_OPTS,
KIM_BIND_ADDRESS (127.0.0.1, the default: this machine only; 0.0.0.0: every interface).
EOF
}

case ${1:-} in
  up) shift; cmd_up "$@" ;;
  down) cmd_down ;;
  status) cmd_status ;;
  logs) shift; cmd_logs "$@" ;;
  dlq) shift; cmd_dlq "$@" ;;
  bench) shift; cmd_bench "$@" ;;
  faults) shift; cmd_faults "$@" ;;
  start | stop | kill) action=$1; shift; cmd_process "$action" "$@" ;;
  -h | --help | help | '') usage ;;
  *) usage >&2; exit 2 ;;
esac
