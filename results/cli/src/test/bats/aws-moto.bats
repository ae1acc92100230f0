#!/usr/bin/env bats
# aws-lambda/deploy/deploy.sh run with the real AWS CLI against moto's server on 127.0.0.1: every
# command (deploy, url, force-cold, resize, metrics, destroy, their dry runs), then what AWS would
# hold afterwards, read back through the same CLI. No stub aws on PATH. The tests run in file order
# on one moto server, as a user's session would: deploy, then the commands on what it deployed, then
# destroy. Skipped, saying why, when moto_server or aws is not installed.
#
# What moto 5.2 does not implement, and what covers it instead:
# - CloudFormation handlers for AWS::Lambda::Alias, AWS::ApiGateway::Stage, a RestApi's Body and
#   BinaryMediaTypes, Fn::GetAtt Version, and the Outputs of a stack made by a change set: moto/
#   moto_server.py adds them, each through moto's own implementation of the service's API (its
#   docstring lists them); this file then asserts what they made like any other state.
# - Properties moto keeps nowhere (the function's LoggingConfig, SnapStart, the API's CORS and
#   gateway responses, which live in the OpenAPI body): asserted in the template the stack holds
#   (get-template), which is what CloudFormation on AWS applies; cfn-lint checks the SAM source
#   (DeployFilesIT).
# - Running the function: moto would need Docker and a Java 25 Lambda image. The REPORT lines and
#   CloudWatch metrics the function would write are seeded instead, in AWS's shapes.
# - IAM is not enforced by moto: the role SAM makes is created, its policies are not checked.
# - The API key, usage plan and stage throttle are made and read back, but moto serves no request
#   through the API: that a call without the key gets 403, and one over the throttle or quota 429,
#   is shown by the stand-in's gateway (ApiKeyIT) and, at the edge, only by a real account.

setup_file() {
  # bats 1.8 cannot skip from setup_file: each test's setup skips with the reason.
  export MISSING=""
  command -v moto_server >/dev/null 2>&1 || MISSING="moto_server is not installed (pip install 'moto[server]')"
  command -v aws >/dev/null 2>&1 || MISSING="${MISSING:+$MISSING; }the AWS CLI is not installed (pip install awscli)"
  [[ -z $MISSING ]] || return 0
  ROOT=$(cd "$BATS_TEST_DIRNAME/../../../../.." && pwd)  # results/cli/src/test/bats
  export ROOT
  # shellcheck source=../../../../shell/lib.sh
  source "$ROOT/results/shell/lib.sh"

  export PIXELFORGE_PROFILE=$BATS_FILE_TMPDIR/platform.properties
  cat > "$PIXELFORGE_PROFILE" <<PROFILE
aws-lambda.memory-mb=2048
aws-lambda.reserved-concurrency=5
aws-lambda.timeout=20s
aws-lambda.api-rate-limit=7.5
aws-lambda.api-burst-limit=15
aws-lambda.api-quota-per-day=1234
PROFILE
  java -cp "$(cli_classpath)" dev.pixelforge.cli.PixelForgeCli profile --deploy \
    --platform "$PIXELFORGE_PROFILE" > "$BATS_FILE_TMPDIR/deploy-settings"
  export PIXELFORGE_DEPLOY_SETTINGS=$BATS_FILE_TMPDIR/deploy-settings

  # The committed deploy files, byte for byte, in a throwaway tree with a small jar where the build
  # puts the real one: deploy writes its packaged and expanded templates there, never into the
  # repository's aws-lambda/target.
  export TREE=$BATS_FILE_TMPDIR/tree
  for f in aws-lambda/template.yaml aws-lambda/deploy/deploy.sh aws-lambda/deploy/sam-expand.py \
           results/deploy/common.sh results/shell/lib.sh; do
    mkdir -p "$(dirname "$TREE/$f")"
    cp -p "$ROOT/$f" "$TREE/$f"
  done
  mkdir -p "$TREE/aws-lambda/target"
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1], "w").writestr("x.txt", "pixelforge")' \
    "$TREE/aws-lambda/target/pixelforge-aws-lambda-all.jar"
  export DEPLOY=$TREE/aws-lambda/deploy/deploy.sh
  # pyenv's shims start bash and pyenv before every aws and python3 (a fifth of a CLI call's time
  # here): the executables they would run, directly.
  if command -v pyenv >/dev/null 2>&1 && [[ $(command -v aws) == */shims/aws ]]; then
    PATH="$(dirname "$(pyenv which aws)"):$PATH"
    export PATH
  fi

  # Only loopback: moto's endpoint for every service, no proxy, no instance metadata, no config or
  # credentials of the machine's user; an error is reported at once instead of retried.
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  export AWS_ENDPOINT_URL=http://127.0.0.1:$port
  export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_SESSION_TOKEN=testing
  export AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true
  export AWS_CONFIG_FILE=$BATS_FILE_TMPDIR/no-aws-config AWS_SHARED_CREDENTIALS_FILE=$BATS_FILE_TMPDIR/no-aws-credentials
  export AWS_MAX_ATTEMPTS=1 NO_PROXY=127.0.0.1 no_proxy=127.0.0.1
  unset AWS_PROFILE AWS_DEFAULT_PROFILE HTTP_PROXY HTTPS_PROXY http_proxy https_proxy
  export ARTIFACT_BUCKET=pixelforge-artifacts
  export PIXELFORGE_TARGETS=$BATS_FILE_TMPDIR/targets.properties
  export SECRETS=$PIXELFORGE_TARGETS.secrets

  python3 "$BATS_TEST_DIRNAME/moto/moto_server.py" -H 127.0.0.1 -p "$port" \
    > "$BATS_FILE_TMPDIR/moto.log" 2>&1 3>&- &
  export MOTO_PID=$!
  wait_until --pid "$MOTO_PID" --log "$BATS_FILE_TMPDIR/moto.log" 60 "moto on 127.0.0.1:$port" \
    curl -sf -o /dev/null "$AWS_ENDPOINT_URL/moto-api/"
  aws s3api create-bucket --bucket "$ARTIFACT_BUCKET" > /dev/null
}

setup() {
  [[ -z $MISSING ]] || skip "$MISSING: the AWS deploy tests against moto are skipped"
}

teardown_file() {
  [[ -n ${MOTO_PID:-} ]] || return 0
  # shellcheck source=../../../../shell/lib.sh
  source "$ROOT/results/shell/lib.sh"
  stop_process "$MOTO_PID" 10
}

# q ARGS...: what the real CLI answers, as text.
q() {
  aws "$@" --output text
}

api_id() {
  q apigateway get-rest-apis --query 'items[0].id'
}

# the_key: the deployed key's value, as API Gateway gives it to its owner.
the_key() {
  q apigateway get-api-keys --include-values --query 'items[0].value'
}

# no_key_anywhere: the key's value is in the secrets file only: not in the targets file, not in
# anything the deploy wrote or printed (the caller passes its output), not in the deploy tree.
no_key_anywhere() {
  local key
  key=$(the_key)
  [ ${#key} -ge 20 ]
  ! grep -rqF -- "$key" "$PIXELFORGE_TARGETS" "$TREE"
  [[ "$1" != *"$key"* ]]
}

@test "moto: every dry run prints its commands, the SAM template's expansion among them, and changes nothing" {
  run "$DEPLOY" --dry-run deploy
  [ "$status" -eq 0 ]
  local target=$TREE/aws-lambda/target
  local params="MemorySize=2048 Timeout=20 ReservedConcurrency=5 SnapStart=false ApiAccess=private ApiRateLimit=7.5 ApiBurstLimit=15 ApiQuotaPerDay=1234"
  [ "${lines[0]}" = "+ aws cloudformation package --template-file $TREE/aws-lambda/template.yaml --s3-bucket pixelforge-artifacts --s3-prefix pixelforge/pixelforge-lambda --output-template-file $target/packaged.yaml" ]
  [ "${lines[1]}" = "+ python3 $TREE/aws-lambda/deploy/sam-expand.py $target/packaged.yaml $target/expanded.json $params" ]
  [ "${lines[2]}" = "+ aws cloudformation deploy --template-file $target/expanded.json --stack-name pixelforge-lambda --capabilities CAPABILITY_IAM --no-fail-on-empty-changeset --parameter-overrides $params" ]
  # The URL, the mode read from the stack (its key, if it has one), the key into the secrets file.
  [ "${lines[3]}" = "+ aws cloudformation describe-stacks --stack-name pixelforge-lambda --query Stacks\[0\].Outputs\[\?OutputKey==\'Url\'\].OutputValue --output text" ]
  [ "${lines[5]}" = "+ aws cloudformation list-stack-resources --stack-name pixelforge-lambda --query StackResourceSummaries\[\?LogicalResourceId==\'ApiApiKey\'\].PhysicalResourceId --output text" ]
  [ "${lines[6]}" = "+ write aws-lambda.access=private to $PIXELFORGE_TARGETS" ]
  [ "${lines[7]}" = "+ aws apigateway get-api-key --api-key \<api-key-id\> --include-value --query value --output text" ]
  [ "${lines[8]}" = "+ write aws-lambda.api-key=<its value> to $SECRETS (mode 0600)" ]
  SNAPSTART=true run "$DEPLOY" --dry-run deploy
  [ "$status" -eq 0 ]
  [[ "${lines[1]}" == *" SnapStart=true "* && "${lines[2]}" == *" SnapStart=true "* ]]
  # --public, before or after the action, or PUBLIC=1: the same public deploy, and nothing else.
  local public=${params/ApiAccess=private/ApiAccess=public}
  for args in "--dry-run --public deploy" "--dry-run deploy --public" "PUBLIC=1"; do
    if [[ $args == PUBLIC=1 ]]; then PUBLIC=1 run "$DEPLOY" --dry-run deploy; else
      # shellcheck disable=SC2086  # the words, on purpose
      run "$DEPLOY" $args; fi
    [ "$status" -eq 0 ] || { echo "$args: $output"; false; }
    [ "${lines[1]}" = "+ python3 $TREE/aws-lambda/deploy/sam-expand.py $target/packaged.yaml $target/expanded.json $public" ]
    [ "${lines[2]}" = "+ aws cloudformation deploy --template-file $target/expanded.json --stack-name pixelforge-lambda --capabilities CAPABILITY_IAM --no-fail-on-empty-changeset --parameter-overrides $public" ]
  done
  PUBLIC=yes run "$DEPLOY" --dry-run deploy
  [ "$status" -eq 1 ]
  [ "$output" = "deploy.sh: PUBLIC takes 1 (no API key, usage plan or stage throttle) or 0: got 'yes'" ]
  run "$DEPLOY" --dry-run --public url
  [ "$status" -eq 1 ]
  [ "$output" = "deploy.sh: --public is for deploy: url reads the mode from the stack" ]
  # force-cold and resize: read, update, wait, publish, wait for the version, move the alias.
  for action in force-cold "resize 1769"; do
    # shellcheck disable=SC2086  # the action's words, on purpose
    COLD_START_TOKEN=9 run "$DEPLOY" --dry-run $action
    [ "$status" -eq 0 ] || { echo "$action: $output"; false; }
    [ "$(grep -c '^+ aws lambda ' <<< "$output")" -eq 6 ]
    [[ "$output" == *"+ aws lambda update-alias --function-name pixelforge-lambda --name live --function-version \<version\>"* ]]
  done
  [[ "$output" == *"+ aws lambda update-function-configuration --function-name pixelforge-lambda --memory-size 1769 --environment"* ]]
  run "$DEPLOY" --dry-run destroy
  [[ "$output" == *"+ remove aws-lambda.api-key from $SECRETS"* ]]
  for action in url "metrics 2026-11-23T19:00:00Z 2026-11-23T19:15:00Z $BATS_FILE_TMPDIR/dry" destroy; do
    # shellcheck disable=SC2086  # the action's words, on purpose
    run "$DEPLOY" --dry-run $action
    [ "$status" -eq 0 ] || { echo "$action: $output"; false; }
    [[ "$output" == *"+ aws "* ]]
  done
  # Nothing reached moto: no stack, no jar.
  [ "$(q cloudformation list-stacks --query 'length(StackSummaries)')" = 0 ]
  [ "$(q s3api list-objects-v2 --bucket pixelforge-artifacts --query 'length(Contents || `[]`)')" = 0 ]
  [ ! -e "$PIXELFORGE_TARGETS" ]
  [ ! -e "$SECRETS" ]
  [ ! -e "$TREE/aws-lambda/target/packaged.yaml" ]
}

@test "moto: before any deploy, url, force-cold and resize say it is not deployed, from the real CLI's errors" {
  run "$DEPLOY" url
  [ "$status" -eq 1 ]
  [ "${lines[${#lines[@]}-1]}" = "deploy.sh: aws-lambda has no URL: is it deployed?" ]
  run "$DEPLOY" force-cold
  [ "$status" -eq 1 ]
  [[ "$output" == *"Function not found"* ]]
  [ "${lines[${#lines[@]}-1]}" = "deploy.sh: cannot read the configuration of function pixelforge-lambda: deploy it first (deploy.sh deploy)" ]
  run "$DEPLOY" resize 885
  [ "$status" -eq 1 ]
  [ "${lines[${#lines[@]}-1]}" = "deploy.sh: cannot read the configuration of function pixelforge-lambda: deploy it first (deploy.sh deploy)" ]
  # Refused before any call.
  ARTIFACT_BUCKET= run "$DEPLOY" deploy
  [ "$status" -eq 1 ]
  [[ "$output" == *"set ARTIFACT_BUCKET"* ]]
  JAR=$BATS_TEST_TMPDIR/missing.jar run "$DEPLOY" deploy
  [ "$status" -eq 1 ]
  [[ "$output" == *"build it with: mvn -B -pl aws-lambda -am package -DskipTests"* ]]
  COLD_START_TOKEN='1", "X": "2' run "$DEPLOY" force-cold
  [ "$status" -eq 1 ]
  [ "$output" = "deploy.sh: COLD_START_TOKEN must be letters, digits, '.', '_' or '-' (it goes into JSON): got '1\", \"X\": \"2'" ]
  run "$DEPLOY" resize 885.5
  [ "$status" -eq 1 ]
  [ "$output" = "deploy.sh: resize takes the memory in MB, a whole number from 128 to 10240 (Lambda's 1 MB steps)" ]
  [ ! -e "$PIXELFORGE_TARGETS" ]
}

@test "moto: deploy makes the function, its alias, the API, its stage and the log group the profile asks for, and records the URL" {
  run "$DEPLOY" deploy
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  # The function, as Lambda holds it, with its reserved concurrency.
  [ "$(q lambda get-function --function-name pixelforge-lambda --query '[Concurrency.ReservedConcurrentExecutions,
        Configuration.[Runtime, Handler, MemorySize, Timeout, Environment.Variables.PIXELFORGE_COLD_START_TOKEN]]')" \
    = "$(printf '5\njava25\tio.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction\t2048\t20\t0')" ]
  # The alias API Gateway invokes, on the version the stack published, of the same configuration.
  [ "$(q lambda get-function-configuration --function-name pixelforge-lambda --qualifier live --query '[Version, MemorySize]')" \
    = "$(printf '1\t2048')" ]
  # One API, named after the stack, every body binary; its Prod stage; "/{proxy+}" sent to the alias.
  local api
  api=$(api_id)
  [ "$(q apigateway get-rest-apis --query 'items[].[id, name, binaryMediaTypes[0]]')" = "$(printf '%s\tpixelforge-lambda\t*/*' "$api")" ]
  [ -n "$(q apigateway get-stage --rest-api-id "$api" --stage-name Prod --query deploymentId)" ]
  [[ "$(q apigateway get-resources --rest-api-id "$api" --embed methods \
          --query "items[?path=='/{proxy+}'].resourceMethods.ANY.methodIntegration.[type, uri]")" \
     == "AWS_PROXY"*"/functions/arn:aws:lambda:us-east-1:123456789012:function:pixelforge-lambda:live/invocations" ]]
  # The log group the function writes to (its REPORT lines among them), kept 7 days.
  [ "$(q logs describe-log-groups --log-group-name-prefix /aws/lambda/pixelforge-lambda --query 'logGroups[].[logGroupName, retentionInDays]')" \
    = "$(printf '/aws/lambda/pixelforge-lambda\t7')" ]
  # The jar, uploaded once under the stack's prefix.
  [ "$(q s3api list-objects-v2 --bucket pixelforge-artifacts --prefix pixelforge/pixelforge-lambda/ --query 'length(Contents || `[]`)')" = 1 ]
  # What moto keeps nowhere, in the plain CloudFormation the stack holds (no transform left).
  aws cloudformation get-template --stack-name pixelforge-lambda --query TemplateBody --output json > "$BATS_TEST_TMPDIR/held.json"
  run python3 - "$BATS_TEST_TMPDIR/held.json" <<'PY'
import json, sys
held = json.load(open(sys.argv[1]))
template = json.loads(held) if isinstance(held, str) else held
assert "Transform" not in template, template.get("Transform")
function = template["Resources"]["Function"]["Properties"]
assert function["LoggingConfig"] == {"LogGroup": {"Ref": "LogGroup"}}, function["LoggingConfig"]
assert function["SnapStart"]["ApplyOn"]["Fn::If"] == ["UseSnapStart", "PublishedVersions", "None"]
assert function["Architectures"] == ["x86_64"]
body = template["Resources"]["Api"]["Properties"]["Body"]
assert body["x-amazon-apigateway-binary-media-types"] == ["*/*"]
origin = body["x-amazon-apigateway-gateway-responses"]["DEFAULT_5XX"]["responseParameters"]
assert origin["gatewayresponse.header.Access-Control-Allow-Origin"] == "'*'", origin
assert "options" in body["paths"]["/{proxy+}"], "no CORS preflight"
PY
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  # The expanded template goes to CloudFormation inline: it must stay under TemplateBody's 51,200
  # bytes, or deploy would need --s3-bucket.
  [ "$(wc -c < "$TREE/aws-lambda/target/expanded.json")" -lt 51200 ]
  # SAM names the version it publishes after the code's S3 location alone: a deploy whose memory,
  # timeout or token differ (a changed profile) updates $LATEST but publishes no version, so the
  # alias API Gateway invokes keeps the old configuration. The same on AWS, whose transform is this
  # library (aws/serverless-application-model issue 1640).
  local expand=$TREE/aws-lambda/deploy/sam-expand.py packaged=$TREE/aws-lambda/target/packaged.yaml
  python3 "$expand" "$packaged" "$BATS_TEST_TMPDIR/a.json" MemorySize=2048 ColdStartToken=0
  python3 "$expand" "$packaged" "$BATS_TEST_TMPDIR/b.json" MemorySize=4096 ColdStartToken=1 Timeout=9
  local version
  version=$(grep -o '"FunctionVersion[0-9a-f]\{10\}"' "$BATS_TEST_TMPDIR/a.json" | sort -u)
  [ -n "$version" ]
  [ "$(grep -o '"FunctionVersion[0-9a-f]\{10\}"' "$BATS_TEST_TMPDIR/b.json" | sort -u)" = "$version" ]
  # The URL recorded is the API's, and it is private.
  [ "$(cat "$PIXELFORGE_TARGETS")" = "$(printf 'aws-lambda=https://%s.execute-api.us-east-1.amazonaws.com/Prod\naws-lambda.access=private' "$api")" ]
  assert_private "$api" "$output"
}

# assert_private API OUTPUT: API Gateway holds what a private deploy asks for (the profile's 7.5
# requests/s, burst 15, 1,234 a day), the key is in the secrets file alone, and OUTPUT (what the
# deploy printed) does not show it.
assert_private() {
  local api=$1 printed=$2 key_id plan
  # Every method needs the key but the CORS preflights, which a browser sends without one.
  [ "$(q apigateway get-resources --rest-api-id "$api" --embed methods \
        --query 'sort_by(items, &path)[].[path, resourceMethods.ANY.apiKeyRequired, resourceMethods.OPTIONS.apiKeyRequired]')" \
    = "$(printf '/\tTrue\tFalse\n/{proxy+}\tTrue\tFalse')" ]
  # One key, enabled, for the Prod stage: the one the stack made.
  key_id=$(q cloudformation list-stack-resources --stack-name pixelforge-lambda \
    --query "StackResourceSummaries[?LogicalResourceId=='ApiApiKey'].PhysicalResourceId")
  [ "$(q apigateway get-api-keys --query 'items[].[id, enabled, stageKeys[0]]')" = "$(printf '%s\tTrue\t%s/Prod' "$key_id" "$api")" ]
  # One usage plan, on the API's Prod stage, with the profile's throttle and daily quota; the key
  # is in it.
  [ "$(q apigateway get-usage-plans --query 'items[].[apiStages[0].apiId, apiStages[0].stage, throttle.rateLimit, throttle.burstLimit, quota.limit, quota.period]')" \
    = "$(printf '%s\tProd\t7.5\t15\t1234\tDAY' "$api")" ]
  plan=$(q apigateway get-usage-plans --query 'items[0].id')
  [ "$(q apigateway get-usage-plan-keys --usage-plan-id "$plan" --query 'items[].[id, type]')" = "$(printf '%s\tAPI_KEY' "$key_id")" ]
  # The stage's own throttle on every method.
  [ "$(q apigateway get-stage --rest-api-id "$api" --stage-name Prod --query 'methodSettings."*/*".[throttlingRateLimit, throttlingBurstLimit]')" \
    = "$(printf '7.5\t15')" ]
  # The key's value: in the secrets file, mode 0600, and nowhere else.
  [ "$(stat -c %a "$SECRETS")" = 600 ]
  [ "$(cat "$SECRETS")" = "aws-lambda.api-key=$(the_key)" ]
  no_key_anywhere "$printed"
}

@test "moto: deploy again changes nothing: an empty change set, one URL line" {
  run "$DEPLOY" deploy
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  # CloudFormation's own word (an empty change set); force-cold's test below then finds the stack
  # never updated and the alias's next version 2.
  [[ "$output" == *"No changes to deploy. Stack pixelforge-lambda is up to date"* ]]
  [ "$(grep -c '^aws-lambda=' "$PIXELFORGE_TARGETS")" -eq 1 ]
}

@test "moto: url prints the stack's URL and records it" {
  rm -f "$PIXELFORGE_TARGETS"
  run "$DEPLOY" url
  [ "$status" -eq 0 ]
  local url="https://$(api_id).execute-api.us-east-1.amazonaws.com/Prod"
  [ "${lines[0]}" = "aws-lambda=$url  (written to $PIXELFORGE_TARGETS)" ]
  [ "${lines[1]}" = "aws-lambda.access=private  (written to $PIXELFORGE_TARGETS)" ]
  [ "${lines[2]}" = "aws-lambda.api-key written to $SECRETS (mode 0600; or set it in the environment, see the deploy README)" ]
  [ "$(cat "$PIXELFORGE_TARGETS")" = "$(printf 'aws-lambda=%s\naws-lambda.access=private' "$url")" ]
  assert_private "$(api_id)" "$output"
  # Again, over a secrets file holding other lines and a stale key: one line each, the rest kept.
  printf 'gcp-function.id-token=kept\naws-lambda.api-key=stale00000000000000000\n' > "$SECRETS"
  run "$DEPLOY" url
  [ "$status" -eq 0 ]
  [ "$(cat "$SECRETS")" = "$(printf 'gcp-function.id-token=kept\naws-lambda.api-key=%s' "$(the_key)")" ]
  [ "$(stat -c %a "$SECRETS")" = 600 ]
  [ "$(grep -c '^aws-lambda' "$PIXELFORGE_TARGETS")" -eq 2 ]
}

@test "moto: force-cold publishes the same code with a new token, keeps the other variables, and moves the alias" {
  aws lambda update-function-configuration --function-name pixelforge-lambda \
    --environment '{"Variables": {"PIXELFORGE_COLD_START_TOKEN": "0", "OTHER": "kept"}}' > /dev/null
  # No jar needed: configuration only.
  JAR=$BATS_TEST_TMPDIR/missing.jar COLD_START_TOKEN=123 run "$DEPLOY" force-cold
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [ "${lines[${#lines[@]}-1]}" = "function pixelforge-lambda: PIXELFORGE_COLD_START_TOKEN=123, alias live on version 2: every environment starts cold" ]
  [ "$(q lambda get-function-configuration --function-name pixelforge-lambda --qualifier live \
        --query '[Version, Environment.Variables.OTHER, Environment.Variables.PIXELFORGE_COLD_START_TOKEN, MemorySize, CodeSha256]')" \
    = "$(printf '2\tkept\t123\t2048\t%s' "$(q lambda get-function-configuration --function-name pixelforge-lambda --qualifier 1 --query CodeSha256)")" ]
  # Configuration only: the stack was never updated (the second deploy changed nothing either).
  [ "$(q cloudformation describe-stacks --stack-name pixelforge-lambda --query 'Stacks[0].[StackStatus, LastUpdatedTime]')" \
    = "$(printf 'CREATE_COMPLETE\tNone')" ]
}

@test "moto: resize publishes the new memory with a new token and moves the alias; a deploy after it sets nothing back; a size Lambda refuses is refused first" {
  COLD_START_TOKEN=124 run "$DEPLOY" resize 885
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [ "${lines[${#lines[@]}-1]}" = "function pixelforge-lambda: PIXELFORGE_COLD_START_TOKEN=124 (--memory-size 885), alias live on version 3: every environment starts cold" ]
  [ "$(q lambda get-function-configuration --function-name pixelforge-lambda --qualifier live \
        --query '[Version, MemorySize, Environment.Variables.PIXELFORGE_COLD_START_TOKEN, Environment.Variables.OTHER]')" \
    = "$(printf '3\t885\t124\tkept')" ]
  # deploy after a resize: the stack's template and parameters are unchanged, so CloudFormation has
  # nothing to do (an empty change set) and the function stays at 885 MB, the alias on version 3
  # (listed below): the next deploy does not set the profile's size back.
  run "$DEPLOY" deploy
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [[ "$output" == *"No changes to deploy. Stack pixelforge-lambda is up to date"* ]]
  run "$DEPLOY" resize 10241
  [ "$status" -eq 1 ]
  [ "$output" = "deploy.sh: resize 10241: Lambda takes 128 to 10240 MB" ]
  # Every version keeps its size; the refused one made none.
  [ "$(q lambda list-versions-by-function --function-name pixelforge-lambda --query 'Versions[].[Version, MemorySize]')" \
    = "$(printf '$LATEST\t885\n1\t2048\n2\t2048\n3\t885')" ]
}

@test "moto: metrics fetches the window's CloudWatch figures and REPORT lines, and the report reads them as seeded" {
  local fn='[{"Name":"FunctionName","Value":"pixelforge-lambda"}]' other='[{"Name":"FunctionName","Value":"another"}]'
  # In the window 19:00 to 19:15: two minutes of this function's figures; another function's, and
  # this function's outside the window, must not count.
  aws cloudwatch put-metric-data --namespace AWS/Lambda --metric-data "[
    {\"MetricName\":\"Duration\",\"Dimensions\":$fn,\"Timestamp\":\"2026-11-23T19:01:10Z\",\"Value\":10,\"Unit\":\"Milliseconds\"},
    {\"MetricName\":\"Duration\",\"Dimensions\":$fn,\"Timestamp\":\"2026-11-23T19:01:40Z\",\"Value\":20,\"Unit\":\"Milliseconds\"},
    {\"MetricName\":\"Duration\",\"Dimensions\":$fn,\"Timestamp\":\"2026-11-23T19:02:10Z\",\"Value\":25,\"Unit\":\"Milliseconds\"},
    {\"MetricName\":\"Duration\",\"Dimensions\":$other,\"Timestamp\":\"2026-11-23T19:02:10Z\",\"Value\":9000,\"Unit\":\"Milliseconds\"},
    {\"MetricName\":\"Duration\",\"Dimensions\":$fn,\"Timestamp\":\"2026-11-23T19:20:00Z\",\"Value\":7000,\"Unit\":\"Milliseconds\"},
    {\"MetricName\":\"Invocations\",\"Dimensions\":$fn,\"Timestamp\":\"2026-11-23T19:01:10Z\",\"Value\":3,\"Unit\":\"Count\"},
    {\"MetricName\":\"Invocations\",\"Dimensions\":$fn,\"Timestamp\":\"2026-11-23T19:02:10Z\",\"Value\":5,\"Unit\":\"Count\"},
    {\"MetricName\":\"Throttles\",\"Dimensions\":$fn,\"Timestamp\":\"2026-11-23T19:02:10Z\",\"Value\":1,\"Unit\":\"Count\"},
    {\"MetricName\":\"ConcurrentExecutions\",\"Dimensions\":$fn,\"Timestamp\":\"2026-11-23T19:01:10Z\",\"Value\":2,\"Unit\":\"Count\"},
    {\"MetricName\":\"ConcurrentExecutions\",\"Dimensions\":$fn,\"Timestamp\":\"2026-11-23T19:01:40Z\",\"Value\":4,\"Unit\":\"Count\"},
    {\"MetricName\":\"ConcurrentExecutions\",\"Dimensions\":$fn,\"Timestamp\":\"2026-11-23T19:02:10Z\",\"Value\":3,\"Unit\":\"Count\"},
    {\"MetricName\":\"Errors\",\"Dimensions\":$fn,\"Timestamp\":\"2026-11-23T19:02:10Z\",\"Value\":0,\"Unit\":\"Count\"}]"
  # The log lines Lambda writes per invocation (START, the function's own, END, REPORT), in its
  # exact shape: tab-separated fields, Init Duration on a cold start only. One REPORT line is after
  # the window. Window: 1795460400000 to 1795461300000 ms.
  local stream='2026/11/23/[3]0123456789abcdef0123456789abcdef'
  aws logs create-log-stream --log-group-name /aws/lambda/pixelforge-lambda --log-stream-name "$stream"
  python3 - > "$BATS_TEST_TMPDIR/events.json" <<'PY'
import json
t = 1795460400000
lines = []
def invocation(at, rid, duration, billed, used, init=None):
    lines.append((at, f"START RequestId: {rid} Version: 3\n"))
    lines.append((at + 1, f"{rid}\tINFO\tsepia 1920x1080 in 9 ms\n"))
    lines.append((at + 2, f"END RequestId: {rid}\n"))
    report = (f"REPORT RequestId: {rid}\tDuration: {duration} ms\tBilled Duration: {billed} ms\t"
              f"Memory Size: 885 MB\tMax Memory Used: {used} MB\t")
    if init is not None:
        report += f"Init Duration: {init} ms\t"
    lines.append((at + 3, report + "\n"))
invocation(t + 60000, "6f1c0f0e-0000-4000-8000-000000000001", "12.34", 13, 100, "456.78")
invocation(t + 61000, "6f1c0f0e-0000-4000-8000-000000000002", "27.66", 28, 120)
invocation(t + 62000, "6f1c0f0e-0000-4000-8000-000000000003", "19.50", 20, 110, "543.22")
invocation(t + 63000, "6f1c0f0e-0000-4000-8000-000000000004", "20.50", 21, 115)
invocation(t + 1200000, "6f1c0f0e-0000-4000-8000-000000000005", "999.00", 999, 800, "999.00")
print(json.dumps([{"timestamp": at, "message": m} for at, m in lines]))
PY
  aws logs put-log-events --log-group-name /aws/lambda/pixelforge-lambda --log-stream-name "$stream" \
    --log-events "file://$BATS_TEST_TMPDIR/events.json" > /dev/null

  local cloud=$BATS_TEST_TMPDIR/run/cloud
  run "$DEPLOY" metrics 2026-11-23T19:00:00Z 2026-11-23T19:15:00Z "$cloud"
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [ "$output" = "wrote $cloud/aws-cloudwatch.json and $cloud/aws-lambda-logs.json" ]
  # What was fetched: the four REPORT lines of the window, no START, END or function line.
  [ "$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["events"]))' "$cloud/aws-lambda-logs.json")" = 4 ]
  # What the report's Cloud metrics section reads of it (CloudMetricsReader), against the seeds by
  # hand: Duration per-minute averages 15 and 25, mean 20; Invocations 3 + 5; ConcurrentExecutions
  # per-minute maxima 4 and 3, max 4; REPORT Duration (12.34 + 27.66 + 19.5 + 20.5) / 4 = 20, Billed
  # (13 + 28 + 20 + 21) / 4 = 20.5, two cold starts, (456.78 + 543.22) / 2 = 500.
  # shellcheck source=../../../../shell/lib.sh
  source "$ROOT/results/shell/lib.sh"
  local tests=$ROOT/results/cli/target/test-classes
  [ -f "$tests/dev/pixelforge/cli/deploy/ReadCloudMetrics.class" ] || { echo "$tests has no ReadCloudMetrics: build with mvn -B -pl results/cli -am package -DskipTests"; false; }
  run java -cp "$tests:$(cli_classpath)" dev.pixelforge.cli.deploy.ReadCloudMetrics "$cloud"
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [ "$(sort <<< "$output")" = "$(sort <<'READ'
aws-lambda|CloudWatch|Duration|mean of per-minute averages|20.0|ms
aws-lambda|CloudWatch|Invocations|sum|8.0|invocations
aws-lambda|CloudWatch|Throttles|sum|1.0|count
aws-lambda|CloudWatch|ConcurrentExecutions|max|4.0|executions
aws-lambda|CloudWatch|Errors|sum|0.0|count
aws-lambda|REPORT lines|invocations|count|4.0|invocations
aws-lambda|REPORT lines|Duration|mean|20.0|ms
aws-lambda|REPORT lines|Billed Duration|mean|20.5|ms
aws-lambda|REPORT lines|Max Memory Used|max|120.0|MB
aws-lambda|REPORT lines|Init Duration|count|2.0|cold starts
aws-lambda|REPORT lines|Init Duration|mean|500.0|ms
aws-lambda|REPORT lines|Init Duration|max|543.22|ms
READ
)" ] || { echo "$output"; false; }
}

@test "moto: destroy leaves nothing billable: no stack, function, API, key, usage plan, log group or uploaded jar, and forgets the URL and the key" {
  echo "container=https://keep" >> "$PIXELFORGE_TARGETS"
  run "$DEPLOY" destroy
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  run aws cloudformation describe-stacks --stack-name pixelforge-lambda
  [ "$status" -ne 0 ]
  [[ "$output" == *"does not exist"* ]]
  [ "$(q lambda list-functions --query 'length(Functions)')" = 0 ]
  [ "$(q apigateway get-rest-apis --query 'length(items)')" = 0 ]
  [ "$(q apigateway get-api-keys --query 'length(items)')" = 0 ]
  [ "$(q apigateway get-usage-plans --query 'length(items)')" = 0 ]
  [ "$(q logs describe-log-groups --query 'length(logGroups)')" = 0 ]
  [ "$(q s3api list-objects-v2 --bucket pixelforge-artifacts --query 'length(Contents || `[]`)')" = 0 ]
  [ "$(cat "$PIXELFORGE_TARGETS")" = "container=https://keep" ]
  [ "$(cat "$SECRETS")" = "gcp-function.id-token=kept" ]
  # Again: nothing to delete, and no error.
  run "$DEPLOY" destroy
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "stack pixelforge-lambda is already gone" ]
}

@test "moto: deploy --public makes the studies' API: no key on any method, no key, no usage plan, no stage throttle; destroy leaves nothing" {
  run "$DEPLOY" deploy --public
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  local api
  api=$(api_id)
  [ "$(q apigateway get-resources --rest-api-id "$api" --embed methods \
        --query 'sort_by(items, &path)[].[path, resourceMethods.ANY.apiKeyRequired, resourceMethods.OPTIONS.apiKeyRequired]')" \
    = "$(printf '/\tFalse\tFalse\n/{proxy+}\tFalse\tFalse')" ]
  [ "$(q apigateway get-api-keys --query 'length(items)')" = 0 ]
  [ "$(q apigateway get-usage-plans --query 'length(items)')" = 0 ]
  [ "$(q apigateway get-stage --rest-api-id "$api" --stage-name Prod --query 'length(keys(methodSettings))')" = 0 ]
  # The stack says which mode it was deployed in; url reads the mode from it, and no key.
  [ "$(q cloudformation describe-stacks --stack-name pixelforge-lambda --query "Stacks[0].Parameters[?ParameterKey=='ApiAccess'].ParameterValue")" = public ]
  [ "$(grep '^aws-lambda' "$PIXELFORGE_TARGETS")" = "$(printf 'aws-lambda=https://%s.execute-api.us-east-1.amazonaws.com/Prod\naws-lambda.access=public' "$api")" ]
  [ "$(cat "$SECRETS")" = "gcp-function.id-token=kept" ]
  # The same template otherwise: CORS preflights, binary media types, the function behind it.
  [ "$(q apigateway get-rest-apis --query 'items[].binaryMediaTypes[0]')" = "*/*" ]
  run "$DEPLOY" destroy
  [ "$status" -eq 0 ]
  [ "$(q apigateway get-rest-apis --query 'length(items)')" = 0 ]
  [ "$(q lambda list-functions --query 'length(Functions)')" = 0 ]
  [ "$(grep -c '^aws-lambda' "$PIXELFORGE_TARGETS")" -eq 0 ]
}
