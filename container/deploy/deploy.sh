#!/usr/bin/env bash
# PixelForge's container on Cloud Run, with gcloud: the image built by Cloud Build from
# container/Dockerfile (or one you pushed: set IMAGE), then deployed with the profile's settings.
#
#   container/deploy/deploy.sh [--dry-run] [--public] deploy   build the image, deploy the service, record the URL and the access
#   container/deploy/deploy.sh [--dry-run] force-cold   new revision: every instance starts cold
#   container/deploy/deploy.sh [--dry-run] resize MIB CPUS CONCURRENCY   a new revision of that size: every instance starts cold; returns once it serves
#   container/deploy/deploy.sh [--dry-run] url          print the deployed URL and record it with the access
#   container/deploy/deploy.sh [--dry-run] knative      print the Knative Service YAML for this profile
#   container/deploy/deploy.sh [--dry-run] metrics FROM TO DIR   Cloud Monitoring series of a run window
#   container/deploy/deploy.sh [--dry-run] destroy      delete the service, its image, its build sources, its service account
#
# Private by default: only an identity allowed to invoke it (an identity token, e.g. gcloud auth
# print-identity-token) is served. --public (or PUBLIC=1) lets anyone call it, as the studies did.
# The service runs as its own service account, which holds no role (created if missing).
#
# Settings: GCP_PROJECT (or gcloud's configured project), GCP_REGION (default us-central1),
# SERVICE (default pixelforge-container; also the image's name in the Artifact Registry repository
# pixelforge), IMAGE (skip the build and deploy this image), SERVICE_ACCOUNT (its ID, default SERVICE).
# Memory, CPU, concurrency, max instances and timeout come from results/platform.properties.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../../results/deploy/common.sh
source "$(dirname "$0")/../../results/deploy/common.sh"

MODULE=$PIXELFORGE_ROOT/container
SERVICE=${SERVICE:-pixelforge-container}
JAR=${JAR:-$MODULE/target/pixelforge-container-all.jar}
REPOSITORY=pixelforge

# One image (an Artifact Registry package) per service, so that destroy can delete this service's alone.
image() {
  echo "${IMAGE:-$REGION-docker.pkg.dev/$PROJECT/$REPOSITORY/$SERVICE:latest}"
}

deploy() {
  need gcloud "install the Google Cloud CLI (https://cloud.google.com/sdk) and run gcloud auth login"
  gcp_settings
  if [[ -z ${IMAGE:-} ]]; then
    need_file "$JAR" "build it with: mvn -B -pl container -am package -DskipTests"
    if [[ $DRY_RUN == 1 ]] || ! gcloud artifacts repositories describe "$REPOSITORY" --project="$PROJECT" --location="$REGION" >/dev/null 2>&1; then
      run gcloud artifacts repositories create "$REPOSITORY" --project="$PROJECT" --location="$REGION" --repository-format=docker --quiet
    fi
    run gcloud builds submit "$MODULE" --project="$PROJECT" --region="$REGION" --tag="$(image)" \
      --gcs-source-staging-dir="gs://${PROJECT}_cloudbuild/$SERVICE-source" --quiet
  fi
  load_deploy_settings
  gcp_ensure_service_account "$SERVICE"
  run gcloud run deploy "$SERVICE" --project="$PROJECT" --region="$REGION" --image="$(image)" --platform=managed \
    "$(gcp_access_flags)" --ingress=all --service-account="$SA_EMAIL" --port=8080 --memory="$(profile container.memory-mb)Mi" --cpu="$(profile container.cpu-flag)" \
    --concurrency="$(profile container.concurrency)" --max-instances="$(profile container.max-instances)" \
    --timeout="$(profile container.timeout-s)s" --set-env-vars=PIXELFORGE_COLD_START_TOKEN=0 --quiet
  record_url
}

record_url() {
  gcp_settings
  gcp_record_url container "$SERVICE" "https://$SERVICE-<hash>-$REGION.a.run.app" \
    gcloud run services describe "$SERVICE" --project="$PROJECT" --region="$REGION" --format='value(status.url)'
}

# resize MIB CPUS CONCURRENCY: `./pixelforge sweep`'s step between sizes (gcp_resize, in common.sh).
resize() {
  gcp_resize "$SERVICE" "$@"
}

force_cold() {
  need gcloud "install the Google Cloud CLI"
  gcp_settings
  run gcloud run services update "$SERVICE" --project="$PROJECT" --region="$REGION" \
    --update-env-vars="PIXELFORGE_COLD_START_TOKEN=${COLD_START_TOKEN:-$(date +%s)}" --quiet
}

# The same service as a Knative manifest, for `gcloud run services replace` or any Knative cluster.
# It names the service account deploy creates; it holds no IAM policy, so a service it creates is
# private (the manifest's header says how to open it).
knative() {
  gcp_settings
  load_deploy_settings
  gcp_service_account "$SERVICE"
  sed -e "s|__NAME__|$SERVICE|g" -e "s|__IMAGE__|$(image)|" -e "s|__SERVICE_ACCOUNT__|$SA_EMAIL|" \
      -e "s|__CONCURRENCY__|$(profile container.concurrency)|" \
      -e "s|__MAX_INSTANCES__|$(profile container.max-instances)|" \
      -e "s|__TIMEOUT__|$(profile container.timeout-s)|" \
      -e "s|__MEMORY__|$(profile container.memory-mb)Mi|" \
      -e "s|__CPU__|$(profile container.cpu-flag)|" "$MODULE/deploy/knative-service.template.yaml"
}

destroy() {
  need gcloud "install the Google Cloud CLI"
  gcp_settings
  delete_unless_gone "service $SERVICE is already gone" \
    gcloud run services delete "$SERVICE" --project="$PROJECT" --region="$REGION" --quiet
  if [[ -z ${IMAGE:-} ]]; then
    # Only what deploy made for this service: its image, every tag and digest of it, and its build
    # sources. The repository stays: other services may keep their images in it.
    delete_unless_gone "image $SERVICE is already gone from repository $REPOSITORY" \
      gcloud artifacts packages delete "$SERVICE" --repository="$REPOSITORY" --project="$PROJECT" --location="$REGION" --quiet
    echo "kept the Artifact Registry repository $REPOSITORY ($REGION), which other services may use; when none does:" \
         "gcloud artifacts repositories delete $REPOSITORY --project=$PROJECT --location=$REGION"
    # Nothing to delete (a second destroy) is no failure, though gcloud exits 1 on it ("matched no
    # objects"); its message above says which it was.
    run gcloud storage rm --recursive "gs://${PROJECT}_cloudbuild/$SERVICE-source" \
      || echo "no build sources deleted from gs://${PROJECT}_cloudbuild/$SERVICE-source (gcloud says why above)"
  fi
  gcp_delete_service_account "$SERVICE"
  forget_target container
}

parse_common "$@"
case $ACTION in
  deploy) deploy ;;
  force-cold) force_cold ;;
  resize) resize "${ARGS[@]+"${ARGS[@]}"}" ;;
  url) need gcloud "install the Google Cloud CLI"; record_url ;;
  knative) knative ;;
  metrics)
    [[ ${#ARGS[@]} -eq 3 ]] || die "metrics takes FROM TO DIR (RFC 3339 times, e.g. 2026-11-23T19:00:00Z)"
    need gcloud "install the Google Cloud CLI"; need curl "apt-get install curl"; gcp_settings
    gcp_metrics "$SERVICE" "${ARGS[0]}" "${ARGS[1]}" "${ARGS[2]}" container ;;
  destroy) destroy ;;
  help) usage ;;
  *) usage >&2; die "say what to do: deploy, force-cold, resize, url, knative, metrics or destroy" ;;
esac
