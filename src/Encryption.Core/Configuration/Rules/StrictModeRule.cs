using System.Net.Sockets;
using Encryption.Core.Backends;
using static Encryption.Core.Configuration.OptionKeys;

namespace Encryption.Core.Configuration;

/// <summary>
/// Strict mode (operations.md §1.6, §2). The egress CIDR must parse and be IPv4, and is required when strict egress
/// is on. Cilium leaves strict egress silently inert without IPsec or WireGuard and strict ingress without
/// WireGuard; here both are errors, so nobody believes they are protected when they are not.
/// </summary>
public sealed class StrictModeRule : IOptionsRule
{
    public void Check(EncryptionOptions options, ValidationContext context)
    {
        var egress = options.StrictMode.Egress;
        if (egress.Cidr is { } cidr && cidr.BaseAddress.AddressFamily != AddressFamily.InterNetwork)
            context.Error(StrictEgressCidr, "must be an IPv4 CIDR: strict egress is IPv4 only");

        if (egress.Enabled && egress.Cidr is null && !context.HasFailed(StrictEgressCidr, StrictEgressEnabled))
            context.Error(StrictEgressCidr, $"is required when strict egress is enabled ({context.Describe(StrictEgressEnabled)})");

        if (egress.Enabled && options.EffectiveType is not (EncryptionType.IPsec or EncryptionType.WireGuard) && !context.HasFailed(Enabled, BackendType))
            context.Error(StrictEgressEnabled, $"strict egress needs IPsec or WireGuard, but {BackendDescription(options, context)}: nothing would be enforced");

        if (options.StrictMode.Ingress.Enabled && options.EffectiveType != EncryptionType.WireGuard && !context.HasFailed(Enabled, BackendType))
            context.Error(StrictIngressEnabled, $"strict ingress needs WireGuard, but {BackendDescription(options, context)}");
    }

    private static string BackendDescription(EncryptionOptions options, ValidationContext context) =>
        options.Enabled ? $"the backend is {context.Describe(BackendType)}" : $"encryption is off ({context.Describe(Enabled)})";
}
