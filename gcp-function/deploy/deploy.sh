#!/usr/bin/env bash
# PixelForge on Google Cloud Functions (gen2), from the shaded jar, with gcloud.
#
#   gcp-function/deploy/deploy.sh [--dry-run] [--public] deploy   deploy the jar, record the URL and the access
#   gcp-function/deploy/deploy.sh [--dry-run] force-cold   new revision: every instance starts cold
#   gcp-function/deploy/deploy.sh [--dry-run] resize MIB CPUS CONCURRENCY   a new revision of that size: every instance starts cold; returns once it serves
#   gcp-function/deploy/deploy.sh [--dry-run] url          print the deployed URL and record it with the access
#   gcp-function/deploy/deploy.sh [--dry-run] metrics FROM TO DIR   Cloud Monitoring series of a run window
#   gcp-function/deploy/deploy.sh [--dry-run] destroy      delete the function, its built images, its service account
#
# Private by default: only an identity allowed to invoke it (an identity token, e.g. gcloud auth
# print-identity-token) is served. --public (or PUBLIC=1) lets anyone call it, as the studies did.
# The function runs as its own service account, which holds no role (created if missing).
#
# Settings: GCP_PROJECT (or gcloud's configured project), GCP_REGION (default us-central1),
# FUNCTION (default pixelforge-function), SERVICE_ACCOUNT (its ID, default FUNCTION). Memory, CPU,
# concurrency, max instances and timeout come from results/platform.properties.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../../results/deploy/common.sh
source "$(dirname "$0")/../../results/deploy/common.sh"

MODULE=$PIXELFORGE_ROOT/gcp-function
FUNCTION=${FUNCTION:-pixelforge-function}
# Lowercase: the function's Cloud Run service and its image are named after it, and the image name
# encodes capitals in a way of its own (gcf_package).
[[ $FUNCTION =~ ^[a-z][a-z0-9-]*$ ]] || die "FUNCTION=$FUNCTION: lowercase letters, digits and dashes, starting with a letter"
JAR=${JAR:-$MODULE/target/pixelforge-gcp-function-all.jar}
ENTRY_POINT=io.micronaut.gcp.function.http.HttpFunction

deploy() {
  need gcloud "install the Google Cloud CLI (https://cloud.google.com/sdk) and run gcloud auth login"
  need_file "$JAR" "build it with: mvn -B -pl gcp-function -am package -DskipTests"
  gcp_settings
  load_deploy_settings
  # No --cpu unless the profile sets gcp-function.cpus: Google then gives the memory tier's CPU
  # (1 GiB: 0.583 vCPU), the share the stand-ins, the cost and the sweep model.
  local cpu=()
  [[ -n $(profile gcp-function.cpu-flag) ]] && cpu=(--cpu="$(profile gcp-function.cpu-flag)")
  # The source is a folder holding only the shaded jar: the Java buildpack runs it as it is.
  local source=$MODULE/target/gcf-source
  run rm -rf "$source"
  run mkdir -p "$source"
  run cp "$JAR" "$source/"
  gcp_ensure_service_account "$FUNCTION"
  run gcloud functions deploy "$FUNCTION" --gen2 --project="$PROJECT" --region="$REGION" --runtime=java25 \
    --source="$source" --entry-point="$ENTRY_POINT" --trigger-http "$(gcp_access_flags)" --ingress-settings=all \
    --service-account="$SA_EMAIL" \
    --memory="$(profile gcp-function.memory-mb)Mi" "${cpu[@]}" \
    --concurrency="$(profile gcp-function.concurrency)" --max-instances="$(profile gcp-function.max-instances)" \
    --timeout="$(profile gcp-function.timeout-s)s" --set-env-vars=PIXELFORGE_COLD_START_TOKEN=0,JAVA_TOOL_OPTIONS=-XX:+ExitOnOutOfMemoryError --quiet
  record_url
}

record_url() {
  gcp_settings
  gcp_record_url gcp-function "$FUNCTION" "https://$FUNCTION-<hash>-$REGION.a.run.app" \
    gcloud functions describe "$FUNCTION" --gen2 --project="$PROJECT" --region="$REGION" --format='value(serviceConfig.uri)'
}

# resize MIB CPUS CONCURRENCY: `./pixelforge sweep`'s step between sizes (gcp_resize, in common.sh).
resize() {
  gcp_resize "$FUNCTION" "$@"
}

force_cold() {
  need gcloud "install the Google Cloud CLI"
  gcp_settings
  # A gen2 function is a Cloud Run service: a changed variable makes a new revision, and new instances.
  run gcloud run services update "$FUNCTION" --project="$PROJECT" --region="$REGION" \
    --update-env-vars="PIXELFORGE_COLD_START_TOKEN=${COLD_START_TOKEN:-$(date +%s)}" --quiet
}

# gcf_package: the Artifact Registry package of the image Cloud Functions gen2 builds for FUNCTION:
# PROJECT__REGION__FUNCTION, each part with - and _ doubled, e.g. my--project__us--central1__
# pixelforge--function (tagged version_N; its buildpack cache is the package .../cache). As
# firebase-tools computes it to clean up (src/deploy/functions/containerCleaner.ts and its spec,
# "uses V2 encoding for gcfv2 functions") and as the images' names read on a real project
# (run.googleapis.com/build-image-uri: .../gcf-artifacts/inlined--junkdrawer__us--central1__...).
gcf_package() {
  local part encoded=()
  for part in "$PROJECT" "$REGION" "$FUNCTION"; do
    part=${part//_/__}
    encoded+=("${part//-/--}")
  done
  echo "${encoded[0]}__${encoded[1]}__${encoded[2]}"
}

destroy() {
  need gcloud "install the Google Cloud CLI"
  gcp_settings
  delete_unless_gone "function $FUNCTION is already gone" \
    gcloud functions delete "$FUNCTION" --gen2 --project="$PROJECT" --region="$REGION" --quiet
  # The build left the function's image and its build cache in Artifact Registry (stored images are
  # billed), as two packages of the repository gcf-artifacts named after project, region and
  # function, each with - and _ doubled (gcf_package).
  local package
  for package in "$(gcf_package)" "$(gcf_package)/cache"; do
    delete_unless_gone "image $package is already gone from repository gcf-artifacts" \
      gcloud artifacts packages delete "$package" --repository=gcf-artifacts --project="$PROJECT" --location="$REGION" --quiet
  done
  gcp_delete_service_account "$FUNCTION"
  forget_target gcp-function
}

parse_common "$@"
case $ACTION in
  deploy) deploy ;;
  force-cold) force_cold ;;
  resize) resize "${ARGS[@]+"${ARGS[@]}"}" ;;
  url) need gcloud "install the Google Cloud CLI"; record_url ;;
  metrics)
    [[ ${#ARGS[@]} -eq 3 ]] || die "metrics takes FROM TO DIR (RFC 3339 times, e.g. 2026-11-23T19:00:00Z)"
    need gcloud "install the Google Cloud CLI"; need curl "apt-get install curl"; gcp_settings
    gcp_metrics "$FUNCTION" "${ARGS[0]}" "${ARGS[1]}" "${ARGS[2]}" gcp-function ;;
  destroy) destroy ;;
  help) usage ;;
  *) usage >&2; die "say what to do: deploy, force-cold, resize, url, metrics or destroy" ;;
esac
