#!/usr/bin/env bash
# PixelForge on AWS Lambda + API Gateway, with the AWS CLI alone (no SAM CLI).
#
#   aws-lambda/deploy/deploy.sh [--dry-run] [--public] deploy   package the jar, expand the SAM template, deploy the stack, record the URL
#   aws-lambda/deploy/deploy.sh [--dry-run] force-cold   change one variable of the function (not its code): every environment starts cold
#   aws-lambda/deploy/deploy.sh [--dry-run] resize MB    set the memory (128 to 10240, CPU follows it), start every environment cold, wait until it serves
#   aws-lambda/deploy/deploy.sh [--dry-run] url          print the deployed URL and record it, with its access mode (and key)
#   aws-lambda/deploy/deploy.sh [--dry-run] metrics FROM TO DIR   CloudWatch metrics and REPORT lines of a run window
#   aws-lambda/deploy/deploy.sh [--dry-run] destroy      delete the stack, its logs and the uploaded jar
#
# Settings: ARTIFACT_BUCKET (an S3 bucket you own, for the jar), STACK (default pixelforge-lambda),
# AWS_REGION / AWS_PROFILE as the AWS CLI reads them, SNAPSTART=true to restore from snapshots.
# Memory, timeout, reserved concurrency and the API's throttle and daily quota come from
# results/platform.properties.
# Private by default: API Gateway wants an API key (x-api-key) on every method but the CORS
# preflight, tied to a usage plan with the profile's throttle and quota, and the stage throttles
# every method. --public (or PUBLIC=1) deploys as the studies did: none of the three. `url` writes
# aws-lambda.access=private|public beside the URL, and the key's value (never on a command line,
# in a log or in the targets file) to the targets file's companion, <targets file>.secrets, mode 0600.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../../results/deploy/common.sh
source "$(dirname "$0")/../../results/deploy/common.sh"

MODULE=$PIXELFORGE_ROOT/aws-lambda
STACK=${STACK:-pixelforge-lambda}
JAR=${JAR:-$MODULE/target/pixelforge-aws-lambda-all.jar}
PREFIX=pixelforge/$STACK

parameters() {
  load_deploy_settings
  echo "MemorySize=$(profile aws-lambda.memory-mb)" \
       "Timeout=$(profile aws-lambda.timeout-s)" \
       "ReservedConcurrency=$(profile aws-lambda.reserved-concurrency)" \
       "SnapStart=${SNAPSTART:-false}" \
       "ApiAccess=$( [[ ${PUBLIC:-0} == 1 ]] && echo public || echo private )" \
       "ApiRateLimit=$(profile aws-lambda.api-rate-limit)" \
       "ApiBurstLimit=$(profile aws-lambda.api-burst-limit)" \
       "ApiQuotaPerDay=$(profile aws-lambda.api-quota-per-day)"
}


stack_exists() {
  [[ $DRY_RUN == 1 ]] && return 0
  aws cloudformation describe-stacks --stack-name "$STACK" >/dev/null 2>&1
}

deploy() {
  need aws "install the AWS CLI (https://aws.amazon.com/cli/) and run aws configure"
  [[ -n ${ARTIFACT_BUCKET:-} ]] || die "set ARTIFACT_BUCKET to an S3 bucket you own: the jar is uploaded there"
  need_file "$JAR" "build it with: mvn -B -pl aws-lambda -am package -DskipTests"
  need_sam_translator
  load_deploy_settings
  mkdir -p "$MODULE/target"
  run aws cloudformation package --template-file "$MODULE/template.yaml" --s3-bucket "$ARTIFACT_BUCKET" \
    --s3-prefix "$PREFIX" --output-template-file "$MODULE/target/packaged.yaml"
  # The SAM template expanded here into plain CloudFormation, by the library CloudFormation's
  # AWS::Serverless-2016-10-31 transform runs, given the same parameters: the stack holds the
  # expanded template, so any CloudFormation engine deploys it (README: what changes on AWS).
  # shellcheck disable=SC2046  # one word per parameter, on purpose
  run python3 "$MODULE/deploy/sam-expand.py" "$MODULE/target/packaged.yaml" "$MODULE/target/expanded.json" \
    $(parameters)
  # shellcheck disable=SC2046  # one word per parameter, on purpose
  run aws cloudformation deploy --template-file "$MODULE/target/expanded.json" --stack-name "$STACK" \
    --capabilities CAPABILITY_IAM --no-fail-on-empty-changeset \
    --parameter-overrides $(parameters) "$@"
  record_url
}

# need_sam_translator: deploy expands the SAM template with aws-sam-translator, a Python library.
need_sam_translator() {
  [[ $DRY_RUN == 1 ]] && return 0
  need python3 "install Python 3 and then: pip install aws-sam-translator"
  python3 -c 'import samtranslator' 2>/dev/null \
    || die "python3 cannot import samtranslator: pip install aws-sam-translator (deploy expands the SAM template with it)"
}

# record_url: the URL, and how it is reached. The mode is the stack's, not this command line's: a
# stack with SAM's API key (logical id ApiApiKey, SAM's <api>ApiKey) is private, and its key's
# value goes from the CLI's output straight into the secrets file.
record_url() {
  record_url_of aws-lambda "https://<api-id>.execute-api.<region>.amazonaws.com/Prod" \
    aws cloudformation describe-stacks --stack-name "$STACK" \
    --query "Stacks[0].Outputs[?OutputKey=='Url'].OutputValue" --output text
  local key_id
  output_of key_id "<api-key-id>" aws cloudformation list-stack-resources --stack-name "$STACK" \
    --query "StackResourceSummaries[?LogicalResourceId=='ApiApiKey'].PhysicalResourceId" --output text \
    || die "cannot list the resources of stack $STACK"
  if [[ -z $key_id || $key_id == None ]]; then
    record_access aws-lambda public
    forget_secret aws-lambda.api-key
    return 0
  fi
  record_access aws-lambda private
  store_secret aws-lambda.api-key aws apigateway get-api-key --api-key "$key_id" --include-value \
    --query value --output text
}

# A changed environment variable gives the function new execution environments, as SeBS and
# lambda-perf force cold starts: only the function's configuration changes, never its code, so no
# local build or packaged template is needed (a redeploy would push whatever jar is in target/).
# API Gateway invokes the alias "live" (AutoPublishAlias), so the changed configuration is published
# as a version and the alias moved to it.
force_cold() {
  new_configuration
}

# resize MB: `./pixelforge sweep`'s step between sizes, a configuration update (not a redeploy): the
# memory and the token change together, so every environment of the new version starts cold at the
# new size. The stack still says the profile's MemorySize: the next deploy sets it back.
resize() {
  [[ $# -eq 1 && $1 =~ ^[0-9]+$ ]] || die "resize takes the memory in MB, a whole number from 128 to 10240 (Lambda's 1 MB steps)"
  (( $1 >= 128 && $1 <= 10240 )) || die "resize $1: Lambda takes 128 to 10240 MB"
  new_configuration --memory-size "$1"
}

# new_configuration [ARGS...]: publishes the function's configuration with a new cold-start token
# (and ARGS, e.g. --memory-size) as a version, and moves the alias "live" that API Gateway invokes to
# it, once it is active: the next request is served by the new configuration, from a cold environment.
new_configuration() {
  need aws "install the AWS CLI"
  local token=${COLD_START_TOKEN:-$(date +%s)} environment version
  [[ $token =~ ^[A-Za-z0-9._-]+$ ]] || die "COLD_START_TOKEN must be letters, digits, '.', '_' or '-' (it goes into JSON): got '$token'"
  # The function's variables with the token set: JMESPath's merge keeps every other variable as it is.
  output_of environment "<the function's variables, PIXELFORGE_COLD_START_TOKEN=$token>" \
    aws lambda get-function-configuration --function-name "$STACK" --output json \
    --query "{Variables: merge(Environment.Variables || \`{}\`, \`{\"PIXELFORGE_COLD_START_TOKEN\": \"$token\"}\`)}" \
    || die "cannot read the configuration of function $STACK: deploy it first (deploy.sh deploy)"
  run aws lambda update-function-configuration --function-name "$STACK" "$@" --environment "$environment" \
    --query LastUpdateStatus --output text
  run aws lambda wait function-updated --function-name "$STACK"
  output_of version "<version>" aws lambda publish-version --function-name "$STACK" --query Version --output text
  # With SnapStart a new version is usable once its snapshot is made.
  run aws lambda wait published-version-active --function-name "$STACK" --qualifier "$version"
  run aws lambda update-alias --function-name "$STACK" --name live --function-version "$version" \
    --query FunctionVersion --output text
  echo "function $STACK: PIXELFORGE_COLD_START_TOKEN=$token${*:+ ($*)}, alias live on version $version: every environment starts cold"
}

metrics() {
  [[ $# -eq 3 ]] || die "metrics takes FROM TO DIR, e.g. 2026-11-23T19:00:00Z 2026-11-23T19:15:00Z results/runs/<run>/cloud"
  local from=$1 to=$2 dir=$3 queries=()
  need aws "install the AWS CLI"
  for m in Duration:Average Invocations:Sum Throttles:Sum ConcurrentExecutions:Maximum Errors:Sum; do
    local name=${m%%:*} stat=${m##*:}
    queries+=("{\"Id\":\"$(echo "$name" | tr '[:upper:]' '[:lower:]')\",\"Label\":\"$name\",\"MetricStat\":{\"Metric\":{\"Namespace\":\"AWS/Lambda\",\"MetricName\":\"$name\",\"Dimensions\":[{\"Name\":\"FunctionName\",\"Value\":\"$STACK\"}]},\"Period\":60,\"Stat\":\"$stat\"}}")
  done
  local joined
  joined=$(IFS=,; echo "[${queries[*]}]")
  run mkdir -p "$dir"
  if [[ $DRY_RUN == 1 ]]; then
    run aws cloudwatch get-metric-data --start-time "$from" --end-time "$to" --metric-data-queries "$joined" --output json
    run aws logs filter-log-events --log-group-name "/aws/lambda/$STACK" --filter-pattern '"REPORT RequestId"' \
      --start-time "$(epoch_ms "$from")" --end-time "$(epoch_ms "$to")" --output json
    return 0
  fi
  aws cloudwatch get-metric-data --start-time "$from" --end-time "$to" --metric-data-queries "$joined" --output json \
    > "$dir/aws-cloudwatch.json"
  aws logs filter-log-events --log-group-name "/aws/lambda/$STACK" --filter-pattern '"REPORT RequestId"' \
    --start-time "$(epoch_ms "$from")" --end-time "$(epoch_ms "$to")" --output json > "$dir/aws-lambda-logs.json"
  echo "wrote $dir/aws-cloudwatch.json and $dir/aws-lambda-logs.json"
}

epoch_ms() {
  echo $(( $(date -d "$1" +%s) * 1000 ))
}

destroy() {
  need aws "install the AWS CLI"
  if stack_exists; then
    run aws cloudformation delete-stack --stack-name "$STACK"
    run aws cloudformation wait stack-delete-complete --stack-name "$STACK"
  else
    echo "stack $STACK is already gone"
  fi
  if [[ -n ${ARTIFACT_BUCKET:-} ]]; then
    run aws s3 rm "s3://$ARTIFACT_BUCKET/$PREFIX" --recursive
  else
    echo "ARTIFACT_BUCKET is not set: delete s3://<bucket>/$PREFIX yourself if deploy uploaded a jar there" >&2
  fi
  forget_target aws-lambda
  forget_secret aws-lambda.api-key
}

parse_common "$@"
[[ ${PUBLIC:-0} == 0 || ${PUBLIC:-0} == 1 ]] || die "PUBLIC takes 1 (no API key, usage plan or stage throttle) or 0: got '$PUBLIC'"
[[ ${PUBLIC:-0} == 0 || $ACTION == deploy || $ACTION == help ]] || die "--public is for deploy: url reads the mode from the stack"
case $ACTION in
  deploy) deploy "${ARGS[@]+"${ARGS[@]}"}" ;;
  force-cold) force_cold ;;
  resize) resize "${ARGS[@]+"${ARGS[@]}"}" ;;
  url) need aws "install the AWS CLI"; record_url ;;
  metrics) metrics "${ARGS[@]+"${ARGS[@]}"}" ;;
  destroy) destroy ;;
  help) usage ;;
  *) usage >&2; die "say what to do: deploy, force-cold, resize, url, metrics or destroy" ;;
esac
