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
# The project version (first <version> after the artifactId); installers need a numeric one.
APP_VERSION="$(sed -n '/<artifactId>sessiondesk<\/artifactId>/,/<\/version>/s:.*<version>\(.*\)</version>.*:\1:p' \
  "$PROJECT_DIR/pom.xml" | head -1)"
APP_VERSION="${APP_VERSION%%-*}"
# SESSIONDESK_VERSION overrides it (release builds; building a newer package to test upgrades).
APP_VERSION="${SESSIONDESK_VERSION:-$APP_VERSION}"
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
