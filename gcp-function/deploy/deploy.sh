#!/usr/bin/env bash
# PixelForge on Google Cloud Functions (gen2), from the shaded jar, with gcloud.
#
#   gcp-function/deploy/deploy.sh [--dry-run] deploy       deploy the jar, record the URL
#   gcp-function/deploy/deploy.sh [--dry-run] force-cold   new revision: every instance starts cold
#   gcp-function/deploy/deploy.sh [--dry-run] resize MIB CPUS CONCURRENCY   a new revision of that size: every instance starts cold; returns once it serves
#   gcp-function/deploy/deploy.sh [--dry-run] url          print the deployed URL and record it
#   gcp-function/deploy/deploy.sh [--dry-run] metrics FROM TO DIR   Cloud Monitoring series of a run window
#   gcp-function/deploy/deploy.sh [--dry-run] destroy      delete the function and its built images
#
# Settings: GCP_PROJECT (or gcloud's configured project), GCP_REGION (default us-central1),
# FUNCTION (default pixelforge-function). Memory, CPU, concurrency, max instances and timeout come
# from results/platform.properties.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../../results/deploy/common.sh
source "$(dirname "$0")/../../results/deploy/common.sh"

MODULE=$PIXELFORGE_ROOT/gcp-function
FUNCTION=${FUNCTION:-pixelforge-function}
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
  run gcloud functions deploy "$FUNCTION" --gen2 --project="$PROJECT" --region="$REGION" --runtime=java25 \
    --source="$source" --entry-point="$ENTRY_POINT" --trigger-http --allow-unauthenticated \
    --memory="$(profile gcp-function.memory-mb)Mi" "${cpu[@]}" \
    --concurrency="$(profile gcp-function.concurrency)" --max-instances="$(profile gcp-function.max-instances)" \
    --timeout="$(profile gcp-function.timeout-s)s" --set-env-vars=PIXELFORGE_COLD_START_TOKEN=0,JAVA_TOOL_OPTIONS=-XX:+ExitOnOutOfMemoryError --quiet
  record_url
}

record_url() {
  gcp_settings
  record_url_of gcp-function "https://$FUNCTION-<hash>-$REGION.a.run.app" \
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

destroy() {
  need gcloud "install the Google Cloud CLI"
  gcp_settings
  if [[ $DRY_RUN == 1 ]] || gcloud functions describe "$FUNCTION" --gen2 --project="$PROJECT" --region="$REGION" >/dev/null 2>&1; then
    run gcloud functions delete "$FUNCTION" --gen2 --project="$PROJECT" --region="$REGION" --quiet
  else
    echo "function $FUNCTION is already gone"
  fi
  # The build left the function's image in Artifact Registry (gcf-artifacts): stored images are billed.
  local repo="$REGION-docker.pkg.dev/$PROJECT/gcf-artifacts"
  if [[ $DRY_RUN == 1 ]]; then
    run gcloud artifacts docker images list "$repo" --project="$PROJECT" --filter="package~$FUNCTION" --format='value(package)'
    run gcloud artifacts docker images delete "$repo/<package>" --project="$PROJECT" --delete-tags --quiet
  else
    local package
    for package in $(gcloud artifacts docker images list "$repo" --project="$PROJECT" --filter="package~$FUNCTION" \
                       --format='value(package)' 2>/dev/null | sort -u); do
      gcloud artifacts docker images delete "$package" --project="$PROJECT" --delete-tags --quiet
    done
  fi
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
