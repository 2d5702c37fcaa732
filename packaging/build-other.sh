#!/usr/bin/env bash
# Builds the installers for other systems with jpackage. jpackage builds only for the system it runs
# on, so run this there:
#   packaging/build-other.sh rpm   on Fedora/RHEL/openSUSE (needs rpm-build)
#   packaging/build-other.sh dmg   on macOS (Xcode command line tools)
#   packaging/build-other.sh msi   on Windows in Git Bash (needs the WiX Toolset 3 on PATH)
# Only the app image and the .deb are built and checked on this project's Debian machines; these
# follow jpackage's documented options. See packaging/README.md for what each one still lacks.
source "$(dirname "$0")/common.sh"
type="${1:-}"
stage_input
mapfile -t opts < <(common_options)
case "$type" in
  rpm)
    # The rpm has no pre-upgrade hook yet: jpackage's spec template puts the %pre scriptlet in its
    # own resource (see README); until then the new version's verified backup before migrating and
    # its first-start manifest check are the safeguards.
    jpackage --type rpm "${opts[@]}" --icon "$PROJECT_DIR/icons/png/sessiondesk-256.png" \
      --install-dir /opt --linux-package-name sessiondesk --linux-menu-group "Office" --linux-shortcut \
      --resource-dir "$PROJECT_DIR/packaging/linux"
    ;;
  dmg)
    jpackage --type dmg "${opts[@]}" --icon "$PROJECT_DIR/icons/sessiondesk.icns" \
      --mac-package-identifier dev.sessiondesk.app --mac-package-name SessionDesk
    ;;
  msi)
    jpackage --type msi "${opts[@]}" --icon "$PROJECT_DIR/icons/sessiondesk.ico" \
      --win-menu --win-menu-group SessionDesk --win-shortcut --win-dir-chooser \
      --win-upgrade-uuid 6f1d3c2e-8a4b-4c1e-9f5a-5e55d0de5c00
    ;;
  *)
    echo "usage: packaging/build-other.sh rpm|dmg|msi" >&2
    exit 2
    ;;
esac
