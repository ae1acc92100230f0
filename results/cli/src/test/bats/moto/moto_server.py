#!/usr/bin/env python3
"""moto's server (moto.server.main, what `moto_server` runs), with the CloudFormation pieces moto 5.2
lacks for the stack aws-lambda/deploy/deploy.sh deploys. Each calls moto's own implementation of the
service's API, as CloudFormation calls the service's API on AWS; nothing else of moto is changed.

    moto_server.py -H 127.0.0.1 -p PORT

The gaps (moto 5.2.1: moto/apigateway, moto/awslambda and moto/cloudformation's models.py):
- AWS::ApiGateway::RestApi: moto reads Name, Description and EndpointConfiguration only. The Body
  (the OpenAPI document SAM writes) is ignored, so the API has no methods and the Deployment is
  refused ("The REST API doesn't contain any methods"); BinaryMediaTypes is ignored; deleting the
  stack leaves the API. Here: each path and method of the Body becomes a resource and a method
  (put_method, and the Lambda proxy integration's URI), BinaryMediaTypes is applied as CloudFormation
  applies it (update-rest-api patch operations "add /binaryMediaTypes/<type>", "/" written "~1"),
  and the API is deleted with the stack.
- AWS::Lambda::Version: no Fn::GetAtt Version (the alias reads it). Here: the version number.
- AWS::Lambda::Alias: not a CloudFormation resource at all in moto. Here: create_alias, and its
  ARN as Ref (what AWS returns).
- AWS::ApiGateway::Stage: not a CloudFormation resource in moto either (only the Deployment's own
  StageName makes a stage). Here: create_stage on the Deployment the stage names, then its
  MethodSettings (the stage's throttle) as CloudFormation applies them, through update_stage's
  patch operations ("replace /*/*/throttling/rateLimit").
- A method's API key requirement: the Body's "security: [{api_key: []}]" (SAM's ApiKeyRequired) is
  put_method's apiKeyRequired here, as API Gateway's OpenAPI import sets it.
- AWS::ApiGateway::ApiKey, AWS::ApiGateway::UsagePlan, AWS::ApiGateway::UsagePlanKey: moto 5.2.1
  implements the API (create_api_key, create_usage_plan, create_usage_plan_key and their deletes,
  get-api-key --include-value, get-usage-plans, get-usage-plan-keys) but has no CloudFormation
  resource for any of them. Here: each through that API, deleted with the stack. Not enforced: moto
  serves no request through the API, so neither the key nor the throttle nor the quota is applied.
- ExecuteChangeSet (what `aws cloudformation deploy` runs): moto creates the resources but keeps
  the stack's Outputs (and Parameters) of before, none for a new stack. Here: both are those of
  the change set, as describe-stacks shows them on AWS. And moto finds a change set that changes
  nothing (AWS refuses it: "The submitted information didn't contain changes") only when the
  parameters compare equal, which a Number it resolved to an int never does against the string
  sent: compared as strings here. Without it, moto re-applies the whole template on every deploy
  and loses track of the log group, which delete-stack then leaves behind.
"""
import sys

from moto.apigateway import models as apigateway
from moto.awslambda import models as awslambda
from moto.cloudformation import models as cloudformation
from moto.core.common_models import CloudFormationModel
from moto.server import main


def _create_rest_api(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    properties = cloudformation_json["Properties"]
    body = properties.get("Body") or {}
    name = properties.get("Name") or body.get("info", {}).get("title")
    backend = apigateway.apigateway_backends[account_id][region_name]
    api = backend.create_rest_api(
        name=name,
        description=properties.get("Description", ""),
        endpoint_configuration=properties.get("EndpointConfiguration"),
    )
    for path, methods in sorted(body.get("paths", {}).items()):
        resource = _resource_for_path(backend, api, path)
        for method, doc in methods.items():
            http_method = "ANY" if method == "x-amazon-apigateway-any-method" else method.upper()
            key_required = any("api_key" in s for s in doc.get("security", []))
            backend.put_method(api.id, resource.id, http_method, "NONE",
                               api_key_required=key_required)
            integration = doc.get("x-amazon-apigateway-integration")
            if integration:
                backend.put_integration(
                    function_id=api.id,
                    resource_id=resource.id,
                    method_type=http_method,
                    integration_type=integration["type"].upper(),
                    uri=integration.get("uri"),
                    integration_method=integration.get("httpMethod"),
                )
    # CloudFormation escapes "/" in each type as "~1" (a JSON Pointer in a patch path); API
    # Gateway stores the type itself.
    types = properties.get("BinaryMediaTypes") or []
    backend.update_rest_api(
        api.id,
        [{"op": "add", "path": "/binaryMediaTypes/" + t, "value": t.replace("~1", "/")}
         for t in types],
    )
    return api


def _resource_for_path(backend, api, path):
    parent = api.get_resource_for_path("/")
    walked = ""
    for part in [p for p in path.split("/") if p]:
        walked += "/" + part
        found = api.get_resource_for_path(walked)
        parent = found or backend.create_resource(
            function_id=api.id, parent_resource_id=parent.id, path_part=part)
    return parent


def _delete_rest_api(self, account_id, region_name):
    apigateway.apigateway_backends[account_id][region_name].delete_rest_api(self.id)


def _version_attribute(self, attribute_name):
    if attribute_name == "Version":
        return self.version
    from moto.cloudformation.exceptions import UnformattedGetAttTemplateException

    raise UnformattedGetAttTemplateException()


class AliasResource(CloudFormationModel):
    """AWS::Lambda::Alias through moto's create_alias."""

    # moto files every model under the service its module names (moto.<service>....).
    __module__ = "moto.awslambda.cloudformation_alias"

    def __init__(self, alias):
        self.alias = alias

    @staticmethod
    def cloudformation_type():
        return "AWS::Lambda::Alias"

    @staticmethod
    def cloudformation_name_type():
        return "Name"

    @property
    def physical_resource_id(self):
        return self.alias.arn

    @classmethod
    def create_from_cloudformation_json(
        cls, resource_name, cloudformation_json, account_id, region_name, **kwargs
    ):
        properties = cloudformation_json["Properties"]
        backend = awslambda.lambda_backends[account_id][region_name]
        function = backend.get_function(properties["FunctionName"])
        alias = backend.create_alias(
            name=properties["Name"],
            function_name=function.function_name,
            function_version=str(properties["FunctionVersion"]),
            description=properties.get("Description", ""),
            routing_config=properties.get("RoutingConfig"),
        )
        return cls(alias)


class StageResource(CloudFormationModel):
    """AWS::ApiGateway::Stage through moto's create_stage."""

    __module__ = "moto.apigateway.cloudformation_stage"

    def __init__(self, stage_name):
        self.stage_name = stage_name

    @staticmethod
    def cloudformation_type():
        return "AWS::ApiGateway::Stage"

    @staticmethod
    def cloudformation_name_type():
        return "StageName"

    @property
    def physical_resource_id(self):
        return self.stage_name

    @classmethod
    def create_from_cloudformation_json(
        cls, resource_name, cloudformation_json, account_id, region_name, **kwargs
    ):
        properties = cloudformation_json["Properties"]
        deployment = properties["DeploymentId"]
        # moto's Deployment has no physical id: a Ref to it is the Deployment itself.
        deployment_id = getattr(deployment, "id", deployment)
        backend = apigateway.apigateway_backends[account_id][region_name]
        backend.create_stage(properties["RestApiId"], properties["StageName"], deployment_id)
        operations = []
        for setting in properties.get("MethodSettings") or []:
            # "/" in a resource path is "~1" in a patch path; "/*" is every resource.
            path = setting.get("ResourcePath", "/*")
            path = "*" if path == "/*" else path.replace("/", "~1")
            prefix = f"/{path}/{setting.get('HttpMethod', '*')}/throttling/"
            for key, name in (("ThrottlingRateLimit", "rateLimit"),
                              ("ThrottlingBurstLimit", "burstLimit")):
                if key in setting:
                    operations.append({"op": "replace", "path": prefix + name,
                                       "value": str(setting[key])})
        if operations:
            backend.update_stage(properties["RestApiId"], properties["StageName"], operations)
        return cls(properties["StageName"])


class ApiKeyResource(CloudFormationModel):
    """AWS::ApiGateway::ApiKey through moto's create_api_key; Ref is the key's id."""

    __module__ = "moto.apigateway.cloudformation_api_key"

    def __init__(self, key_id):
        self.key_id = key_id

    @staticmethod
    def cloudformation_type():
        return "AWS::ApiGateway::ApiKey"

    @staticmethod
    def cloudformation_name_type():
        return "Name"

    @property
    def physical_resource_id(self):
        return self.key_id

    @classmethod
    def create_from_cloudformation_json(
        cls, resource_name, cloudformation_json, account_id, region_name, **kwargs
    ):
        properties = cloudformation_json["Properties"]
        payload = {
            "name": properties.get("Name"),
            "description": properties.get("Description"),
            "enabled": str(properties.get("Enabled", False)).lower() == "true",
            "stageKeys": [{"restApiId": k["RestApiId"], "stageName": k["StageName"]}
                          for k in properties.get("StageKeys") or []],
        }
        if properties.get("Value"):
            payload["value"] = properties["Value"]
        key = apigateway.apigateway_backends[account_id][region_name].create_api_key(payload)
        # API Gateway answers each stage key as "restApiId/stageName" (ApiKey.stageKeys is a list
        # of strings); moto echoes the request's objects, which the CLI cannot print.
        key.stage_keys = [f"{k['restApiId']}/{k['stageName']}" for k in payload["stageKeys"]]
        return cls(key.id)

    def delete(self, account_id, region_name):
        apigateway.apigateway_backends[account_id][region_name].delete_api_key(self.key_id)


class UsagePlanResource(CloudFormationModel):
    """AWS::ApiGateway::UsagePlan through moto's create_usage_plan; Ref is the plan's id."""

    __module__ = "moto.apigateway.cloudformation_usage_plan"

    def __init__(self, plan_id):
        self.plan_id = plan_id

    @staticmethod
    def cloudformation_type():
        return "AWS::ApiGateway::UsagePlan"

    @staticmethod
    def cloudformation_name_type():
        return "UsagePlanName"

    @property
    def physical_resource_id(self):
        return self.plan_id

    @classmethod
    def create_from_cloudformation_json(
        cls, resource_name, cloudformation_json, account_id, region_name, **kwargs
    ):
        properties = cloudformation_json["Properties"]
        payload = {
            "name": properties.get("UsagePlanName"),
            "description": properties.get("Description"),
            "apiStages": [{"apiId": s["ApiId"], "stage": s["Stage"]}
                          for s in properties.get("ApiStages") or []],
        }
        # As API Gateway stores them: the rate a double, the burst and the quota whole numbers.
        throttle = properties.get("Throttle")
        if throttle:
            payload["throttle"] = {"rateLimit": float(throttle["RateLimit"]),
                                   "burstLimit": int(throttle["BurstLimit"])}
        quota = properties.get("Quota")
        if quota:
            payload["quota"] = {"limit": int(quota["Limit"]), "period": quota["Period"],
                                "offset": int(quota.get("Offset", 0))}
        plan = apigateway.apigateway_backends[account_id][region_name].create_usage_plan(payload)
        return cls(plan.id)

    def delete(self, account_id, region_name):
        backend = apigateway.apigateway_backends[account_id][region_name]
        backend.delete_usage_plan(self.plan_id)
        backend.usage_plan_keys.pop(self.plan_id, None)


class UsagePlanKeyResource(CloudFormationModel):
    """AWS::ApiGateway::UsagePlanKey through moto's create_usage_plan_key."""

    __module__ = "moto.apigateway.cloudformation_usage_plan_key"

    def __init__(self, plan_id, key_id):
        self.plan_id = plan_id
        self.key_id = key_id

    @staticmethod
    def cloudformation_type():
        return "AWS::ApiGateway::UsagePlanKey"

    @staticmethod
    def cloudformation_name_type():
        return "UsagePlanKeyName"

    @property
    def physical_resource_id(self):
        return f"{self.key_id}:{self.plan_id}"

    @classmethod
    def create_from_cloudformation_json(
        cls, resource_name, cloudformation_json, account_id, region_name, **kwargs
    ):
        properties = cloudformation_json["Properties"]
        apigateway.apigateway_backends[account_id][region_name].create_usage_plan_key(
            properties["UsagePlanId"],
            {"keyId": properties["KeyId"], "keyType": properties["KeyType"]})
        return cls(properties["UsagePlanId"], properties["KeyId"])

    def delete(self, account_id, region_name):
        keys = apigateway.apigateway_backends[account_id][region_name].usage_plan_keys
        keys.get(self.plan_id, {}).pop(self.key_id, None)


_execute_change_set = cloudformation.CloudFormationBackend.execute_change_set


def _execute_change_set_with_outputs(self, change_set_name, stack_name=None):
    change_set = self.change_sets.get(change_set_name) or next(
        c for c in self.change_sets.values() if c.change_set_name == change_set_name)
    _execute_change_set(self, change_set_name, stack_name)
    stack = self.stacks[change_set.stack_id]
    stack._parse_template()
    # Every parameter of the template, defaults included, as an update's change set names them
    # (the CLI sends UsePreviousValue for those not given): moto compares the two to find an
    # update that changes nothing, which AWS refuses as an empty change set.
    declared = stack.template_dict.get("Parameters", {})
    stack.parameters = {k: v for k, v in stack.stack_parameters.items() if k in declared}
    stack.output_map = stack._create_output_map()


def _has_parameters(self, other_parameters):
    # Values as CloudFormation compares them, as strings: moto keeps a Number it resolved as an int.
    def text(parameters):
        return {k: str(v) for k, v in (parameters or {}).items()}

    return text(self.parameters) == text(other_parameters)


cloudformation.CloudFormationBackend.execute_change_set = _execute_change_set_with_outputs
cloudformation.Stack.has_parameters = _has_parameters
apigateway.RestAPI.create_from_cloudformation_json = classmethod(_create_rest_api)
apigateway.RestAPI.delete = _delete_rest_api
awslambda.LambdaVersion.has_cfn_attr = classmethod(lambda cls, attr: attr == "Version")
awslambda.LambdaVersion.get_cfn_attribute = _version_attribute

if __name__ == "__main__":
    main(sys.argv[1:])
