#!/usr/bin/env python3
"""Expands a SAM template into plain CloudFormation, as CloudFormation's AWS::Serverless-2016-10-31
transform does, with the same library (aws-sam-translator), here instead of in CloudFormation.

    sam-expand.py PACKAGED_TEMPLATE OUTPUT_JSON [Name=Value ...]

PACKAGED_TEMPLATE is `aws cloudformation package`'s output (CodeUri already an s3:// location); the
Name=Value pairs are the stack parameters deploy passes, given to the translator as CloudFormation
gives them to its transform (parameters left out take their defaults). The region and partition are
the AWS CLI's own (botocore reads the same AWS_REGION / AWS_DEFAULT_REGION / AWS_PROFILE). Parameters
stay parameters in the output: CloudFormation still resolves every Ref at deploy time.
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
