# Shared by the packaging scripts (sourced, not run): finds the project, builds the jar when it is
# missing, and stages jpackage's input folder (the jar and its libraries) under target/jpackage/.
set -euo pipefail

PROJECT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
APP_NAME="SessionDesk"
APP_ID="dev.sessiondesk.SessionDesk"
PACKAGE_NAME="sessiondesk"
MAIN_CLASS="dev.sessiondesk.Launcher"
MAIN_JAR="sessiondesk.jar"
INSTALL_DIR="/opt/sessiondesk"
VENDOR="SessionDesk"
DESCRIPTION="Conversations with AI assistants that are never lost"
DIST_DIR="$PROJECT_DIR/target/dist"
STAGE_DIR="$PROJECT_DIR/target/jpackage/input"
APP_IMAGE="$DIST_DIR/$APP_NAME"

# The version Maven builds (installers need a plain numeric one, so a -SNAPSHOT suffix is dropped).
# SESSIONDESK_VERSION overrides it (release builds; building a newer package to test upgrades).
project_version() {
  if [ -n "${SESSIONDESK_VERSION:-}" ]; then
    printf '%s\n' "$SESSIONDESK_VERSION"
    return
  fi
  local v
  v="$(cd "$PROJECT_DIR" && mvn -B -q -N -Dstyle.color=never help:evaluate -Dexpression=project.version -DforceStdout 2>/dev/null)" \
    || { echo "packaging: cannot read the version from Maven (mvn help:evaluate failed)" >&2; exit 2; }
  v="$(printf "%s" "$v" | tr -d "\r" | sed "s/\x1b\[[0-9;]*m//g")"
  printf '%s\n' "${v%%-*}"
}
APP_VERSION="$(project_version)"
case "$APP_VERSION" in
  [0-9]*) ;;
  *) echo "packaging: the version '$APP_VERSION' does not start with a digit; installers need a numeric one (set SESSIONDESK_VERSION)" >&2; exit 2 ;;
esac

stage_input() {
  command -v jpackage >/dev/null || { echo "packaging: jpackage (JDK 17+) is not on PATH" >&2; exit 2; }
  if [ ! -f "$PROJECT_DIR/target/$MAIN_JAR" ] || [ ! -d "$PROJECT_DIR/target/lib" ]; then
    echo "packaging: building the jar (mvn -DskipTests package)"
    (cd "$PROJECT_DIR" && mvn -B -q -DskipTests package)
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

# The app image the Linux packages wrap; built once and reused (SESSIONDESK_REBUILD_IMAGE=1 forces).
ensure_app_image() {
  if [ ! -x "$APP_IMAGE/bin/$APP_NAME" ] || [ "${SESSIONDESK_REBUILD_IMAGE:-0}" = 1 ]; then
    "$PROJECT_DIR/packaging/build-app-image.sh"
  fi
}

# A maintainer script with the shared upgrade hooks pasted in (a package's pre-install step runs
# before its own files exist, so it cannot source them).
render_hook_script() {
  local template="$1"
  awk -v hooks="$PROJECT_DIR/packaging/linux/upgrade-hooks.sh" '
    /@UPGRADE_HOOKS@/ { while ((getline line < hooks) > 0) print line; close(hooks); next }
    { print }' "$template"
}

# The files every Linux package installs, laid out under $1 as they land on the system: the app
# in /opt/sessiondesk, a `sessiondesk` command, the menu entry, icons at every size, AppStream data.
stage_linux_tree() {
  local root="$1"
  rm -rf "$root"
  mkdir -p "$root$INSTALL_DIR" "$root/usr/bin" "$root/usr/share/applications" "$root/usr/share/metainfo"
  cp -a "$APP_IMAGE/." "$root$INSTALL_DIR/"
  ln -s "$INSTALL_DIR/bin/$APP_NAME" "$root/usr/bin/$PACKAGE_NAME"
  install -m 0644 "$PROJECT_DIR/packaging/linux/$APP_ID.desktop" "$root/usr/share/applications/$APP_ID.desktop"
  install -m 0644 "$PROJECT_DIR/packaging/linux/$APP_ID.metainfo.xml" "$root/usr/share/metainfo/$APP_ID.metainfo.xml"
  local png size
  for png in "$PROJECT_DIR"/icons/png/sessiondesk-*.png; do
    size="$(basename "$png" .png)"; size="${size#sessiondesk-}"
    mkdir -p "$root/usr/share/icons/hicolor/${size}x${size}/apps"
    install -m 0644 "$png" "$root/usr/share/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
  done
  mkdir -p "$root/usr/share/icons/hicolor/scalable/apps"
  install -m 0644 "$PROJECT_DIR/icons/sessiondesk.svg" "$root/usr/share/icons/hicolor/scalable/apps/$APP_ID.svg"
}
