"""Checks a Knative Service manifest: the shape serving.knative.dev/v1 requires, and PixelForge's settings.

usage: validate_knative.py FILE CONCURRENCY MAX_INSTANCES TIMEOUT_S MEMORY CPU SERVICE_ACCOUNT
"""
import sys
import yaml

path, concurrency, max_instances, timeout, memory, cpu, service_account = sys.argv[1:8]
doc = yaml.safe_load(open(path))
errors = []

def expect(what, actual, wanted):
    if actual != wanted:
        errors.append(f"{what}: {actual!r}, expected {wanted!r}")

expect("apiVersion", doc.get("apiVersion"), "serving.knative.dev/v1")
expect("kind", doc.get("kind"), "Service")
if not doc.get("metadata", {}).get("name"):
    errors.append("metadata.name is missing")
template = doc["spec"]["template"]
expect("maxScale", template["metadata"]["annotations"].get("autoscaling.knative.dev/maxScale"), max_instances)
spec = template["spec"]
expect("containerConcurrency", spec.get("containerConcurrency"), int(concurrency))
expect("serviceAccountName", spec.get("serviceAccountName"), service_account)
expect("ingress", doc["metadata"]["annotations"].get("run.googleapis.com/ingress"), "all")
expect("timeoutSeconds", spec.get("timeoutSeconds"), int(timeout))
containers = spec.get("containers", [])
expect("containers", len(containers), 1)
c = containers[0]
if not c.get("image"):
    errors.append("the container has no image")
expect("containerPort", c["ports"][0].get("containerPort"), 8080)
expect("memory", c["resources"]["limits"].get("memory"), memory)
expect("cpu", str(c["resources"]["limits"].get("cpu")), cpu)
expect("startup probe", c.get("startupProbe", {}).get("tcpSocket", {}).get("port"), 8080)
allowed = {"image", "ports", "env", "resources", "startupProbe", "name", "args", "command", "livenessProbe"}
unknown = set(c) - allowed
if unknown:
    errors.append(f"fields Knative does not know: {sorted(unknown)}")
if errors:
    print("\n".join(errors))
    sys.exit(1)
print("ok")
