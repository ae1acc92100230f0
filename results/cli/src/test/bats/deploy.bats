#!/usr/bin/env bats
# The deploy scripts' dry runs, prerequisites and input checks, with stub aws, gcloud and curl on PATH
# only to show that these call nothing (the stub logs every call; the tests expect none). What the
# scripts send to the clouds is checked with the real CLIs: the AWS script against moto
# (aws-moto.bats), the Google scripts with the real gcloud against a recording fake of Google's
# Admin APIs (gcloud.bats), where every line the dry runs below print is run and parsed.

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

@test "google resize takes memory, CPUs and concurrency, and calls nothing otherwise" {
  run "$ROOT/container/deploy/deploy.sh" resize 512 0.5
  [ "$status" -eq 1 ]
  [ "$output" = "deploy.sh: resize takes MIB CPUS CONCURRENCY, e.g. resize 1024 1 80" ]
  run "$ROOT/gcp-function/deploy/deploy.sh" resize 1Gi 1 1
  [ "$status" -eq 1 ]
  [ "$output" = "deploy.sh: resize 1Gi 1 1: MIB and CONCURRENCY are whole numbers, CPUS a number such as 0.5 or 2" ]
  [ ! -s "$STUB_LOG" ]
}

@test "google dry runs name one image and one service account per service, and a pushed IMAGE leaves the registry alone" {
  SERVICE=pixelforge-canary run "$ROOT/container/deploy/deploy.sh" --dry-run deploy
  [ "$status" -eq 0 ]
  [[ "$output" == *" --tag=us-central1-docker.pkg.dev/stub-project/pixelforge/pixelforge-canary:latest "* ]]
  [[ "$output" == *" --image=us-central1-docker.pkg.dev/stub-project/pixelforge/pixelforge-canary:latest "* ]]
  [[ "$output" == *"+ gcloud iam service-accounts create pixelforge-canary "* ]]
  [[ "$output" == *" --service-account=pixelforge-canary@stub-project.iam.gserviceaccount.com "* ]]
  SERVICE=pixelforge-canary run "$ROOT/container/deploy/deploy.sh" --dry-run destroy
  [ "$status" -eq 0 ]
  [ "$(grep '^+ ' <<< "$output")" = "+ gcloud run services delete pixelforge-canary --project=stub-project --region=us-central1 --quiet
+ gcloud artifacts packages delete pixelforge-canary --repository=pixelforge --project=stub-project --location=us-central1 --quiet
+ gcloud storage rm --recursive gs://stub-project_cloudbuild/pixelforge-canary-source
+ gcloud iam service-accounts delete pixelforge-canary@stub-project.iam.gserviceaccount.com --project=stub-project --quiet
+ remove container from $PIXELFORGE_TARGETS" ]
  IMAGE=docker.io/me/pixelforge:1 run "$ROOT/container/deploy/deploy.sh" --dry-run deploy
  [ -z "$(grep "builds submit\|artifacts" <<< "$output")" ]
  [[ "$output" == *" --image=docker.io/me/pixelforge:1 "* ]]
  IMAGE=docker.io/me/pixelforge:1 run "$ROOT/container/deploy/deploy.sh" --dry-run destroy
  [ -z "$(grep "artifacts\|storage" <<< "$output")" ]
  SERVICE_ACCOUNT=Bad_Id run "$ROOT/container/deploy/deploy.sh" --dry-run deploy
  [ "$status" -eq 1 ]
  [[ "$output" == *"service account ID Bad_Id: 6 to 30 lowercase letters, digits and dashes, starting with a letter (set SERVICE_ACCOUNT)"* ]]
  FUNCTION=MyFunction run "$ROOT/gcp-function/deploy/deploy.sh" --dry-run destroy
  [ "$status" -eq 1 ]
  [ ! -s "$STUB_LOG" ]
}

@test "the function's destroy deletes the image and the build cache gen2 names after project, region and function" {
  GCP_PROJECT=my-project FUNCTION=pixelforge-fn run "$ROOT/gcp-function/deploy/deploy.sh" --dry-run destroy
  [ "$status" -eq 0 ]
  [[ "$output" == *"+ gcloud artifacts packages delete my--project__us--central1__pixelforge--fn --repository=gcf-artifacts --project=my-project --location=us-central1 --quiet"* ]]
  [[ "$output" == *"+ gcloud artifacts packages delete my--project__us--central1__pixelforge--fn/cache --repository=gcf-artifacts "* ]]
  [ ! -s "$STUB_LOG" ]
}

@test "the Knative Service carries the profile's settings and is a valid manifest" {
  run "$ROOT/container/deploy/deploy.sh" knative
  [ "$status" -eq 0 ]
  echo "$output" > "$WORK/service.yaml"
  run python3 "$BATS_TEST_DIRNAME/validate_knative.py" "$WORK/service.yaml" 40 7 120 768Mi 1 \
    pixelforge-container@stub-project.iam.gserviceaccount.com
  [ "$status" -eq 0 ] || { echo "$output"; false; }
}

@test "the committed Knative Service is the default profile's rendering" {
  run python3 "$BATS_TEST_DIRNAME/validate_knative.py" "$ROOT/container/deploy/knative-service.yaml" 80 10 300 1024Mi 1 \
    pixelforge-container@my-project.iam.gserviceaccount.com
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
  [ -z "$(grep -- "--cpu" <<< "$output")" ]
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
