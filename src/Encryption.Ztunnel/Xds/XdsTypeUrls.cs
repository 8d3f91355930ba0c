namespace Encryption.Ztunnel.Xds;

/// <summary>The two resource types ztunnel watches (ztunnel src/xds/types.rs).</summary>
public static class XdsTypeUrls
{
    public const string Address = "type.googleapis.com/istio.workload.Address";

    public const string Authorization = "type.googleapis.com/istio.security.Authorization";

    public static bool IsKnown(string typeUrl) => typeUrl is Address or Authorization;
}
