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

# set_target_line KEY VALUE: KEY=VALUE in the targets file, replacing any earlier KEY line.
set_target_line() {
  local key=$1 value=$2
  if [[ $DRY_RUN == 1 ]]; then
    echo "+ write $key=$value to $TARGETS_FILE"
    return 0
  fi
  touch "$TARGETS_FILE"
  local tmp
  tmp=$(mktemp)
  grep -v "^${key//./\\.}=" "$TARGETS_FILE" > "$tmp" || true
  echo "$key=$value" >> "$tmp"
  mv "$tmp" "$TARGETS_FILE"
  echo "$key=$value  (written to $TARGETS_FILE)"
}

# write_target NAME URL: records a deployed endpoint for `./pixelforge compare --targets`.
write_target() {
  set_target_line "$1" "$2"
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
  set_target_line "$1.access" "$2"
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

# gcp_access_flags: the invoker flags of `gcloud run deploy` and `gcloud functions deploy --gen2`.
# Private (the default) also takes away an allUsers invoker binding an earlier --public deploy made.
# Ingress stays `all` (said explicitly, so that a redeploy sets it back): the load client runs
# outside Google's network, where `internal` would refuse it; IAM is the gate.
gcp_access_flags() {
  if [[ $PUBLIC == 1 ]]; then echo --allow-unauthenticated; else echo --no-allow-unauthenticated; fi
}

# gcp_service_account NAME: sets SA_ID and SA_EMAIL, the service account NAME runs as: its own,
# holding no role (nothing of ours calls a Google API), so that the service does not run as the
# project's default compute account (Editor on the project). SERVICE_ACCOUNT names another ID.
# IDs are 6 to 30 lowercase letters, digits and dashes, starting with a letter
# (https://cloud.google.com/iam/docs/service-accounts-create).
gcp_service_account() {
  SA_ID=${SERVICE_ACCOUNT:-$1}
  [[ $SA_ID =~ ^[a-z][a-z0-9-]{4,28}[a-z0-9]$ ]] \
    || die "service account ID $SA_ID: 6 to 30 lowercase letters, digits and dashes, starting with a letter (set SERVICE_ACCOUNT)"
  SA_EMAIL=$SA_ID@$PROJECT.iam.gserviceaccount.com
}

# gcp_ensure_service_account NAME: creates NAME's service account (gcp_service_account) unless it
# exists. Created first and looked up only when that fails: one gcloud call on a first deploy.
gcp_ensure_service_account() {
  gcp_service_account "$1"
  local err
  err=$(mktemp)
  if ! run gcloud iam service-accounts create "$SA_ID" --project="$PROJECT" \
         --display-name="PixelForge $1 (runs it, holds no role)" --quiet 2> "$err"; then
    if ! gcloud iam service-accounts describe "$SA_EMAIL" --project="$PROJECT" >/dev/null 2>&1; then
      cat "$err" >&2
      rm -f "$err"
      die "service account $SA_EMAIL can be neither made nor found (above: gcloud's error)"
    fi
  fi
  rm -f "$err"
}

# gcp_delete_service_account NAME: deletes the service account deploy made for NAME, if it is there.
gcp_delete_service_account() {
  gcp_service_account "$1"
  delete_unless_gone "service account $SA_EMAIL is already gone" \
    gcloud iam service-accounts delete "$SA_EMAIL" --project="$PROJECT" --quiet
}

# delete_unless_gone GONE CMD...: runs CMD, a `gcloud ... delete ... --quiet` (a dry run prints it).
# When it fails, the same command with describe instead of delete (and no --quiet) says whether the
# resource is already gone (then GONE is printed and all is well) or still there (then CMD's error
# stops the script). One gcloud call when there is something to delete.
delete_unless_gone() {
  local gone=$1
  shift
  if [[ $DRY_RUN == 1 ]]; then
    run "$@"
    return 0
  fi
  local err word describe=()
  err=$(mktemp)
  if "$@" 2> "$err"; then
    cat "$err" >&2
    rm -f "$err"
    return 0
  fi
  for word in "$@"; do
    case $word in
      delete) describe+=(describe) ;;
      --quiet) ;;
      *) describe+=("$word") ;;
    esac
  done
  if "${describe[@]}" >/dev/null 2>&1; then
    cat "$err" >&2
    rm -f "$err"
    die "$* failed, and it is still there"
  fi
  rm -f "$err"
  echo "$gone"
}

# gcp_record_url TARGET SERVICE PLACEHOLDER CMD...: CMD prints the deployed URL (a dry run prints CMD
# and uses PLACEHOLDER); it is recorded for TARGET with the access Google holds for the Cloud Run
# SERVICE (a gen2 function is one): public when allUsers may invoke it, private otherwise. Read
# back rather than assumed, so that `url` after a change made by hand records the truth.
gcp_record_url() {
  local target=$1 service=$2 placeholder=$3 members
  shift 3
  record_url_of "$target" "$placeholder" "$@"
  output_of members "$([[ $PUBLIC == 1 ]] && echo allUsers)" \
    gcloud run services get-iam-policy "$service" --project="$PROJECT" --region="$REGION" \
      --flatten='bindings[].members' --filter='bindings.role=roles/run.invoker' --format='value(bindings.members)' \
    || die "$target: its IAM policy cannot be read"
  if grep -qx allUsers <<< "$members"; then
    record_access "$target" public
  else
    record_access "$target" private
  fi
}

# gcp_metrics SERVICE FROM TO DIR PREFIX: Cloud Monitoring time series of a Cloud Run service (gen2
# functions are Cloud Run services), one JSON file per metric, as projects.timeSeries.list returns them.
# The OAuth token reaches curl on its standard input (--config -), never on a command line (any
# user's ps shows those) nor in a file. The endpoint is gcloud's own override for the API when set
# (api_endpoint_overrides/monitoring as CLOUDSDK_API_ENDPOINT_OVERRIDES_MONITORING): the tests use it.
gcp_metrics() {
  local service=$1 from=$2 to=$3 dir=$4 prefix=$5 metric token=""
  local endpoint=${CLOUDSDK_API_ENDPOINT_OVERRIDES_MONITORING:-https://monitoring.googleapis.com/}
  run mkdir -p "$dir"
  output_of token "<token>" gcloud auth print-access-token || die "no access token: run gcloud auth login"
  for metric in request_latencies request_count container/instance_count container/startup_latencies \
                container/cpu/utilizations container/memory/utilizations container/billable_instance_time; do
    local filter="metric.type=\"run.googleapis.com/$metric\" AND resource.labels.service_name=\"$service\""
    local file
    file="$dir/$prefix-$(echo "$metric" | tr '/' '-').json"
    if [[ $DRY_RUN == 1 ]]; then
      run curl -sS --fail -G "${endpoint%/}/v3/projects/$PROJECT/timeSeries" --config - \
        --data-urlencode "filter=$filter" --data-urlencode "interval.startTime=$from" \
        --data-urlencode "interval.endTime=$to" -o "$file"
    else
      # printf is a shell builtin: the token is in no process's arguments.
      printf 'header = "Authorization: Bearer %s"\n' "$token" \
        | curl -sS --fail -G "${endpoint%/}/v3/projects/$PROJECT/timeSeries" --config - \
            --data-urlencode "filter=$filter" --data-urlencode "interval.startTime=$from" \
            --data-urlencode "interval.endTime=$to" -o "$file"
      echo "wrote $file"
    fi
  done
}
