#!/usr/bin/env bash
# Sourced by the scripts in scripts/: selects a JDK 21 or newer, exports
# JAVA_HOME and puts its bin first on PATH. $JAVA_HOME wins when it is new
# enough; otherwise the newest JDK under /usr/lib/jvm (the default java on
# Debian 12 is 17, too old for Precinct).
set -euo pipefail

# Prints the major version of the JDK in directory $1 (17, 21, 25, ...), or 0
# when it is not a JDK (a JRE has no javac, and Maven needs the compiler).
jdk_major() {
  local version=
  if [[ -x $1/bin/java && -x $1/bin/javac ]]; then
    version=$("$1/bin/java" -version 2>&1 | sed -n 's/.* version "\([0-9]*\).*/\1/p') || true
  fi
  echo "${version:-0}"
}

# Prints the JDK to use, or nothing.
find_jdk() {
  local dir major best='' best_major=20
  if [[ -n ${JAVA_HOME:-} ]] && (( $(jdk_major "$JAVA_HOME") >= 21 )); then
    echo "$JAVA_HOME"
    return
  fi
  for dir in /usr/lib/jvm/*/; do
    dir=${dir%/}
    major=$(jdk_major "$dir")
    if (( major > best_major )); then
      best=$dir best_major=$major
    fi
  done
  echo "$best"
}

JAVA_HOME=$(find_jdk)
if [[ -z $JAVA_HOME ]]; then
  echo "Precinct needs a JDK 21 or newer; set JAVA_HOME to one, or install one under /usr/lib/jvm." >&2
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
