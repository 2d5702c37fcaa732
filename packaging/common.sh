# Shared by the packaging scripts (sourced, not run): finds the project, builds the jar when it is
# missing, and stages jpackage's input folder (the jar and its libraries) under target/jpackage/.
set -euo pipefail

PROJECT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
APP_NAME="SessionDesk"
PACKAGE_NAME="sessiondesk"
MAIN_CLASS="dev.sessiondesk.Launcher"
MAIN_JAR="sessiondesk.jar"
INSTALL_DIR="/opt/sessiondesk"
VENDOR="SessionDesk"
DESCRIPTION="Conversations with AI assistants that are never lost"
# The project version as Maven resolves it (not parsed out of pom.xml); installers need a numeric
# one, so a suffix such as -SNAPSHOT is dropped. SESSIONDESK_VERSION overrides it (release builds;
# building a newer package to test upgrades).
if [ -n "${SESSIONDESK_VERSION:-}" ]; then
  APP_VERSION="$SESSIONDESK_VERSION"
else
  # Into a file, not stdout: Maven 3.8 wraps even quiet output in colour codes.
  VERSION_FILE="$(mktemp)"
  (cd "$PROJECT_DIR" && mvn -q -B help:evaluate -Dexpression=project.version -Doutput="$VERSION_FILE" >/dev/null) \
    || { echo "packaging: mvn could not tell the project version" >&2; rm -f "$VERSION_FILE"; exit 2; }
  APP_VERSION="$(cat "$VERSION_FILE")"
  rm -f "$VERSION_FILE"
  [ -n "$APP_VERSION" ] || { echo "packaging: mvn could not tell the project version" >&2; exit 2; }
  APP_VERSION="${APP_VERSION%%-*}"
fi
DIST_DIR="$PROJECT_DIR/target/dist"
STAGE_DIR="$PROJECT_DIR/target/jpackage/input"

stage_input() {
  command -v jpackage >/dev/null || { echo "packaging: jpackage (JDK 17+) is not on PATH" >&2; exit 2; }
  if [ ! -f "$PROJECT_DIR/target/$MAIN_JAR" ] || [ ! -d "$PROJECT_DIR/target/lib" ]; then
    echo "packaging: building the jar (mvn -DskipTests package)"
    (cd "$PROJECT_DIR" && mvn -q -DskipTests package)
  fi
  rm -rf "$STAGE_DIR"
  mkdir -p "$STAGE_DIR/lib" "$DIST_DIR"
  cp "$PROJECT_DIR/target/$MAIN_JAR" "$STAGE_DIR/"
  cp "$PROJECT_DIR"/target/lib/*.jar "$STAGE_DIR/lib/"
}

# Options every package type shares. The JVM options match the GUI's needs (no module path:
# JavaFX runs from the class path, see shared/TECH.md).
common_options() {
  printf '%s\n' \
    --name "$APP_NAME" \
    --app-version "$APP_VERSION" \
    --vendor "$VENDOR" \
    --description "$DESCRIPTION" \
    --input "$STAGE_DIR" \
    --main-jar "$MAIN_JAR" \
    --main-class "$MAIN_CLASS" \
    --java-options "-Xmx1g" \
    --dest "$DIST_DIR"
}
