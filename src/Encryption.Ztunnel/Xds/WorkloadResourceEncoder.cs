using System.Security.Cryptography;
using Encryption.Ztunnel.Enrollment;
using Encryption.Ztunnel.Protos.Workload;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Encryption.Ztunnel.Xds;

/// <summary>
/// <see cref="MeshWorkload"/> to an <c>istio.workload.Address</c> resource: uid, name, namespace, service
/// account, node, raw 4/16-byte addresses and tunnel_protocol HBONE (what Cilium sends, plus trust_domain).
/// </summary>
public static class WorkloadResourceEncoder
{
    public static XdsResource Encode(MeshWorkload workload, string trustDomain)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var proto = new Workload
        {
            Uid = workload.Uid,
            Name = workload.Name,
            Namespace = workload.Namespace,
            ServiceAccount = workload.ServiceAccount,
            Node = workload.Node,
            TrustDomain = trustDomain,
            TunnelProtocol = TunnelProtocol.Hbone,
        };
        foreach (var address in workload.Addresses)
            proto.Addresses.Add(ByteString.CopyFrom(address.GetAddressBytes()));
        var body = new Address { Workload = proto }.ToByteString();
        var any = new Any { TypeUrl = XdsTypeUrls.Address, Value = body };
        return new XdsResource(workload.Uid, VersionOf(body), any);
    }

    private static string VersionOf(ByteString body)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body.Span, hash);
        return Convert.ToHexStringLower(hash[..8]);
    }
}
