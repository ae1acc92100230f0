#!/usr/bin/env python3
"""Expands a SAM template into plain CloudFormation, as CloudFormation's AWS::Serverless-2016-10-31
transform does, with the same library (aws-sam-translator), here instead of in CloudFormation.

    sam-expand.py PACKAGED_TEMPLATE OUTPUT_JSON [Name=Value ...]

PACKAGED_TEMPLATE is `aws cloudformation package`'s output (CodeUri already an s3:// location); the
Name=Value pairs are the stack parameters deploy passes, given to the translator as CloudFormation
gives them to its transform (parameters left out take their defaults). The region and partition are
the AWS CLI's own (botocore reads the same AWS_REGION / AWS_DEFAULT_REGION / AWS_PROFILE). Parameters
stay parameters in the output: CloudFormation still resolves every Ref at deploy time.

ApiAccess=public (deploy.sh --public) takes Auth and MethodSettings off every AWS::Serverless::Api
before the transform: no API key, usage plan or stage throttle, the studies' public API. SAM's Auth
takes no condition (an Fn::If there is read as true), so this is the one place the mode is applied;
the parameter stays in the output, so describe-stacks says which mode the stack was deployed in.
"""
import json
import sys

import boto3
from samtranslator.model.exceptions import InvalidDocumentException
from samtranslator.public.translator import ManagedPolicyLoader
from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse


class NoManagedPolicyNames(ManagedPolicyLoader):
    """The template names no managed policy by name; if it ever does, say so instead of listing
    every AWS managed policy through IAM (which needs iam:ListPolicies)."""

    def __init__(self):
        super().__init__(None)

    def load(self):
        sys.exit("sam-expand.py: the template names a managed policy by name: give its ARN instead")


def public_api(template):
    """The template's APIs with no key, usage plan or stage throttle (ApiAccess=public)."""
    for resource in template.get("Resources", {}).values():
        if resource.get("Type") == "AWS::Serverless::Api":
            properties = resource.get("Properties", {})
            properties.pop("Auth", None)
            properties.pop("MethodSettings", None)


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    source, target, pairs = argv[1], argv[2], argv[3:]
    parameters = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            sys.exit(f"sam-expand.py: {pair!r} is not Name=Value")
        parameters[name] = value
    session = boto3.session.Session()
    if not session.region_name:
        sys.exit("sam-expand.py: no AWS region: set AWS_REGION or run aws configure")
    parameters.setdefault("AWS::Region", session.region_name)
    with open(source, encoding="utf-8") as f:
        template = yaml_parse(f.read())
    if parameters.get("ApiAccess", "private") == "public":
        public_api(template)
    try:
        expanded = transform(template, parameters, NoManagedPolicyNames())
    except InvalidDocumentException as e:
        sys.exit("sam-expand.py: the SAM template is invalid: "
                 + "; ".join(str(cause) for cause in e.causes))
    with open(target, "w", encoding="utf-8") as f:
        json.dump(expanded, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv)
