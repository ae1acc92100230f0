#!/usr/bin/env bats
# The deploy scripts, run with stub gcloud and curl on PATH: the exact commands and flags they send,
# their dry runs, their prerequisites, and what they write to the targets file. The AWS script runs
# against moto with the real AWS CLI instead (aws-moto.bats); aws here is a stub only so that the
# dry runs below can show they call nothing.

setup_file() {
  ROOT=$(cd "$BATS_TEST_DIRNAME/../../../../.." && pwd)  # results/cli/src/test/bats
  export PIXELFORGE_PROFILE=$BATS_FILE_TMPDIR/platform.properties
  cat > "$PIXELFORGE_PROFILE" <<PROFILE
aws-lambda.memory-mb=2048
aws-lambda.reserved-concurrency=5
aws-lambda.timeout=20s
gcp-function.memory-mb=512
gcp-function.cpus=2
gcp-function.concurrency=4
gcp-function.max-instances=3
gcp-function.timeout=30s
container.memory-mb=768
container.cpus=1
container.concurrency=40
container.max-instances=7
container.timeout=2m
PROFILE
  # The deploy settings of this profile, computed once by the profile's one reader (a JVM start
  # per script run would make the suite minutes long); tests of another profile unset it.
  # shellcheck source=../../../../shell/lib.sh
  source "$ROOT/results/shell/lib.sh"
  java -cp "$(cli_classpath)" dev.pixelforge.cli.PixelForgeCli profile --deploy \
    --platform "$PIXELFORGE_PROFILE" > "$BATS_FILE_TMPDIR/deploy-settings"
  export PIXELFORGE_DEPLOY_SETTINGS=$BATS_FILE_TMPDIR/deploy-settings
}

setup() {
  ROOT=$(cd "$BATS_TEST_DIRNAME/../../../../.." && pwd)  # results/cli/src/test/bats
  WORK=$(mktemp -d)
  mkdir -p "$WORK/bin"
  for cli in aws gcloud curl; do ln -s "$BATS_TEST_DIRNAME/stubs/stub" "$WORK/bin/$cli"; done
  export PATH="$WORK/bin:/usr/bin:/bin"
  export STUB_LOG=$WORK/calls.log
  : > "$STUB_LOG"
  export PIXELFORGE_TARGETS=$WORK/targets.properties
  touch "$WORK/app.jar"
  export JAR=$WORK/app.jar GCP_PROJECT=stub-project ARTIFACT_BUCKET=stub-bucket
}

teardown() {
  rm -rf "$WORK"
}

calls() {
  cat "$STUB_LOG"
}

@test "gcloud functions resize updates the function's service to the size, with a new token, in one command" {
  COLD_START_TOKEN=42 run "$ROOT/gcp-function/deploy/deploy.sh" resize 2048 1 1
  [ "$status" -eq 0 ]
  [ "$(calls)" = "gcloud run services update pixelforge-function --project=stub-project --region=us-central1 --memory=2048Mi --cpu=1 --concurrency=1 --update-env-vars=PIXELFORGE_COLD_START_TOKEN=42 --quiet" ]
}

@test "cloud run resize updates the service to the size, with a new token, in one command" {
  COLD_START_TOKEN=42 run "$ROOT/container/deploy/deploy.sh" resize 512 0.5 1
  [ "$status" -eq 0 ]
  [ "$(calls)" = "gcloud run services update pixelforge-container --project=stub-project --region=us-central1 --memory=512Mi --cpu=0.5 --concurrency=1 --update-env-vars=PIXELFORGE_COLD_START_TOKEN=42 --quiet" ]
}

@test "google resize takes memory, CPUs and concurrency, and calls nothing otherwise" {
  run "$ROOT/container/deploy/deploy.sh" resize 512 0.5
  [ "$status" -eq 1 ]
  [ "$output" = "deploy.sh: resize takes MIB CPUS CONCURRENCY, e.g. resize 1024 1 80" ]
  run "$ROOT/gcp-function/deploy/deploy.sh" resize 1Gi 1 1
  [ "$status" -eq 1 ]
  [ "$output" = "deploy.sh: resize 1Gi 1 1: MIB and CONCURRENCY are whole numbers, CPUS a number such as 0.5 or 2" ]
  [ ! -s "$STUB_LOG" ]
}

@test "gcloud functions deploy sends the jar with the profile's settings and records the URL" {
  run "$ROOT/gcp-function/deploy/deploy.sh" deploy
  [ "$status" -eq 0 ]
  [ "$(sed -n 1p "$STUB_LOG")" = "gcloud functions deploy pixelforge-function --gen2 --project=stub-project --region=us-central1 --runtime=java25 --source=$ROOT/gcp-function/target/gcf-source --entry-point=io.micronaut.gcp.function.http.HttpFunction --trigger-http --allow-unauthenticated --memory=512Mi --cpu=2 --concurrency=4 --max-instances=3 --timeout=30s --set-env-vars=PIXELFORGE_COLD_START_TOKEN=0\,JAVA_TOOL_OPTIONS=-XX:+ExitOnOutOfMemoryError --quiet" ]
  grep -qx "gcp-function=https://pixelforge-function-xyz-uc.a.run.app" "$PIXELFORGE_TARGETS"
  [ -f "$ROOT/gcp-function/target/gcf-source/app.jar" ]
}

@test "gcloud functions force-cold makes a new revision of the function's service" {
  COLD_START_TOKEN=42 run "$ROOT/gcp-function/deploy/deploy.sh" force-cold
  [ "$status" -eq 0 ]
  grep -qx "gcloud run services update pixelforge-function --project=stub-project --region=us-central1 --update-env-vars=PIXELFORGE_COLD_START_TOKEN=42 --quiet" "$STUB_LOG"
}

@test "gcloud functions destroy deletes the function and its built image" {
  run "$ROOT/gcp-function/deploy/deploy.sh" destroy
  [ "$status" -eq 0 ]
  grep -qx "gcloud functions delete pixelforge-function --gen2 --project=stub-project --region=us-central1 --quiet" "$STUB_LOG"
  grep -qx "gcloud artifacts docker images delete us-central1-docker.pkg.dev/stub-project/gcf-artifacts/stub--project__us--central1__pixelforge--function --project=stub-project --delete-tags --quiet" "$STUB_LOG"
}

@test "cloud run deploy creates the repository once, builds with Cloud Build, deploys with the profile" {
  STUB_FAIL="artifacts repositories describe" run "$ROOT/container/deploy/deploy.sh" deploy
  [ "$status" -eq 0 ]
  grep -qx "gcloud artifacts repositories create pixelforge --project=stub-project --location=us-central1 --repository-format=docker --quiet" "$STUB_LOG"
  grep -qx "gcloud builds submit $ROOT/container --project=stub-project --region=us-central1 --tag=us-central1-docker.pkg.dev/stub-project/pixelforge/pixelforge-container:latest --gcs-source-staging-dir=gs://stub-project_cloudbuild/pixelforge-container-source --quiet" "$STUB_LOG"
  grep -qx "gcloud run deploy pixelforge-container --project=stub-project --region=us-central1 --image=us-central1-docker.pkg.dev/stub-project/pixelforge/pixelforge-container:latest --platform=managed --allow-unauthenticated --port=8080 --memory=768Mi --cpu=1 --concurrency=40 --max-instances=7 --timeout=120s --set-env-vars=PIXELFORGE_COLD_START_TOKEN=0 --quiet" "$STUB_LOG"
  grep -qx "container=https://pixelforge-container-xyz-uc.a.run.app" "$PIXELFORGE_TARGETS"
  : > "$STUB_LOG"
  run "$ROOT/container/deploy/deploy.sh" deploy
  ! grep -q "repositories create" "$STUB_LOG"
}

@test "cloud run deploy of a pushed image builds nothing" {
  IMAGE=docker.io/me/pixelforge:1 run "$ROOT/container/deploy/deploy.sh" deploy
  [ "$status" -eq 0 ]
  ! grep -q "builds submit" "$STUB_LOG"
  grep -q -- "--image=docker.io/me/pixelforge:1" "$STUB_LOG"
}

@test "cloud run destroy deletes the service, its image and its build sources, and keeps the repository" {
  echo "container=https://old" > "$PIXELFORGE_TARGETS"
  run "$ROOT/container/deploy/deploy.sh" destroy
  [ "$status" -eq 0 ]
  [ "$(calls)" = "$(cat <<'CALLS'
gcloud run services describe pixelforge-container --project=stub-project --region=us-central1
gcloud run services delete pixelforge-container --project=stub-project --region=us-central1 --quiet
gcloud artifacts packages describe pixelforge-container --repository=pixelforge --project=stub-project --location=us-central1
gcloud artifacts packages delete pixelforge-container --repository=pixelforge --project=stub-project --location=us-central1 --quiet
gcloud storage rm --recursive gs://stub-project_cloudbuild/pixelforge-container-source
CALLS
)" ]
  [ "$output" = "kept the Artifact Registry repository pixelforge (us-central1), which other services may use; when none does: gcloud artifacts repositories delete pixelforge --project=stub-project --location=us-central1" ]
  [ ! -s "$PIXELFORGE_TARGETS" ]
}

@test "cloud run destroy of another SERVICE deletes that service's image alone" {
  SERVICE=pixelforge-canary run "$ROOT/container/deploy/deploy.sh" destroy
  [ "$status" -eq 0 ]
  grep -qx "gcloud artifacts packages delete pixelforge-canary --repository=pixelforge --project=stub-project --location=us-central1 --quiet" "$STUB_LOG"
  grep -qx "gcloud storage rm --recursive gs://stub-project_cloudbuild/pixelforge-canary-source" "$STUB_LOG"
  ! grep -q "pixelforge-container" "$STUB_LOG"
  ! grep -q "repositories delete" "$STUB_LOG"
}

@test "cloud run deploy and destroy name the same image, one per service" {
  SERVICE=pixelforge-canary run "$ROOT/container/deploy/deploy.sh" deploy
  [ "$status" -eq 0 ]
  grep -q -- "--tag=us-central1-docker.pkg.dev/stub-project/pixelforge/pixelforge-canary:latest " "$STUB_LOG"
  grep -q -- "--image=us-central1-docker.pkg.dev/stub-project/pixelforge/pixelforge-canary:latest " "$STUB_LOG"
}

@test "cloud run destroy of an image that is gone deletes no package and still succeeds" {
  STUB_FAIL="packages describe" run "$ROOT/container/deploy/deploy.sh" destroy
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "image pixelforge-container is already gone from repository pixelforge" ]
  ! grep -q "packages delete" "$STUB_LOG"
  ! grep -q "repositories delete" "$STUB_LOG"
}

@test "cloud run destroy of a pushed IMAGE leaves the registry alone" {
  IMAGE=docker.io/me/pixelforge:1 run "$ROOT/container/deploy/deploy.sh" destroy
  [ "$status" -eq 0 ]
  grep -qx "gcloud run services delete pixelforge-container --project=stub-project --region=us-central1 --quiet" "$STUB_LOG"
  ! grep -q "artifacts" "$STUB_LOG"
  ! grep -q "storage rm" "$STUB_LOG"
}

@test "cloud run metrics asks Cloud Monitoring for seven metrics of the service, billable instance time among them" {
  run "$ROOT/container/deploy/deploy.sh" metrics 2026-11-23T19:00:00Z 2026-11-23T19:15:00Z "$WORK/cloud"
  [ "$status" -eq 0 ]
  [ "$(grep -c '^curl ' "$STUB_LOG")" -eq 7 ]
  grep -q 'run.googleapis.com/container/startup_latencies' "$STUB_LOG"
  grep -q 'run.googleapis.com/container/billable_instance_time' "$STUB_LOG"
  grep -q 'resource.labels.service_name=\\"pixelforge-container\\"' "$STUB_LOG"
}

@test "the Knative Service carries the profile's settings and is a valid manifest" {
  run "$ROOT/container/deploy/deploy.sh" knative
  [ "$status" -eq 0 ]
  echo "$output" > "$WORK/service.yaml"
  run python3 "$BATS_TEST_DIRNAME/validate_knative.py" "$WORK/service.yaml" 40 7 120 768Mi 1
  [ "$status" -eq 0 ] || { echo "$output"; false; }
}

@test "the committed Knative Service is the default profile's rendering" {
  run python3 "$BATS_TEST_DIRNAME/validate_knative.py" "$ROOT/container/deploy/knative-service.yaml" 80 10 300 1024Mi 1
  [ "$status" -eq 0 ] || { echo "$output"; false; }
}

@test "without gcloud, a script says how to get it" {
  # A PATH with the tools the scripts use, and no gcloud at all (this machine has a real one).
  mkdir -p "$WORK/nogcloud"
  for tool in bash env sed grep date mktemp tr cat basename dirname tail mv touch rm mkdir cp sort; do
    ln -s "$(command -v "$tool")" "$WORK/nogcloud/$tool"
  done
  PATH="$WORK/nogcloud" run "$ROOT/container/deploy/deploy.sh" deploy
  [ "$status" -ne 0 ]
  [[ "$output" == *"gcloud is not installed: install the Google Cloud CLI"* ]]
}

@test "every dry run with the shipped profile deploys the sizes the stand-ins model" {
  # The real results/platform.properties, no overrides: what a user's first deploy sends.
  export PIXELFORGE_PROFILE=$ROOT/results/platform.properties
  unset PIXELFORGE_DEPLOY_SETTINGS
  run "$ROOT/gcp-function/deploy/deploy.sh" --dry-run deploy
  [ "$status" -eq 0 ]
  # No --cpu: Google gives the 1 GiB tier's 0.583 vCPU, as the stand-ins, the cost and the sweep do.
  echo "$output" | grep -q -- "--memory=1024Mi --concurrency=1 --max-instances=10 --timeout=60s "
  ! echo "$output" | grep -q -- "--cpu"
  run "$ROOT/container/deploy/deploy.sh" --dry-run deploy
  [ "$status" -eq 0 ]
  echo "$output" | grep -q -- "--memory=1024Mi --cpu=1 --concurrency=80 --max-instances=10 --timeout=300s "
  run "$ROOT/aws-lambda/deploy/deploy.sh" --dry-run deploy
  [ "$status" -eq 0 ]
  echo "$output" | grep -q -- "--parameter-overrides MemorySize=1024 Timeout=29 ReservedConcurrency=10 SnapStart=false"
  [ ! -s "$STUB_LOG" ]
}

@test "the deploy settings come from the profile's one reader: a key the profile lacks is an error" {
  export PIXELFORGE_PROFILE=$WORK/bad.properties
  unset PIXELFORGE_DEPLOY_SETTINGS
  echo "gcp-function.memory-mb=99999" > "$PIXELFORGE_PROFILE"
  run "$ROOT/gcp-function/deploy/deploy.sh" --dry-run deploy
  [ "$status" -ne 0 ]
  echo "$output" | grep -q "gcp-function.memory-mb=99999: Cloud Functions gen2 takes at most 32768 MiB"
}
