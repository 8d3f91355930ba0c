using Encryption.Core.Backends;

namespace Encryption.Agent.Backends;

/// <summary>The names operators type for backends (<c>--backend ipsec</c>), the same as Helm's <c>encryption.type</c>.</summary>
internal static class BackendNames
{
    public static readonly IReadOnlyList<string> All = ["none", "ipsec", "wireguard", "ztunnel"];

    public static bool TryParse(string text, out EncryptionType type)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "none" or "disabled":
                type = EncryptionType.None;
                return true;
            case "ipsec":
                type = EncryptionType.IPsec;
                return true;
            case "wireguard":
                type = EncryptionType.WireGuard;
                return true;
            case "ztunnel":
                type = EncryptionType.Ztunnel;
                return true;
            default:
                type = EncryptionType.None;
                return false;
        }
    }

    public static string Name(EncryptionType type) => type switch
    {
        EncryptionType.IPsec => "ipsec",
        EncryptionType.WireGuard => "wireguard",
        EncryptionType.Ztunnel => "ztunnel",
        _ => "none",
    };
}
