# Sourced: the pinned Python tools of the CI scripts and the venv helper, so that every script that needs one installs
# (and reuses) the same .venv-ci/<name>:
#   .venv-ci/sam      aws-sam-cli + cfn-lint   template-checks.sh, deploy-path.sh, sam-docker.sh (sam validate --lint
#                                              uses cfn-lint)
#   .venv-ci/checkov  checkov alone            template-checks.sh (its pins conflict with aws-sam-cli's)
#   .venv-ci/moto     moto[server]             sam-local-stack.sh: the S3 that sam local's containers read
# (.venv-ci/localstack belongs to second-s3.sh: it needs Python >= 3.12 and its own pins.)
SAM_CLI_VERSION=1.170.0
CFN_LINT_VERSION=1.58.0
CHECKOV_VERSION=3.3.30
MOTO_VERSION=5.2.5

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

# make_sam_venv <dir>: aws-sam-cli + cfn-lint.
make_sam_venv() {
  make_venv "$1" "aws-sam-cli==$SAM_CLI_VERSION" "cfn-lint==$CFN_LINT_VERSION"
}

# make_checkov_venv <dir>
make_checkov_venv() {
  make_venv "$1" "checkov==$CHECKOV_VERSION"
}

# make_moto_venv <dir>
make_moto_venv() {
  make_venv "$1" "moto[server]==$MOTO_VERSION"
}
