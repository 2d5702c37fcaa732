#!/usr/bin/env bash
# Builds the installers for other systems with jpackage. jpackage builds only for the system it runs
# on, so run this there:
#   packaging/build-other.sh pkg   on macOS (Xcode command line tools); dmg too
#   packaging/build-other.sh msi   on Windows in Git Bash (needs the WiX Toolset 3 on PATH)
# (.deb and .rpm have their own scripts, build-deb.sh and build-rpm.sh, built and upgrade-tested
# here.) These follow jpackage's documented options and carry the same upgrade safeguard: a .pkg
# preinstall/postinstall (packaging/macos) and a WiX custom action (packaging/windows). See
# packaging/README.md.
source "$(dirname "$0")/common.sh"
type="${1:-}"
stage_input
mapfile -t opts < <(common_options)
case "$type" in
  pkg)
    # The .pkg runs packaging/macos/preinstall (pre-upgrade) and postinstall (upgrade-check).
    jpackage --type pkg "${opts[@]}" --icon "$PROJECT_DIR/icons/sessiondesk.icns" \
      --mac-package-identifier dev.sessiondesk.SessionDesk --mac-package-name SessionDesk \
      --resource-dir "$PROJECT_DIR/packaging/macos"
    ;;
  dmg)
    # A dmg has no install scripts: the new version's own safeguards (a verified backup before it
    # migrates, the manifest check at first start) hold; prefer the .pkg for upgrades.
    jpackage --type dmg "${opts[@]}" --icon "$PROJECT_DIR/icons/sessiondesk.icns" \
      --mac-package-identifier dev.sessiondesk.SessionDesk --mac-package-name SessionDesk
    ;;
  msi)
    jpackage --type msi "${opts[@]}" --icon "$PROJECT_DIR/icons/sessiondesk.ico" \
      --win-menu --win-menu-group SessionDesk --win-shortcut --win-dir-chooser \
      --win-upgrade-uuid 6f1d3c2e-8a4b-4c1e-9f5a-5e55d0de5c00 \
      --resource-dir "$PROJECT_DIR/packaging/windows"
    ;;
  *)
    echo "usage: packaging/build-other.sh pkg|dmg|msi" >&2
    exit 2
    ;;
esac
