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
# - Not modelled by the fake: Cloud Build and its staging bucket (gcloud builds submit stops at the
#   fake's refusal after parsing, so the container's lifecycle deploys a pushed IMAGE), and anything
#   only Google's servers decide (quotas, IAM enforcement, whether the image starts).
# gcloud takes one to two seconds to start: the two scripts run at once where they are independent
# (both), and the lines left for the last test run four at a time.
# Skipped, saying why, when gcloud or jq is not installed.

setup_file() {
  # bats 1.8 cannot skip from setup_file: each test's setup skips with the reason.
  export MISSING=""
  command -v gcloud >/dev/null 2>&1 || MISSING="the Google Cloud CLI is not installed (https://cloud.google.com/sdk)"
  command -v jq >/dev/null 2>&1 || MISSING="${MISSING:+$MISSING; }jq is not installed (apt-get install jq)"
  [[ -z $MISSING ]] || return 0
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

  # gcloud's configuration, written as `gcloud config set` would (a call saved per property): no
  # prompt, no update check, no usage report, no API enablement check, no progress spinner, the fake
  # token, the proxy, the overrides. No retry setting is needed: gcloud retries a failed connection
  # or a 5xx, and the fake is always there and answers neither; each call is bounded by a timeout
  # (gcloud/record).
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
  [[ -z $MISSING ]] || skip "$MISSING: the Google deploy tests with the real gcloud are skipped"
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
  [[ "$output" == *"+ write gcp-function=https://pixelforge-function-<hash>-us-central1.a.run.app to $PIXELFORGE_TARGETS"* ]]
  [[ "$output" == *"+ write gcp-function.access=private to $PIXELFORGE_TARGETS"* ]]
  PUBLIC=1 run "$CR" --dry-run deploy
  [[ "$output" == *" --allow-unauthenticated --ingress=all --service-account=pixelforge-container@fake-project.iam.gserviceaccount.com "* ]]
  [[ "$output" == *"+ write container.access=public to $PIXELFORGE_TARGETS"* ]]
  [ ! -s "$FAKE_LOG" ]
  [ ! -s "$RECORD_LOG" ]
  [ ! -e "$PIXELFORGE_TARGETS" ]
}

# both NAME [ENV=VALUE...] -- SCRIPT ARGS... -- NAME [ENV=VALUE...] -- SCRIPT ARGS...: runs the two
# scripts at once (each gcloud call takes a second or two to start), their outputs in
# $BATS_TEST_TMPDIR/NAME.out; fails, showing the output, when either fails.
both() {
  local pids=() names=() name args
  while [[ $# -gt 0 ]]; do
    name=$1
    shift
    args=()
    while [[ $# -gt 0 && $1 != -- ]]; do args+=("$1"); shift; done
    shift
    while [[ $# -gt 0 && $1 != -- ]]; do args+=("$1"); shift; done
    [[ $# -gt 0 ]] && shift
    env "${args[@]}" > "$BATS_TEST_TMPDIR/$name.out" 2>&1 &
    pids+=("$!")
    names+=("$name")
  done
  local i status=0
  for i in "${!pids[@]}"; do
    if ! wait "${pids[$i]}"; then
      echo "--- ${names[$i]} failed:"
      cat "$BATS_TEST_TMPDIR/${names[$i]}.out"
      status=1
    fi
  done
  return "$status"
}

@test "gcloud: a first deploy of each, the function private (the default), the container --public, as their own service accounts" {
  both fn PIXELFORGE_TARGETS="$BATS_FILE_TMPDIR/fn.properties" -- "$FN" deploy -- \
       cr PIXELFORGE_TARGETS="$BATS_FILE_TMPDIR/cr.properties" IMAGE=docker.io/me/pixelforge:1 -- "$CR" --public deploy
  # The service accounts, made with no role: no IAM policy of the project is read or set.
  [ "$(req POST /v1/projects/fake-project/serviceAccounts | sort)" = '{"accountId":"pixelforge-container","serviceAccount":{"displayName":"PixelForge pixelforge-container (runs it, holds no role)"}}
{"accountId":"pixelforge-function","serviceAccount":{"displayName":"PixelForge pixelforge-function (runs it, holds no role)"}}' ]
  [ -z "$(req '.*' '.*/projects/fake-project:.*IamPolicy')" ]
  # The function: the profile's size, ingress all, its account, and no invoker policy: private.
  local body
  body=$(req POST /v2/projects/fake-project/locations/us-central1/functions)
  [ "$(jq -cS .serviceConfig <<< "$body")" = '{"availableCpu":"2","availableMemory":"512Mi","environmentVariables":{"JAVA_TOOL_OPTIONS":"-XX:+ExitOnOutOfMemoryError","PIXELFORGE_COLD_START_TOKEN":"0"},"ingressSettings":"ALLOW_ALL","maxInstanceCount":3,"maxInstanceRequestConcurrency":4,"serviceAccountEmail":"pixelforge-function@fake-project.iam.gserviceaccount.com","timeoutSeconds":30}' ]
  [ "$(jq -c .buildConfig <<< "$body")" = '{"entryPoint":"io.micronaut.gcp.function.http.HttpFunction","environmentVariables":{},"runtime":"java25","source":{"storageSource":{"bucket":"gcf-v2-uploads-123456789012-us-central1","object":"source.zip"}}}' ]
  [ "$(req PUT /gcf-v2-uploads-123456789012-us-central1/source.zip | jq -r '.bytes > 0')" = true ]  # the zipped jar
  [ -z "$(req POST "$P/services/pixelforge-function:setIamPolicy")" ]
  grep -qx "gcp-function=https://pixelforge-function-fakehash-uc.a.run.app" "$BATS_FILE_TMPDIR/fn.properties"
  grep -qx "gcp-function.access=private" "$BATS_FILE_TMPDIR/fn.properties"
  # The container: the same, and allUsers may invoke it.
  body=$(req POST "$KN")
  [ "$(jq -r '.metadata.annotations["run.googleapis.com/ingress"]' <<< "$body")" = all ]
  [ "$(jq -r '.spec.template.metadata.annotations["autoscaling.knative.dev/maxScale"]' <<< "$body")" = 7 ]
  [ "$(jq -c '.spec.template.spec | {containerConcurrency, timeoutSeconds, serviceAccountName}' <<< "$body")" = '{"containerConcurrency":40,"timeoutSeconds":120,"serviceAccountName":"pixelforge-container@fake-project.iam.gserviceaccount.com"}' ]
  [ "$(jq -c '.spec.template.spec.containers[0] | {image, ports, limits: .resources.limits, env}' <<< "$body")" = '{"image":"docker.io/me/pixelforge:1","ports":[{"containerPort":8080}],"limits":{"cpu":"1","memory":"768Mi"},"env":[{"name":"PIXELFORGE_COLD_START_TOKEN","value":"0"}]}' ]
  [ "$(req POST "$P/services/pixelforge-container:setIamPolicy")" = '{"policy":{"bindings":[{"members":["allUsers"],"role":"roles/run.invoker"}],"etag":"ACAB"}}' ]
  grep -qx "container=https://pixelforge-container-fakehash-uc.a.run.app" "$BATS_FILE_TMPDIR/cr.properties"
  grep -qx "container.access=public" "$BATS_FILE_TMPDIR/cr.properties"
}

@test "gcloud: a redeploy in the other mode: the function --public gains allUsers, the private container loses it" {
  both fn PIXELFORGE_TARGETS="$BATS_FILE_TMPDIR/fn.properties" -- "$FN" --public deploy -- \
       cr PIXELFORGE_TARGETS="$BATS_FILE_TMPDIR/cr.properties" IMAGE=docker.io/me/pixelforge:1 -- "$CR" deploy
  [ "$(req GET '/v1/projects/-/serviceAccounts/.*' | wc -l)" -eq 2 ]  # looked up after create said it exists
  [ "$(req PATCH /v2/projects/fake-project/locations/us-central1/functions/pixelforge-function | jq -r .serviceConfig.ingressSettings)" = ALLOW_ALL ]
  [ "$(req POST "$P/services/pixelforge-function:setIamPolicy")" = '{"policy":{"bindings":[{"members":["allUsers"],"role":"roles/run.invoker"}],"etag":"ACAB"}}' ]
  [ "$(req PUT "$KN/pixelforge-container" | jq -r .spec.template.spec.serviceAccountName)" = pixelforge-container@fake-project.iam.gserviceaccount.com ]
  [ "$(req POST "$P/services/pixelforge-container:setIamPolicy")" = '{"policy":{"etag":"BwY="}}' ]
  [ "$(sort "$BATS_FILE_TMPDIR/fn.properties" "$BATS_FILE_TMPDIR/cr.properties")" = "container.access=private
container=https://pixelforge-container-fakehash-uc.a.run.app
gcp-function.access=public
gcp-function=https://pixelforge-function-fakehash-uc.a.run.app" ]
}

@test "gcloud: the function's resize and force-cold are Cloud Run revisions of the size, with a new token" {
  run "$FN" resize 2048 1 1
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  local spec
  spec=$(req PUT "$KN/pixelforge-function" | jq -c .spec.template.spec)
  [ "$(jq -c .containers[0].resources.limits <<< "$spec")" = '{"cpu":"1","memory":"2048Mi"}' ]
  [ "$(jq -c .containerConcurrency <<< "$spec")" = 1 ]
  # --update-env-vars changes the token and keeps the function's other variables (JAVA_TOOL_OPTIONS)
  [ "$(jq -c '[.containers[0].env[] | select(.name == "PIXELFORGE_COLD_START_TOKEN")]' <<< "$spec")" = '[{"name":"PIXELFORGE_COLD_START_TOKEN","value":"42"}]' ]
  COLD_START_TOKEN=43 run "$FN" force-cold
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [ "$(req PUT "$KN/pixelforge-function" | tail -n 1 | jq -c '[.spec.template.spec.containers[0].env[] | select(.name == "PIXELFORGE_COLD_START_TOKEN")]')" = '[{"name":"PIXELFORGE_COLD_START_TOKEN","value":"43"}]' ]
}

@test "gcloud: metrics hands curl the token on its standard input, never on a command line, and writes seven series" {
  # The project from gcloud's configuration this time: gcloud config get-value project.
  GCP_PROJECT="" run "$FN" metrics 2026-11-23T19:00:00Z 2026-11-23T19:15:00Z "$BATS_TEST_TMPDIR/cloud"
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [ "$(find "$BATS_TEST_TMPDIR/cloud" -name '*.json' | wc -l)" -eq 7 ]
  jq -e '.timeSeries[0].metric.type == "metric.type=\"run.googleapis.com/container/billable_instance_time\" AND resource.labels.service_name=\"pixelforge-function\""' \
    "$BATS_TEST_TMPDIR/cloud/gcp-function-container-billable_instance_time.json"
  [ "$(tail -n +$((MARK + 1)) "$FAKE_LOG" | jq -r 'select(.host == "monitoring.fake") | .auth' | sort | uniq -c | xargs)" = "7 Bearer fake-token" ]
  [ "$(grep -c '^+ curl .* --config - ' "$RECORD_LOG")" -eq 7 ]
  [ -z "$(grep -l fake-token "$RECORD_LOG")" ]
  [ -z "$(grep -rl fake-token "$BATS_TEST_TMPDIR/cloud")" ]
}

@test "gcloud: destroy leaves nothing billable: services, built images, build sources, service accounts" {
  # What Cloud Build would have left for the container: its image and its uploaded sources.
  "$REAL_CURL" -sf -X PUT --data '{"name": "projects/fake-project/locations/us-central1/repositories/pixelforge/packages/pixelforge-container"}' \
    "$FAKE/control/store/artifactregistry/fake-project/us-central1/pixelforge/pixelforge-container" > /dev/null
  "$REAL_CURL" -sf -X PUT --data '{}' "$FAKE/control/store/storage/fake-project_cloudbuild/pixelforge-container-source/1.tgz" > /dev/null
  both fn PIXELFORGE_TARGETS="$BATS_FILE_TMPDIR/fn.properties" -- "$FN" destroy -- \
       cr PIXELFORGE_TARGETS="$BATS_FILE_TMPDIR/cr.properties" -- "$CR" destroy
  local deleted
  deleted=$(tail -n +$((MARK + 1)) "$FAKE_LOG" | jq -r 'select(.method == "DELETE") | .path' | sort)
  [ "$deleted" = "$(sort <<PATHS
/v2/projects/fake-project/locations/us-central1/functions/pixelforge-function
$P/repositories/gcf-artifacts/packages/fake--project__us--central1__pixelforge--function
$P/repositories/gcf-artifacts/packages/fake--project__us--central1__pixelforge--function%2Fcache
/v1/projects/-/serviceAccounts/pixelforge-function@fake-project.iam.gserviceaccount.com
$KN/pixelforge-container
$P/repositories/pixelforge/packages/pixelforge-container
/storage/v1/b/fake-project_cloudbuild/o/pixelforge-container-source/1.tgz
/v1/projects/-/serviceAccounts/pixelforge-container@fake-project.iam.gserviceaccount.com
PATHS
)" ] || { echo "$deleted"; false; }
  [ -z "$(store)" ] || { store; false; }
  grep -q "kept the Artifact Registry repository pixelforge (us-central1)" "$BATS_TEST_TMPDIR/cr.out"
  [ ! -s "$BATS_FILE_TMPDIR/fn.properties" ]
  [ ! -s "$BATS_FILE_TMPDIR/cr.properties" ]
}

@test "gcloud: a second destroy finds everything gone and still succeeds" {
  # The container's: its storage step has nothing left to delete (gcloud exits 1 on that). The
  # function's destroy goes through the same delete_unless_gone (common.sh).
  run "$CR" destroy
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  # gcloud's own words between ours (storage rm says what matched nothing).
  [ "$(grep -e 'already gone' -e '^no build sources' -e 'matched no objects' <<< "$output")" = "service pixelforge-container is already gone
image pixelforge-container is already gone from repository pixelforge
ERROR: (gcloud.storage.rm) The following URLs matched no objects or files:
no build sources deleted from gs://fake-project_cloudbuild/pixelforge-container-source (gcloud says why above)
service account pixelforge-container@fake-project.iam.gserviceaccount.com is already gone" ]
  [ -z "$(store)" ]
}

@test "gcloud: every command line the dry runs print was run by the real gcloud and parsed" {
  # The lines no test above ran (the container's build path, its resize and force-cold, a private
  # deploy of the container's own image, a public function's first deploy), run now, four at a
  # time: whatever the fake answers, none may be a parse error. With them, the Knative manifest
  # through `gcloud run services replace`, which reads it into Cloud Run's own message types.
  SERVICE=pixelforge-knative "$CR" knative > "$BATS_TEST_TMPDIR/service.yaml"
  sort -u "$BATS_FILE_TMPDIR/dry-run-lines" > "$BATS_TEST_TMPDIR/printed"
  sort -u "$RECORD_LOG" > "$BATS_TEST_TMPDIR/ran"
  comm -23 "$BATS_TEST_TMPDIR/printed" "$BATS_TEST_TMPDIR/ran" > "$BATS_TEST_TMPDIR/rest"
  [ "$(wc -l < "$BATS_TEST_TMPDIR/printed")" -ge 25 ]
  mkdir -p "$BATS_TEST_TMPDIR/out"
  local i=0 line
  while IFS= read -r line; do
    i=$((i + 1))
    printf '%s\n' "${line#+ }" > "$BATS_TEST_TMPDIR/out/$i.cmd"
  done < "$BATS_TEST_TMPDIR/rest"
  printf 'gcloud run services replace %q --project=fake-project --region=us-central1 --quiet\n' \
    "$BATS_TEST_TMPDIR/service.yaml" > "$BATS_TEST_TMPDIR/out/knative.cmd"
  # shellcheck disable=SC2016  # expanded by the inner bash
  find "$BATS_TEST_TMPDIR/out" -name '*.cmd' -print0 \
    | xargs -0 -P 4 -I{} bash -c 'bash "$1" > "$1.out" 2>&1; echo $? > "$1.status"' _ {}
  local failed=""
  for f in "$BATS_TEST_TMPDIR"/out/*.cmd; do
    if [[ $(cat "$f.status") == 2 ]] || grep -qE 'unrecognized arguments|Invalid value|argument --' "$f.out"; then
      failed+="$(cat "$f")"$'\n'"$(cat "$f.out")"$'\n'
    fi
  done
  [ -z "$failed" ] || { echo "$failed"; false; }
  # The build path reached the fake: the repository's creation, then Cloud Build, which it refuses.
  local build
  build=$(grep -l 'builds submit' "$BATS_TEST_TMPDIR"/out/*.cmd)
  grep -q '^ERROR: (gcloud.builds.submit) .*(fake)' "$build.out" || { cat "$build.out"; false; }
  [ "$(req POST "$P/repositories" | jq -r .format)" = DOCKER ]
  grep -q "New configuration has been applied to service" "$BATS_TEST_TMPDIR/out/knative.cmd.out" || { cat "$BATS_TEST_TMPDIR/out/knative.cmd.out"; false; }
  [ "$(req POST "$KN" | jq -r 'select(.metadata.name == "pixelforge-knative") | [.metadata.annotations["run.googleapis.com/ingress"], .spec.template.spec.serviceAccountName, .spec.template.spec.containerConcurrency] | @tsv')" = "$(printf 'all\tpixelforge-knative@fake-project.iam.gserviceaccount.com\t40')" ]
  [ -z "$(req POST "$P/services/pixelforge-knative:setIamPolicy")" ]  # private: no policy
  # A second deploy finds the repository the first made and does not make it again (then stops
  # at Cloud Build, which the fake refuses).
  MARK=$(wc -l < "$FAKE_LOG")
  run "$CR" deploy
  [ "$status" -ne 0 ]
  [ "$(req GET "$P/repositories/pixelforge" | wc -l)" -eq 1 ]
  [ -z "$(req POST "$P/repositories")" ]
  # Now every printed line has run.
  sort -u "$RECORD_LOG" > "$BATS_TEST_TMPDIR/ran"
  [ -z "$(comm -23 "$BATS_TEST_TMPDIR/printed" "$BATS_TEST_TMPDIR/ran")" ]
}
