#!/usr/bin/env bash
# Shared by every deploy script (sourced, not run): the platform profile, dry runs, prerequisites,
# and the targets file that `./pixelforge compare --targets` reads. die, usage_of and PIXELFORGE_ROOT
# come from results/shell/lib.sh, the helpers every script shares.
# shellcheck disable=SC2034  # variables here are used by the scripts that source this file

# shellcheck source-path=SCRIPTDIR source=../shell/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../shell/lib.sh"
PROFILE_FILE=${PIXELFORGE_PROFILE:-$PIXELFORGE_ROOT/results/platform.properties}
TARGETS_FILE=${PIXELFORGE_TARGETS:-$PIXELFORGE_ROOT/results/targets.properties}
DRY_RUN=${DRY_RUN:-0}

# usage: the deploy script's usage text, its leading comment block.
usage() {
  usage_of "$0"
}

# The deploy settings, as the one reader of the platform profile (Java's PlatformProfile) computes
# them: `./pixelforge profile --deploy` prints key=value lines, defaults applied. No default lives
# here, so a deployed target gets the size the stand-ins, the cost and the sweep model.
declare -A DEPLOY_SETTINGS=()
load_deploy_settings() {
  [[ ${#DEPLOY_SETTINGS[@]} -gt 0 ]] && return 0
  local cp line out
  if [[ -n ${PIXELFORGE_DEPLOY_SETTINGS:-} ]]; then
    # Already computed by the same reader for this profile (the bats suites do it once per file).
    out=$(cat "$PIXELFORGE_DEPLOY_SETTINGS")
  else
    cp=$(cli_classpath)
    out=$(java -cp "$cp" dev.pixelforge.cli.PixelForgeCli profile --deploy --platform "$PROFILE_FILE") \
      || die "the platform profile $PROFILE_FILE cannot be read (above: why)"
  fi
  while IFS= read -r line; do
    DEPLOY_SETTINGS[${line%%=*}]=${line#*=}
  done <<< "$out"
}

# profile KEY: a deploy setting (./pixelforge profile --deploy lists them), e.g. aws-lambda.memory-mb.
profile() {
  load_deploy_settings
  [[ -v "DEPLOY_SETTINGS[$1]" ]] || die "no deploy setting $1 (./pixelforge profile --deploy lists them)"
  echo "${DEPLOY_SETTINGS[$1]}"
}

# run CMD...: runs a cloud command, or with --dry-run prints it, one line, shell-quoted.
run() {
  if [[ $DRY_RUN == 1 ]]; then
    printf '+'
    printf ' %q' "$@"
    printf '\n'
  else
    "$@"
  fi
}

# need CMD HOW: fails with how to get CMD when it is missing (dry runs need nothing installed).
need() {
  [[ $DRY_RUN == 1 ]] && return 0
  command -v "$1" >/dev/null 2>&1 || die "$1 is not installed: $2"
}

# need_file FILE HOW: fails with how to make FILE when it is missing.
need_file() {
  [[ -f $1 ]] || die "$1 is missing: $2"
}

# write_target NAME URL: records a deployed endpoint for `./pixelforge compare --targets`.
write_target() {
  local name=$1 url=$2
  if [[ $DRY_RUN == 1 ]]; then
    echo "+ write $name=$url to $TARGETS_FILE"
    return 0
  fi
  touch "$TARGETS_FILE"
  local tmp
  tmp=$(mktemp)
  grep -v "^$name=" "$TARGETS_FILE" > "$tmp" || true
  echo "$name=$url" >> "$tmp"
  mv "$tmp" "$TARGETS_FILE"
  echo "$name=$url  (written to $TARGETS_FILE)"
}

# forget_target NAME: removes a destroyed endpoint from the targets file, its access mode with it.
forget_target() {
  local name=$1
  if [[ $DRY_RUN == 1 ]]; then
    echo "+ remove $name from $TARGETS_FILE"
    return 0
  fi
  [[ -f $TARGETS_FILE ]] || return 0
  local tmp
  tmp=$(mktemp)
  grep -v -e "^$name=" -e "^$name\.access=" "$TARGETS_FILE" > "$tmp" || true
  mv "$tmp" "$TARGETS_FILE"
}

# record_access TARGET private|public: how TARGET is reached, beside its URL in the targets file;
# compare reads it, sends the credential a private target needs and says which mode it measured.
record_access() {
  local name=$1 mode=$2
  if [[ $DRY_RUN == 1 ]]; then
    echo "+ write $name.access=$mode to $TARGETS_FILE"
    return 0
  fi
  touch "$TARGETS_FILE"
  local tmp
  tmp=$(mktemp)
  grep -v "^$name\.access=" "$TARGETS_FILE" > "$tmp" || true
  echo "$name.access=$mode" >> "$tmp"
  mv "$tmp" "$TARGETS_FILE"
  echo "$name.access=$mode  (written to $TARGETS_FILE)"
}

# The targets file's companion for credentials (`compare` reads it): Java properties, mode 0600,
# never the targets file itself, which users share and paste.
SECRETS_FILE=${PIXELFORGE_SECRETS:-$TARGETS_FILE.secrets}

# store_secret KEY CMD...: CMD prints a credential; it goes from CMD's output into the secrets file
# as KEY=value, through no command line (printf is bash's own) and no log. A dry run prints CMD.
store_secret() {
  local key=$1 value
  shift
  if [[ $DRY_RUN == 1 ]]; then
    run "$@"
    echo "+ write $key=<its value> to $SECRETS_FILE (mode 0600)"
    return 0
  fi
  value=$("$@") || die "cannot read $key"
  [[ -n $value && $value != None ]] || die "cannot read $key: the command printed nothing"
  [[ $value =~ ^[A-Za-z0-9._~+/=-]+$ ]] || die "$key: not a credential (unexpected characters)"
  (
    umask 077
    local tmp
    tmp=$(mktemp "$SECRETS_FILE.XXXXXX")
    if [[ -f $SECRETS_FILE ]]; then grep -v "^$key=" "$SECRETS_FILE" > "$tmp" || true; fi
    printf '%s=%s\n' "$key" "$value" >> "$tmp"
    chmod 600 "$tmp"
    mv "$tmp" "$SECRETS_FILE"
  )
  echo "$key written to $SECRETS_FILE (mode 0600; or set it in the environment, see the deploy README)"
}

# forget_secret KEY: removes a credential that no longer opens anything.
forget_secret() {
  local key=$1
  if [[ $DRY_RUN == 1 ]]; then
    echo "+ remove $key from $SECRETS_FILE"
    return 0
  fi
  [[ -f $SECRETS_FILE ]] || return 0
  (
    umask 077
    local tmp
    tmp=$(mktemp "$SECRETS_FILE.XXXXXX")
    grep -v "^$key=" "$SECRETS_FILE" > "$tmp" || true
    chmod 600 "$tmp"
    mv "$tmp" "$SECRETS_FILE"
  )
}

# parse_common ARGS...: sets DRY_RUN, PUBLIC (--public: deploy without access control) and ACTION
# from the command line; the rest stays in ARGS.
parse_common() {
  ACTION=""
  ARGS=()
  PUBLIC=${PUBLIC:-0}
  while [[ $# -gt 0 ]]; do
    case $1 in
      --dry-run) DRY_RUN=1 ;;
      --public) PUBLIC=1 ;;
      -h|--help) ACTION=help ;;
      *) if [[ -z $ACTION ]]; then ACTION=$1; else ARGS+=("$1"); fi ;;
    esac
    shift
  done
}

# gcp_settings: PROJECT and REGION for the Google Cloud scripts, from the environment or gcloud's config.
gcp_settings() {
  PROJECT=${GCP_PROJECT:-}
  if [[ -z $PROJECT && $DRY_RUN != 1 ]]; then
    PROJECT=$(gcloud config get-value project 2>/dev/null || true)
  fi
  PROJECT=${PROJECT:-<project>}
  [[ $DRY_RUN == 1 || $PROJECT != "<project>" ]] || die "set GCP_PROJECT or run: gcloud config set project <id>"
  REGION=${GCP_REGION:-us-central1}
}

# gcp_resize NAME MIB CPUS CONCURRENCY: `./pixelforge sweep`'s step between sizes for a Cloud Run
# service, or the one behind a Cloud Functions gen2 function: a configuration update (not a redeploy).
# gcloud returns once the new revision is ready and takes the traffic; its new token means no instance
# of the old size serves. Cloud Run checks the pairs itself (below 1 vCPU: concurrency 1 and at most
# 1 GiB); the sweep refuses them before any step. The next deploy sets the profile's size back.
gcp_resize() {
  local name=$1
  shift
  [[ $# -eq 3 ]] || die "resize takes MIB CPUS CONCURRENCY, e.g. resize 1024 1 80"
  [[ $1 =~ ^[0-9]+$ && $2 =~ ^[0-9]*\.?[0-9]+$ && $3 =~ ^[0-9]+$ ]] || die "resize $*: MIB and CONCURRENCY are whole numbers, CPUS a number such as 0.5 or 2"
  need gcloud "install the Google Cloud CLI"
  gcp_settings
  run gcloud run services update "$name" --project="$PROJECT" --region="$REGION" --memory="$1Mi" --cpu="$2" \
    --concurrency="$3" --update-env-vars="PIXELFORGE_COLD_START_TOKEN=${COLD_START_TOKEN:-$(date +%s)}" --quiet
}

# output_of VAR PLACEHOLDER CMD...: sets VAR to what CMD prints; a dry run prints CMD instead and
# sets VAR to PLACEHOLDER, so the commands after it can be printed too. Returns 1 when CMD fails.
output_of() {
  local var=$1 placeholder=$2 value
  shift 2
  if [[ $DRY_RUN == 1 ]]; then
    run "$@"
    value=$placeholder
  else
    value=$("$@") || return 1
  fi
  printf -v "$var" '%s' "$value"
}

# record_url_of TARGET PLACEHOLDER CMD...: CMD prints the deployed URL (a dry run prints CMD and uses
# PLACEHOLDER); the URL is recorded for TARGET in the targets file.
record_url_of() {
  local target=$1 placeholder=$2 url
  shift 2
  output_of url "$placeholder" "$@" || die "$target has no URL: is it deployed?"
  [[ -n $url && $url != None ]] || die "$target has no URL: is it deployed?"
  write_target "$target" "$url"
}

# gcp_metrics SERVICE FROM TO DIR PREFIX: Cloud Monitoring time series of a Cloud Run service (gen2
# functions are Cloud Run services), one JSON file per metric, as projects.timeSeries.list returns them.
gcp_metrics() {
  local service=$1 from=$2 to=$3 dir=$4 prefix=$5 metric token=""
  run mkdir -p "$dir"
  [[ $DRY_RUN == 1 ]] || token=$(gcloud auth print-access-token)
  for metric in request_latencies request_count container/instance_count container/startup_latencies \
                container/cpu/utilizations container/memory/utilizations container/billable_instance_time; do
    local filter="metric.type=\"run.googleapis.com/$metric\" AND resource.labels.service_name=\"$service\""
    local file
    file="$dir/$prefix-$(echo "$metric" | tr '/' '-').json"
    if [[ $DRY_RUN == 1 ]]; then
      run curl -sS --fail -G "https://monitoring.googleapis.com/v3/projects/$PROJECT/timeSeries" \
        -H "Authorization: Bearer \$(gcloud auth print-access-token)" --data-urlencode "filter=$filter" \
        --data-urlencode "interval.startTime=$from" --data-urlencode "interval.endTime=$to" -o "$file"
    else
      curl -sS --fail -G "https://monitoring.googleapis.com/v3/projects/$PROJECT/timeSeries" \
        -H "Authorization: Bearer $token" --data-urlencode "filter=$filter" \
        --data-urlencode "interval.startTime=$from" --data-urlencode "interval.endTime=$to" -o "$file"
      echo "wrote $file"
    fi
  done
}
