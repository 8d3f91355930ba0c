#!/usr/bin/env python3
"""An independent gRPC client playing ztunnel against the agent: grpcio over TLS (h2), stubs generated
by protoc from the project's .proto files at test time. Usage:
  ztunnel_client.py STUBS TARGET ROOT_CA ca GOOD_CSR FOREIGN_CSR BAD_SIGNATURE_CSR
  ztunnel_client.py STUBS TARGET ROOT_CA ads NODE_NAME
The ads scenario prints a step name and waits for the test to create STUBS/<step>.go.
The last line printed is "RESULT <json>"."""
import json
import os
import queue
import sys
import time

stubs, target, root_ca, mode = sys.argv[1:5]
sys.path.insert(0, stubs)

import grpc  # noqa: E402
import citadel_pb2  # noqa: E402
import workload_pb2  # noqa: E402
import xds_pb2  # noqa: E402
from google.protobuf import struct_pb2  # noqa: E402

ADDRESS = "type.googleapis.com/istio.workload.Address"
AUTHORIZATION = "type.googleapis.com/istio.security.Authorization"
ADS = "/envoy.service.discovery.v3.AggregatedDiscoveryService/DeltaAggregatedResources"
CA = "/istio.v1.auth.IstioCertificateService/CreateCertificate"


def channel():
    with open(root_ca, "rb") as f:
        creds = grpc.ssl_channel_credentials(root_certificates=f.read())
    return grpc.secure_channel(target, creds, options=[("grpc.ssl_target_name_override", "localhost")])


def step(name):
    """Tells the test which step is reached, then waits for it to create STUBS/<name>.go."""
    print(name, flush=True)
    deadline = time.monotonic() + 60
    while not os.path.exists(os.path.join(stubs, name + ".go")):
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting for the test at step " + name)
        time.sleep(0.02)


def run_ca(good, foreign, bad):
    ch = channel()
    call = ch.unary_unary(CA, request_serializer=citadel_pb2.IstioCertificateRequest.SerializeToString,
                          response_deserializer=citadel_pb2.IstioCertificateResponse.FromString)
    results = {}
    for name, path in (("good", good), ("foreign", foreign), ("bad_signature", bad)):
        with open(path) as f:
            csr = f.read()
        metadata = struct_pb2.Struct()
        request = citadel_pb2.IstioCertificateRequest(csr=csr, validity_duration=3600, metadata=metadata)
        try:
            response = call(request, timeout=30)
            results[name] = {"code": "OK", "chain": list(response.cert_chain)}
        except grpc.RpcError as e:
            results[name] = {"code": e.code().name, "details": e.details()}
    return results


class Stream:
    def __init__(self, ch):
        self.requests = queue.Queue()
        method = ch.stream_stream(ADS, request_serializer=xds_pb2.DeltaDiscoveryRequest.SerializeToString,
                                  response_deserializer=xds_pb2.DeltaDiscoveryResponse.FromString)
        self.responses = method(iter(self.requests.get, None), timeout=60)

    def send(self, **fields):
        self.requests.put(xds_pb2.DeltaDiscoveryRequest(**fields))

    def recv(self):
        return next(self.responses)

    def half_close(self):
        self.requests.put(None)
        leftover = [r for r in self.responses]
        return self.responses.code().name, len(leftover)


def describe(response, held):
    workloads = {}
    for r in response.resources:
        address = workload_pb2.Address.FromString(r.resource.value)
        w = address.workload
        workloads[r.name] = {"uid": w.uid, "name": w.name, "namespace": w.namespace, "service_account": w.service_account,
                             "node": w.node, "tunnel_protocol": w.tunnel_protocol,
                             "addresses": [a.hex() for a in w.addresses], "any_type": r.resource.type_url}
        held[r.name] = r.version
    for name in response.removed_resources:
        held.pop(name, None)
    return {"type": response.type_url, "nonce": response.nonce, "workloads": workloads,
            "versions": {r.name: r.version for r in response.resources}, "removed": sorted(response.removed_resources)}


def run_ads(node_name):
    held = {}
    ch = channel()
    s = Stream(ch)
    node = xds_pb2.Node(id="ztunnel~10.0.0.1~ztunnel-cilium-x.kube-system~kube-system.svc.cluster.local",
                        metadata=struct_pb2.Struct(fields={"NODE_NAME": struct_pb2.Value(string_value=node_name)}))
    s.send(node=node, type_url=ADDRESS)
    s.send(type_url=AUTHORIZATION)
    initial = describe(s.recv(), held)
    authorization = describe(s.recv(), {})
    s.send(type_url=ADDRESS, response_nonce=initial["nonce"])
    s.send(type_url=AUTHORIZATION, response_nonce=authorization["nonce"])
    step("push1")
    push1 = describe(s.recv(), held)
    s.send(type_url=ADDRESS, response_nonce=push1["nonce"], error_detail=xds_pb2.Status(message="rejected by the test"))
    step("push2")
    push2 = describe(s.recv(), held)
    s.send(type_url=ADDRESS, response_nonce=push2["nonce"])
    status, extra = s.half_close()
    step("reconnect")
    held_before = dict(held)
    s = Stream(ch)
    versions = dict(held)
    versions["stale-uid"] = "0000"
    s.send(node=node, type_url=ADDRESS, initial_resource_versions=versions)
    s.send(type_url=AUTHORIZATION, initial_resource_versions={"old-policy": "1"})
    reconnect = describe(s.recv(), held)
    reconnect_authorization = describe(s.recv(), {})
    s.send(type_url=ADDRESS, response_nonce=reconnect["nonce"])
    s.send(type_url=AUTHORIZATION, response_nonce=reconnect_authorization["nonce"])
    s.half_close()
    return {"initial": initial, "authorization": authorization, "push1": push1, "push2": push2,
            "first_stream_status": status, "first_stream_extra_responses": extra, "held_before_reconnect": held_before,
            "reconnect": reconnect, "reconnect_authorization": reconnect_authorization, "held": held}


if mode == "ca":
    result = run_ca(*sys.argv[5:8])
elif mode == "ads":
    result = run_ads(sys.argv[5])
else:
    raise SystemExit("unknown mode " + mode)
print("RESULT " + json.dumps(result), flush=True)
