using System.Diagnostics.CodeAnalysis;

namespace Encryption.Ztunnel.Ca;

/// <summary>A workload identity: <c>spiffe://&lt;trust-domain&gt;/ns/&lt;namespace&gt;/sa/&lt;service-account&gt;</c>.</summary>
public sealed record SpiffeId(string TrustDomain, string Namespace, string ServiceAccount)
{
    private const string Scheme = "spiffe://";

    public override string ToString() => $"{Scheme}{TrustDomain}/ns/{Namespace}/sa/{ServiceAccount}";

    /// <summary>Parses like ztunnel's Identity::from_str: exactly five '/'-separated parts with literal "ns" and "sa".</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out SpiffeId? id, [NotNullWhen(false)] out string? error)
    {
        id = null;
        if (value is null || !value.StartsWith(Scheme, StringComparison.Ordinal))
        {
            error = "not a spiffe:// URI";
            return false;
        }

        var parts = value[Scheme.Length..].Split('/');
        if (parts.Length != 5 || parts[1] != "ns" || parts[3] != "sa")
        {
            error = "expected spiffe://<trust-domain>/ns/<namespace>/sa/<service-account>";
            return false;
        }

        if (parts.Any(string.IsNullOrEmpty))
        {
            error = "empty trust domain, namespace or service account";
            return false;
        }

        id = new SpiffeId(parts[0], parts[2], parts[4]);
        error = null;
        return true;
    }
}
