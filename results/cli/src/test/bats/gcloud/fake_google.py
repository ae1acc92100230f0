"""A recording fake of the Google Admin APIs the deploy scripts' gcloud commands call.

usage: fake_google.py PORT LOG

gcloud reaches it as its HTTP proxy (proxy/type http): every API gcloud is pointed at with
api_endpoint_overrides/<api> = http://<api>.fake/ arrives here in absolute form, whatever host
name gcloud derives from it (Cloud Run's commands prefix the region: us-central1-run.fake), so no
name has to resolve. A request for any other host (https: a CONNECT) is refused, and logged: it
would have left the machine. Each request is appended to LOG as one JSON line (method, host, path,
query, body, Authorization header) for the tests to assert; the resources live in memory, shaped as Google returns them,
enough for gcloud to finish deploy, describe, update, IAM and delete. Like Cloud Functions, a
function's creation leaves its image and build cache in gcf-artifacts. Direct requests (not
proxied) read and seed the state: GET /control/store, PUT /control/store/<key> with a JSON body.
Not modelled: Cloud Build (403 after gcloud has parsed its command line; see gcloud.bats) and
buckets (a Cloud Build staging bucket is not found); objects are, as far as gcloud storage rm needs.
"""
import http.server
import json
import re
import sys
import threading
import urllib.parse

PORT, LOG = int(sys.argv[1]), sys.argv[2]
store = {}  # key (api/project/.../name) -> JSON object, as Google would return it
operations = []  # the responses of the operations, op-1 first
log = open(LOG, 'a', buffering=1)
lock = threading.Lock()  # one request at a time: the log's lines and the store stay whole
NUMBER = '123456789012'  # the fake project's number
FUNCTIONS_METADATA = {'@type': 'type.googleapis.com/google.cloud.functions.v2.OperationMetadata', 'stages': []}


def knative_ready(svc):
    """The service as Cloud Run returns it once its newest revision is ready and serves."""
    meta = svc['metadata']
    gen = meta.get('generation', 1)
    rev = '%s-%05d-fak' % (meta['name'], gen)
    url = 'https://%s-fakehash-uc.a.run.app' % meta['name']
    svc['status'] = {
        'observedGeneration': gen,
        'conditions': [{'type': t, 'status': 'True'} for t in ('Ready', 'ConfigurationsReady', 'RoutesReady')],
        'latestCreatedRevisionName': rev, 'latestReadyRevisionName': rev,
        'traffic': [{'revisionName': rev, 'percent': 100, 'latestRevision': True}],
        'url': url, 'address': {'url': url},
    }
    return svc


def revision_of(svc):
    """The newest revision of a Knative service in the fake: ready, made from its template."""
    meta = svc['metadata']
    return {'apiVersion': 'serving.knative.dev/v1', 'kind': 'Revision',
            'metadata': {'name': svc['status']['latestCreatedRevisionName'], 'namespace': meta.get('namespace'),
                         'labels': dict(svc['spec']['template']['metadata'].get('labels', {}),
                                        **{'serving.knative.dev/service': meta['name']})},
            'spec': svc['spec']['template']['spec'],
            'status': {'conditions': [{'type': 'Ready', 'status': 'True'}]}}


def gcf_package(project, region, function):
    return '__'.join(p.replace('_', '__').replace('-', '--') for p in (project, region, function))


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def log_message(self, *args):
        pass

    def reply(self, code, obj=None):
        body = b'' if obj is None else json.dumps(obj).encode()
        self.send_response(code)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(body)))
        if code >= 400:
            self.send_header('Connection', 'close')
        self.end_headers()
        self.wfile.write(body)

    def error(self, code, status, message):
        self.reply(code, {'error': {'code': code, 'message': message + ' (fake)', 'status': status}})

    def missing(self):
        self.error(404, 'NOT_FOUND', 'not found')

    def operation(self, response, metadata=None):
        """A long-running operation, done at once (gcloud still polls it once)."""
        op = {'name': 'projects/fake/locations/fake/operations/op-%d' % (len(operations) + 1),
              'done': True, 'response': response, 'metadata': metadata or {}}
        operations.append(op)
        self.reply(200, op)

    def handle_any(self):
        n = int(self.headers.get('Content-Length') or 0)
        raw = self.rfile.read(n) if n else b''
        url = urllib.parse.urlsplit(self.path)
        if not url.scheme and url.path.startswith('/control/'):
            return self.control(url.path, raw)
        host = url.hostname or self.headers.get('Host', '')
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = {'bytes': len(raw)}
        path = urllib.parse.unquote(url.path)  # once: a package name keeps its %2F
        log.write(json.dumps({'method': self.command, 'host': host, 'path': path,
                              'query': urllib.parse.parse_qs(url.query), 'body': body,
                              'auth': self.headers.get('Authorization')}) + '\n')
        if self.command == 'CONNECT' or not host.endswith('.fake'):
            return self.error(403, 'PERMISSION_DENIED', 'the fake refuses ' + self.path)
        api = re.sub(r'^[a-z]+-[a-z]+[0-9]+-', '', host)[:-len('.fake')]
        m = re.fullmatch(r'/v[0-9]+/projects/fake/locations/fake/operations/op-([0-9]+)', path)
        if m and self.command == 'GET':
            return self.reply(200, operations[int(m.group(1)) - 1])
        route = getattr(self, 'api_' + api, None)
        if route is None:
            return self.error(403, 'PERMISSION_DENIED', 'the fake has no API ' + api)
        route(self.command, path, body if isinstance(body, dict) else {})

    def locked(self):
        with lock:
            self.handle_any()

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_CONNECT = locked

    def control(self, path, raw):
        if self.command == 'GET' and path == '/control/store':
            return self.reply(200, store)
        if self.command == 'PUT' and path.startswith('/control/store/'):
            store[path[len('/control/store/'):]] = json.loads(raw)
            return self.reply(200, {})
        self.missing()

    def crud(self, key, method, created=None):
        """GET or DELETE an existing resource (DELETE answers a done operation)."""
        if key not in store:
            return self.missing()
        if method == 'GET':
            return self.reply(200, store[key])
        if method == 'DELETE':
            del store[key]
            return self.operation({})
        self.error(400, 'INVALID_ARGUMENT', method + ' is not modelled')

    # Cloud Run: the Knative serving API (regional host) and the v1 IAM methods.
    def api_run(self, method, path, body):
        m = re.fullmatch(r'/apis/serving.knative.dev/v1/namespaces/([^/]+)/services(?:/([^/]+))?', path)
        if m:
            project, name = m.groups()
            key = 'run/%s/%s' % (project, name or body.get('metadata', {}).get('name'))
            if method == 'POST':
                if key in store:
                    return self.error(409, 'ALREADY_EXISTS', key + ' exists')
                body['metadata']['generation'] = 1
                store[key] = knative_ready(body)
                return self.reply(200, store[key])
            if key not in store:
                return self.missing()
            if method == 'GET':
                return self.reply(200, store[key])
            if method == 'PUT':
                body['metadata']['generation'] = store[key]['metadata'].get('generation', 1) + 1
                store[key] = knative_ready(body)
                return self.reply(200, store[key])
            if method == 'DELETE':
                del store[key]
                store.pop('iam/' + key, None)
                return self.reply(200, {'kind': 'Status', 'status': 'Success'})
        m = re.fullmatch(r'/apis/serving.knative.dev/v1/namespaces/([^/]+)/revisions(?:/(([^/]+)-[0-9]{5}-fak))?', path)
        if m and method == 'GET':
            project, revision, name = m.groups()
            if revision is None:  # gcloud finds the revision it made by its nonce label
                wanted = (self.query('labelSelector') or '').replace(' ', '')
                return self.reply(200, {'items': [
                    revision_of(svc) for k, svc in store.items() if k.startswith('run/%s/' % project)
                    and wanted == 'client.knative.dev/nonce=%s' % svc['spec']['template']['metadata']
                    .get('labels', {}).get('client.knative.dev/nonce')]})
            svc = store.get('run/%s/%s' % (project, name))
            if svc is None or svc['status']['latestCreatedRevisionName'] != revision:
                return self.missing()
            return self.reply(200, revision_of(svc))
        m = re.fullmatch(r'/v1/projects/([^/]+)/locations/([^/]+)/services/([^/:]+):(get|set)IamPolicy', path)
        if m:
            project, _, name, verb = m.groups()
            if 'run/%s/%s' % (project, name) not in store:
                return self.missing()
            key = 'iam/run/%s/%s' % (project, name)
            if verb == 'set':
                store[key] = dict(body['policy'], etag='BwY=')
            return self.reply(200, store.get(key, {'etag': 'ACAB'}))
        self.missing()

    # Cloud Functions v2: functions, the source upload URL, and its operations.
    def api_cloudfunctions(self, method, path, body):
        m = re.fullmatch(r'/v2/projects/([^/]+)/locations/([^/]+)/functions:generateUploadUrl', path)
        if m:
            project, region = m.groups()
            return self.reply(200, {
                'uploadUrl': 'http://upload.fake/gcf-v2-uploads-%s-%s/source.zip' % (NUMBER, region),
                'storageSource': {'bucket': 'gcf-v2-uploads-%s-%s' % (NUMBER, region), 'object': 'source.zip'}})
        if re.fullmatch(r'/v2/projects/[^/]+/locations/[^/]+/runtimes', path):
            return self.reply(200, {'runtimes': [{'name': 'java25', 'displayName': 'Java 25', 'stage': 'GA',
                                                  'environment': 'GEN_2'}]})
        m = re.fullmatch(r'/v2/projects/([^/]+)/locations/([^/]+)/functions(?:/([^/:]+))?', path)
        if not m:
            return self.missing()
        project, region, name = m.groups()
        if method == 'POST':
            name = self.query('functionId')
        key = 'cloudfunctions/%s/%s/%s' % (project, region, name)
        if method in ('POST', 'PATCH'):
            if method == 'PATCH' and key not in store:
                return self.missing()
            function = dict(store.get(key, {}), **body)
            function.update(name='projects/%s/locations/%s/functions/%s' % (project, region, name),
                            state='ACTIVE', environment='GEN_2')
            service = function.setdefault('serviceConfig', {})
            service['service'] = 'projects/%s/locations/%s/services/%s' % (project, region, name)
            service['uri'] = 'https://%s-fakehash-uc.a.run.app' % name
            store[key] = function
            # Cloud Functions runs the function as a Cloud Run service of the same name, and its
            # build leaves the image and the buildpack cache in gcf-artifacts.
            run_key = 'run/%s/%s' % (project, name)
            package = gcf_package(project, region, name)
            limits = {'cpu': service.get('availableCpu', '1'), 'memory': service.get('availableMemory', '256M')}
            store[run_key] = knative_ready({
                'apiVersion': 'serving.knative.dev/v1', 'kind': 'Service',
                'metadata': {'name': name, 'namespace': project, 'generation': 1, 'annotations': {}, 'labels': {}},
                'spec': {'template': {'metadata': {'annotations': {}, 'labels': {}}, 'spec': {
                    'containerConcurrency': service.get('maxInstanceRequestConcurrency', 1),
                    'serviceAccountName': service.get('serviceAccountEmail', ''),
                    'containers': [{'image': 'us-central1-docker.pkg.dev/%s/gcf-artifacts/%s:version_1' % (project, package),
                                    'resources': {'limits': limits},
                                    'env': [{'name': k, 'value': v} for k, v in service.get('environmentVariables', {}).items()]}]}},
                    'traffic': [{'percent': 100, 'latestRevision': True}]}})
            for p in (package, package + '%2Fcache'):
                store['artifactregistry/%s/%s/gcf-artifacts/%s' % (project, region, p)] = {
                    'name': 'projects/%s/locations/%s/repositories/gcf-artifacts/packages/%s' % (project, region, p)}
            return self.operation(function, FUNCTIONS_METADATA)
        if method == 'DELETE' and key in store:
            store.pop('run/%s/%s' % (project, name), None)
            store.pop('iam/run/%s/%s' % (project, name), None)
            del store[key]
            return self.operation({}, FUNCTIONS_METADATA)
        self.crud(key, method)

    def api_upload(self, method, path, body):
        self.reply(200, {})  # the signed URL the source zip is PUT to

    # IAM: service accounts (gcloud names them projects/-/serviceAccounts/EMAIL).
    def api_iam(self, method, path, body):
        m = re.fullmatch(r'/v1/projects/([^/]+)/serviceAccounts', path)
        if m and method == 'POST':
            email = '%s@%s.iam.gserviceaccount.com' % (body['accountId'], m.group(1))
            key = 'iam/serviceAccounts/' + email
            if key in store:
                return self.error(409, 'ALREADY_EXISTS', email + ' exists')
            store[key] = {'name': 'projects/%s/serviceAccounts/%s' % (m.group(1), email), 'email': email,
                          'projectId': m.group(1), 'displayName': body['serviceAccount'].get('displayName', '')}
            return self.reply(200, store[key])
        m = re.fullmatch(r'/v1/projects/[^/]+/serviceAccounts/([^/:]+)', path)
        if m:
            key = 'iam/serviceAccounts/' + m.group(1)
            if method == 'DELETE' and key in store:
                del store[key]
                return self.reply(200, {})
            return self.crud(key, method)
        self.missing()

    # Artifact Registry: repositories and packages.
    def api_artifactregistry(self, method, path, body):
        m = re.fullmatch(r'/v1/projects/([^/]+)/locations/([^/]+)/repositories(?:/([^/]+))?(?:/packages/([^/]+))?', path)
        if not m:
            return self.missing()
        project, region, repository, package = m.groups()
        if method == 'POST' and repository is None:
            repository = self.query('repositoryId')
            key = 'artifactregistry/%s/%s/%s' % (project, region, repository)
            store[key] = dict(body, name='projects/%s/locations/%s/repositories/%s' % (project, region, repository))
            return self.operation(store[key])
        key = 'artifactregistry/%s/%s/%s' % (project, region, repository) + ('/' + package if package else '')
        self.crud(key, method)

    # Cloud Storage (JSON API): object listing and deletion under a prefix.
    def api_storage(self, method, path, body):
        if re.fullmatch(r'/storage/v1/b/[^/]+/storageLayout', path):
            return self.reply(200, {'kind': 'storage#storageLayout', 'hierarchicalNamespace': {'enabled': False}})
        m = re.fullmatch(r'/storage/v1/b/([^/]+)/o(?:/(.+))?', path)
        if not m:
            return self.missing()
        bucket, obj = m.groups()
        if obj is None and method == 'GET':
            prefix, delimiter = self.query('prefix') or '', self.query('delimiter')
            items, prefixes = [], set()
            for k in store:
                if not k.startswith('storage/%s/%s' % (bucket, prefix)):
                    continue
                name = k.split('/', 2)[2]
                rest = name[len(prefix):]
                if delimiter and delimiter in rest:
                    prefixes.add(prefix + rest[:rest.index(delimiter) + 1])
                else:
                    items.append({'name': name, 'bucket': bucket, 'size': '1', 'generation': '1'})
            return self.reply(200, {'kind': 'storage#objects', 'items': items, 'prefixes': sorted(prefixes)})
        key = 'storage/%s/%s' % (bucket, obj)
        if method == 'DELETE' and key in store:
            del store[key]
            return self.reply(204)
        self.crud(key, method)

    # Cloud Monitoring: projects.timeSeries.list, answered with one series naming its filter.
    def api_monitoring(self, method, path, body):
        if re.fullmatch(r'/v3/projects/[^/]+/timeSeries', path) and method == 'GET':
            return self.reply(200, {'timeSeries': [{'metric': {'type': self.query('filter')}, 'points': []}]})
        self.missing()

    def api_serviceusage(self, method, path, body):
        self.reply(200, {'name': path, 'state': 'ENABLED'})  # gcloud asks before a deploy

    # Cloud Build: the default build service account gcloud functions deploy checks; builds
    # themselves (gcloud builds submit) are not modelled.
    def api_cloudbuild(self, method, path, body):
        if path.endswith('/defaultServiceAccount'):
            return self.reply(200, {'name': path[4:],
                                    'serviceAccountEmail': 'projects/-/serviceAccounts/%s@cloudbuild.gserviceaccount.com' % NUMBER})
        self.error(403, 'PERMISSION_DENIED', 'Cloud Build is not modelled')

    def api_cloudresourcemanager(self, method, path, body):
        m = re.fullmatch(r'/v[13]/projects/([^/:]+)', path)
        if m:
            return self.reply(200, {'projectId': m.group(1), 'projectNumber': NUMBER, 'lifecycleState': 'ACTIVE'})
        self.missing()

    def query(self, name):
        values = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query).get(name)
        return values[0] if values else None


http.server.ThreadingHTTPServer(('127.0.0.1', PORT), Handler).serve_forever()
