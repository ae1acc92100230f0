#!/usr/bin/env bats
# The Google deploy scripts (gcp-function/deploy/deploy.sh, container/deploy/deploy.sh) run with the
# real gcloud, no stub: a throwaway configuration directory, a fake project and a fake access token,
# and gcloud's HTTP proxy set to gcloud/fake_google.py on 127.0.0.1, a recording fake of the Admin
# APIs gcloud is pointed at (api_endpoint_overrides/<api> = http://<api>.fake/). A proxy, not a
# host name: Cloud Run's commands prefix the region to the endpoint's host (us-central1-run.fake),
# which no resolver here knows; a proxy receives the URL whatever its host. Anything else gcloud
# would fetch (https, a CONNECT) is refused by the fake and logged: nothing leaves the machine.
#
# Checked how:
# - Parsing: every command line the scripts print in their dry runs (every action, both modes) is
#   one the real gcloud ran here; gcloud's parser rejects a flag or a value before any request (exit
#   2, "unrecognized arguments" or "Invalid value"), so a line that reached the fake was accepted.
# - Requests: the JSON bodies the fake received are asserted: memory, CPU, concurrency, max
#   instances, timeout, ingress, service account, the invoker policy (absent when private, allUsers
#   with --public, taken away again by a private redeploy), the packages and the account destroy
#   deletes. The tests run in file order on one fake, as a user's session would.
# - Not modelled by the fake: Cloud Build (gcloud builds submit gets a 403 after parsing, so the
#   container's lifecycle deploys a pushed IMAGE), the source upload's storage, and anything only
#   Google's servers decide (quotas, IAM enforcement, whether the image starts).

setup_file() {
  ROOT=$(cd "$BATS_TEST_DIRNAME/../../../../.." && pwd)  # results/cli/src/test/bats
  export ROOT
  # shellcheck source=../../../../shell/lib.sh
  source "$ROOT/results/shell/lib.sh"
  export PIXELFORGE_PROFILE=$BATS_FILE_TMPDIR/platform.properties
  cat > "$PIXELFORGE_PROFILE" <<PROFILE
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
  java -cp "$(cli_classpath)" dev.pixelforge.cli.PixelForgeCli profile --deploy \
    --platform "$PIXELFORGE_PROFILE" > "$BATS_FILE_TMPDIR/deploy-settings"
  export PIXELFORGE_DEPLOY_SETTINGS=$BATS_FILE_TMPDIR/deploy-settings

  # The committed scripts in a throwaway tree with a small jar where the build puts the real one:
  # the function's source folder is made there, never in the repository's target.
  export TREE=$BATS_FILE_TMPDIR/tree
  for f in gcp-function/deploy/deploy.sh container/deploy/deploy.sh container/deploy/knative-service.template.yaml \
           container/Dockerfile results/deploy/common.sh results/shell/lib.sh; do
    mkdir -p "$(dirname "$TREE/$f")"
    cp -p "$ROOT/$f" "$TREE/$f"
  done
  mkdir -p "$TREE/gcp-function/target" "$TREE/container/target"
  echo jar > "$TREE/gcp-function/target/pixelforge-gcp-function-all.jar"
  echo jar > "$TREE/container/target/pixelforge-container-all.jar"
  export FN=$TREE/gcp-function/deploy/deploy.sh CR=$TREE/container/deploy/deploy.sh

  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  export FAKE_LOG=$BATS_FILE_TMPDIR/requests.jsonl FAKE=http://127.0.0.1:$port
  : > "$FAKE_LOG"
  python3 "$BATS_TEST_DIRNAME/gcloud/fake_google.py" "$port" "$FAKE_LOG" 3>&- &
  export FAKE_PID=$!

  # gcloud's configuration, written as `gcloud config set` would (five calls saved): no prompt, no
  # update check, no usage report, no API enablement check, the fake token, the proxy, the overrides.
  export CLOUDSDK_CONFIG=$BATS_FILE_TMPDIR/gcloud-config
  mkdir -p "$CLOUDSDK_CONFIG/configurations"
  echo fake-token > "$BATS_FILE_TMPDIR/token"
  printf default > "$CLOUDSDK_CONFIG/active_config"
  {
    printf '[core]\nproject = fake-project\ndisable_prompts = true\ndisable_usage_reporting = true\n'
    printf 'should_prompt_to_enable_api = false\ninteractive_ux_style = OFF\n'
    printf '[component_manager]\ndisable_update_check = true\n'
    printf '[auth]\naccess_token_file = %s\n' "$BATS_FILE_TMPDIR/token"
    printf '[proxy]\ntype = http\naddress = 127.0.0.1\nport = %s\n' "$port"
    printf '[api_endpoint_overrides]\n'
    for api in run cloudfunctions iam artifactregistry cloudbuild storage cloudresourcemanager serviceusage; do
      printf '%s = http://%s.fake/\n' "$api" "$api"
    done
  } > "$CLOUDSDK_CONFIG/configurations/config_default"
  # curl (metrics) reaches the fake Cloud Monitoring the same way, through the override the script reads.
  export CLOUDSDK_API_ENDPOINT_OVERRIDES_MONITORING=http://monitoring.fake/ http_proxy=$FAKE no_proxy=127.0.0.1
  unset HTTPS_PROXY https_proxy HTTP_PROXY NO_PROXY

  # The real gcloud and curl, each call recorded (gcloud/record): the lines the dry runs print are
  # compared with them.
  export RECORD_LOG=$BATS_FILE_TMPDIR/calls.log REAL_PATH=$PATH REAL_CURL
  REAL_CURL=$(command -v curl)
  mkdir -p "$BATS_FILE_TMPDIR/bin"
  ln -s "$BATS_TEST_DIRNAME/gcloud/record" "$BATS_FILE_TMPDIR/bin/gcloud"
  ln -s "$BATS_TEST_DIRNAME/gcloud/record" "$BATS_FILE_TMPDIR/bin/curl"
  export PATH=$BATS_FILE_TMPDIR/bin:$PATH
  export PIXELFORGE_TARGETS=$BATS_FILE_TMPDIR/targets.properties GCP_PROJECT=fake-project COLD_START_TOKEN=42
  wait_until --pid "$FAKE_PID" 20 "the fake Google APIs on $FAKE" "$REAL_CURL" -sf -o /dev/null "$FAKE/control/store"
}

teardown_file() {
  [[ -n ${FAKE_PID:-} ]] || return 0
  # shellcheck source=../../../../shell/lib.sh
  source "$ROOT/results/shell/lib.sh"
  stop_process "$FAKE_PID" 10
}

setup() {
  MARK=$(wc -l < "$FAKE_LOG")
}

# req METHOD PATH: the bodies of the requests the fake received in this test for METHOD on PATH (a
# regex over the whole path), one JSON a line.
req() {
  tail -n +$((MARK + 1)) "$FAKE_LOG" | jq -c --arg m "$1" --arg p "^$2\$" 'select(.method == $m and (.path | test($p))) | .body'
}

# store: the fake's resources, one key a line.
store() {
  "$REAL_CURL" -sf "$FAKE/control/store" | jq -r 'keys[]'
}

P=/v1/projects/fake-project/locations/us-central1
KN=/apis/serving.knative.dev/v1/namespaces/fake-project/services

@test "gcloud: every dry run prints its commands, both modes, and sends nothing" {
  local script action
  for script in "$FN" "$CR"; do
    for action in deploy "--public deploy" url force-cold "resize 2048 1 1" \
                  "metrics 2026-11-23T19:00:00Z 2026-11-23T19:15:00Z $BATS_FILE_TMPDIR/cloud" destroy; do
      # shellcheck disable=SC2086  # the action's words, on purpose
      run "$script" --dry-run $action
      [ "$status" -eq 0 ] || { echo "$script $action: $output"; false; }
      grep '^+ gcloud ' <<< "$output" >> "$BATS_FILE_TMPDIR/dry-run-lines"
    done
    IMAGE=docker.io/me/pixelforge:1 run "$script" --dry-run destroy
    grep '^+ gcloud ' <<< "$output" >> "$BATS_FILE_TMPDIR/dry-run-lines"
  done
  run "$FN" --dry-run deploy
  [[ "$output" == *" --trigger-http --no-allow-unauthenticated --ingress-settings=all --service-account=pixelforge-function@fake-project.iam.gserviceaccount.com "* ]]
  [[ "$output" == *"+ write gcp-function=https://pixelforge-function-<hash>-us-central1.a.run.app and gcp-function.access=private to $PIXELFORGE_TARGETS"* ]]
  PUBLIC=1 run "$CR" --dry-run deploy
  [[ "$output" == *" --allow-unauthenticated --ingress=all --service-account=pixelforge-container@fake-project.iam.gserviceaccount.com "* ]]
  [[ "$output" == *"and container.access=public to"* ]]
  [ ! -s "$FAKE_LOG" ]
  [ ! -s "$RECORD_LOG" ]
  [ ! -e "$PIXELFORGE_TARGETS" ]
}

@test "gcloud: the function deploys private by default, as its own service account, with the profile's size" {
  run "$FN" deploy
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  # The service account, created with no role: no IAM policy of the project is asked for or set.
  [ "$(req POST /v1/projects/fake-project/serviceAccounts)" = '{"accountId":"pixelforge-function","serviceAccount":{"displayName":"PixelForge pixelforge-function (runs it, holds no role)"}}' ]
  [ -z "$(req POST '.*:setIamPolicy')" ]
  local body
  body=$(req POST /v2/projects/fake-project/locations/us-central1/functions)
  [ "$(jq -c .serviceConfig <<< "$body")" = '{"availableCpu":"2","availableMemory":"512Mi","environmentVariables":{"PIXELFORGE_COLD_START_TOKEN":"0"},"ingressSettings":"ALLOW_ALL","maxInstanceCount":3,"maxInstanceRequestConcurrency":4,"serviceAccountEmail":"pixelforge-function@fake-project.iam.gserviceaccount.com","timeoutSeconds":30}' ]
  [ "$(jq -c .buildConfig <<< "$body")" = '{"entryPoint":"io.micronaut.gcp.function.http.HttpFunction","environmentVariables":{},"runtime":"java25","source":{"storageSource":{"bucket":"gcf-v2-uploads-123456789012-us-central1","object":"source.zip"}}}' ]
  # The source is the jar alone, zipped and uploaded to the URL Cloud Functions gave.
  [ "$(req PUT /gcf-v2-uploads-123456789012-us-central1/source.zip | jq -r '.bytes > 0')" = true ]
  grep -qx "gcp-function=https://pixelforge-function-fakehash-uc.a.run.app" "$PIXELFORGE_TARGETS"
  grep -qx "gcp-function.access=private" "$PIXELFORGE_TARGETS"
}

@test "gcloud: --public redeploys the function open to allUsers, and the targets file says so" {
  run "$FN" --public deploy
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [ -z "$(req POST /v1/projects/fake-project/serviceAccounts)" ]  # it exists: not made twice
  [ "$(req PATCH /v2/projects/fake-project/locations/us-central1/functions/pixelforge-function | jq -r .serviceConfig.ingressSettings)" = ALLOW_ALL ]
  [ "$(req POST "$P/services/pixelforge-function:setIamPolicy")" = '{"policy":{"bindings":[{"members":["allUsers"],"role":"roles/run.invoker"}],"etag":"ACAB"}}' ]
  grep -qx "gcp-function.access=public" "$PIXELFORGE_TARGETS"
  [ "$(grep -c '^gcp-function' "$PIXELFORGE_TARGETS")" -eq 2 ]
}

@test "gcloud: the function's resize and force-cold are Cloud Run revisions of the size, with a new token" {
  run "$FN" resize 2048 1 1
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  local spec
  spec=$(req PUT "$KN/pixelforge-function" | jq -c .spec.template.spec)
  [ "$(jq -c .containers[0].resources.limits <<< "$spec")" = '{"cpu":"1","memory":"2048Mi"}' ]
  [ "$(jq -c .containerConcurrency <<< "$spec")" = 1 ]
  [ "$(jq -c '.containers[0].env' <<< "$spec")" = '[{"name":"PIXELFORGE_COLD_START_TOKEN","value":"42"}]' ]
  COLD_START_TOKEN=43 run "$FN" force-cold
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [ "$(req PUT "$KN/pixelforge-function" | jq -c '.spec.template.spec.containers[0].env')" = '[{"name":"PIXELFORGE_COLD_START_TOKEN","value":"43"}]' ]
}

@test "gcloud: metrics hands curl the token on its standard input, never on a command line, and writes seven series" {
  # The project from gcloud's configuration this time: gcloud config get-value project.
  GCP_PROJECT="" run "$FN" metrics 2026-11-23T19:00:00Z 2026-11-23T19:15:00Z "$BATS_TEST_TMPDIR/cloud"
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [ "$(ls "$BATS_TEST_TMPDIR/cloud" | wc -l)" -eq 7 ]
  jq -e '.timeSeries[0].metric.type == "metric.type=\"run.googleapis.com/container/billable_instance_time\" AND resource.labels.service_name=\"pixelforge-function\""' \
    "$BATS_TEST_TMPDIR/cloud/gcp-function-container-billable_instance_time.json"
  [ "$(tail -n +$((MARK + 1)) "$FAKE_LOG" | jq -r 'select(.host == "monitoring.fake") | .auth' | sort | uniq -c | xargs)" = "7 Bearer fake-token" ]
  [ "$(grep -c '^+ curl .* --config - ' "$RECORD_LOG")" -eq 7 ]
  ! grep -q fake-token "$RECORD_LOG"
  ! grep -rq fake-token "$BATS_TEST_TMPDIR/cloud"
}

@test "gcloud: the container's build path is accepted by gcloud; Cloud Build is where the fake stops" {
  run "$CR" deploy
  [ "$status" -ne 0 ]
  [[ "$output" == *"ERROR: (gcloud.builds.submit)"*"Cloud Build is not modelled"* || "$output" == *"ERROR: (gcloud.builds.submit)"*"fake"* ]] || { echo "$output"; false; }
  [ "$(req POST "$P/repositories" | jq -r .format)" = DOCKER ]
}
