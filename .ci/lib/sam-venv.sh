# Sourced: the pinned AWS SAM CLI and the venv helper, shared by template-checks.sh and sam-docker.sh so that both
# install (and reuse) the same .venv-ci/sam.
SAM_CLI_VERSION=1.170.0
CFN_LINT_VERSION=1.58.0

# make_venv <dir> <pip requirement...>: (re)creates <dir> unless its stamp file lists exactly these requirements.
make_venv() {
  local dir=$1; shift
  local stamp="$dir/.installed"
  if [ -x "$dir/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$*" ]; then
    echo "reusing $dir ($*)"
    return 0
  fi
  rm -rf "$dir"
  python3 -m venv "$dir" &&
    "$dir/bin/pip" install --quiet --disable-pip-version-check "$@" &&
    echo "$*" > "$stamp" &&
    echo "installed $dir ($*)"
}

# make_sam_venv <dir>: aws-sam-cli + cfn-lint (sam validate --lint uses cfn-lint).
make_sam_venv() {
  make_venv "$1" "aws-sam-cli==$SAM_CLI_VERSION" "cfn-lint==$CFN_LINT_VERSION"
}
